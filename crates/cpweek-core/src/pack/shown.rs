//! A pack record's values for people, as the window shows a change or a
//! conflict: times as GOV.UK writes them (`Tuesday 28 October 2014,
//! 10am`), true and false as "Yes" and "No", nothing as "None", lists
//! joined, themes and audiences by their names; a ministerial request's
//! person, role and status as the window names them; a practice entry's
//! outcomes, contact, status and consent check in sentences. The values
//! themselves stay as the pack writes them
//! ([`super::report::FieldChange`]); this only words them.

use crate::text::capitalised;
use chrono::DateTime;
use serde_json::Value;

use super::report::FieldChange;
use crate::attendance::{RequestRole, RequestStatus};
use crate::catalogue::Catalogue;
use crate::practice::{ConsentKind, PracticeStatus};
use crate::programme::Term;
use crate::time;

/// `value` of an event record's `field`, for people: a theme's or an
/// audience's slug as its name in `catalogue` (a slug it does not hold,
/// as it is).
pub fn event_value_text(field: &str, value: &Value, catalogue: &Catalogue) -> String {
    let terms = match field {
        "themes" => &catalogue.themes,
        "audiences" => &catalogue.audiences,
        _ => return value_text(field, value),
    };
    match value {
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|v| match v {
                Value::String(slug) => term_name(terms, slug),
                other => value_text(field, other),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => value_text(field, other),
    }
}

fn term_name(terms: &[Term], slug: &str) -> String {
    terms
        .iter()
        .find(|t| t.slug == slug)
        .map_or_else(|| slug.to_string(), |t| t.name.clone())
}

/// `value` of a ministerial request record's `field`, for people: the
/// person asked by name and title, the role and status as the window
/// names them.
pub fn request_value_text(field: &str, value: &Value) -> String {
    match (field, value) {
        ("person", Value::Object(person)) => {
            let text = |k: &str| person.get(k).and_then(Value::as_str).unwrap_or_default();
            match (text("name"), text("title")) {
                (name, "") => name.to_string(),
                (name, title) => format!("{name} ({title})"),
            }
        }
        ("role", Value::String(role)) => {
            RequestRole::parse(role).map_or_else(|| role.clone(), RequestRole::named)
        }
        ("status", Value::String(status)) => {
            RequestStatus::parse(status).map_or_else(|| status.clone(), |s| s.label().to_string())
        }
        _ => value_text(field, value),
    }
}

/// `value` of a practice entry record's `field`, for people: themes by
/// their names in `catalogue`, each outcome as "Adoptions: 20 before, 42
/// after (2011 to 2013)", the contact as "Jo Bloggs (Head of Service),
/// jo@kent.gov.uk", the status as the window names it, the consent check
/// as who checked what and when (in Europe/London).
pub fn practice_value_text(field: &str, value: &Value, catalogue: &Catalogue) -> String {
    let text = |object: &serde_json::Map<String, Value>, key: &str| -> String {
        object
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    match (field, value) {
        ("themes", _) => event_value_text(field, value, catalogue),
        ("outcomes", Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|item| match item {
                Value::Object(o) => {
                    let said = format!(
                        "{}: {} before, {} after",
                        text(o, "measure"),
                        text(o, "before"),
                        text(o, "after")
                    );
                    match text(o, "period") {
                        p if p.is_empty() => said,
                        p => format!("{said} ({p})"),
                    }
                }
                other => value_text(field, other),
            })
            .collect::<Vec<_>>()
            .join("; "),
        ("contact", Value::Object(o)) => {
            let name = match text(o, "role") {
                r if r.is_empty() => text(o, "name"),
                r => format!("{} ({r})", text(o, "name")),
            };
            match text(o, "email") {
                e if e.is_empty() => name,
                e => format!("{name}, {e}"),
            }
        }
        ("status", Value::String(status)) => PracticeStatus::parse(status)
            .map_or_else(|| status.clone(), |s| capitalised(s.as_str())),
        ("consent", Value::Object(o)) => {
            let kind = text(o, "kind");
            let what = ConsentKind::parse(&kind).map_or(kind, |k| k.label().to_string());
            let by = format!("Checked by {}", text(o, "checked_by"));
            match time::from_store(&text(o, "at")) {
                Ok(at) => format!(
                    "{by} on {}: {what}",
                    time::format_when(at.with_timezone(&time::LONDON).naive_local())
                ),
                Err(_) => format!("{by}: {what}"),
            }
        }
        ("created_at" | "updated_at", Value::String(stamp)) => match time::from_store(stamp) {
            Ok(at) => time::format_when(at.with_timezone(&time::LONDON).naive_local()),
            Err(_) => stamp.clone(),
        },
        _ => value_text(field, value),
    }
}

/// What a pack holds, for people: "12 events and 3 ministerial
/// requests", "1 event and no ministerial requests"; good-practice
/// entries are named when it holds any: "2 events, 1 ministerial request
/// and 4 good-practice entries".
pub fn holds(events: usize, requests: usize, practice: usize) -> String {
    let events = match events {
        1 => "1 event".to_string(),
        n => format!("{n} events"),
    };
    let requests = match requests {
        0 => "no ministerial requests".to_string(),
        1 => "1 ministerial request".to_string(),
        n => format!("{n} ministerial requests"),
    };
    match practice {
        0 => format!("{events} and {requests}"),
        1 => format!("{events}, {requests} and 1 good-practice entry"),
        n => format!("{events}, {requests} and {n} good-practice entries"),
    }
}

/// `value` of the record's `field`, for people.
pub fn value_text(field: &str, value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "Yes".into(),
        Value::Bool(false) => "No".into(),
        Value::Array(items) if items.is_empty() => "None".into(),
        Value::Array(items) => items
            .iter()
            .map(|v| value_text(field, v))
            .collect::<Vec<_>>()
            .join(", "),
        Value::String(text) if text.is_empty() => "None".into(),
        Value::String(text) if matches!(field, "start" | "end") => when(text),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A timed event's RFC 3339 local time, or an all-day event's date, as
/// GOV.UK writes it; anything else as it is.
fn when(text: &str) -> String {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return time::format_when(t.naive_local());
    }
    time::parse_date(text).map_or_else(|_| text.to_string(), time::format_date)
}

/// An event record's `change` with its old and new values worded for
/// people (as text), themes and audiences named from `catalogue`.
pub fn worded(change: &FieldChange, catalogue: &Catalogue) -> FieldChange {
    FieldChange {
        field: change.field.clone(),
        old: Value::String(event_value_text(&change.field, &change.old, catalogue)),
        new: Value::String(event_value_text(&change.field, &change.new, catalogue)),
    }
}

/// A ministerial request record's `change` with its old and new values
/// worded for people (as text).
pub fn worded_request(change: &FieldChange) -> FieldChange {
    FieldChange {
        field: change.field.clone(),
        old: Value::String(request_value_text(&change.field, &change.old)),
        new: Value::String(request_value_text(&change.field, &change.new)),
    }
}

/// A practice entry record's `change` with its old and new values worded
/// for people (as text), themes named from `catalogue`.
pub fn worded_practice(change: &FieldChange, catalogue: &Catalogue) -> FieldChange {
    FieldChange {
        field: change.field.clone(),
        old: Value::String(practice_value_text(&change.field, &change.old, catalogue)),
        new: Value::String(practice_value_text(&change.field, &change.new, catalogue)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_worded_for_people() {
        assert_eq!(
            value_text("start", &json!("2014-10-28T10:00:00+00:00")),
            "Tuesday 28 October 2014, 10am"
        );
        assert_eq!(
            value_text("end", &json!("2014-10-20T12:30:00+01:00")),
            "Monday 20 October 2014, 12:30pm",
            "local time, as the pack writes it"
        );
        assert_eq!(
            value_text("start", &json!("2014-10-28")),
            "Tuesday 28 October 2014"
        );
        assert_eq!(value_text("start", &json!("soon")), "soon");
        assert_eq!(value_text("title", &json!("2014-10-28")), "2014-10-28");
        assert_eq!(value_text("venue", &Value::Null), "None");
        assert_eq!(value_text("venue", &json!("")), "None");
        assert_eq!(value_text("all_day", &json!(true)), "Yes");
        assert_eq!(value_text("was_approved", &json!(false)), "No");
        assert_eq!(value_text("capacity", &json!(40)), "40");
        assert_eq!(value_text("themes", &json!([])), "None");
        assert_eq!(
            value_text("partner_councils", &json!(["318", "314"])),
            "318, 314"
        );
        assert_eq!(
            value_text("title", &json!("<b>Kent</b> & \"tea\"")),
            "<b>Kent</b> & \"tea\"",
            "text stays text: the window draws it as text"
        );
        let change = FieldChange {
            field: "start".into(),
            old: json!("2014-10-28T10:00:00+00:00"),
            new: json!("2014-10-28T11:00:00+00:00"),
        };
        let w = worded(&change, &Catalogue::default());
        assert_eq!(
            (w.field.as_str(), w.old, w.new),
            (
                "start",
                json!("Tuesday 28 October 2014, 10am"),
                json!("Tuesday 28 October 2014, 11am")
            )
        );
    }

    #[test]
    fn what_a_pack_holds_is_counted_for_people() {
        assert_eq!(holds(12, 3, 0), "12 events and 3 ministerial requests");
        assert_eq!(holds(1, 1, 0), "1 event and 1 ministerial request");
        assert_eq!(holds(0, 0, 0), "0 events and no ministerial requests");
        assert_eq!(
            holds(2, 1, 1),
            "2 events, 1 ministerial request and 1 good-practice entry"
        );
        assert_eq!(
            holds(1, 0, 4),
            "1 event, no ministerial requests and 4 good-practice entries"
        );
    }

    #[test]
    fn themes_and_audiences_are_named_from_the_catalogue() {
        let catalogue = Catalogue {
            themes: vec![Term {
                slug: "education".into(),
                name: "Education and schools".into(),
            }],
            audiences: vec![Term {
                slug: "care-leavers".into(),
                name: "Care leavers".into(),
            }],
            ..Catalogue::default()
        };
        let change = FieldChange {
            field: "themes".into(),
            old: json!([]),
            new: json!(["education", "retired-theme"]),
        };
        let w = worded(&change, &catalogue);
        assert_eq!(
            (w.old, w.new),
            (json!("None"), json!("Education and schools, retired-theme")),
            "a slug the catalogue does not hold stays as it is"
        );
        assert_eq!(
            event_value_text("audiences", &json!(["care-leavers"]), &catalogue),
            "Care leavers"
        );
        assert_eq!(
            event_value_text("title", &json!("education"), &catalogue),
            "education",
            "only themes and audiences are slugs"
        );
        assert_eq!(
            event_value_text("start", &json!("2014-10-28"), &catalogue),
            "Tuesday 28 October 2014"
        );
    }

    #[test]
    fn request_values_are_worded_for_people() {
        assert_eq!(
            request_value_text(
                "person",
                &json!({"key": "timpson", "name": "Edward Timpson MP", "title": "Minister for Children"})
            ),
            "Edward Timpson MP (Minister for Children)"
        );
        assert_eq!(
            request_value_text(
                "person",
                &json!({"key": null, "name": "Jo Bloggs", "title": ""})
            ),
            "Jo Bloggs"
        );
        assert_eq!(
            request_value_text("role", &json!("meet-young-people")),
            "Meet young people"
        );
        assert_eq!(request_value_text("role", &json!("other")), "Attend");
        assert_eq!(
            request_value_text("status", &json!("submitted")),
            "Submitted to the LGA"
        );
        assert_eq!(
            request_value_text("status", &json!("unheard-of")),
            "unheard-of"
        );
        assert_eq!(
            request_value_text("start", &json!("2014-10-28T10:00:00+00:00")),
            "Tuesday 28 October 2014, 10am"
        );
        assert_eq!(request_value_text("whole_event", &json!(true)), "Yes");
        assert_eq!(request_value_text("case", &Value::Null), "None");
        assert_eq!(request_value_text("priority", &json!(4)), "4");
        let w = worded_request(&FieldChange {
            field: "status".into(),
            old: json!("submitted"),
            new: json!("accepted"),
        });
        assert_eq!(
            (w.old, w.new),
            (json!("Submitted to the LGA"), json!("Accepted"))
        );
    }

    #[test]
    fn practice_values_are_worded_for_people() {
        let catalogue = Catalogue {
            themes: vec![Term {
                slug: "education".into(),
                name: "Education and schools".into(),
            }],
            ..Catalogue::default()
        };
        let outcomes = json!([
            {"measure": "Adoptions", "before": "20", "after": "42", "period": "2011 to 2013"},
            {"measure": "Weeks in court", "before": "49", "after": "27", "period": ""}
        ]);
        assert_eq!(
            practice_value_text("outcomes", &outcomes, &catalogue),
            "Adoptions: 20 before, 42 after (2011 to 2013); Weeks in court: 49 before, 27 after"
        );
        assert_eq!(
            practice_value_text("outcomes", &json!([]), &catalogue),
            "None"
        );
        assert_eq!(
            practice_value_text(
                "contact",
                &json!({"name": "Jo Bloggs", "role": "Head of Service", "email": "jo@kent.gov.uk"}),
                &catalogue
            ),
            "Jo Bloggs (Head of Service), jo@kent.gov.uk"
        );
        assert_eq!(
            practice_value_text(
                "contact",
                &json!({"name": "Jo Bloggs", "role": null, "email": "jo@kent.gov.uk"}),
                &catalogue
            ),
            "Jo Bloggs, jo@kent.gov.uk"
        );
        assert_eq!(
            practice_value_text("contact", &Value::Null, &catalogue),
            "None"
        );
        assert_eq!(
            practice_value_text("themes", &json!(["education", "gone"]), &catalogue),
            "Education and schools, gone"
        );
        assert_eq!(
            practice_value_text("status", &json!("submitted"), &catalogue),
            "Submitted"
        );
        assert_eq!(
            practice_value_text(
                "consent",
                &json!({"checked_by": "Pat Reid", "kind": "on_record", "at": "2014-09-02T08:00:00Z"}),
                &catalogue
            ),
            "Checked by Pat Reid on Tuesday 2 September 2014, 9am: consent is on record",
            "in Europe/London"
        );
        assert_eq!(
            practice_value_text("created_at", &json!("2014-01-10T12:30:00Z"), &catalogue),
            "Friday 10 January 2014, 12:30pm"
        );
        assert_eq!(
            practice_value_text("title", &json!("<b>Kent</b>"), &catalogue),
            "<b>Kent</b>",
            "text stays text"
        );
        let w = worded_practice(
            &FieldChange {
                field: "what_was_done".into(),
                old: Value::Null,
                new: json!("Panels met weekly"),
            },
            &catalogue,
        );
        assert_eq!((w.old, w.new), (json!("None"), json!("Panels met weekly")));
    }
}
