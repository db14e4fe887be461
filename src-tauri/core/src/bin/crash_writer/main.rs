//! `stakemap-crash-writer`: makes edits to a map through the operation API until it is killed.
//! The crash test (`tests/core/crash.rs`) runs it, kills it with SIGKILL at random moments and
//! checks the map against what it reported.
//!
//! ```text
//! stakemap-crash-writer MAP SEED FIRST-OP [--ack-early]
//! ```
//!
//! It prints `ready` once the map is open, then for each operation `intent <n> <step>` before
//! applying it and `ack <n>` after `Map::apply` has returned (each line flushed at once). With
//! `--ack-early` it acknowledges before applying: the broken writer the test must catch.

// Shared with the checker, which uses the parts the writer does not.
#[allow(dead_code)]
mod layout;

use std::io::Write;
use std::process::ExitCode;

use stakemap_core::{Map, MapOptions};

use crate::layout::{Groups, Step};

/// Groups kept in the map at most (more and the writer deletes rather than creates).
const MAX_GROUPS: usize = 40;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "stakemap-crash-writer: {message}");
            ExitCode::FAILURE
        }
    }
}

fn say(line: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: stakemap-crash-writer MAP SEED FIRST-OP [--ack-early] [--ops N]";
    let (Some(path), Some(seed), Some(first)) = (args.first(), args.get(1), args.get(2)) else {
        return Err(usage.into());
    };
    let seed: u64 = seed.parse().map_err(|_| usage.to_string())?;
    let mut next_op: u64 = first.parse().map_err(|_| usage.to_string())?;
    let ack_early = args.iter().any(|a| a == "--ack-early");
    let limit: Option<u64> = args
        .iter()
        .position(|a| a == "--ops")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());

    let options = MapOptions::default().daily_backup(false);
    let mut map = Map::open_with(path, options).map_err(|e| e.to_string())?;
    let mut groups: Groups = layout::groups_in(&map.snapshot().map_err(|e| e.to_string())?);
    let mut rng = Rng(seed | 1);
    say("ready")?;
    let mut done = 0;
    while limit.is_none_or(|n| done < n) {
        let step = choose(&mut rng, &groups, next_op);
        next_op += 1;
        let op = layout::op(&groups, step).ok_or("the writer chose a missing group")?;
        say(&step.line())?;
        if ack_early {
            say(&format!("ack {}", step.op()))?;
            // A writer that acknowledges early loses whatever it acknowledged when it dies before
            // committing; pausing here makes that window wide enough for the harness to hit it.
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        map.apply(op).map_err(|e| format!("{}: {e}", step.line()))?;
        if !ack_early {
            say(&format!("ack {}", step.op()))?;
        }
        layout::advance(&mut groups, step);
        done += 1;
    }
    Ok(())
}

/// The next step: mostly creations while the map is small, a mix of edits and deletes after.
fn choose(rng: &mut Rng, groups: &Groups, op: u64) -> Step {
    let ids: Vec<u64> = groups.keys().copied().collect();
    let pick = |rng: &mut Rng| ids[rng.below(ids.len())];
    let roll = rng.below(100);
    if ids.len() < 4 || (roll < 40 && ids.len() < MAX_GROUPS) {
        return Step::Create {
            op,
            size: 1 + rng.below(8),
        };
    }
    if roll < 65 {
        return Step::Edit {
            op,
            group: pick(rng),
        };
    }
    if roll < 75 {
        let with_project: Vec<u64> = groups
            .iter()
            .filter(|(_, g)| g.project)
            .map(|(&id, _)| id)
            .collect();
        if !with_project.is_empty() {
            return Step::DropProject {
                op,
                group: with_project[rng.below(with_project.len())],
            };
        }
    }
    Step::Delete {
        op,
        group: pick(rng),
    }
}
