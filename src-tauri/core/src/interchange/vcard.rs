//! Contacts from vCard files (`.vcf`): versions 3.0 (RFC 2426) and 4.0 (RFC 6350), and the
//! 2.1 cards older phones still write; several cards per file; folded lines; escaped `\,` `\;`
//! `\n`; `CHARSET` and `ENCODING=QUOTED-PRINTABLE` (2.1 and 3.0). Read: FN, N, ORG, TITLE,
//! EMAIL, TEL, ADR, NOTE, CATEGORIES; other properties are ignored.
//!
//! Hand-written: the crates on offer either parse only vCard 4.0 (`vcard4`, `vcard_parser`) or
//! leave values escaped, ignore charsets and report no line numbers (`ical`).

use crate::error::{Error, Result};
use crate::interchange::contacts::{ContactRow, RowPlanner};
use crate::interchange::csv::ContactField;
use crate::interchange::plan::{Duplicates, ImportFormat, ImportPlan, JsonTarget, Progress};
use crate::interchange::{limits, text};
use crate::model::Snapshot;

/// One content line, unfolded: name, parameters, raw value, and its first line in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// Upper case, without a group prefix (`item1.EMAIL` → `EMAIL`).
    pub name: String,
    /// `(NAME, value)`, the name upper case; 2.1's bare `TYPE` values (`TEL;WORK`) come as
    /// `("TYPE", "WORK")`.
    pub params: Vec<(String, String)>,
    /// The value, still escaped.
    pub value: String,
    pub line: u32,
}

impl Property {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One card: its properties and the line of its `BEGIN:VCARD`.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub line: u32,
    pub version: String,
    pub properties: Vec<Property>,
}

/// Reads every card of a vCard file. Refuses text outside cards, a card without `END:VCARD`,
/// a line without `:` and versions other than 2.1, 3.0 and 4.0, naming the line.
pub fn parse(bytes: &[u8]) -> Result<Vec<Card>> {
    limits::check_size(bytes.len() as u64)?;
    let text = text::decode(bytes)?;
    let mut cards = Vec::new();
    let mut current: Option<Card> = None;
    for (line, content) in unfold(&text) {
        if content.trim().is_empty() {
            continue;
        }
        let at = format!("line {line}");
        let property = property(&content, line)?;
        match (property.name.as_str(), &mut current) {
            ("BEGIN", None) if property.value.eq_ignore_ascii_case("VCARD") => {
                current = Some(Card {
                    line,
                    version: String::new(),
                    properties: Vec::new(),
                });
            }
            ("BEGIN", Some(card)) => {
                return Err(Error::invalid(
                    at,
                    format!(
                        "BEGIN:{} inside the card that starts on line {} (a card must end with \
                         END:VCARD first)",
                        property.value, card.line
                    ),
                ));
            }
            ("END", Some(_)) if property.value.eq_ignore_ascii_case("VCARD") => {
                if let Some(card) = current.take() {
                    if card.version.is_empty() {
                        return Err(Error::invalid(
                            format!("line {}", card.line),
                            "the card has no VERSION (3.0 or 4.0)",
                        ));
                    }
                    cards.push(card);
                    if cards.len() > limits::MAX_ITEMS {
                        return Err(Error::invalid(
                            at,
                            format!("the file has more than {} cards", limits::MAX_ITEMS),
                        ));
                    }
                }
            }
            ("VERSION", Some(card)) => {
                let version = property.value.trim();
                if !matches!(version, "2.1" | "3.0" | "4.0") {
                    return Err(Error::invalid(
                        at,
                        format!("vCard version \"{version}\" is not supported (2.1, 3.0 or 4.0)"),
                    ));
                }
                card.version = version.to_string();
            }
            (_, Some(card)) => card.properties.push(property),
            (_, None) => {
                return Err(Error::invalid(
                    at,
                    "text outside a card: a vCard file holds cards from BEGIN:VCARD to END:VCARD",
                ));
            }
        }
    }
    if let Some(card) = current {
        return Err(Error::invalid(
            format!("line {}", card.line),
            "the card that starts here has no END:VCARD",
        ));
    }
    if cards.is_empty() {
        return Err(Error::invalid(
            "line 1",
            "the file holds no cards (BEGIN:VCARD)",
        ));
    }
    Ok(cards)
}

/// Joins folded lines (a line starting with a space or tab continues the one before; in
/// quoted-printable values, a line ending in `=` continues on the next). Yields each logical
/// line with the number of its first physical line.
fn unfold(text: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut soft_break = false;
    for (n, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let number = u32::try_from(n + 1).unwrap_or(u32::MAX);
        match out.last_mut() {
            Some((_, last)) if soft_break => {
                last.pop();
                last.push_str(raw.trim_start());
            }
            Some((_, last)) if raw.starts_with([' ', '\t']) => last.push_str(&raw[1..]),
            _ => out.push((number, raw.to_string())),
        }
        soft_break = out.last().is_some_and(|(_, l)| {
            l.ends_with('=') && l.to_uppercase().contains("QUOTED-PRINTABLE")
        });
    }
    out
}

/// Splits `NAME;PARAM=VALUE:value` (parameter values may be quoted).
fn property(content: &str, line: u32) -> Result<Property> {
    let mut quoted = false;
    let colon = content
        .char_indices()
        .find(|&(_, c)| {
            if c == '"' {
                quoted = !quoted;
            }
            c == ':' && !quoted
        })
        .map(|(i, _)| i)
        .ok_or_else(|| {
            Error::invalid(
                format!("line {line}"),
                format!(
                    "\"{}\" is not a vCard line (NAME:value)",
                    content.chars().take(40).collect::<String>()
                ),
            )
        })?;
    let (head, value) = (&content[..colon], &content[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next().unwrap_or_default();
    let name = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    if name.is_empty() {
        return Err(Error::invalid(
            format!("line {line}"),
            "a vCard line needs a property name before ':'",
        ));
    }
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ),
            None => ("TYPE".to_string(), p.trim().to_string()),
        })
        .collect();
    Ok(Property {
        name,
        params,
        value: value.to_string(),
        line,
    })
}

fn split_unquoted(text: &str, at: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == at && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// Splits a structured value on unescaped `sep` and unescapes each component.
fn components(value: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => push(&mut out, '\n'),
                Some(other) => push(&mut out, other),
                None => {}
            },
            c if c == sep => out.push(String::new()),
            c => push(&mut out, c),
        }
    }
    out
}

fn push(out: &mut [String], c: char) {
    if let Some(last) = out.last_mut() {
        last.push(c);
    }
}

/// A property's value as text: quoted-printable and charset decoded, unescaped.
fn decoded(p: &Property) -> Result<String> {
    let raw = if p
        .param("ENCODING")
        .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
        || p.params
            .iter()
            .any(|(k, v)| k == "TYPE" && v.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
    {
        let bytes = quoted_printable(&p.value);
        let charset = p.param("CHARSET").unwrap_or("UTF-8");
        let encoding = encoding_rs::Encoding::for_label(charset.as_bytes()).ok_or_else(|| {
            Error::invalid(
                format!("line {}", p.line),
                format!("unknown CHARSET \"{charset}\""),
            )
        })?;
        let (text, _, bad) = encoding.decode(&bytes);
        if bad {
            return Err(Error::invalid(
                format!("line {}", p.line),
                format!("the {} value is not valid {charset}", p.name),
            ));
        }
        text.into_owned()
    } else {
        p.value.clone()
    };
    Ok(raw)
}

/// Decodes `=XX` escapes (soft line breaks are already joined).
fn quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h << 4 | l);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// One card as a contact row, its values with their lines.
fn row(card: &Card, number: usize) -> Result<ContactRow> {
    let mut row = ContactRow::new(format!("card {number} (line {})", card.line));
    for p in &card.properties {
        let place = format!("line {} ({})", p.line, p.name);
        let value = decoded(p)?;
        match p.name.as_str() {
            "FN" => row.add(
                ContactField::Name,
                &components(&value, '\u{0}').concat(),
                place,
            ),
            "N" => {
                // Family; Given; Additional; Prefixes; Suffixes.
                let parts = components(&value, ';');
                let part = |i: usize| parts.get(i).map_or("", String::as_str).replace(',', " ");
                row.add(ContactField::FirstName, &part(1), place.clone());
                row.add(ContactField::MiddleName, &part(2), place.clone());
                row.add(ContactField::LastName, &part(0), place);
            }
            "ORG" => {
                let parts = components(&value, ';');
                row.add(
                    ContactField::Organization,
                    parts.first().map_or("", String::as_str),
                    place,
                );
            }
            "TITLE" => row.add(
                ContactField::Title,
                &components(&value, '\u{0}').concat(),
                place,
            ),
            "EMAIL" => row.add(ContactField::Email, value.trim(), place),
            "TEL" => row.add(
                ContactField::Phone,
                value.trim().trim_start_matches("tel:"),
                place,
            ),
            "ADR" => {
                // PO box; extended; street; locality; region; postal code; country.
                let parts = components(&value, ';');
                let part = |i: usize| parts.get(i).map_or("", String::as_str);
                row.add(ContactField::City, part(3), place.clone());
                row.add(ContactField::Region, part(4), place.clone());
                row.add(ContactField::Country, part(6), place);
            }
            "NOTE" => row.add(
                ContactField::Notes,
                &components(&value, '\u{0}').concat(),
                place,
            ),
            "CATEGORIES" => {
                for tag in components(&value, ',') {
                    row.add(ContactField::Tags, &tag.replace(';', " "), place.clone());
                }
            }
            _ => {}
        }
    }
    Ok(row)
}

/// Plans the import of a vCard file into a map holding `existing`.
pub(crate) fn plan(
    existing: &Snapshot,
    source: &str,
    bytes: &[u8],
    duplicates: Duplicates,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportPlan> {
    let cards = parse(bytes)?;
    let total = u32::try_from(cards.len()).unwrap_or(u32::MAX);
    let mut planner = RowPlanner::new(existing, duplicates);
    let mut versions: Vec<&str> = Vec::new();
    for (n, card) in cards.iter().enumerate() {
        planner.row(row(card, n + 1)?)?;
        if !versions.contains(&card.version.as_str()) {
            versions.push(&card.version);
        }
        if n % 250 == 0 {
            progress(Progress {
                done: u32::try_from(n).unwrap_or(u32::MAX),
                total,
            });
        }
    }
    Ok(ImportPlan::new(
        source,
        ImportFormat::Vcard,
        format!("vCard {}", versions.join(", ")),
        duplicates,
        JsonTarget::Merge,
        planner.finish(),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn folded_lines_params_and_escapes_are_read() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\n  Ruiz\r\nitem1.EMAIL;TYPE=\"work,pref\":dana@x.example\r\nNOTE:Line one\\nLine two\\, with comma\r\nEND:VCARD\r\n";
        let cards = parse(text.as_bytes()).unwrap();
        assert_eq!(cards.len(), 1);
        let p = &cards[0].properties;
        assert_eq!(p[0].value, "Dana Ruiz");
        assert_eq!(p[1].name, "EMAIL");
        assert_eq!(p[1].params, [("TYPE".to_string(), "work,pref".to_string())]);
        assert_eq!(
            components(&p[2].value, '\u{0}').concat(),
            "Line one\nLine two, with comma"
        );
    }

    #[test]
    fn quoted_printable_with_a_charset_is_decoded() {
        let text = "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=\n=F6rg\nEND:VCARD\n";
        let cards = parse(text.as_bytes()).unwrap();
        let n = &cards[0].properties[0];
        assert_eq!(components(&decoded(n).unwrap(), ';'), ["Müller", "Jörg"]);
    }

    #[test]
    fn structure_errors_name_the_line() {
        let err = parse(b"BEGIN:VCARD\nVERSION:3.0\nFN:A\n").unwrap_err();
        assert_eq!(err.field(), Some("line 1"));
        let err = parse(b"FN:A\n").unwrap_err();
        assert_eq!(err.field(), Some("line 1"));
        let err = parse(b"BEGIN:VCARD\nVERSION:5.0\nEND:VCARD\n").unwrap_err();
        assert!(
            err.to_string().contains("\"5.0\" is not supported"),
            "{err}"
        );
    }
}
