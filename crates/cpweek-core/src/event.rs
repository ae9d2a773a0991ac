//! Events: what a council registers, the rules its fields must meet, how its
//! status may change, and when its SEQUENCE rises.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalogue::Catalogue;
use crate::error::FieldError;
use crate::programme::Placement;
use crate::text;
use crate::time::{self, When};

pub const CAPACITY_MAX: u32 = 100_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Visibility {
    #[default]
    Public,
    /// Children in care may be present: never published to partners.
    Private,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Private => "private",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "public" => Some(Visibility::Public),
            "private" => Some(Visibility::Private),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Status {
    /// New, waiting for the LGA's review.
    Submitted,
    /// In the national programme.
    Approved,
    /// The LGA asked the council for changes.
    Returned,
    /// Called off, with a reason; stays in feeds as cancelled.
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Submitted,
        Status::Approved,
        Status::Returned,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Returned => "returned",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// A change of status that a person asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    Approve,
    Return { note: String },
    Cancel { reason: String },
}

/// The status an event moves to under `review`, or why it cannot.
pub fn next_status(current: Status, review: &Review) -> Result<Status, String> {
    use Status::*;
    match (current, review) {
        (Cancelled, _) => Err("the event is cancelled; a cancelled event cannot change".into()),
        (Approved, Review::Approve) => Err("the event is already approved".into()),
        (Submitted | Returned, Review::Approve) => Ok(Approved),
        (Returned, Review::Return { .. }) => Err("the event is already returned".into()),
        (Submitted | Approved, Review::Return { .. }) => Ok(Returned),
        (_, Review::Cancel { .. }) => Ok(Cancelled),
    }
}

/// The status after a council edits an event: a returned event is
/// resubmitted; others keep theirs. Cancelled events cannot be edited.
pub fn status_after_edit(current: Status) -> Result<Status, String> {
    match current {
        Status::Cancelled => {
            Err("the event is cancelled; a cancelled event cannot be edited".into())
        }
        Status::Returned => Ok(Status::Submitted),
        other => Ok(other),
    }
}

/// An event as a person fills it in, every field as typed: what the event
/// form holds and what `cpweek event add` builds from its flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EventForm {
    /// Programme id; empty means the current programme.
    pub programme: String,
    pub council: String,
    /// The councils running the event with the lead council (`council`),
    /// by code or name, in order: a joint event.
    pub partner_councils: Vec<String>,
    pub title: String,
    pub description: String,
    pub start: String,
    pub end: String,
    pub all_day: bool,
    pub venue: String,
    pub address: String,
    pub postcode: String,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    pub private: bool,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub booking_url: String,
    pub capacity: String,
}

/// What a council says about its event beyond its council, programme and
/// time: every field but those, as validation leaves it. Its fields are
/// listed here once: the stored content ([`EventContent`]) and the stored
/// event ([`Event`], whose JSON carries them flattened) embed it, and
/// `store/events.rs` maps it to its columns in one place
/// (`DETAIL_COLUMNS`). A new field is added here, in [`EventForm`] and
/// [`validate`], in that mapping and its migration, and in the form's screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EventDetails {
    pub title: String,
    pub description: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    pub visibility: Visibility,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub booking_url: Option<String>,
    pub capacity: Option<u32>,
}

/// The content of an event once every rule holds. Everything here is what a
/// partner could see, so any change to it raises the event's SEQUENCE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContent {
    pub programme_id: String,
    /// The lead council.
    pub council_code: String,
    /// The councils running it with the lead, by code, in order; never the
    /// lead, never twice.
    pub partner_councils: Vec<String>,
    pub start: DateTime<Utc>,
    /// Exclusive; for all-day events, the midnight after the last day.
    pub end: DateTime<Utc>,
    pub all_day: bool,
    pub details: EventDetails,
}

/// A stored event, with what is derived from its programme and council.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Event {
    #[ts(type = "number")]
    pub id: i64,
    /// iCalendar UID: made once, never changed.
    pub uid: String,
    /// iCalendar SEQUENCE: rises on every change a partner would see.
    pub sequence: u32,
    pub programme: String,
    pub council: String,
    pub council_name: String,
    pub region: String,
    /// The councils running it with the lead council (a joint event), by
    /// DfE code, in the order given.
    pub partner_councils: Vec<String>,
    /// Their names, in the same order: `Royal Borough of Kingston upon Thames`.
    pub partner_council_names: Vec<String>,
    /// Local time in the programme's zone, with its offset.
    #[serde(serialize_with = "time::serialize_rfc3339")]
    pub start: DateTime<FixedOffset>,
    /// Exclusive end, local, with its offset.
    #[serde(serialize_with = "time::serialize_rfc3339")]
    pub end: DateTime<FixedOffset>,
    pub all_day: bool,
    /// First local date.
    pub start_date: NaiveDate,
    /// Last local date (inclusive).
    pub end_date: NaiveDate,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: EventDetails,
    pub status: Status,
    /// The LGA's note when returned, or the reason when cancelled.
    pub status_note: Option<String>,
    /// It has been in the national programme (approved) at some time.
    pub was_approved: bool,
    pub in_week: bool,
    /// Which conference day the event starts on (1 for the first), if any.
    pub conference_day: Option<u32>,
    #[serde(serialize_with = "time::serialize_rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize_rfc3339")]
    pub updated_at: DateTime<Utc>,
}

impl Event {
    pub fn placement(&self) -> Placement {
        Placement {
            in_week: self.in_week,
            conference_day: self.conference_day,
        }
    }

    /// When it happens, for people: `Tuesday 28 October 2014, 10am to midday`.
    pub fn when(&self) -> String {
        time::format_span(
            self.start.naive_local(),
            self.end.naive_local(),
            self.all_day,
        )
    }

    /// The councils running it: the lead council, then its partners, by
    /// code. The event shows in each one's list and feed, and counts for
    /// each one's take-up.
    pub fn councils(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.council.as_str())
            .chain(self.partner_councils.iter().map(String::as_str))
    }

    /// Whether council `code` runs it, as lead or partner.
    pub fn is_run_by(&self, code: &str) -> bool {
        self.councils().any(|c| c == code)
    }

    /// What validation made of this event when it was saved.
    pub fn content(&self) -> EventContent {
        EventContent {
            programme_id: self.programme.clone(),
            council_code: self.council.clone(),
            partner_councils: self.partner_councils.clone(),
            start: self.start.with_timezone(&Utc),
            end: self.end.with_timezone(&Utc),
            all_day: self.all_day,
            details: self.details.clone(),
        }
    }

    /// The form that edits this event, filled in with its values.
    pub fn to_form(&self) -> EventForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let d = &self.details;
        let (start, end) = if self.all_day {
            (self.start_date.to_string(), self.end_date.to_string())
        } else {
            (
                self.start.format("%Y-%m-%dT%H:%M").to_string(),
                self.end.format("%Y-%m-%dT%H:%M").to_string(),
            )
        };
        EventForm {
            programme: self.programme.clone(),
            council: self.council.clone(),
            partner_councils: self.partner_councils.clone(),
            title: d.title.clone(),
            description: text(&d.description),
            start,
            end,
            all_day: self.all_day,
            venue: text(&d.venue),
            address: text(&d.address),
            postcode: text(&d.postcode),
            themes: d.themes.clone(),
            audiences: d.audiences.clone(),
            private: d.visibility == Visibility::Private,
            contact_name: text(&d.contact_name),
            contact_email: text(&d.contact_email),
            contact_phone: text(&d.contact_phone),
            booking_url: text(&d.booking_url),
            capacity: d.capacity.map(|c| c.to_string()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
impl Event {
    /// A public, submitted Kent event on Tuesday 28 October 2014, 10am to
    /// midday, in the 2014 week, for tests to change.
    pub(crate) fn example(id: i64, title: &str) -> Event {
        use chrono::TimeZone;
        let start = time::LONDON
            .with_ymd_and_hms(2014, 10, 28, 10, 0, 0)
            .unwrap();
        let end = time::LONDON
            .with_ymd_and_hms(2014, 10, 28, 12, 0, 0)
            .unwrap();
        Event {
            id,
            uid: format!("{id}@test"),
            sequence: 0,
            programme: "2014".into(),
            council: "886".into(),
            council_name: "Kent".into(),
            region: "South East".into(),
            partner_councils: Vec::new(),
            partner_council_names: Vec::new(),
            start: start.fixed_offset(),
            end: end.fixed_offset(),
            all_day: false,
            start_date: start.date_naive(),
            end_date: end.date_naive(),
            details: EventDetails {
                title: title.into(),
                themes: vec!["care-leavers".into()],
                ..EventDetails::default()
            },
            status: Status::Submitted,
            status_note: None,
            was_approved: false,
            in_week: true,
            conference_day: None,
            created_at: start.to_utc(),
            updated_at: start.to_utc(),
        }
    }
}

/// What a joint event says of its partners, for people: `A joint event
/// with Kingston upon Thames and Kent.`; `None` for an event of one council.
/// The calendar's description and the published programme use it.
pub fn joint_with(partner_names: &[String]) -> Option<String> {
    Some(format!("A joint event {}.", with_councils(partner_names)?))
}

/// `with Kingston upon Thames`, `with Kingston upon Thames, Kent and
/// Surrey`; `None` when there are no partners.
pub fn with_councils(names: &[String]) -> Option<String> {
    let (last, rest) = names.split_last()?;
    Some(if rest.is_empty() {
        format!("with {last}")
    } else {
        format!("with {} and {last}", rest.join(", "))
    })
}

/// What validation found: the content to store, and warnings that do not
/// stop it (an event outside the week is accepted, flagged).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub content: EventContent,
    pub placement: Placement,
    pub warnings: Vec<String>,
}

/// Checks every field of `form` against the rules and the catalogue, and
/// reports every field at fault, not just the first.
pub fn validate(form: &EventForm, catalogue: &Catalogue) -> Result<Checked, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let programme = match catalogue.programme(&form.programme) {
        Ok(p) => Some(p),
        Err(message) => {
            errors.push(FieldError::new("programme", message));
            None
        }
    };
    let council_code = match catalogue.council(&form.council) {
        Ok(c) => Some(c.code.clone()),
        Err(message) => {
            errors.push(FieldError::new("council", message));
            None
        }
    };

    let partner_councils = partners(form, council_code.as_deref(), catalogue, &mut errors);

    let title = text::TITLE
        .required(&form.title)
        .map_err(|e| errors.push(e))
        .ok();
    let description = checked(text::DESCRIPTION, &form.description, &mut errors);

    let tz = programme.map(|p| p.time_zone).unwrap_or(time::LONDON);
    let span = check_span(form, tz, &mut errors);

    let venue = checked(text::VENUE, &form.venue, &mut errors);
    let address = checked(text::ADDRESS, &form.address, &mut errors);
    let contact_name = checked(text::CONTACT_NAME, &form.contact_name, &mut errors);
    let postcode = checked(text::POSTCODE, &form.postcode, &mut errors);
    let contact_email = checked(text::CONTACT_EMAIL, &form.contact_email, &mut errors);
    let contact_phone = checked(text::CONTACT_PHONE, &form.contact_phone, &mut errors);
    let booking_url = checked(text::BOOKING_URL, &form.booking_url, &mut errors);
    let capacity = optional(&form.capacity).and_then(|c| match c.parse::<u32>() {
        Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Some(n),
        _ => {
            errors.push(FieldError::new(
                "capacity",
                format!(
                    "capacity \"{}\" must be a whole number from 1 to {CAPACITY_MAX}",
                    text::quoted(&c)
                ),
            ));
            None
        }
    });

    let themes = terms(
        "themes",
        "theme",
        &form.themes,
        &catalogue.themes,
        &mut errors,
    );
    let audiences = terms(
        "audiences",
        "audience",
        &form.audiences,
        &catalogue.audiences,
        &mut errors,
    );

    if !errors.is_empty() {
        return Err(errors);
    }
    let (programme, council_code, (start, end), title) =
        match (programme, council_code, span, title) {
            (Some(p), Some(c), Some(s), Some(t)) => (p, c, s, t),
            // Each None pushed an error above.
            _ => return Err(errors),
        };
    let placement = programme.place(start, end);
    if !placement.in_week {
        warnings.push(format!(
            "the event is outside {} ({} to {}); it is saved but flagged as not in the week",
            programme.name,
            time::format_date(programme.starts_on),
            time::format_date(programme.ends_on)
        ));
    }
    Ok(Checked {
        content: EventContent {
            programme_id: programme.id.clone(),
            council_code,
            partner_councils,
            start,
            end,
            all_day: form.all_day,
            details: EventDetails {
                title,
                description,
                venue,
                address,
                postcode,
                themes,
                audiences,
                visibility: if form.private {
                    Visibility::Private
                } else {
                    Visibility::Public
                },
                contact_name,
                contact_email,
                contact_phone,
                booking_url,
                capacity,
            },
        },
        placement,
        warnings,
    })
}

/// The partner councils of a joint event, by code, in the order given:
/// each a known council, not the lead council, none twice. Blank entries
/// are ignored. Every one at fault is reported, under `partner_councils`.
fn partners(
    form: &EventForm,
    lead: Option<&str>,
    catalogue: &Catalogue,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    const FIELD: &str = "partner_councils";
    let mut codes: Vec<String> = Vec::new();
    for given in form
        .partner_councils
        .iter()
        .filter(|g| !g.trim().is_empty())
    {
        let council = match catalogue.council(given) {
            Ok(c) => c,
            Err(message) => {
                errors.push(FieldError::new(
                    FIELD,
                    format!("partner council: {message}"),
                ));
                continue;
            }
        };
        if Some(council.code.as_str()) == lead {
            errors.push(FieldError::new(
                FIELD,
                format!(
                    "partner council \"{}\" is the lead council ({}); a partner is another council running the event with it",
                    text::quoted(given.trim()),
                    council.label()
                ),
            ));
        } else if codes.contains(&council.code) {
            errors.push(FieldError::new(
                FIELD,
                format!(
                    "partner council \"{}\" is given twice ({}); give each partner once",
                    text::quoted(given.trim()),
                    council.label()
                ),
            ));
        } else {
            codes.push(council.code.clone());
        }
    }
    codes
}

/// Reads start and end. Timed events take a date and time for each (a date
/// alone is refused); all-day events take dates, and `end` may be left out
/// for a one-day event. Returns UTC instants with an exclusive end.
fn check_span(
    form: &EventForm,
    tz: chrono_tz::Tz,
    errors: &mut Vec<FieldError>,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let read = |field: &'static str, given: &str, errors: &mut Vec<FieldError>| -> Option<When> {
        if given.trim().is_empty() {
            errors.push(FieldError::new(
                field,
                if form.all_day {
                    format!("{field} date is required; expected YYYY-MM-DD, like 2014-10-28")
                } else {
                    format!("{field} is required; expected YYYY-MM-DDTHH:MM, like 2014-10-28T10:00")
                },
            ));
            return None;
        }
        match time::parse_when(given) {
            Err(message) => {
                errors.push(FieldError::new(field, format!("{field} {message}")));
                None
            }
            Ok(When::Date(_)) if !form.all_day => {
                errors.push(FieldError::new(
                    field,
                    format!("{field} \"{}\" has no time; give YYYY-MM-DDTHH:MM, or mark the event all day", text::quoted(given.trim())),
                ));
                None
            }
            Ok(when) => {
                if !text::YEARS.contains(&when.local_date(tz).year()) {
                    errors.push(FieldError::new(
                        field,
                        format!(
                            "{field} \"{}\" is not a year a programme could run in; expected a year from {} to {}",
                            text::quoted(given.trim()),
                            text::YEARS.start(),
                            text::YEARS.end()
                        ),
                    ));
                    return None;
                }
                Some(when)
            }
        }
    };
    use chrono::Datelike;

    let start = read("start", &form.start, errors);
    if form.all_day {
        let end = if form.end.trim().is_empty() {
            start
        } else {
            read("end", &form.end, errors)
        };
        let (first, last) = (start?.local_date(tz), end?.local_date(tz));
        if last < first {
            errors.push(FieldError::new(
                "end",
                format!("end date {last} is before start date {first}"),
            ));
            return None;
        }
        Some((
            time::start_of_day(first, tz),
            time::start_of_day(last + Duration::days(1), tz),
        ))
    } else {
        let end = read("end", &form.end, errors);
        let (start, end) = (start?.to_utc(tz), end?.to_utc(tz));
        if end < start {
            errors.push(FieldError::new(
                "end",
                format!(
                    "end {} is before start {}",
                    time::format_short(end, tz),
                    time::format_short(start, tz)
                ),
            ));
            return None;
        }
        if end == start {
            errors.push(FieldError::new(
                "end",
                format!(
                    "end {} is the same as start; an event must last some time",
                    time::format_short(end, tz)
                ),
            ));
            return None;
        }
        Some((start, end))
    }
}

/// `value` in its normal form by `field`'s rule; None when it is empty
/// or breaks the rule (the error is pushed).
fn checked(field: text::Field, value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    field.optional(value).unwrap_or_else(|e| {
        errors.push(e);
        None
    })
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn terms(
    field: &'static str,
    singular: &str,
    given: &[String],
    known: &[crate::programme::Term],
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    let mut slugs = Vec::new();
    for g in given.iter().filter(|g| !g.trim().is_empty()) {
        match crate::programme::resolve_term(known, singular, g) {
            Ok(t) if !slugs.contains(&t.slug) => slugs.push(t.slug.clone()),
            Ok(_) => {}
            Err(message) => errors.push(FieldError::new(field, message)),
        }
    }
    slugs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_moves_only_the_ways_the_review_allows() {
        use Status::*;
        let ret = Review::Return {
            note: "add a venue".into(),
        };
        let cancel = Review::Cancel {
            reason: "venue closed".into(),
        };
        assert_eq!(next_status(Submitted, &Review::Approve), Ok(Approved));
        assert_eq!(next_status(Returned, &Review::Approve), Ok(Approved));
        assert!(next_status(Approved, &Review::Approve).is_err());
        assert_eq!(next_status(Approved, &ret), Ok(Returned));
        assert!(next_status(Returned, &ret).is_err());
        assert_eq!(next_status(Approved, &cancel), Ok(Cancelled));
        assert!(next_status(Cancelled, &Review::Approve).is_err());
        assert!(next_status(Cancelled, &cancel).is_err());
        assert_eq!(status_after_edit(Returned), Ok(Submitted));
        assert_eq!(status_after_edit(Approved), Ok(Approved));
        assert!(status_after_edit(Cancelled).is_err());
    }
}
