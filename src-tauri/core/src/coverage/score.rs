//! Scoring one project from the index: the six components, the findings and the suggestions.
//! The formulas are documented in docs/coverage.md; keep the two in step.
//!
//! Scoring every project of a large map must stay within a few milliseconds, so this file is
//! written with allocation in mind: working lists live in a [`Scratch`] reused from project to
//! project, sentences are written straight into one `String` each, and the people around the
//! stakeholders are looked up in full only when they are shown.

use std::fmt::Write as _;

use super::config::Config;
use super::graph::Slot;
use super::index::{
    CHANNELS, ContactData, ContactHot, ContactRow, Index, StakeRow, Summary, channel_index,
};
use super::text::{push_count, push_list, push_lower, push_signed, push_signed_average};
use super::{Band, Component, ComponentName, Coverage, Finding, FindingKind, Suggestion};
use crate::model::{Channel, RelationshipKind, Role, stance_label};

/// The name shown for a contact whose record is missing.
const UNKNOWN: &str = "(unknown contact)";

/// How many names a sentence lists before "and N more".
const LISTED: usize = 3;

/// A stakeholder of the project being scored, with what their interactions say.
struct Person<'a> {
    stake: &'a StakeRow,
    /// The contact's packed data (their full record is read only to write about them).
    hot: ContactHot,
    row: Option<&'a ContactRow>,
    summary: &'a Summary,
    /// Had an interaction in the active window about this project or about none.
    engaged: bool,
}

impl<'a> Person<'a> {
    fn data(&self) -> Option<&'a ContactData> {
        self.row.and_then(|r| r.data.as_ref())
    }

    fn id(&self) -> &'a str {
        match self.data() {
            Some(d) => d.id(),
            None => self.row.map_or("", |r| r.id.as_str()),
        }
    }

    fn name(&self) -> &'a str {
        self.data().map_or(UNKNOWN, ContactData::name)
    }

    /// Writes "Name (Title)", or "Name (Role)" when the title is blank.
    fn push_with_title(&self, out: &mut String) {
        out.push_str(self.name());
        out.push_str(" (");
        match self.data() {
            Some(d) if !d.title().trim().is_empty() => out.push_str(d.title()),
            _ => out.push_str(self.stake.role.label()),
        }
        out.push(')');
    }

    /// Writes "Name (Role)".
    fn push_with_role(&self, out: &mut String) {
        out.push_str(self.name());
        out.push_str(" (");
        out.push_str(self.stake.role.label());
        out.push(')');
    }

    /// Writes "Name (stance)".
    fn push_with_stance(&self, out: &mut String) {
        out.push_str(self.name());
        out.push_str(" (");
        out.push_str(stance_label(self.stake.stance));
        out.push(')');
    }

    fn cadence(&self, config: &Config) -> u16 {
        self.hot
            .cadence_days
            .unwrap_or_else(|| config.cadences.for_role(self.stake.role))
            .max(1)
    }

    /// Pulse freshness 0..1: the best over channels of weight × ½^(days / cadence).
    fn freshness(&self, config: &Config) -> f64 {
        let cadence = f64::from(self.cadence(config));
        CHANNELS
            .iter()
            .zip(self.summary.last)
            .filter_map(|(channel, days)| {
                let days = f64::from(days?);
                Some(config.channels.of(*channel) * (-days / cadence).exp2())
            })
            .fold(0.0, f64::max)
    }

    fn last_in_person(&self) -> Option<u32> {
        self.summary.last[channel_index(Channel::InPerson)]
    }

    fn last_any(&self) -> Option<u32> {
        self.summary.last.iter().flatten().copied().min()
    }

    fn average_sentiment(&self) -> Option<f64> {
        let s = self.summary;
        (s.sentiment_n > 0).then(|| f64::from(s.sentiment_sum) / f64::from(s.sentiment_n))
    }
}

/// One way an unmapped person is linked to a stakeholder.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum LinkKind {
    Manages,
    Influences,
}

impl LinkKind {
    fn verb(self) -> &'static str {
        match self {
            LinkKind::Manages => "manages",
            LinkKind::Influences => "influences",
        }
    }
}

/// Someone linked to the project's stakeholders but not on it. Kept small: only the few that
/// are shown are looked up in full.
struct Candidate {
    slot: Slot,
    /// A stable hash of their id: ties in rank go by it, whatever order the index was built in.
    key: u64,
    organization: Option<Slot>,
    /// Senior by title (counts when their organization is a stakeholder's).
    senior_in_org: bool,
    senior: bool,
    linked: bool,
    raw: f64,
}

impl Candidate {
    fn weight(&self) -> f64 {
        self.raw.min(1.0)
    }
}

/// One way a candidate is linked to a stakeholder.
#[derive(Clone, Copy)]
struct CandidateLink {
    /// Index in the candidates.
    candidate: usize,
    kind: LinkKind,
    /// Index in the people.
    person: usize,
    weight: f64,
}

/// Working lists, reused from one project to the next.
#[derive(Default)]
pub(crate) struct Scratch<'a> {
    people: Vec<Person<'a>>,
    teammates: Vec<Slot>,
    /// By contact slot: (generation, what they are in the project being scored), so that
    /// telling a stakeholder or a known candidate apart costs one look-up.
    marks: Vec<(u32, u32)>,
    generation: u32,
    reach: ReachScratch,
}

/// The working lists of [`reach`].
#[derive(Default)]
struct ReachScratch {
    candidates: Vec<Candidate>,
    links: Vec<CandidateLink>,
    ranked: Vec<usize>,
    orgs: Vec<Slot>,
    own: Vec<CandidateLink>,
    top_linked: Vec<usize>,
}

/// The bit that marks a stakeholder (the rest is their index in the people); without it, a
/// mark is a candidate's index.
const STAKEHOLDER: u32 = 1 << 31;

/// The mark of a contact slot, growing the marks as needed.
fn mark(marks: &mut Vec<(u32, u32)>, slot: Slot) -> &mut (u32, u32) {
    let at = slot as usize;
    if marks.len() <= at {
        marks.resize(at + 1, (0, 0));
    }
    &mut marks[at]
}

/// Writes "A (Title)" for a candidate: their title, or just their name when it is blank.
fn push_candidate(out: &mut String, data: &ContactData) {
    out.push_str(data.name());
    if !data.title().trim().is_empty() {
        out.push_str(" (");
        out.push_str(data.title());
        out.push(')');
    }
}

fn with_article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an ",
        _ => "a ",
    }
}

/// Scores the project in `slot`; `None` when it has no record.
pub(crate) fn project<'a>(
    index: &'a Index,
    config: &Config,
    slot: Slot,
    scratch: &mut Scratch<'a>,
) -> Option<Coverage> {
    let row = index.projects.get(slot)?;
    let data = row.data.as_ref()?;
    let Scratch {
        people,
        teammates,
        marks,
        generation,
        reach: reach_scratch,
    } = scratch;

    // The stakeholders, most influential first (then in a stable order that reads no names):
    // every list below keeps this order.
    people.clear();
    people.extend(row.stakes.iter().map(|stake| Person {
        stake,
        hot: stake.hot,
        row: index.contacts.get(stake.contact),
        summary: &stake.summary,
        engaged: stake.summary.untagged_recent,
    }));
    people.sort_unstable_by(|a, b| {
        b.stake
            .influence
            .cmp(&a.stake.influence)
            .then(a.hot.key.cmp(&b.hot.key))
            .then_with(|| a.stake.id.cmp(&b.stake.id))
    });

    // Teammates holding relationships: stake owners, and teammates at recent interactions about
    // this project or about no project with a stakeholder. Those interactions engage the
    // stakeholders at them.
    teammates.clear();
    teammates.extend(people.iter().filter_map(|p| p.stake.owner));
    for p in people.iter() {
        let (inline, more) = p.summary.untagged_teammates.slices();
        teammates.extend_from_slice(inline);
        teammates.extend_from_slice(more);
    }
    teammates.extend(&row.recent.teammates);
    *generation = generation.wrapping_add(1);
    if *generation == 0 {
        marks.clear();
        *generation = 1;
    }
    let generation = *generation;
    for (at, p) in people.iter().enumerate() {
        *mark(marks, p.stake.contact) = (generation, STAKEHOLDER | at as u32);
    }
    for c in &row.recent.contacts {
        if let Some(&(g, m)) = marks.get(*c as usize)
            && g == generation
            && m & STAKEHOLDER != 0
        {
            people[(m & !STAKEHOLDER) as usize].engaged = true;
        }
    }
    teammates.sort_unstable();
    teammates.dedup();

    let people = people.as_slice();
    let required = data.required.as_slice();
    let mut findings = Vec::with_capacity(12);
    let mut suggestions = Vec::with_capacity(usize::from(config.max_suggestions));
    let components = vec![
        roles(config, required, people, &mut findings),
        support(config, people, &mut findings),
        threading(config, index, teammates, people, &mut findings),
        pulse(config, required, people),
        reach(
            config,
            index,
            data,
            people,
            (marks, generation),
            reach_scratch,
            &mut findings,
            &mut suggestions,
        ),
        perception(config, people, &mut findings),
    ];
    stale(config, required, people, &mut findings);
    findings.sort_by_key(|f| f.kind);
    let mut components = components;
    if let Some(own) = &data.weights {
        for c in &mut components {
            c.weight = own.of(c.name).max(0.0);
        }
    }

    let total: f64 = components.iter().map(|c| c.weight).sum();
    let weighted: f64 = components.iter().map(|c| c.weight * c.value).sum();
    let score = if total > 0.0 {
        (100.0 * weighted / total).round().clamp(0.0, 100.0) as u8
    } else {
        0
    };
    let band = band(config, score, &findings);
    for c in &mut components {
        c.value = round3(c.value);
    }
    Some(Coverage {
        project: row.id.clone(),
        name: data.name.clone(),
        score,
        band,
        components,
        findings,
        suggestions,
    })
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// The band for a score; a project with a required role uncovered (missing or held only by
/// opponents) or an influential opponent is at best amber, whatever its score.
fn band(config: &Config, score: u8, findings: &[Finding]) -> Band {
    let by_score = if score >= config.bands.green {
        Band::Green
    } else if score >= config.bands.amber {
        Band::Amber
    } else {
        Band::Red
    };
    let blocking = findings.iter().any(|f| {
        matches!(
            f.kind,
            FindingKind::MissingRole
                | FindingKind::RoleHeldByOpponent
                | FindingKind::InfluentialOpponent
        )
    });
    if blocking {
        by_score.min(Band::Amber)
    } else {
        by_score
    }
}

fn finding(kind: FindingKind, contacts: Vec<String>, message: String) -> Finding {
    Finding {
        kind,
        contacts,
        role: None,
        days: None,
        via: Vec::new(),
        teammate: None,
        message,
    }
}

fn component(config: &Config, name: ComponentName, value: f64, explanation: String) -> Component {
    Component {
        name,
        value: value.clamp(0.0, 1.0),
        weight: config.weights.of(name).max(0.0),
        explanation,
    }
}

/// How many people hold `role`, and how many of those are opposed (negative stance).
fn holders(people: &[Person], role: Role) -> (usize, usize) {
    people
        .iter()
        .filter(|p| p.stake.role == role)
        .fold((0, 0), |(all, opposed), p| {
            (all + 1, opposed + usize::from(p.stake.stance < 0))
        })
}

/// Roles: the share of required roles held by at least one contact who is not opposed.
fn roles(
    config: &Config,
    required: &[Role],
    people: &[Person],
    findings: &mut Vec<Finding>,
) -> Component {
    if required.is_empty() {
        let text = "The project requires no roles.".to_string();
        return component(config, ComponentName::Roles, 1.0, text);
    }
    let covered = required
        .iter()
        .filter(|r| {
            let (all, opposed) = holders(people, **r);
            all > opposed
        })
        .count();
    let mut text = String::with_capacity(128);
    let _ = write!(
        text,
        "{covered} of {} required roles held by a contact who is not opposed",
        required.len()
    );
    let mut separator = ": ";
    for role in required {
        let (all, opposed) = holders(people, *role);
        if all == 0 {
            text.push_str(separator);
            text.push_str("no ");
            push_lower(&mut text, role.label());
            text.push_str(" mapped");
            let mut message = String::with_capacity(40);
            message.push_str("No ");
            push_lower(&mut message, role.label());
            message.push_str(" mapped");
            findings.push(Finding {
                role: Some(*role),
                ..finding(FindingKind::MissingRole, Vec::new(), message)
            });
        } else if opposed == all {
            let held = || people.iter().filter(|p| p.stake.role == *role);
            text.push_str(separator);
            push_lower(&mut text, role.label());
            text.push_str(" held only by ");
            push_list(&mut text, held(), all, LISTED, |out, p| {
                p.push_with_stance(out)
            });
            let mut message = String::with_capacity(64);
            message.push_str(role.label());
            match held().next() {
                Some(one) if all == 1 => {
                    let stance = stance_label(one.stake.stance);
                    message.push(' ');
                    message.push_str(one.name());
                    message.push_str(" is ");
                    message.push_str(with_article(stance));
                    message.push_str(stance);
                }
                _ => {
                    message.push_str(" held only by opposed contacts: ");
                    push_list(&mut message, held(), all, LISTED, |out, p| {
                        p.push_with_stance(out)
                    });
                }
            }
            findings.push(Finding {
                role: Some(*role),
                ..finding(
                    FindingKind::RoleHeldByOpponent,
                    held().map(|p| p.id().to_string()).collect(),
                    message,
                )
            });
        } else {
            continue;
        }
        separator = "; ";
    }
    text.push('.');
    let value = covered as f64 / required.len() as f64;
    component(config, ComponentName::Roles, value, text)
}

/// Support: the share of high-influence stakeholders who are supporters or champions.
fn support(config: &Config, people: &[Person], findings: &mut Vec<Finding>) -> Component {
    let is_high = |p: &&Person| p.stake.influence >= config.high_influence;
    let high = people.iter().filter(is_high).count();
    let supporters = people
        .iter()
        .filter(is_high)
        .filter(|p| p.stake.stance >= 1)
        .count();
    for p in people.iter().filter(is_high).filter(|p| p.stake.stance < 0) {
        let stance = stance_label(p.stake.stance);
        let mut message = String::with_capacity(80);
        p.push_with_title(&mut message);
        message.push_str(" is ");
        message.push_str(with_article(stance));
        message.push_str(stance);
        let _ = write!(message, " with influence {}", p.stake.influence);
        findings.push(finding(
            FindingKind::InfluentialOpponent,
            vec![p.id().to_string()],
            message,
        ));
    }
    let mut text = String::with_capacity(128);
    if high == 0 {
        let _ = write!(
            text,
            "No stakeholder with influence {} or more is mapped, so support where it counts is \
             unknown.",
            config.high_influence
        );
        return component(config, ComponentName::Support, 0.0, text);
    }
    let _ = write!(
        text,
        "Supporters or champions among stakeholders with influence {} or more: {supporters} of \
         {high}",
        config.high_influence
    );
    if supporters < high {
        let others = || people.iter().filter(is_high).filter(|p| p.stake.stance < 1);
        text.push_str("; not yet: ");
        push_list(&mut text, others(), high - supporters, LISTED, |out, p| {
            p.push_with_stance(out)
        });
    }
    text.push('.');
    let value = supporters as f64 / high as f64;
    component(config, ComponentName::Support, value, text)
}

fn teammate_name(index: &Index, slot: Slot) -> &str {
    index
        .teammates
        .get(slot)
        .and_then(|t| t.name.as_deref())
        .unwrap_or("(unknown teammate)")
}

/// Threading: half for teammates holding relationships, half for engaged stakeholders, each
/// full at its target.
fn threading(
    config: &Config,
    index: &Index,
    teammates: &[Slot],
    people: &[Person],
    findings: &mut Vec<Finding>,
) -> Component {
    let engaged = people.iter().filter(|p| p.engaged).count();
    let days = config.active_days;
    let target_t = f64::from(config.target_teammates.max(1));
    let target_e = f64::from(config.target_engaged.max(1));
    let value = 0.5 * (teammates.len() as f64 / target_t).min(1.0)
        + 0.5 * (engaged as f64 / target_e).min(1.0);
    match teammates {
        [] => findings.push(finding(
            FindingKind::NoOwner,
            Vec::new(),
            format!(
                "No teammate holds a relationship here: no stake has an owner and no teammate met \
                 a stakeholder in the last {days} days"
            ),
        )),
        [one] => {
            let mut message = String::with_capacity(48);
            message.push_str("Only ");
            message.push_str(teammate_name(index, *one));
            message.push_str(" holds relationships here");
            findings.push(Finding {
                teammate: index.teammates.get(*one).map(|t| t.id.clone()),
                ..finding(FindingKind::SingleOwner, Vec::new(), message)
            });
        }
        _ => {}
    }
    if engaged <= 1 {
        let one = people.iter().find(|p| p.engaged);
        let mut message = String::with_capacity(64);
        match one {
            Some(p) => {
                message.push_str("Only ");
                message.push_str(p.name());
            }
            None => message.push_str("No stakeholder"),
        }
        let _ = write!(message, " had an interaction in the last {days} days");
        let contacts = one.map(|p| p.id().to_string()).into_iter().collect();
        findings.push(finding(FindingKind::SingleContact, contacts, message));
    }
    let mut text = String::with_capacity(160);
    if teammates.is_empty() {
        text.push_str("No teammate holds relationships here");
    } else {
        let mut who: Vec<&str> = teammates.iter().map(|t| teammate_name(index, *t)).collect();
        who.sort_unstable();
        push_count(&mut text, who.len(), "teammate", "teammates");
        text.push_str(if who.len() == 1 { " holds" } else { " hold" });
        text.push_str(" relationships here (");
        push_list(&mut text, who.iter(), who.len(), LISTED, |out, name| {
            out.push_str(name)
        });
        text.push(')');
    }
    let _ = write!(
        text,
        "; {engaged} of {} stakeholders had an interaction in the last {days} days.",
        people.len()
    );
    component(config, ComponentName::Threading, value, text)
}

/// Pulse: the influence-weighted mean freshness of contact with the key stakeholders (required
/// roles and high influence; everyone when no one is key).
fn pulse(config: &Config, required: &[Role], people: &[Person]) -> Component {
    let is_key =
        |p: &Person| required.contains(&p.stake.role) || p.stake.influence >= config.high_influence;
    let any_key = people.iter().any(is_key);
    let mut key = 0usize;
    let mut total = 0.0;
    let mut weighted = 0.0;
    let mut stalest: Option<(&Person, f64)> = None;
    for p in people.iter().filter(|p| !any_key || is_key(p)) {
        let fresh = p.freshness(config);
        let influence = f64::from(p.stake.influence);
        key += 1;
        total += influence;
        weighted += influence * fresh;
        if stalest.is_none_or(|(_, f)| fresh < f) {
            stalest = Some((p, fresh));
        }
    }
    let Some((p, fresh)) = stalest else {
        let text = "No stakeholders are mapped.".to_string();
        return component(config, ComponentName::Pulse, 0.0, text);
    };
    let value = if total > 0.0 { weighted / total } else { 0.0 };
    let mut text = String::with_capacity(160);
    text.push_str("Recency of contact with ");
    push_count(&mut text, key, "key stakeholder", "key stakeholders");
    text.push_str(", weighted by influence; least fresh: ");
    text.push_str(p.name());
    text.push_str(" (");
    match (p.last_in_person(), p.last_any()) {
        (Some(d), _) => {
            text.push_str("met in person ");
            push_count(&mut text, d as usize, "day", "days");
            text.push_str(" ago");
        }
        (None, Some(d)) => {
            text.push_str("never met in person, last in touch ");
            push_count(&mut text, d as usize, "day", "days");
            text.push_str(" ago");
        }
        (None, None) => text.push_str("no interaction yet"),
    }
    let _ = write!(text, ", {fresh:.2}).");
    component(config, ComponentName::Pulse, value, text)
}

/// Stale contacts: stakeholders in a required role not met in person within their cadence.
fn stale(config: &Config, required: &[Role], people: &[Person], findings: &mut Vec<Finding>) {
    for p in people.iter().filter(|p| required.contains(&p.stake.role)) {
        let cadence = u32::from(p.cadence(config));
        let last = p.last_in_person();
        if last.is_some_and(|days| days <= cadence) {
            continue;
        }
        let mut message = String::with_capacity(64);
        p.push_with_role(&mut message);
        match last {
            Some(days) => {
                let _ = write!(message, " not met in person for {days} days");
            }
            None => message.push_str(" never met in person"),
        }
        findings.push(Finding {
            role: Some(p.stake.role),
            days: last,
            ..finding(FindingKind::StaleContact, vec![p.id().to_string()], message)
        });
    }
}

/// Perception gap: 1 minus the influence-weighted mean of how far our health rating exceeds the
/// contact's average recent sentiment, relative to the gap threshold.
fn perception(config: &Config, people: &[Person], findings: &mut Vec<Finding>) -> Component {
    let threshold = config.perception_gap.max(f64::EPSILON);
    let days = config.active_days;
    let gap_of = |p: &Person| Some(f64::from(p.stake.health?) - p.average_sentiment()?);
    let is_gap = |gap: f64| gap >= threshold - 1e-9;
    let mut total = 0.0;
    let mut weighted = 0.0;
    let mut compared = 0usize;
    let mut gaps = 0usize;
    for p in people {
        let Some(gap) = gap_of(p) else { continue };
        compared += 1;
        let influence = f64::from(p.stake.influence);
        total += influence;
        weighted += influence * (1.0 - (gap.max(0.0) / threshold).min(1.0));
        if is_gap(gap) {
            gaps += 1;
            let mut message = String::with_capacity(128);
            message.push_str("We rate the relationship with ");
            message.push_str(p.name());
            message.push_str(" at ");
            push_signed(&mut message, p.stake.health.unwrap_or_default());
            message.push_str(", but what they expressed in ");
            push_count(
                &mut message,
                p.summary.sentiment_n as usize,
                "interaction",
                "interactions",
            );
            let _ = write!(message, " in the last {days} days averages ");
            push_signed_average(&mut message, p.average_sentiment().unwrap_or_default());
            findings.push(finding(
                FindingKind::PerceptionGap,
                vec![p.id().to_string()],
                message,
            ));
        }
    }
    let mut text = String::with_capacity(128);
    if compared == 0 {
        let _ = write!(
            text,
            "No stakeholder with a health rating expressed a sentiment in the last {days} days, \
             so there is nothing to compare."
        );
        return component(config, ComponentName::PerceptionGap, 1.0, text);
    }
    if gaps == 0 {
        text.push_str("Our health ratings of ");
        push_count(&mut text, compared, "stakeholder", "stakeholders");
        let _ = write!(
            text,
            " are within {} of what they expressed recently.",
            config.perception_gap
        );
    } else {
        let over = people.iter().filter(|p| gap_of(p).is_some_and(is_gap));
        text.push_str("Our health rating of ");
        push_list(&mut text, over, gaps, LISTED, |out, p| {
            out.push_str(p.name())
        });
        let _ = write!(
            text,
            " is at least {} above their recent sentiment; ",
            config.perception_gap
        );
        push_count(&mut text, compared, "stakeholder", "stakeholders");
        text.push_str(" compared.");
    }
    component(config, ComponentName::PerceptionGap, weighted / total, text)
}

/// Reach: stakeholders / (stakeholders + the weights of people linked to them but not on the
/// project); those people, ranked, become findings and suggestions.
#[allow(clippy::too_many_arguments)]
fn reach(
    config: &Config,
    index: &Index,
    project: &super::index::ProjectData,
    people: &[Person],
    (marks, generation): (&mut Vec<(u32, u32)>, u32),
    scratch: &mut ReachScratch,
    findings: &mut Vec<Finding>,
    suggestions: &mut Vec<Suggestion>,
) -> Component {
    let ReachScratch {
        candidates,
        links,
        ranked,
        orgs,
        own,
        top_linked,
    } = scratch;
    candidates.clear();
    links.clear();
    orgs.clear();
    // The candidate for `slot` (made on first sight), unless they are on the project or unknown.
    let mut candidate = |candidates: &mut Vec<Candidate>, slot: Slot| -> Option<usize> {
        let m = mark(marks, slot);
        if m.0 == generation {
            return (m.1 & STAKEHOLDER == 0).then_some(m.1 as usize);
        }
        let hot = index.hot(slot).filter(|h| h.present)?;
        *m = (generation, candidates.len() as u32);
        candidates.push(Candidate {
            slot,
            key: hot.key,
            organization: hot.organization,
            senior_in_org: hot.senior,
            senior: false,
            linked: false,
            raw: 0.0,
        });
        Some(candidates.len() - 1)
    };
    orgs.extend(project.organization);
    for (at, p) in people.iter().enumerate() {
        let influence = f64::from(p.stake.influence) / 5.0;
        // Each stakeholder counts once per candidate and kind of link (the strongest).
        let first = links.len();
        for up in p.stake.up.iter() {
            let Some(c) = candidate(candidates, up.other) else {
                continue;
            };
            let (kind, weight) = match up.kind {
                RelationshipKind::ReportsTo => (LinkKind::Manages, influence),
                _ => (
                    LinkKind::Influences,
                    f64::from(up.strength) / 5.0 * influence,
                ),
            };
            match links[first..]
                .iter_mut()
                .find(|l| l.candidate == c && l.kind == kind)
            {
                Some(link) => link.weight = link.weight.max(weight),
                None => links.push(CandidateLink {
                    candidate: c,
                    kind,
                    person: at,
                    weight,
                }),
            }
        }
        orgs.extend(p.hot.organization);
    }
    orgs.sort_unstable();
    orgs.dedup();
    for link in links.iter() {
        let c = &mut candidates[link.candidate];
        c.raw += link.weight;
        c.linked = true;
    }
    // Senior people of the stakeholders' organizations count on seniority too. Those with no
    // link are only counted here, and looked up one by one when the suggestions reach them.
    let in_orgs = |org: Option<Slot>| org.is_some_and(|o| orgs.binary_search(&o).is_ok());
    let senior_weight = config.senior_weight.max(0.0);
    let mut seniors_only: usize = orgs
        .iter()
        .filter_map(|o| index.organizations.get(*o))
        .map(|o| o.seniors.len())
        .sum();
    let senior_stakeholders = people
        .iter()
        .filter(|p| p.hot.senior && in_orgs(p.hot.organization))
        .count();
    seniors_only = seniors_only.saturating_sub(senior_stakeholders);
    for c in candidates.iter_mut() {
        if c.senior_in_org && in_orgs(c.organization) {
            c.senior = true;
            c.raw += senior_weight;
            seniors_only = seniors_only.saturating_sub(1);
        }
    }
    let linked_count = candidates.len();
    let total_candidates = linked_count + seniors_only;

    let stakeholders = people.len() as f64;
    let unmapped: f64 = candidates.iter().map(Candidate::weight).sum::<f64>()
        + seniors_only as f64 * senior_weight.min(1.0);
    let value = if stakeholders > 0.0 {
        stakeholders / (stakeholders + unmapped)
    } else {
        0.0
    };

    // Ranked by weight; ties by the hash of the id (stable), then the id itself. Only the best
    // few are put in order: those suggested, and the best linked ones (reported as findings).
    /// The best `n` of `from` (indices into `candidates`), in order, into `list`.
    fn best(
        candidates: &[Candidate],
        index: &Index,
        from: impl Iterator<Item = usize>,
        list: &mut Vec<usize>,
        n: usize,
    ) {
        let before = |a: usize, b: usize| {
            let (x, y) = (&candidates[a], &candidates[b]);
            y.raw
                .total_cmp(&x.raw)
                .then(x.key.cmp(&y.key))
                .then_with(|| index.contact_id(x.slot).cmp(&index.contact_id(y.slot)))
                .is_lt()
        };
        list.clear();
        if n == 0 {
            return;
        }
        // A few are wanted: insertion into a short sorted list beats sorting them all.
        for c in from {
            if list.len() == n && list.last().is_some_and(|last| !before(c, *last)) {
                continue;
            }
            let at = list
                .iter()
                .position(|x| before(c, *x))
                .unwrap_or(list.len());
            list.insert(at, c);
            list.truncate(n);
        }
    }
    let wanted = usize::from(config.max_suggestions);
    let linked = (0..linked_count).filter(|c| candidates[*c].linked);
    best(
        candidates,
        index,
        linked,
        top_linked,
        usize::from(config.max_unmapped_findings),
    );
    best(candidates, index, 0..linked_count, ranked, wanted);
    let seniors_may_rank = ranked.len() < wanted
        || ranked
            .last()
            .is_some_and(|c| candidates[*c].raw <= senior_weight);
    if seniors_only > 0 && wanted > 0 && seniors_may_rank {
        for org in orgs.iter() {
            let seniors = index.organizations.get(*org).map(|o| o.seniors.as_slice());
            for senior in seniors.unwrap_or_default() {
                if let Some(c) = candidate(candidates, *senior)
                    && c >= linked_count
                {
                    candidates[c].senior = true;
                    candidates[c].raw = senior_weight;
                }
            }
        }
        best(candidates, index, 0..candidates.len(), ranked, wanted);
    }

    let mut text = String::with_capacity(160);
    if people.is_empty() {
        text.push_str("No stakeholders are mapped.");
    } else if total_candidates == 0 {
        text.push_str("No one linked to the ");
        push_count(&mut text, people.len(), "stakeholder", "stakeholders");
        text.push_str(" (managers, influencers, senior colleagues) is missing from the project.");
    } else {
        push_count(&mut text, people.len(), "stakeholder", "stakeholders");
        text.push_str(" mapped; ");
        push_count(&mut text, total_candidates, "person", "people");
        text.push_str(if total_candidates == 1 {
            " linked to them is"
        } else {
            " linked to them are"
        });
        text.push_str(" not on the project");
        // Only names the suggestions show too (an edit of anyone else's name need not rescore).
        let listed = LISTED.min(ranked.len());
        if listed > 0 {
            text.push_str(": ");
            push_list(
                &mut text,
                ranked.iter(),
                total_candidates,
                listed,
                |out, c| {
                    let name = index
                        .contact_data(candidates[*c].slot)
                        .map(ContactData::name);
                    out.push_str(name.unwrap_or(UNKNOWN));
                },
            );
        }
        text.push('.');
    }

    // What to say about a candidate: their id, the stakeholders they are linked to, and why.
    let mut describe = |c: usize| -> Option<(String, Vec<String>, String)> {
        let slot = candidates[c].slot;
        let data = index.contact_data(slot)?;
        let id = data.id();
        own.clear();
        own.extend(links.iter().filter(|l| l.candidate == c));
        own.sort_unstable_by(|a, b| b.weight.total_cmp(&a.weight).then(a.person.cmp(&b.person)));
        let mut via: Vec<String> = Vec::with_capacity(own.len());
        for link in own.iter() {
            let stakeholder = people[link.person].id();
            if !via.iter().any(|v| v == stakeholder) {
                via.push(stakeholder.to_string());
            }
        }
        let mut reason = String::with_capacity(128);
        push_candidate(&mut reason, data);
        if let Some(first) = own.first().map(|l| l.kind) {
            // "influences Olivia Brown and manages Rachel Moore": by kind, strongest first.
            for (n, kind) in [first, other_kind(first)].into_iter().enumerate() {
                let count = own.iter().filter(|l| l.kind == kind).count();
                if count == 0 {
                    continue;
                }
                reason.push_str(if n == 0 { " " } else { " and " });
                reason.push_str(kind.verb());
                reason.push(' ');
                let of_kind = own.iter().filter(|l| l.kind == kind);
                push_list(&mut reason, of_kind, count, LISTED, |out, l| {
                    out.push_str(people[l.person].name())
                });
            }
        } else {
            reason.push_str(" is senior at ");
            let org = data.organization.and_then(|o| index.organizations.get(o));
            match org.and_then(|o| o.name.as_deref()) {
                Some(name) => reason.push_str(name),
                None => reason.push_str("their organization"),
            }
        }
        reason.push_str(" but is not on the map");
        Some((id.to_string(), via, reason))
    };
    let first_suggestion = suggestions.len();
    for &c in ranked.iter() {
        if let Some((contact, via, reason)) = describe(c) {
            suggestions.push(Suggestion {
                contact,
                via,
                weight: round3(candidates[c].weight()),
                reason,
            });
        }
    }
    for &c in top_linked.iter() {
        let shown = ranked.iter().position(|r| *r == c);
        let described = match shown.and_then(|at| suggestions.get(first_suggestion + at)) {
            Some(s) => Some((s.contact.clone(), s.via.clone(), s.reason.clone())),
            None => describe(c),
        };
        if let Some((contact, via, reason)) = described {
            findings.push(Finding {
                via,
                ..finding(FindingKind::UnmappedStakeholder, vec![contact], reason)
            });
        }
    }
    component(config, ComponentName::Reach, value, text)
}

fn other_kind(kind: LinkKind) -> LinkKind {
    match kind {
        LinkKind::Manages => LinkKind::Influences,
        LinkKind::Influences => LinkKind::Manages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_word() {
        assert_eq!(with_article("opponent"), "an ");
        assert_eq!(with_article("skeptic"), "a ");
    }

    #[test]
    fn a_blocking_finding_caps_the_band_at_amber() {
        let config = Config::default();
        let blocking = finding(FindingKind::MissingRole, Vec::new(), String::new());
        let other = finding(FindingKind::StaleContact, Vec::new(), String::new());
        assert_eq!(band(&config, 95, &[]), Band::Green);
        assert_eq!(band(&config, 95, &[other]), Band::Green);
        assert_eq!(
            band(&config, 95, std::slice::from_ref(&blocking)),
            Band::Amber
        );
        assert_eq!(band(&config, 10, &[blocking]), Band::Red);
        assert_eq!(band(&config, 75, &[]), Band::Green);
        assert_eq!(band(&config, 74, &[]), Band::Amber);
        assert_eq!(band(&config, 60, &[]), Band::Amber);
        assert_eq!(band(&config, 59, &[]), Band::Red);
    }
}
