//! Crash safety, shown: `stakemap-crash-writer` edits a map through the operation API and is
//! killed with SIGKILL at random moments; after each kill the map must pass SQLite's checks and
//! hold exactly what the writer acknowledged: every acknowledged operation whole, the one in
//! flight whole or not at all, nothing else.
//!
//! `STAKEMAP_CRASH_KILLS` sets the number of kills (default 300), `STAKEMAP_CRASH_SEED` the seed.
//! A writer that acknowledges before committing must be caught: the negative control.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::support::Rng;
use rusqlite::Connection;
use stakemap_core::{Map, MapOptions, Record, Snapshot};

#[path = "../../src/bin/crash_writer/layout.rs"]
#[allow(dead_code)]
mod layout;

use layout::{Groups, Step};

const WRITER: &str = env!("CARGO_BIN_EXE_stakemap-crash-writer");

/// What the runs so far have shown.
#[derive(Debug, Default)]
struct Tally {
    kills: u64,
    /// Operations acknowledged by the writer, each then found in the map.
    acknowledged: u64,
    /// Operations in flight at a kill that turned out committed / not committed.
    in_flight_committed: u64,
    in_flight_lost: u64,
    /// Kills before the writer had opened the map.
    early_kills: u64,
    /// Records compared exactly with the model, summed over the checks.
    records_compared: u64,
}

/// The harness: the map, the model of what it must hold, and the next operation number.
struct Harness {
    path: std::path::PathBuf,
    groups: Groups,
    next_op: u64,
    rng: Rng,
    ack_early: bool,
    tally: Tally,
}

/// All records of a snapshot, sorted by id.
fn records(snapshot: Snapshot) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    out.extend(snapshot.organizations.into_iter().map(Record::Organization));
    out.extend(snapshot.teammates.into_iter().map(Record::Teammate));
    out.extend(snapshot.contacts.into_iter().map(Record::Contact));
    out.extend(snapshot.projects.into_iter().map(Record::Project));
    out.extend(snapshot.stakes.into_iter().map(Record::Stake));
    out.extend(snapshot.relationships.into_iter().map(Record::Relationship));
    out.extend(snapshot.interactions.into_iter().map(Record::Interaction));
    out.sort_by(|a, b| a.id().cmp(b.id()));
    out
}

/// The first few differences between what the map must hold and what it holds.
fn differences(expected: &[Record], actual: &[Record]) -> String {
    let mut out = Vec::new();
    for record in expected {
        match actual.iter().find(|a| a.id() == record.id()) {
            None => out.push(format!("missing {}", record.id())),
            Some(found) if found != record => out.push(format!("changed {}", record.id())),
            Some(_) => {}
        }
    }
    for record in actual {
        if !expected.iter().any(|e| e.id() == record.id()) {
            out.push(format!("unexpected {}", record.id()));
        }
    }
    let more = out.len().saturating_sub(8);
    out.truncate(8);
    if more > 0 {
        out.push(format!("and {more} more"));
    }
    out.join(", ")
}

impl Harness {
    fn new(path: &Path, seed: u64, ack_early: bool) -> Harness {
        Harness {
            path: path.to_path_buf(),
            groups: Groups::new(),
            next_op: 1,
            rng: Rng(seed | 1),
            ack_early,
            tally: Tally::default(),
        }
    }

    /// Starts a writer, kills it at a random moment, and checks the map; `Err` says what the
    /// check found wrong.
    fn round(&mut self) -> Result<(), String> {
        let mut command = Command::new(WRITER);
        command
            .arg(&self.path)
            .arg(self.rng.next().to_string())
            .arg(self.next_op.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if self.ack_early {
            command.arg("--ack-early");
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start {WRITER}: {e}"))?;
        let lines = read_lines(&mut child);
        // Now and then kill it while it opens the map; else once it is editing, after 0-50 ms.
        let early = self.rng.below(10) == 0;
        if early {
            thread::sleep(Duration::from_micros(self.rng.below(3000) as u64));
        } else {
            match lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) if line == "ready" => {}
                other => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "the writer did not start: {other:?}, {}",
                        stderr(&mut child)
                    ));
                }
            }
            thread::sleep(Duration::from_micros(self.rng.below(50_000) as u64));
        }
        child
            .kill()
            .map_err(|e| format!("cannot kill the writer: {e}"))?; // SIGKILL
        let status = child.wait().map_err(|e| e.to_string())?;
        let output: Vec<String> = lines.iter().collect();
        if status.success() || status.code().is_some() {
            // It exited on its own before the kill: a failure of the writer, not a crash.
            return Err(format!(
                "the writer exited with {status} before the kill: {}",
                stderr(&mut child)
            ));
        }
        self.tally.kills += 1;
        let mut ready = !early;
        let mut pending: Option<Step> = None;
        for line in output {
            if line == "ready" {
                ready = true;
            } else if let Some(step) = Step::parse(&line) {
                if pending.is_some() {
                    return Err(format!("two operations in flight: {line}"));
                }
                self.next_op = self.next_op.max(step.op() + 1);
                pending = Some(step);
            } else if let Some(n) = line.strip_prefix("ack ") {
                let step = pending
                    .take()
                    .filter(|s| s.op().to_string() == n)
                    .ok_or_else(|| format!("ack {n} without its intent"))?;
                if !layout::advance(&mut self.groups, step) {
                    return Err(format!("the writer chose an impossible step: {step:?}"));
                }
                self.tally.acknowledged += 1;
            } else {
                return Err(format!("unexpected writer output: {line}"));
            }
        }
        if !ready {
            self.tally.early_kills += 1;
        }
        self.check(pending)
    }

    /// Checks the map after a kill against the model, settling the operation in flight.
    fn check(&mut self, pending: Option<Step>) -> Result<(), String> {
        let conn = Connection::open(&self.path).map_err(|e| e.to_string())?;
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if integrity != "ok" {
            return Err(format!("integrity_check: {integrity}"));
        }
        let mut stmt = conn
            .prepare("PRAGMA foreign_key_check")
            .map_err(|e| e.to_string())?;
        let violations = stmt
            .query_map([], |_| Ok(()))
            .map_err(|e| e.to_string())?
            .count();
        drop(stmt);
        if violations > 0 {
            return Err(format!("foreign_key_check: {violations} violations"));
        }
        drop(conn);
        // The map opens as the app opens it (its quick check included) and holds the model.
        let options = MapOptions::default().daily_backup(false);
        let map = Map::open_with(&self.path, options).map_err(|e| e.to_string())?;
        let actual = records(map.snapshot().map_err(|e| e.to_string())?);
        drop(map);
        let without = layout::expected(&self.groups);
        self.tally.records_compared += actual.len() as u64;
        if actual == without {
            if pending.is_some() {
                self.tally.in_flight_lost += 1;
            }
            return Ok(());
        }
        if let Some(step) = pending {
            let mut with = self.groups.clone();
            if layout::advance(&mut with, step) && actual == layout::expected(&with) {
                self.groups = with;
                self.tally.in_flight_committed += 1;
                return Ok(());
            }
        }
        Err(format!(
            "the map lost or half-applied an operation (in flight: {pending:?}): {}",
            differences(&without, &actual)
        ))
    }
}

/// The child's stdout, line by line, on a channel (closed when the child's stdout closes).
fn read_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("piped stdout");
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

fn stderr(child: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut err, &mut text);
    }
    text
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Set for the child process that runs a harness (see [`in_child`]): `sound` or `ack-early`.
const HARNESS_VAR: &str = "STAKEMAP_CRASH_HARNESS";
/// What the child prints last: `<MARK> ok <summary>` or `<MARK> failed <problem>`.
const MARK: &str = "STAKEMAP-CRASH-RESULT";

/// Runs the harness in a child process (this test binary again, running only
/// `crash::harness_child`) and returns its verdict.
///
/// A writer is started hundreds of times, and each start copies the starting process's open
/// files until the writer's program replaces it; a map's lock file among them stays locked
/// for that moment. Run from this multi-threaded test binary, that would make other tests'
/// maps look open elsewhere (`AlreadyOpen`). The child holds no other maps.
fn in_child(mode: &str) -> Result<String, String> {
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash::harness_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HARNESS_VAR, mode)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let verdict = stdout
        .lines()
        .find_map(|l| l.split_once(MARK).map(|(_, verdict)| verdict))
        .unwrap_or_else(|| {
            panic!(
                "the harness gave no verdict ({}): {stdout}\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
        })
        .trim();
    match verdict.split_once(' ') {
        Some(("ok", summary)) => Ok(summary.to_string()),
        Some(("failed", problem)) => Err(problem.to_string()),
        _ => panic!("a verdict the parent does not read: {verdict}"),
    }
}

/// Not a test on its own: the child process of the two tests below runs the harness here.
#[test]
fn harness_child() {
    let Ok(mode) = std::env::var(HARNESS_VAR) else {
        return;
    };
    let verdict = match mode.as_str() {
        "sound" => sound(),
        "ack-early" => ack_early(),
        other => Err(format!("unknown harness mode {other}")),
    };
    match verdict {
        Ok(summary) => println!("{MARK} ok {summary}"),
        Err(problem) => println!("{MARK} failed {problem}"),
    }
}

/// Kills a sound writer `STAKEMAP_CRASH_KILLS` times (default 300), checking after each kill.
fn sound() -> Result<String, String> {
    let kills = env_u64("STAKEMAP_CRASH_KILLS").unwrap_or(300);
    let seed = env_u64("STAKEMAP_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("crash.stakemap");
    let mut harness = Harness::new(&path, seed, false);
    let started = Instant::now();
    for round in 0..kills {
        harness
            .round()
            .map_err(|problem| format!("kill {round} (STAKEMAP_CRASH_SEED={seed}): {problem}"))?;
    }
    let t = &harness.tally;
    let summary = format!(
        "{} kills in {:.1} s (seed {seed}): {} operations acknowledged, each then found in the \
         map; in flight at a kill: {} found committed, {} found not applied; {} kills while \
         the writer opened the map; {} records compared; {} groups at the end",
        t.kills,
        started.elapsed().as_secs_f64(),
        t.acknowledged,
        t.in_flight_committed,
        t.in_flight_lost,
        t.early_kills,
        t.records_compared,
        harness.groups.len()
    );
    if t.kills != kills || t.acknowledged < kills / 2 || t.in_flight_committed == 0 {
        return Err(format!(
            "too few edits between kills to show anything: {summary}"
        ));
    }
    Ok(summary)
}

/// Kills a writer that acknowledges before committing until the check notices (at most 200).
fn ack_early() -> Result<String, String> {
    let seed = env_u64("STAKEMAP_CRASH_SEED").unwrap_or(7);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("lossy.stakemap");
    let mut harness = Harness::new(&path, seed, true);
    for round in 0..200 {
        if let Err(problem) = harness.round() {
            return Err(format!("kill {round}: {problem}"));
        }
    }
    Ok(format!("200 kills went unnoticed: {:?}", harness.tally))
}

#[test]
fn every_acknowledged_edit_survives_sigkill_and_none_is_half_applied() {
    match in_child("sound") {
        Ok(summary) => println!("crash: {summary}"),
        Err(problem) => panic!("{problem}"),
    }
}

#[test]
fn the_check_catches_a_writer_that_acknowledges_before_committing() {
    match in_child("ack-early") {
        Ok(summary) => panic!("the check missed a writer that loses edits: {summary}"),
        Err(problem) => {
            println!("negative control caught: {problem}");
            assert!(problem.contains("lost or half-applied"), "{problem}");
            assert!(
                problem.contains("missing") || problem.contains("changed"),
                "{problem}"
            );
        }
    }
}
