//! The briefing note for an engagement, in the layout of the LGA's own
//! papers: the title, "Purpose of report", "Summary", "Recommendation",
//! "Action", the contact officer (Position, Phone no, E-mail), then the
//! background in numbered paragraphs.
//!
//! [`Briefing`] is plain data the caller has already formatted: times and
//! days are Europe/London labels ("Tuesday 28 October 2014", "10am"), and
//! the date the note was prepared is passed in, never read from the clock.
//! What is not known is said plainly ("Not given") or left out, never shown
//! as an empty box.

use super::{Block, Detail, Document, Level, Table};

/// Said where a field that belongs in the note was not given.
pub const NOT_GIVEN: &str = "Not given";

/// Everything a briefing note says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    /// Who is to attend.
    pub person: Attendee,
    pub engagement: Engagement,
    pub venue: Venue,
    /// Travel to the engagement: from the previous engagement that day, or
    /// from the home base; `None` when it was not reckoned.
    pub arrival: Option<Leg>,
    /// Travel after it: on to the next engagement, or home.
    pub departure: Option<Leg>,
    /// Who the person will meet: the event's audiences ("Children in
    /// care", "Foster carers") and its description.
    pub audiences: Vec<String>,
    pub description: Option<String>,
    /// The case for attending, as the requester made it.
    pub case: Option<String>,
    pub contact: ContactOfficer,
    /// Whether the event is private (children in care are present): the
    /// note then carries the safeguarding section.
    pub privacy: Privacy,
    /// The council's good-practice entries (empty until the toolkit holds
    /// some).
    pub practice: Vec<PracticeEntry>,
    /// The request's status as people read it ("Accepted").
    pub status: String,
    /// The LGA's priority, 1 (lowest) to 5 (highest).
    pub priority: u8,
    /// The date the note was prepared ("Monday 20 October 2014").
    pub prepared: String,
}

/// The person asked to attend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub name: String,
    /// Their title as the source gives it ("Children and Families Minister").
    pub title: String,
}

/// The engagement: the event (or the LGA's slot) and what is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engagement {
    pub title: String,
    /// Who asked: a council ("Kent County Council") or "LGA".
    pub host: String,
    /// The host council's region ("South East"); `None` for the LGA.
    pub region: Option<String>,
    /// The day ("Tuesday 28 October 2014").
    pub day: String,
    /// The event's times ("10am to 12:30pm").
    pub times: String,
    /// The part of the event wanted ("11am to 11:45am"); `None` for the
    /// whole event.
    pub part: Option<String>,
    /// The role asked, as a verb phrase ("speak", "visit", "meet young
    /// people", "present awards").
    pub role: String,
}

/// Where the engagement is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Venue {
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
}

/// One journey to or from the engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leg {
    /// The other end: the previous or next engagement, or the home base.
    pub place: Place,
    pub minutes: u32,
    /// How the minutes were reckoned, in one sentence.
    pub reckoning: String,
    /// When to leave ("9:05am"): from the other end for the arrival, from
    /// this engagement for the departure.
    pub leave: Option<String>,
}

/// The other end of a journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Another engagement that day, by its title.
    Engagement(String),
    /// The person's home base ("Sanctuary Buildings, SW1P 3BT").
    Home(String),
}

/// The contact officer for the engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactOfficer {
    pub name: String,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Whether an event is open to the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    Public,
    /// Children in care are present; the note carries safeguarding rules.
    Private,
}

/// One of the council's good-practice entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeEntry {
    pub title: String,
    pub summary: String,
}

/// "55 minutes", "1 hour", "2 hours 5 minutes".
pub fn duration(minutes: u32) -> String {
    let (hours, minutes) = (minutes / 60, minutes % 60);
    let unit = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (hours, minutes) {
        (0, m) => unit(m, "minute", "minutes"),
        (h, 0) => unit(h, "hour", "hours"),
        (h, m) => format!(
            "{} {}",
            unit(h, "hour", "hours"),
            unit(m, "minute", "minutes")
        ),
    }
}

impl Leg {
    /// The journey to the engagement, in one sentence and its reckoning.
    fn arrival(&self) -> String {
        let from = match &self.place {
            Place::Engagement(title) => format!("from the previous engagement, {title}"),
            Place::Home(base) => format!("from the home base, {base}"),
        };
        let leave = self
            .leave
            .as_deref()
            .map(|t| format!(" Leave by {t}."))
            .unwrap_or_default();
        format!(
            "Travel {from}: {}. {}{leave}",
            duration(self.minutes),
            sentence(&self.reckoning)
        )
    }

    /// The journey after the engagement.
    fn departure(&self) -> String {
        let to = match &self.place {
            Place::Engagement(title) => format!("on to the next engagement, {title}"),
            Place::Home(base) => format!("back to the home base, {base}"),
        };
        let leave = self
            .leave
            .as_deref()
            .map(|t| format!(" Leave by {t}."))
            .unwrap_or_default();
        format!(
            "Travel {to}: {}. {}{leave}",
            duration(self.minutes),
            sentence(&self.reckoning)
        )
    }

    /// Where the journey starts or ends, for the timings table.
    fn place_name(&self) -> &str {
        match &self.place {
            Place::Engagement(title) | Place::Home(title) => title,
        }
    }
}

/// Text ending with a full stop (one added when it ends with none).
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// A list in words: "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn or_not_given(value: &Option<String>) -> String {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or(NOT_GIVEN)
        .to_string()
}

impl Briefing {
    /// The host and its region: "Kent County Council (South East)", "LGA".
    fn host(&self) -> String {
        match &self.engagement.region {
            Some(region) => format!("{} ({region})", self.engagement.host),
            None => self.engagement.host.clone(),
        }
    }

    /// The venue in one line, or "Not given".
    fn venue_line(&self) -> String {
        let parts: Vec<&str> = [&self.venue.name, &self.venue.address, &self.venue.postcode]
            .into_iter()
            .filter_map(|p| p.as_deref().map(str::trim).filter(|p| !p.is_empty()))
            .collect();
        if parts.is_empty() {
            NOT_GIVEN.to_string()
        } else {
            parts.join(", ")
        }
    }

    /// The part of the event wanted, as a phrase.
    fn part(&self) -> String {
        match &self.engagement.part {
            Some(part) => format!("from {part}"),
            None => "for the whole event".to_string(),
        }
    }
}

/// The briefing note as a document, in the LGA's layout.
pub fn briefing(b: &Briefing) -> Document {
    let person = &b.person;
    let event = &b.engagement;
    let mut doc = Document::new(format!("Briefing: {}", event.title));
    doc.subtitle = Some(format!("For {}, {}", person.name, person.title));
    let mut blocks = vec![Block::Details(vec![
        Detail::new("Prepared", &b.prepared),
        Detail::new("Request status", &b.status),
        Detail::new(
            "LGA priority",
            format!("{} (1 lowest, 5 highest)", b.priority),
        ),
    ])];

    let heading = |text: &str| Block::heading(Level::One, text);
    let section = |text: &str| Block::heading(Level::Two, text);
    let numbered = Block::numbered;
    let sub = Block::sub;

    blocks.push(heading("Purpose of report"));
    blocks.push(Block::Paragraph(format!(
        "For information: the arrangements for {} to {} at {}, {}, on {}.",
        person.name,
        event.role,
        event.title,
        b.host(),
        event.day
    )));

    blocks.push(heading("Summary"));
    blocks.push(Block::Paragraph(format!(
        "{} has asked {} to {} at {} on {}, {}. The event runs {}; {} is wanted {}.",
        event.host,
        person.name,
        event.role,
        event.title,
        event.day,
        b.venue_line(),
        event.times,
        person.name,
        b.part()
    )));
    if let Some(leg) = &b.arrival {
        blocks.push(Block::Paragraph(leg.arrival()));
    }
    if b.privacy == Privacy::Private {
        blocks.push(Block::Paragraph(
            "This is a private event where children in care are present: see the \
             safeguarding section before attending."
                .to_string(),
        ));
    }

    blocks.push(heading("Recommendation"));
    blocks.push(Block::Paragraph(format!(
        "That {} attends {} {} to {}, as set out below.",
        person.name,
        event.title,
        b.part(),
        event.role
    )));

    blocks.push(heading("Action"));
    blocks.push(Block::Paragraph(
        "Officers to confirm the arrangements with the contact officer and to send this \
         note to the private office before the day."
            .to_string(),
    ));

    blocks.push(Block::Details(vec![
        Detail::new("Contact officer", &b.contact.name),
        Detail::new("Position", or_not_given(&b.contact.position)),
        Detail::new("Phone no", or_not_given(&b.contact.phone)),
        Detail::new("E-mail", or_not_given(&b.contact.email)),
    ]));

    blocks.push(heading("Background"));

    blocks.push(section("The engagement"));
    blocks.push(numbered(format!(
        "{} is hosted by {}.",
        event.title.trim(),
        b.host()
    )));
    blocks.push(numbered(format!(
        "It is on {}, {}, at {}.",
        event.day,
        event.times,
        b.venue_line()
    )));
    blocks.push(sub(format!(
        "{} is asked to {}, {}.",
        person.name,
        event.role,
        b.part()
    )));
    blocks.push(Block::Table(timings(b)));

    blocks.push(section("Travel"));
    match &b.arrival {
        Some(leg) => blocks.push(numbered(leg.arrival())),
        None => blocks.push(numbered(format!("Travel to the engagement: {NOT_GIVEN}."))),
    }
    match &b.departure {
        Some(leg) => blocks.push(numbered(leg.departure())),
        None => blocks.push(numbered(format!(
            "Travel after the engagement: {NOT_GIVEN}."
        ))),
    }

    blocks.push(section(&format!("Who {} will meet", person.name)));
    if b.audiences.is_empty() && b.description.is_none() {
        blocks.push(numbered(format!("{NOT_GIVEN}.")));
    }
    if !b.audiences.is_empty() {
        blocks.push(numbered(format!(
            "The event is for {}.",
            and_list(&b.audiences)
        )));
    }
    if let Some(description) = &b.description {
        blocks.push(numbered(format!(
            "The organisers describe it so: {}",
            sentence(description)
        )));
    }

    blocks.push(section("The case for attending"));
    blocks.push(numbered(match &b.case {
        Some(case) => sentence(case),
        None => format!("{NOT_GIVEN}."),
    }));

    if b.privacy == Privacy::Private {
        blocks.push(section("Safeguarding"));
        blocks.push(Block::Notice {
            title: "Children in care are present".to_string(),
            paragraphs: vec![
                "No photographs or recordings of children or young people, and no names or \
                 anything else that could identify a child, without consent."
                    .to_string(),
                format!(
                    "Follow the safeguarding lead of {} on the day, and ask them before \
                     speaking to the press or posting online about the event.",
                    event.host
                ),
            ],
        });
    }

    blocks.push(section(&format!("Good practice from {}", event.host)));
    if b.practice.is_empty() {
        blocks.push(numbered("None recorded yet.".to_string()));
    }
    for entry in &b.practice {
        blocks.push(numbered(format!(
            "{}: {}",
            entry.title,
            sentence(&entry.summary)
        )));
    }

    doc.blocks = blocks;
    doc
}

/// The day's timings: travel in, the event, the part wanted, travel on.
fn timings(b: &Briefing) -> Table {
    let event = &b.engagement;
    let mut rows = Vec::new();
    if let Some(leg) = &b.arrival {
        rows.push(vec![
            format!("Travel from {}", leg.place_name()),
            leg.leave
                .as_deref()
                .map(|t| format!("Leave by {t}"))
                .unwrap_or_else(|| NOT_GIVEN.to_string()),
            duration(leg.minutes),
        ]);
    }
    rows.push(vec![
        "The event".to_string(),
        event.times.clone(),
        b.venue_line(),
    ]);
    rows.push(vec![
        format!("{} attends", b.person.name),
        event.part.clone().unwrap_or_else(|| event.times.clone()),
        format!("To {}", event.role),
    ]);
    if let Some(leg) = &b.departure {
        rows.push(vec![
            format!("Travel to {}", leg.place_name()),
            leg.leave
                .as_deref()
                .map(|t| format!("Leave by {t}"))
                .unwrap_or_else(|| NOT_GIVEN.to_string()),
            duration(leg.minutes),
        ]);
    }
    Table {
        caption: format!("Timings on {}", event.day),
        header: vec![
            "What".to_string(),
            "When".to_string(),
            "Details".to_string(),
        ],
        rows,
    }
}
