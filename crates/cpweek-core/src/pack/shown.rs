//! A pack record's values for people, as the window shows a change or a
//! conflict: times as GOV.UK writes them (`Tuesday 28 October 2014,
//! 10am`), true and false as "Yes" and "No", nothing as "None", lists
//! joined. The values themselves stay as the pack writes them
//! ([`super::report::FieldChange`]); this only words them.

use chrono::DateTime;
use serde_json::Value;

use super::report::FieldChange;
use crate::time;

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

/// `change` with its old and new values worded for people (as text).
pub fn worded(change: &FieldChange) -> FieldChange {
    FieldChange {
        field: change.field.clone(),
        old: Value::String(value_text(&change.field, &change.old)),
        new: Value::String(value_text(&change.field, &change.new)),
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
        let w = worded(&change);
        assert_eq!(
            (w.field.as_str(), w.old, w.new),
            (
                "start",
                json!("Tuesday 28 October 2014, 10am"),
                json!("Tuesday 28 October 2014, 11am")
            )
        );
    }
}
