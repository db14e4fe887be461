//! `coverage`: each project's coverage score, band, components and findings, as a readable
//! report or as JSON. Reads the map only.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use stakemap_core::coverage::{self, Config, Coverage};

use crate::commands::open_read_only;
use crate::failure::Failure;

/// Scores the projects of the map at `path` (one project when `project` names it).
pub fn coverage(
    path: &Path,
    project: Option<&str>,
    today: Option<NaiveDate>,
    json: bool,
) -> Result<String, Failure> {
    let snapshot = open_read_only(path)?.snapshot()?;
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut results = coverage::score(&snapshot, today, &Config::default());
    if let Some(wanted) = project {
        results = select(results, wanted, path)?;
    }
    if json {
        Ok(serde_json::to_string_pretty(&results)? + "\n")
    } else {
        Ok(report(&results, today))
    }
}

/// The projects whose id is `wanted`, or whose name is `wanted` ignoring case.
fn select(results: Vec<Coverage>, wanted: &str, path: &Path) -> Result<Vec<Coverage>, Failure> {
    let key = wanted.trim();
    let by_id: Vec<usize> = (0..results.len())
        .filter(|&n| results[n].project == key)
        .collect();
    let chosen = if by_id.is_empty() {
        (0..results.len())
            .filter(|&n| results[n].name.to_lowercase() == key.to_lowercase())
            .collect()
    } else {
        by_id
    };
    if chosen.is_empty() {
        let known: Vec<&str> = results.iter().map(|c| c.name.as_str()).collect();
        let hint = if known.is_empty() {
            "it has no projects".to_string()
        } else {
            format!("its projects are: {}", known.join(", "))
        };
        return Err(Failure::invalid(format!(
            "no project named \"{key}\" in {}; {hint}",
            path.display()
        )));
    }
    Ok(results
        .into_iter()
        .enumerate()
        .filter(|(n, _)| chosen.contains(n))
        .map(|(_, c)| c)
        .collect())
}

/// The readable report: per project its score and band, the components and the findings.
fn report(results: &[Coverage], today: NaiveDate) -> String {
    if results.is_empty() {
        return "No projects.\n".to_string();
    }
    let mut out = format!("Coverage as of {today}\n");
    for c in results {
        let _ = writeln!(out, "\n{}: {}/100, {}", c.name, c.score, c.band);
        for part in &c.components {
            let _ = writeln!(
                out,
                "  {:<15} {:.2} x {:.2}  {}",
                part.name.key(),
                part.value,
                part.weight,
                part.explanation
            );
        }
        if c.findings.is_empty() {
            out.push_str("  No findings.\n");
        } else {
            out.push_str("  Findings:\n");
            for f in &c.findings {
                let _ = writeln!(out, "  - {} [{}]", f.message, f.kind.key());
            }
        }
    }
    out
}
