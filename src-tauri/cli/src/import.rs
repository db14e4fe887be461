//! `stakemap import`: plans the import of a file (Stakemap JSON, contacts CSV or vCard), prints
//! the plan, and unless `--dry-run` writes it in one undoable step after a backup.

use std::path::{Path, PathBuf};

use stakemap_core::Snapshot;

use clap::{Args, ValueEnum};
use stakemap_core::interchange::csv::{self, ColumnAssignment, ColumnMapping, ContactField};
use stakemap_core::interchange::{
    self, Duplicates, ImportFormat, ImportOptions, ImportPlan, JsonTarget, PlanAction,
};

use crate::commands::{open_or_create, open_read_only};
use crate::failure::Failure;
use crate::table::Table;

/// `import`'s arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "A Stakemap JSON file goes into a new map when FILE is missing or empty, \
                        and is merged into it otherwise: items whose id is new are created, items \
                        whose id the map holds are skipped (or replaced with --duplicates merge). \
                        CSV and vCard contacts are added; a contact with the same email, or the \
                        same name and organization, as one in the map or earlier in the file is \
                        skipped (or merged: empty fields filled, tags and notes added). \
                        Nothing is written when the file has any error (exit status 2)."
)]
pub struct ImportArgs {
    /// The file to import.
    #[arg(value_name = "PATH")]
    pub file: PathBuf,
    /// The file's format (auto: from its extension, else its content).
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// What to do with contacts or items already in the map.
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Skip)]
    pub duplicates: DuplicatesArg,
    /// Prints the plan (created, merged, skipped, with reasons) and writes nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// For a CSV file Stakemap does not recognise: which column fills which field, as
    /// COLUMN=FIELD with the column's header or number (from 1); repeat for each column.
    /// Fields: name, first_name, middle_name, last_name, title, organization, email, phone,
    /// location, city, region, country, notes, tags.
    #[arg(long = "column", value_name = "COLUMN=FIELD")]
    pub columns: Vec<String>,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Auto,
    Json,
    Csv,
    Vcard,
}

/// `--duplicates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicatesArg {
    /// Keep the map's item, skip the imported one.
    Skip,
    /// Merge the imported item into the map's.
    Merge,
}

/// Runs `import`; returns what to print.
pub fn run(path: &Path, args: ImportArgs) -> Result<String, Failure> {
    let mut options = ImportOptions {
        format: match args.format {
            FormatArg::Auto => None,
            FormatArg::Json => Some(ImportFormat::Json),
            FormatArg::Csv => Some(ImportFormat::Csv),
            FormatArg::Vcard => Some(ImportFormat::Vcard),
        },
        duplicates: match args.duplicates {
            DuplicatesArg::Skip => Duplicates::Skip,
            DuplicatesArg::Merge => Duplicates::Merge,
        },
        target: JsonTarget::Merge,
        mapping: None,
    };
    if !args.file.is_file() {
        return Err(Failure::other(format!(
            "{}: no such file to import",
            args.file.display()
        )));
    }
    if !args.columns.is_empty() {
        options.mapping = Some(mapping(&args.file, &args.columns)?);
    }
    let exists = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    // Plan from a read-only look, so that a dry run or a refused file leaves the map untouched
    // (and a missing map is not created).
    let existing = if exists {
        open_read_only(path)?.snapshot()?
    } else {
        Snapshot::default()
    };
    if existing == Snapshot::default() {
        options.target = JsonTarget::NewMap;
    }
    let plan = interchange::plan_file(&existing, &args.file, &options, &mut |_| {})?;
    let mut out = describe(&plan);
    if args.dry_run {
        out.push_str("Dry run: nothing was written.\n");
        return Ok(out);
    }
    let (mut map, _) = open_or_create(path)?;
    let applied = interchange::apply(&mut map, &plan)?;
    match applied.backup {
        Some(backup) => out.push_str(&format!(
            "Imported into {} (backup {backup} taken first; `stakemap backups restore {backup}` \
             undoes it).\n",
            path.display()
        )),
        None => out.push_str("Nothing to write: the map already holds everything in the file.\n"),
    }
    Ok(out)
}

/// Reads `--column` values against the file's header.
fn mapping(file: &Path, columns: &[String]) -> Result<ColumnMapping, Failure> {
    let bytes =
        std::fs::read(file).map_err(|e| Failure::other(format!("{}: {e}", file.display())))?;
    let preview = csv::inspect(&bytes)?;
    let mut mapping = ColumnMapping::default();
    for spec in columns {
        let Some((column, field)) = spec.rsplit_once('=') else {
            return Err(Failure::invalid(format!(
                "--column {spec}: write COLUMN=FIELD, e.g. --column \"Full name=name\""
            )));
        };
        let index = match column.trim().parse::<u32>() {
            Ok(n) if n >= 1 => n - 1,
            _ => preview
                .headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(column.trim()))
                .and_then(|i| u32::try_from(i).ok())
                .ok_or_else(|| {
                    Failure::invalid(format!(
                        "--column {spec}: the file has no column \"{column}\" (its columns: {})",
                        preview.headers.join(", ")
                    ))
                })?,
        };
        let field: ContactField =
            serde_json::from_value(serde_json::Value::String(field.trim().to_lowercase()))
                .map_err(|_| {
                    Failure::invalid(format!("--column {spec}: unknown field \"{field}\""))
                })?;
        mapping.columns.push(ColumnAssignment {
            column: index,
            field,
        });
    }
    Ok(mapping)
}

/// The plan for people: a summary line and one row per item.
pub fn describe(plan: &ImportPlan) -> String {
    let c = plan.counts;
    let mut out = format!(
        "Import {} ({}): {} to create, {} to merge, {} to skip.\n",
        plan.source, plan.recognised, c.created, c.merged, c.skipped
    );
    if plan.items.is_empty() {
        return out;
    }
    let mut table = Table::new(&["action", "kind", "name", "from", "reason"]);
    for item in &plan.items {
        let action = match item.action {
            PlanAction::Create => "create",
            PlanAction::Merge => "merge",
            PlanAction::Skip => "skip",
        };
        table.row(vec![
            action.to_string(),
            item.kind.name().to_string(),
            item.name.clone(),
            item.location.clone(),
            item.reason.clone(),
        ]);
    }
    out.push_str(&table.render());
    out
}
