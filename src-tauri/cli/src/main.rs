//! `stakemap`: read and change a Stakemap map from the command line, through stakemap-core alone.
//!
//! ```text
//! stakemap --map accounts.stakemap demo
//! stakemap --map accounts.stakemap summary --json
//! stakemap --map accounts.stakemap backups list
//! stakemap --map accounts.stakemap coverage --project "Fleet Visibility Rollout" --json
//! stakemap -m accounts.stakemap add contact --name "Dana Ruiz" --organization Northwind
//! ```

mod add;
mod args;
mod backups;
mod commands;
mod coverage;
mod export;
mod failure;
mod import;
mod listing;
mod render_export;
mod table;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::args::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(map) = cli.map else {
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "give the map: --map <FILE>",
            )
            .exit()
    };
    match commands::run(&map, cli.command) {
        Ok(output) => print(&output),
        Err(failure) => {
            let _ = writeln!(std::io::stderr(), "stakemap: {failure}");
            failure.code()
        }
    }
}

/// Writes the command's output; a reader that went away (`| head`) is not an error.
fn print(output: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "stakemap: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
