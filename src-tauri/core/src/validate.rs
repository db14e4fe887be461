//! Field checks for every record: tidy what can be tidied (trim, dedupe), refuse the rest with an
//! error naming the field. Cross-item checks (references) live in `ops`.

use crate::error::{Error, Result};
use crate::model::{Contact, Frame, Interaction, Project, Record, Relationship, Stake};

/// Longest name or title, in characters.
pub const MAX_NAME: usize = 200;
/// Longest notes field, in characters.
pub const MAX_NOTES: usize = 20_000;
/// Most tags on one contact, and the longest tag.
pub const MAX_TAGS: usize = 50;
pub const MAX_TAG: usize = 50;
/// Furthest a canvas coordinate may be from the origin.
pub const MAX_COORD: f64 = 1.0e7;
/// Smallest and largest project frame side.
pub const MIN_FRAME: f64 = 120.0;
pub const MAX_FRAME: f64 = 1.0e5;

/// Tidies and checks a record's own fields.
pub fn normalize(record: &mut Record) -> Result<()> {
    match record {
        Record::Organization(o) => {
            name("organization.name", &mut o.name)?;
            notes("organization.notes", &mut o.notes)
        }
        Record::Teammate(t) => {
            name("teammate.name", &mut t.name)?;
            email("teammate.email", &mut t.email)
        }
        Record::Contact(c) => contact(c),
        Record::Project(p) => project(p),
        Record::Stake(s) => stake(s),
        Record::Relationship(r) => relationship(r),
        Record::Interaction(i) => interaction(i),
    }
}

fn contact(c: &mut Contact) -> Result<()> {
    name("contact.name", &mut c.name)?;
    line("contact.title", &mut c.title)?;
    email("contact.email", &mut c.email)?;
    line("contact.phone", &mut c.phone)?;
    line("contact.location", &mut c.location)?;
    notes("contact.notes", &mut c.notes)?;
    blank_to_none(&mut c.organization);
    let mut tags: Vec<String> = Vec::with_capacity(c.tags.len());
    for tag in &c.tags {
        let tag = tag.trim().to_string();
        if tag.is_empty() || tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            continue;
        }
        check_text("contact.tags", &tag, false)?;
        if tag.chars().count() > MAX_TAG {
            return Err(Error::invalid("contact.tags", format!("tag \"{tag}\" is longer than {MAX_TAG} characters")));
        }
        tags.push(tag);
    }
    if tags.len() > MAX_TAGS {
        return Err(Error::invalid("contact.tags", format!("at most {MAX_TAGS} tags")));
    }
    c.tags = tags;
    if let Some(days) = c.cadence_days
        && !(1..=3650).contains(&days)
    {
        return Err(Error::invalid("contact.cadence_days", format!("{days} is not between 1 and 3650 days")));
    }
    Ok(())
}

fn project(p: &mut Project) -> Result<()> {
    name("project.name", &mut p.name)?;
    line("project.stage", &mut p.stage)?;
    notes("project.notes", &mut p.notes)?;
    blank_to_none(&mut p.organization);
    if let Some(date) = &mut p.target_date {
        *date = date.trim().to_string();
        if date.is_empty() {
            p.target_date = None;
        } else {
            iso_date("project.target_date", date)?;
        }
    }
    let mut roles = Vec::with_capacity(p.required_roles.len());
    for role in &p.required_roles {
        if !roles.contains(role) {
            roles.push(*role);
        }
    }
    p.required_roles = roles;
    frame("project.frame", &p.frame)
}

fn stake(s: &mut Stake) -> Result<()> {
    required_id("stake.project", &s.project)?;
    required_id("stake.contact", &s.contact)?;
    range("stake.stance", i64::from(s.stance), -2, 2)?;
    range("stake.influence", i64::from(s.influence), 1, 5)?;
    range("stake.interest", i64::from(s.interest), 1, 5)?;
    if let Some(h) = s.health {
        range("stake.health", i64::from(h), -2, 2)?;
    }
    blank_to_none(&mut s.owner);
    notes("stake.notes", &mut s.notes)?;
    coord("stake.x", s.x)?;
    coord("stake.y", s.y)
}

fn relationship(r: &mut Relationship) -> Result<()> {
    required_id("relationship.from", &r.from)?;
    required_id("relationship.to", &r.to)?;
    if r.from == r.to {
        return Err(Error::invalid("relationship.to", "a contact cannot have a relationship with themselves"));
    }
    range("relationship.strength", i64::from(r.strength), 1, 5)?;
    notes("relationship.notes", &mut r.notes)
}

fn interaction(i: &mut Interaction) -> Result<()> {
    i.date = i.date.trim().to_string();
    iso_date("interaction.date", &i.date)?;
    dedupe(&mut i.contacts);
    dedupe(&mut i.teammates);
    if i.contacts.is_empty() {
        return Err(Error::invalid("interaction.contacts", "name at least one contact"));
    }
    blank_to_none(&mut i.project);
    if let Some(s) = i.sentiment {
        range("interaction.sentiment", i64::from(s), -2, 2)?;
    }
    notes("interaction.notes", &mut i.notes)
}

fn name(field: &str, value: &mut String) -> Result<()> {
    line(field, value)?;
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    Ok(())
}

fn line(field: &str, value: &mut String) -> Result<()> {
    let trimmed = value.trim();
    if trimmed.len() != value.len() {
        *value = trimmed.to_string();
    }
    check_text(field, value, false)?;
    if value.chars().count() > MAX_NAME {
        return Err(Error::invalid(field, format!("is longer than {MAX_NAME} characters")));
    }
    Ok(())
}

fn notes(field: &str, value: &mut String) -> Result<()> {
    check_text(field, value, true)?;
    if value.chars().count() > MAX_NOTES {
        return Err(Error::invalid(field, format!("is longer than {MAX_NOTES} characters")));
    }
    Ok(())
}

fn email(field: &str, value: &mut String) -> Result<()> {
    line(field, value)?;
    if !value.is_empty() {
        let ok = value.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !value.contains(char::is_whitespace)
        });
        if !ok {
            return Err(Error::invalid(field, format!("\"{value}\" is not an email address")));
        }
    }
    Ok(())
}

/// Refuses control characters (tab and line breaks allowed in multi-line text) and the Unicode
/// bidirectional overrides that can make a name read differently from what it is.
pub fn check_text(field: &str, value: &str, multiline: bool) -> Result<()> {
    for (index, ch) in value.chars().enumerate() {
        let allowed_space = multiline && matches!(ch, '\n' | '\r' | '\t');
        if (ch.is_control() && !allowed_space) || is_bidi_control(ch) {
            return Err(Error::invalid(
                field,
                format!("contains a control character U+{:04X} at position {}", ch as u32, index + 1),
            ));
        }
    }
    Ok(())
}

fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn range(field: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if value < min || value > max {
        return Err(Error::invalid(field, format!("{value} is not between {min} and {max}")));
    }
    Ok(())
}

fn coord(field: &str, value: f64) -> Result<()> {
    if !value.is_finite() || value.abs() > MAX_COORD {
        return Err(Error::invalid(field, format!("{value} is not a position on the canvas")));
    }
    Ok(())
}

fn frame(field: &str, f: &Frame) -> Result<()> {
    coord(&format!("{field}.x"), f.x)?;
    coord(&format!("{field}.y"), f.y)?;
    for (side, value) in [("width", f.width), ("height", f.height)] {
        if !value.is_finite() || !(MIN_FRAME..=MAX_FRAME).contains(&value) {
            return Err(Error::invalid(
                format!("{field}.{side}"),
                format!("{value} is not between {MIN_FRAME} and {MAX_FRAME}"),
            ));
        }
    }
    Ok(())
}

fn required_id(field: &str, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(())
}

/// Checks a `YYYY-MM-DD` date.
pub fn iso_date(field: &str, value: &str) -> Result<()> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|_| ())
        .map_err(|_| Error::invalid(field, format!("\"{value}\" is not a date (YYYY-MM-DD)")))
}

fn blank_to_none(value: &mut Option<String>) {
    if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
        *value = None;
    }
}

fn dedupe(ids: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| !id.trim().is_empty() && seen.insert(id.clone()));
}
