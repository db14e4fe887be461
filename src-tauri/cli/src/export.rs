//! `stakemap export`: the map, or one project, as Stakemap JSON or a CSV table, written
//! atomically to `--out` (or printed when `--out` is not given).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use stakemap_core::interchange::{atomic::write_atomic, export, json};

use crate::commands::open_read_only;
use crate::failure::Failure;

/// `export`'s arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "CSV tables: `--table contacts` (the default) writes one row per contact \
                        (Id, Name, Title, Organization, Email, Phone, Location, Tags, Notes, \
                        Cadence days); `--table stakes` one row per stake with project, contact, \
                        organization and owner names and the role's label. With --project, only \
                        that project's part of the map (its stakes, their contacts, ...).\n\
                        Reads the map only, so it works while the app has the map open."
)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only this project (its name, ignoring case, or its id).
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,
    /// For CSV: which table.
    #[arg(long, value_enum, default_value_t = Table::Contacts)]
    pub table: Table,
    /// The file to write (replaced atomically); without it JSON, CSV and SVG go to standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub image: crate::render_export::ImageArgs,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Stakemap JSON, version 1 (docs/format.md): the whole map, lossless.
    Json,
    /// A CSV table (see --table).
    Csv,
    /// A PNG image of the map as on the canvas (see --scale, --background, --view).
    Png,
    /// An SVG drawing of the map as on the canvas.
    Svg,
}

/// The CSV tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// One row per contact.
    Contacts,
    /// One row per stake (a contact on a project).
    Stakes,
}

/// Runs `export`; returns what to print.
pub fn run(path: &Path, args: ExportArgs) -> Result<String, Failure> {
    let map = open_read_only(path)?;
    let mut snapshot = map.snapshot()?;
    // Images show a project within the whole map (a contact's other projects still count).
    let image = matches!(args.format, ExportFormat::Png | ExportFormat::Svg);
    if let Some(project) = args.project.as_ref().filter(|_| !image) {
        snapshot = export::project_subset(&snapshot, project)?;
    }
    let bytes = match args.format {
        ExportFormat::Json => json::export(&snapshot)?.into_bytes(),
        ExportFormat::Csv => match args.table {
            Table::Contacts => export::contacts_csv(&snapshot)?,
            Table::Stakes => export::stakes_csv(&snapshot)?,
        },
        ExportFormat::Png | ExportFormat::Svg => crate::render_export::render(
            &snapshot,
            args.project.as_deref(),
            &args.image,
            args.format == ExportFormat::Png,
        )?,
    };
    deliver(
        &bytes,
        args.out.as_deref(),
        describe(args.format, args.table),
    )
}

fn describe(format: ExportFormat, table: Table) -> &'static str {
    match (format, table) {
        (ExportFormat::Json, _) => "the map as Stakemap JSON",
        (ExportFormat::Csv, Table::Contacts) => "the contacts as CSV",
        (ExportFormat::Csv, Table::Stakes) => "the stakes as CSV",
        (ExportFormat::Png, _) => "the map as PNG",
        (ExportFormat::Svg, _) => "the map as SVG",
    }
}

/// Writes `bytes` atomically to `out`, or returns them (as text) for standard output.
pub fn deliver(bytes: &[u8], out: Option<&Path>, what: &str) -> Result<String, Failure> {
    match out {
        Some(out) => {
            write_atomic(out, bytes)?;
            Ok(format!(
                "Wrote {what} to {} ({} bytes).\n",
                out.display(),
                bytes.len()
            ))
        }
        None => String::from_utf8(bytes.to_vec())
            .map_err(|_| Failure::invalid("this format is binary: give --out PATH")),
    }
}
