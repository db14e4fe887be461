//! The command line's grammar: what `stakemap` accepts, as clap derive types.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use stakemap_core::EntityKind;

/// The kinds as they are written on the command line, for help and error messages.
const KINDS: &str =
    "organizations, teammates, contacts, projects, stakes, relationships, interactions";

/// Stakemap on the command line: read and change a `.stakemap` map without the desktop app.
#[derive(Debug, Parser)]
#[command(
    name = "stakemap",
    version,
    after_help = "Kinds: organizations, teammates, contacts, projects, stakes, relationships, \
                  interactions (singular also accepted).\n\
                  Exit status: 0 on success, 1 on failure, 2 on invalid input or usage."
)]
pub struct Cli {
    /// The map file (`.stakemap`).
    #[arg(short, long, value_name = "FILE", global = true)]
    pub map: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Writes the demo map into FILE (created if missing); refuses a map that is not empty.
    Demo {
        /// The day the demo's interactions and target dates are relative to (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// Writes a large generated map into FILE (created if missing) for the canvas benchmark:
    /// project frames in a grid with stake cards inside, relationships and interactions.
    /// Refuses a map that is not empty.
    BenchMap {
        /// How many project frames.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        frames: u32,
        /// How many stake cards, spread evenly over the frames.
        #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u32).range(0..=100_000))]
        cards: u32,
        /// The seed: the same sizes and seed always give the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the interactions are relative to (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// Writes the map, or one project, to a file: Stakemap JSON, a CSV table of contacts or
    /// stakes, or a PNG or SVG picture as on the canvas (reads the map only).
    Export(crate::export::ExportArgs),
    /// Imports a Stakemap JSON map, or contacts from CSV (LinkedIn, Google, Outlook, Salesforce,
    /// HubSpot) or vCard, after showing what it will create, merge and skip.
    Import(crate::import::ImportArgs),
    /// Counts the items of each kind (reads the map only; works while the app has it open).
    Summary {
        /// Prints the counts as a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Lists the items of one kind (reads the map only).
    List {
        /// organizations, teammates, contacts, projects, stakes, relationships or interactions.
        #[arg(value_name = "KIND", value_parser = parse_kind)]
        kind: EntityKind,
        /// Prints the items as a JSON array, with every field.
        #[arg(long)]
        json: bool,
    },
    /// Adds an item and prints its new id.
    Add {
        /// The item to add.
        #[command(subcommand)]
        item: NewItem,
    },
    /// Scores each project's coverage: score, band, components and findings (reads the map only).
    Coverage {
        /// Only this project (its name, ignoring case, or its id).
        #[arg(long, value_name = "NAME")]
        project: Option<String>,
        /// The day recency is measured from (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
        /// Prints a JSON array with one object per project.
        #[arg(long)]
        json: bool,
    },
    /// Lists, takes and restores the map's backups (kept in `<map>-backups/` beside it).
    Backups {
        #[command(subcommand)]
        action: crate::backups::BackupsCommand,
    },
    /// Deletes an item; stakes and relationships that depend on it go with it.
    Delete {
        /// organization, teammate, contact, project, stake, relationship or interaction.
        #[arg(value_name = "KIND", value_parser = parse_kind)]
        kind: EntityKind,
        /// The item's id (see `list`).
        id: String,
    },
}

/// The items `add` can create.
#[derive(Debug, Subcommand)]
pub enum NewItem {
    /// A person on the customer side.
    Contact(NewContact),
    /// A project, deal or initiative.
    Project(NewProject),
    /// A customer company or unit.
    #[command(visible_alias = "org")]
    Organization(NewOrganization),
    /// A person on our side.
    Teammate(NewTeammate),
}

/// `add contact`.
#[derive(Debug, Args)]
pub struct NewContact {
    /// Full name.
    #[arg(long)]
    pub name: String,
    /// Job title.
    #[arg(long)]
    pub title: Option<String>,
    /// Organization name (matched ignoring case, created if new) or id.
    #[arg(long, visible_alias = "org", value_name = "NAME")]
    pub organization: Option<String>,
    /// Email address.
    #[arg(long)]
    pub email: Option<String>,
    /// A tag; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

/// `add project`.
#[derive(Debug, Args)]
pub struct NewProject {
    /// Project name.
    #[arg(long)]
    pub name: String,
    /// Organization name (matched ignoring case, created if new) or id.
    #[arg(long, visible_alias = "org", value_name = "NAME")]
    pub organization: Option<String>,
    /// Stage, free-form ("Discovery", "Proposal"...).
    #[arg(long)]
    pub stage: Option<String>,
}

/// `add organization`.
#[derive(Debug, Args)]
pub struct NewOrganization {
    /// Organization name.
    #[arg(long)]
    pub name: String,
}

/// `add teammate`.
#[derive(Debug, Args)]
pub struct NewTeammate {
    /// Full name.
    #[arg(long)]
    pub name: String,
    /// Email address.
    #[arg(long)]
    pub email: Option<String>,
}

/// Parses a kind, singular or plural, ignoring case (`org` and `orgs` too, like `add org`).
fn parse_kind(value: &str) -> Result<EntityKind, String> {
    let value = value.trim().to_lowercase();
    if value == "org" || value == "orgs" {
        return Ok(EntityKind::Organization);
    }
    EntityKind::parse(&value).ok_or_else(|| format!("unknown kind; use one of {KINDS}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn kinds_parse_singular_plural_and_any_case() {
        assert_eq!(parse_kind("Contacts"), Ok(EntityKind::Contact));
        assert_eq!(parse_kind("relationship"), Ok(EntityKind::Relationship));
        assert_eq!(parse_kind("orgs"), Ok(EntityKind::Organization));
        assert!(parse_kind("people").is_err());
    }
}
