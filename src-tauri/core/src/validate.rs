//! Field checks for every record: tidy what can be tidied (trim, dedupe), refuse the rest with an
//! error naming the field. Cross-item checks (references) live in `ops`.

use crate::coverage::Weights;
use crate::error::{Error, Result};
use crate::model::{
    Contact, Frame, Interaction, Project, Record, Relationship, Role, SETTINGS_ID, Settings, Stake,
};

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
            notes("organization.notes", &o.notes)
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
        Record::Settings(s) => settings(s),
    }
}

fn contact(c: &mut Contact) -> Result<()> {
    name("contact.name", &mut c.name)?;
    line("contact.title", &mut c.title)?;
    email("contact.email", &mut c.email)?;
    line("contact.phone", &mut c.phone)?;
    line("contact.location", &mut c.location)?;
    notes("contact.notes", &c.notes)?;
    blank_to_none(&mut c.organization);
    let mut tags: Vec<String> = Vec::with_capacity(c.tags.len());
    for tag in &c.tags {
        let tag = tag.trim().to_string();
        if tag.is_empty() || tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            continue;
        }
        check_text("contact.tags", &tag, false)?;
        if tag.chars().count() > MAX_TAG {
            return Err(Error::invalid(
                "contact.tags",
                format!("tag \"{tag}\" is longer than {MAX_TAG} characters"),
            ));
        }
        tags.push(tag);
    }
    if tags.len() > MAX_TAGS {
        return Err(Error::invalid(
            "contact.tags",
            format!("at most {MAX_TAGS} tags"),
        ));
    }
    c.tags = tags;
    if let Some(days) = c.cadence_days
        && !(1..=3650).contains(&days)
    {
        return Err(Error::invalid(
            "contact.cadence_days",
            format!("{days} is not between 1 and 3650 days"),
        ));
    }
    Ok(())
}

fn project(p: &mut Project) -> Result<()> {
    name("project.name", &mut p.name)?;
    line("project.stage", &mut p.stage)?;
    notes("project.notes", &p.notes)?;
    blank_to_none(&mut p.organization);
    if let Some(date) = &mut p.target_date {
        *date = date.trim().to_string();
        if date.is_empty() {
            p.target_date = None;
        } else {
            iso_date("project.target_date", date)?;
        }
    }
    dedupe_roles(&mut p.required_roles);
    if let Some(w) = &p.weights {
        weights("project.weights", w)?;
    }
    frame("project.frame", &p.frame)
}

fn dedupe_roles(roles: &mut Vec<Role>) {
    let mut seen = Vec::with_capacity(roles.len());
    roles.retain(|r| {
        let first = !seen.contains(r);
        seen.push(*r);
        first
    });
}

/// Largest coverage weight (only their ratios matter).
pub const MAX_WEIGHT: f64 = 100.0;
/// Longest stay-in-touch cadence, in days (as for a contact's own).
pub const MAX_CADENCE: u16 = 3650;

fn weights(field: &str, w: &Weights) -> Result<()> {
    let all = [
        ("roles", w.roles),
        ("support", w.support),
        ("threading", w.threading),
        ("pulse", w.pulse),
        ("reach", w.reach),
        ("perception", w.perception),
    ];
    for (name, value) in all {
        if !value.is_finite() || !(0.0..=MAX_WEIGHT).contains(&value) {
            return Err(Error::invalid(
                format!("{field}.{name}"),
                format!("{value} is not a weight between 0 and {MAX_WEIGHT}"),
            ));
        }
    }
    if all.iter().all(|(_, value)| *value == 0.0) {
        return Err(Error::invalid(field, "at least one weight must be above 0"));
    }
    Ok(())
}

fn settings(s: &mut Settings) -> Result<()> {
    if s.id.trim().is_empty() {
        s.id = SETTINGS_ID.to_string();
    }
    if s.id != SETTINGS_ID {
        return Err(Error::invalid(
            "settings.id",
            format!("a map's settings have the id \"{SETTINGS_ID}\""),
        ));
    }
    dedupe_roles(&mut s.default_required_roles);
    weights("settings.weights", &s.weights)?;
    let c = &s.cadences;
    for (name, days) in [
        ("decision_maker", c.decision_maker),
        ("economic_buyer", c.economic_buyer),
        ("champion", c.champion),
        ("sponsor", c.sponsor),
        ("other", c.other),
    ] {
        range(
            &format!("settings.cadences.{name}"),
            i64::from(days),
            1,
            i64::from(MAX_CADENCE),
        )?;
    }
    range("settings.bands.green", i64::from(s.bands.green), 1, 100)?;
    if s.bands.amber >= s.bands.green {
        return Err(Error::invalid(
            "settings.bands.amber",
            format!(
                "{} must be below the green threshold ({})",
                s.bands.amber, s.bands.green
            ),
        ));
    }
    Ok(())
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
    notes("stake.notes", &s.notes)?;
    coord("stake.x", s.x)?;
    coord("stake.y", s.y)
}

fn relationship(r: &mut Relationship) -> Result<()> {
    required_id("relationship.from", &r.from)?;
    required_id("relationship.to", &r.to)?;
    if r.from == r.to {
        return Err(Error::invalid(
            "relationship.to",
            "a contact cannot have a relationship with themselves",
        ));
    }
    range("relationship.strength", i64::from(r.strength), 1, 5)?;
    notes("relationship.notes", &r.notes)
}

fn interaction(i: &mut Interaction) -> Result<()> {
    i.date = i.date.trim().to_string();
    iso_date("interaction.date", &i.date)?;
    dedupe(&mut i.contacts);
    dedupe(&mut i.teammates);
    if i.contacts.is_empty() {
        return Err(Error::invalid(
            "interaction.contacts",
            "name at least one contact",
        ));
    }
    blank_to_none(&mut i.project);
    if let Some(s) = i.sentiment {
        range("interaction.sentiment", i64::from(s), -2, 2)?;
    }
    notes("interaction.notes", &i.notes)
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
        return Err(Error::invalid(
            field,
            format!("is longer than {MAX_NAME} characters"),
        ));
    }
    Ok(())
}

fn notes(field: &str, value: &str) -> Result<()> {
    check_text(field, value, true)?;
    if value.chars().count() > MAX_NOTES {
        return Err(Error::invalid(
            field,
            format!("is longer than {MAX_NOTES} characters"),
        ));
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
            return Err(Error::invalid(
                field,
                format!("\"{value}\" is not an email address"),
            ));
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
                format!(
                    "contains a control character U+{:04X} at position {}",
                    ch as u32,
                    index + 1
                ),
            ));
        }
    }
    Ok(())
}

/// Whether `ch` is one of the Unicode bidirectional controls (overrides, embeddings, isolates,
/// marks) that [`check_text`] refuses.
pub fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn range(field: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if value < min || value > max {
        return Err(Error::invalid(
            field,
            format!("{value} is not between {min} and {max}"),
        ));
    }
    Ok(())
}

fn coord(field: &str, value: f64) -> Result<()> {
    if !value.is_finite() || value.abs() > MAX_COORD {
        return Err(Error::invalid(
            field,
            format!("{value} is not a position on the canvas"),
        ));
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
    // chrono also takes `2025-1-5`, `+2025-01-05` or `99-01-05`; dates are stored and sorted as
    // text, so only the canonical form is accepted.
    let canonical = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .is_ok_and(|date| value.len() == 10 && date.format("%Y-%m-%d").to_string() == value);
    if canonical {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("\"{value}\" is not a date (YYYY-MM-DD)"),
        ))
    }
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::model::{Channel, Organization, Teammate};

    fn contact(name: &str) -> Contact {
        Contact::named("c", name)
    }

    fn normalized(c: Contact) -> Result<Contact> {
        let mut record = Record::Contact(c);
        normalize(&mut record)?;
        match record {
            Record::Contact(c) => Ok(c),
            other => panic!("{other:?}"),
        }
    }

    fn field_of(result: Result<impl std::fmt::Debug>) -> String {
        result.unwrap_err().field().unwrap().to_string()
    }

    #[test]
    fn single_line_fields_are_trimmed_and_notes_are_kept_as_typed() {
        let mut c = contact("  Dana Ruiz \t");
        c.title = " CFO ".into();
        c.phone = "  +31 10 123 4567 ".into();
        c.location = "\u{a0}Rotterdam\u{a0}".into();
        c.email = " dana@northwind.example ".into();
        c.notes = "  Prefers mornings.\n\tLikes data.  ".into();
        c.organization = Some("   ".into());
        let c = normalized(c).unwrap();
        assert_eq!(c.name, "Dana Ruiz");
        assert_eq!(c.title, "CFO");
        assert_eq!(c.phone, "+31 10 123 4567");
        assert_eq!(c.location, "Rotterdam");
        assert_eq!(c.email, "dana@northwind.example");
        assert_eq!(c.notes, "  Prefers mornings.\n\tLikes data.  ");
        assert_eq!(c.organization, None, "a blank organization is none");

        let mut org = Record::Organization(Organization {
            id: "o".into(),
            name: "\n Northwind \r\n".into(),
            notes: String::new(),
        });
        normalize(&mut org).unwrap();
        assert!(matches!(org, Record::Organization(o) if o.name == "Northwind"));
    }

    #[test]
    fn names_that_are_empty_after_trimming_or_too_long_are_refused() {
        assert_eq!(field_of(normalized(contact(" \t\n "))), "contact.name");
        assert!(normalized(contact(&"x".repeat(MAX_NAME))).is_ok());
        assert_eq!(
            field_of(normalized(contact(&"é".repeat(MAX_NAME + 1)))),
            "contact.name"
        );
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated_ignoring_case() {
        let mut c = contact("Dana");
        c.tags = [
            "finance", " Finance", "exec", "", "  ", "FINANCE ", "exec", "Exec", "it",
        ]
        .map(String::from)
        .to_vec();
        let c = normalized(c).unwrap();
        assert_eq!(
            c.tags,
            ["finance", "exec", "it"],
            "first spelling wins, order kept"
        );

        let mut c = contact("Dana");
        c.tags = (0..MAX_TAGS + 1).map(|n| format!("tag{n}")).collect();
        assert_eq!(field_of(normalized(c)), "contact.tags");
        // Duplicates do not count towards the limit.
        let mut c = contact("Dana");
        c.tags = (0..MAX_TAGS * 2)
            .map(|n| format!("tag{}", n % MAX_TAGS))
            .collect();
        assert_eq!(normalized(c).unwrap().tags.len(), MAX_TAGS);

        let mut c = contact("Dana");
        c.tags = vec!["x".repeat(MAX_TAG + 1)];
        assert_eq!(field_of(normalized(c)), "contact.tags");
        let mut c = contact("Dana");
        c.tags = vec!["fin\u{0}ance".into()];
        assert_eq!(field_of(normalized(c)), "contact.tags");
    }

    #[test]
    fn email_addresses_are_checked_and_may_be_empty() {
        for ok in [
            "",
            "dana@northwind.example",
            "d.ruiz+crm@mail.northwind.co.uk",
            "  a@b.c  ",
        ] {
            let mut c = contact("Dana");
            c.email = ok.into();
            assert!(normalized(c).is_ok(), "{ok:?} was refused");
        }
        for bad in [
            "dana",
            "@northwind.example",
            "dana@localhost",
            "dana ruiz@northwind.example",
            "dana@north wind.example",
        ] {
            let mut c = contact("Dana");
            c.email = bad.into();
            assert_eq!(
                field_of(normalized(c)),
                "contact.email",
                "{bad:?} was accepted"
            );
        }
        let mut t = Record::Teammate(Teammate {
            id: "t".into(),
            name: "Alex".into(),
            email: "alex".into(),
        });
        assert_eq!(field_of(normalize(&mut t)), "teammate.email");
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_refused() {
        for bad in [
            "Dana\u{0}",
            "Dana\u{7}Ruiz",
            "Dana\nRuiz",
            "Da\tna",
            "Dana\u{1b}[31m",
            "Dana\u{7f}",
            "Dana \u{202E}zeuR",
            "\u{2066}Dana",
            "Dana\u{200F}",
            "Dana\u{61C}",
        ] {
            assert_eq!(
                field_of(normalized(contact(bad))),
                "contact.name",
                "{bad:?} was accepted"
            );
        }
        let err = check_text("contact.name", "ab\u{202E}", false).unwrap_err();
        assert!(err.to_string().contains("U+202E at position 3"), "{err}");
        // Line breaks and tabs are fine in notes, other control characters are not.
        assert!(check_text("contact.notes", "line one\r\nline two\tend", true).is_ok());
        assert!(check_text("contact.notes", "bell\u{7}", true).is_err());
        assert!(check_text("contact.notes", "\u{202D}spoof", true).is_err());
        // Ordinary non-ASCII text is fine.
        assert!(normalized(contact("Zoë Ñúñez-Łukasiewicz 李明 محمد")).is_ok());
    }

    #[test]
    fn dates_must_be_canonical_iso_dates() {
        for ok in ["2025-01-05", "2024-02-29", "1999-12-31"] {
            assert!(iso_date("d", ok).is_ok(), "{ok:?} was refused");
        }
        for bad in [
            "",
            "2025-1-5",
            "2025-01-5",
            "+2025-01-05",
            "99-01-05",
            "-0001-01-01",
            "2025-02-29",
            "2025-01-05 ",
            "2025/01/05",
            "2025-01-05T00:00",
        ] {
            assert!(iso_date("d", bad).is_err(), "{bad:?} was accepted");
        }
        let mut i = Record::Interaction(Interaction {
            id: "i".into(),
            date: " 2025-01-05 ".into(),
            channel: Channel::Email,
            contacts: vec!["c".into(), " ".into(), "c".into(), "d".into()],
            teammates: vec![],
            project: Some(String::new()),
            sentiment: None,
            notes: String::new(),
        });
        normalize(&mut i).unwrap();
        let Record::Interaction(i) = i else { panic!() };
        assert_eq!(i.date, "2025-01-05");
        assert_eq!(
            i.contacts,
            ["c", "d"],
            "blank and repeated contacts are dropped"
        );
        assert_eq!(i.project, None);
    }

    #[test]
    fn project_required_roles_are_deduplicated_and_blank_dates_cleared() {
        use crate::model::{ProjectStatus, Role};
        let mut p = Record::Project(Project {
            id: "p".into(),
            name: " Fleet ".into(),
            organization: None,
            status: ProjectStatus::Active,
            stage: String::new(),
            target_date: Some("  ".into()),
            required_roles: vec![Role::Champion, Role::DecisionMaker, Role::Champion],
            notes: String::new(),
            frame: Frame {
                x: 0.0,
                y: 0.0,
                width: MIN_FRAME,
                height: MAX_FRAME,
            },
            weights: None,
        });
        normalize(&mut p).unwrap();
        let Record::Project(mut p) = p else { panic!() };
        assert_eq!(p.name, "Fleet");
        assert_eq!(p.target_date, None);
        assert_eq!(p.required_roles, [Role::Champion, Role::DecisionMaker]);
        p.frame.width = MIN_FRAME - 1.0;
        assert_eq!(
            field_of(normalize(&mut Record::Project(p))),
            "project.frame.width"
        );
    }
}
