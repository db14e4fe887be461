//! Contacts from CSV: the exports of LinkedIn (connections), Google Contacts, Outlook,
//! Salesforce and HubSpot are recognised by their headers; any other file needs a
//! [`ColumnMapping`]. Comma, semicolon and tab delimiters are sniffed from the header line;
//! UTF-8 (with or without BOM) and UTF-16 with BOM are read; quoted fields may hold line breaks.
//! LinkedIn's "Notes:" preamble before the header is skipped.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::interchange::contacts::{ContactRow, RowPlanner};
use crate::interchange::plan::{Duplicates, ImportFormat, ImportPlan, JsonTarget, Progress};
use crate::interchange::{limits, text};
use crate::model::Snapshot;

/// A contact field a CSV column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    /// The full name.
    Name,
    FirstName,
    MiddleName,
    LastName,
    /// Job title.
    Title,
    /// Company name: matched to the map's organizations ignoring case and accents, else created.
    Organization,
    Email,
    Phone,
    /// A whole address or place; several location columns are joined with ", ".
    Location,
    City,
    Region,
    Country,
    Notes,
    /// Tags or labels, separated by ";", "," or ":::".
    Tags,
    /// Not imported.
    Ignore,
}

/// Which field one column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ColumnAssignment {
    /// The column's position, from 0.
    pub column: u32,
    pub field: ContactField,
}

/// How a CSV file's columns become contact fields (columns not listed are ignored). The UI
/// fills it in for files Stakemap does not recognise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ColumnMapping {
    pub columns: Vec<ColumnAssignment>,
}

/// The exports Stakemap recognises by their headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CsvSource {
    /// Stakemap's own contacts CSV.
    Stakemap,
    /// LinkedIn's Connections.csv.
    Linkedin,
    /// Google Contacts (the current export and the older "Google CSV").
    GoogleContacts,
    /// Outlook's contacts export.
    Outlook,
    /// A Salesforce contacts report or Data Loader export.
    Salesforce,
    /// A HubSpot contacts export.
    Hubspot,
}

impl CsvSource {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            CsvSource::Stakemap => "Stakemap contacts CSV",
            CsvSource::Linkedin => "LinkedIn connections",
            CsvSource::GoogleContacts => "Google Contacts",
            CsvSource::Outlook => "Outlook contacts",
            CsvSource::Salesforce => "Salesforce contacts",
            CsvSource::Hubspot => "HubSpot contacts",
        }
    }
}

use ContactField as F;

/// One recogniser: the headers that must all be present, then which header fills which field.
struct Recogniser {
    source: CsvSource,
    signature: &'static [&'static str],
    fields: &'static [(&'static str, ContactField)],
}

/// The recognisers, most specific first. Header names compare ignoring case and spaces at
/// either end.
const RECOGNISERS: &[Recogniser] = &[
    Recogniser {
        source: CsvSource::Stakemap,
        signature: &["id", "name", "organization", "tags", "cadence days"],
        fields: &[
            ("name", F::Name),
            ("title", F::Title),
            ("organization", F::Organization),
            ("email", F::Email),
            ("phone", F::Phone),
            ("location", F::Location),
            ("tags", F::Tags),
            ("notes", F::Notes),
        ],
    },
    Recogniser {
        source: CsvSource::Linkedin,
        signature: &[
            "first name",
            "last name",
            "company",
            "position",
            "connected on",
        ],
        fields: &[
            ("first name", F::FirstName),
            ("last name", F::LastName),
            ("email address", F::Email),
            ("company", F::Organization),
            ("position", F::Title),
        ],
    },
    Recogniser {
        source: CsvSource::GoogleContacts,
        signature: &[
            "first name",
            "last name",
            "organization name",
            "e-mail 1 - value",
        ],
        fields: &[
            ("first name", F::FirstName),
            ("middle name", F::MiddleName),
            ("last name", F::LastName),
            ("organization name", F::Organization),
            ("organization title", F::Title),
            ("e-mail 1 - value", F::Email),
            ("e-mail 2 - value", F::Email),
            ("phone 1 - value", F::Phone),
            ("phone 2 - value", F::Phone),
            ("address 1 - city", F::City),
            ("address 1 - region", F::Region),
            ("address 1 - country", F::Country),
            ("notes", F::Notes),
            ("labels", F::Tags),
        ],
    },
    Recogniser {
        source: CsvSource::GoogleContacts,
        signature: &["name", "given name", "family name", "organization 1 - name"],
        fields: &[
            ("name", F::Name),
            ("given name", F::FirstName),
            ("additional name", F::MiddleName),
            ("family name", F::LastName),
            ("organization 1 - name", F::Organization),
            ("organization 1 - title", F::Title),
            ("e-mail 1 - value", F::Email),
            ("e-mail 2 - value", F::Email),
            ("phone 1 - value", F::Phone),
            ("phone 2 - value", F::Phone),
            ("address 1 - city", F::City),
            ("address 1 - region", F::Region),
            ("address 1 - country", F::Country),
            ("notes", F::Notes),
            ("group membership", F::Tags),
        ],
    },
    Recogniser {
        source: CsvSource::Outlook,
        signature: &[
            "first name",
            "last name",
            "e-mail address",
            "job title",
            "company",
        ],
        fields: &[
            ("first name", F::FirstName),
            ("middle name", F::MiddleName),
            ("last name", F::LastName),
            ("company", F::Organization),
            ("job title", F::Title),
            ("e-mail address", F::Email),
            ("e-mail 2 address", F::Email),
            ("business phone", F::Phone),
            ("mobile phone", F::Phone),
            ("primary phone", F::Phone),
            ("business city", F::City),
            ("business state", F::Region),
            ("business country/region", F::Country),
            ("notes", F::Notes),
            ("categories", F::Tags),
        ],
    },
    Recogniser {
        source: CsvSource::Hubspot,
        signature: &["record id", "first name", "last name", "email"],
        fields: &[
            ("first name", F::FirstName),
            ("last name", F::LastName),
            ("email", F::Email),
            ("phone number", F::Phone),
            ("mobile phone number", F::Phone),
            ("job title", F::Title),
            ("company name", F::Organization),
            ("associated company", F::Organization),
            ("city", F::City),
            ("state/region", F::Region),
            ("country/region", F::Country),
        ],
    },
    Recogniser {
        source: CsvSource::Salesforce,
        signature: &["first name", "last name", "account name"],
        fields: &[
            ("first name", F::FirstName),
            ("last name", F::LastName),
            ("title", F::Title),
            ("account name", F::Organization),
            ("email", F::Email),
            ("phone", F::Phone),
            ("mobile", F::Phone),
            ("mailing city", F::City),
            ("mailing state/province", F::Region),
            ("mailing country", F::Country),
            ("description", F::Notes),
        ],
    },
    Recogniser {
        source: CsvSource::Salesforce,
        signature: &["firstname", "lastname", "account.name"],
        fields: &[
            ("firstname", F::FirstName),
            ("lastname", F::LastName),
            ("title", F::Title),
            ("account.name", F::Organization),
            ("email", F::Email),
            ("phone", F::Phone),
            ("mobilephone", F::Phone),
            ("mailingcity", F::City),
            ("mailingstate", F::Region),
            ("mailingcountry", F::Country),
            ("description", F::Notes),
        ],
    },
];

/// What a CSV file looks like, for the column-mapping step: its delimiter, header, what it was
/// recognised as (with the mapping Stakemap will use), and its first rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CsvPreview {
    /// "," or ";" or a tab.
    pub delimiter: String,
    /// The header line's number in the file (after a LinkedIn preamble it is not 1).
    pub header_line: u32,
    pub headers: Vec<String>,
    pub source: Option<CsvSource>,
    /// The mapping for a recognised file (empty otherwise).
    pub mapping: ColumnMapping,
    /// Up to five data rows.
    pub sample: Vec<Vec<String>>,
}

/// A parsed CSV file: header, rows (with their first line number), delimiter.
struct Table {
    delimiter: u8,
    header_line: u32,
    headers: Vec<String>,
    rows: Vec<(u32, Vec<String>)>,
}

/// Reads a CSV file's header and first rows, and recognises its source.
pub fn inspect(bytes: &[u8]) -> Result<CsvPreview> {
    let table = read(bytes)?;
    let recognised = recognise(&table.headers);
    Ok(CsvPreview {
        delimiter: (table.delimiter as char).to_string(),
        header_line: table.header_line,
        source: recognised.as_ref().map(|(s, _)| *s),
        mapping: recognised.map(|(_, m)| m).unwrap_or_default(),
        sample: table.rows.iter().take(5).map(|(_, r)| r.clone()).collect(),
        headers: table.headers,
    })
}

/// Plans the import of a contacts CSV into a map holding `existing` (see
/// [`crate::interchange::plan`]). Without a `mapping`, the file must be one Stakemap recognises.
pub(crate) fn plan(
    existing: &Snapshot,
    source: &str,
    bytes: &[u8],
    mapping: Option<&ColumnMapping>,
    duplicates: Duplicates,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportPlan> {
    let table = read(bytes)?;
    let (recognised, mapping) = match mapping {
        Some(m) => {
            check_mapping(m, table.headers.len())?;
            ("CSV with a column mapping".to_string(), m.clone())
        }
        None => match recognise(&table.headers) {
            Some((s, m)) => (s.label().to_string(), m),
            None => return Err(unrecognised(&table)),
        },
    };
    let headers = &table.headers;
    let mut planner = RowPlanner::new(existing, duplicates);
    let total = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    for (n, (line, cells)) in table.rows.iter().enumerate() {
        let mut row = ContactRow::new(format!("line {line}"));
        for a in &mapping.columns {
            let Some(value) = cells.get(a.column as usize) else {
                continue;
            };
            let header = headers.get(a.column as usize).map_or("", String::as_str);
            let place = format!("line {line}, column {} ({header})", a.column + 1);
            row.add(a.field, value, place);
        }
        planner.row(row)?;
        if n % 250 == 0 {
            progress(Progress {
                done: u32::try_from(n).unwrap_or(u32::MAX),
                total,
            });
        }
    }
    Ok(ImportPlan::new(
        source,
        ImportFormat::Csv,
        recognised,
        duplicates,
        JsonTarget::Merge,
        planner.finish(),
    ))
}

fn unrecognised(table: &Table) -> Error {
    let shown: Vec<&str> = table.headers.iter().take(12).map(String::as_str).collect();
    Error::invalid(
        format!("line {}", table.header_line),
        format!(
            "the columns ({}) are not those of a LinkedIn, Google Contacts, Outlook, Salesforce \
             or HubSpot export; give a column mapping (which column holds the name, email, \
             company...)",
            shown.join(", ")
        ),
    )
}

fn check_mapping(mapping: &ColumnMapping, width: usize) -> Result<()> {
    for a in &mapping.columns {
        if a.column as usize >= width {
            return Err(Error::invalid(
                "mapping",
                format!(
                    "column {} does not exist (the file has {width})",
                    a.column + 1
                ),
            ));
        }
    }
    let names = [F::Name, F::FirstName, F::LastName, F::Email];
    if !mapping.columns.iter().any(|a| names.contains(&a.field)) {
        return Err(Error::invalid(
            "mapping",
            "map a column to the name (or first and last name, or email)",
        ));
    }
    Ok(())
}

/// Recognises a header; returns the source and its mapping.
fn recognise(headers: &[String]) -> Option<(CsvSource, ColumnMapping)> {
    let keys: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let position = |name: &str| keys.iter().position(|k| k == name);
    let r = RECOGNISERS
        .iter()
        .find(|r| r.signature.iter().all(|s| position(s).is_some()))?;
    let columns = r
        .fields
        .iter()
        .filter_map(|(header, field)| {
            let column = u32::try_from(position(header)?).ok()?;
            Some(ColumnAssignment {
                column,
                field: *field,
            })
        })
        .collect();
    Some((r.source, ColumnMapping { columns }))
}

/// Decodes, skips a LinkedIn preamble, sniffs the delimiter and reads every record.
fn read(bytes: &[u8]) -> Result<Table> {
    limits::check_size(bytes.len() as u64)?;
    let text = text::decode(bytes)?;
    let (skipped, body) = skip_preamble(&text);
    let first_line = body.lines().next().unwrap_or("");
    if first_line.trim().is_empty() {
        return Err(Error::invalid(
            "line 1",
            "the file is empty: no header line",
        ));
    }
    let delimiter = sniff(first_line);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut records = reader.records();
    let header_line = skipped + 1;
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(e)) => return Err(csv_error(&e, skipped)),
        None => {
            return Err(Error::invalid(
                "line 1",
                "the file is empty: no header line",
            ));
        }
    };
    if headers.iter().all(String::is_empty) {
        return Err(Error::invalid(
            format!("line {header_line}"),
            "the header line is empty",
        ));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(&e, skipped))?;
        let line = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX))
            + skipped;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > headers.len() {
            return Err(Error::invalid(
                format!("line {line}, column {}", headers.len() + 1),
                format!(
                    "the row has {} fields but the header has {}; a value holding the delimiter \
                     \"{}\" must be in double quotes",
                    record.len(),
                    headers.len(),
                    (delimiter as char).escape_default()
                ),
            ));
        }
        rows.push((line, record.iter().map(str::to_string).collect()));
        if rows.len() > limits::MAX_ITEMS {
            return Err(Error::invalid(
                format!("line {line}"),
                format!("the file has more than {} rows", limits::MAX_ITEMS),
            ));
        }
    }
    Ok(Table {
        delimiter,
        header_line,
        headers,
        rows,
    })
}

fn csv_error(e: &::csv::Error, skipped: u32) -> Error {
    let line = e
        .position()
        .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX))
        + skipped;
    Error::invalid(format!("line {line}"), format!("cannot read the CSV: {e}"))
}

/// LinkedIn's export starts with a "Notes:" line and a quoted paragraph, then a blank line.
/// Returns how many lines were skipped and the rest of the text.
fn skip_preamble(text: &str) -> (u32, &str) {
    if !text.trim_start().to_lowercase().starts_with("notes:") {
        return (0, text);
    }
    let mut offset = 0;
    let mut lines = 0u32;
    let mut in_quotes = false;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        lines += 1;
        if line.matches('"').count() % 2 == 1 {
            in_quotes = !in_quotes;
        }
        if !in_quotes && lines > 1 && line.trim().is_empty() {
            return (lines, &text[offset..]);
        }
    }
    (0, text)
}

/// The delimiter of a header line: whichever of comma, semicolon and tab occurs most outside
/// quotes (comma on a tie).
fn sniff(line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff("a,b,c"), b',');
        assert_eq!(sniff("a;b;c"), b';');
        assert_eq!(sniff("a\tb\tc"), b'\t');
        assert_eq!(sniff("\"a,b,c\";d;e"), b';');
        assert_eq!(sniff("name"), b',');
    }

    #[test]
    fn the_linkedin_preamble_is_skipped() {
        let text =
            "Notes:\n\"When exporting, some emails are missing.\"\n\nFirst Name,Last Name\nA,B\n";
        let (skipped, rest) = skip_preamble(text);
        assert_eq!(skipped, 3);
        assert!(rest.starts_with("First Name"));
        assert_eq!(skip_preamble("Name\nNotes:\n").0, 0);
    }
}
