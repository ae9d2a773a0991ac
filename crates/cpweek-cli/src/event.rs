//! `cpweek event ...`: add, list, show, edit, approve, return, cancel.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use cpweek_core::event::{Event, EventForm, Review};
use cpweek_core::permission::EventAction;
use cpweek_core::store::{EventFilter, HistoryEntry, Saved};
use cpweek_core::{Error, Store};
use serde::Serialize;

use crate::output;

#[derive(Debug, Subcommand)]
pub(crate) enum EventCommand {
    /// Register a new event (it starts as submitted)
    Add {
        #[command(flatten)]
        fields: Fields,
        #[arg(long)]
        json: bool,
    },
    /// List events of a programme (the current one unless --programme)
    List {
        #[command(flatten)]
        filter: Filter,
        #[arg(long)]
        json: bool,
    },
    /// Show one event, what you can do to it and its history
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Change an event: give only the fields to change
    Edit {
        id: i64,
        #[command(flatten)]
        fields: Fields,
        #[arg(long)]
        json: bool,
    },
    /// Approve events into the national programme (several at once: all
    /// or none); an approved event changed by its council since is accepted
    Approve {
        #[arg(value_name = "ID", required = true, num_args = 1..)]
        ids: Vec<i64>,
        /// The event as JSON (a list when several are given)
        #[arg(long)]
        json: bool,
    },
    /// Return events to their councils, asking for changes (several at
    /// once: all or none)
    Return {
        #[arg(value_name = "ID", required = true, num_args = 1..)]
        ids: Vec<i64>,
        /// What the council should change
        #[arg(long)]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Cancel an event; it stays in feeds, marked cancelled
    Cancel {
        id: i64,
        /// Why it is cancelled
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
}

/// The event's fields as flags. For `add`, --title, --start and --end are
/// needed (--end may be left out for a one-day --all-day event), and
/// --council unless the settings name the person's council.
#[derive(Debug, Args)]
pub(crate) struct Fields {
    /// Council: DfE code or name, e.g. 886 or Kent (the lead council of a joint event)
    /// [default on add: your council in the settings]
    #[arg(long, value_name = "CODE|NAME")]
    council: Option<String>,
    /// A council running the event with the lead council (DfE code or
    /// name); repeat for more. Replaces the list on edit
    #[arg(long = "partner-council", value_name = "CODE|NAME")]
    partner_councils: Vec<String>,
    /// On edit: the event is no longer a joint event (removes every partner council)
    #[arg(long, conflicts_with = "partner_councils")]
    no_partner_councils: bool,
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Local start, YYYY-MM-DDTHH:MM (a date alone with --all-day)
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
    start: Option<String>,
    /// Local end, YYYY-MM-DDTHH:MM (the last date with --all-day)
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
    end: Option<String>,
    /// The event lasts whole days (--all-day=false to undo)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    all_day: Option<bool>,
    #[arg(long, value_name = "TEXT")]
    venue: Option<String>,
    #[arg(long, value_name = "TEXT")]
    address: Option<String>,
    #[arg(long, value_name = "POSTCODE")]
    postcode: Option<String>,
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// A theme (slug or name); repeat for more. Replaces the list on edit
    #[arg(long = "theme", value_name = "THEME")]
    themes: Vec<String>,
    /// An audience (slug or name); repeat for more. Replaces the list on edit
    #[arg(long = "audience", value_name = "AUDIENCE")]
    audiences: Vec<String>,
    /// Children in care may be present: never published to partners (--private=false to undo)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    private: Option<bool>,
    #[arg(long, value_name = "NAME")]
    contact_name: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    contact_email: Option<String>,
    #[arg(long, value_name = "PHONE")]
    contact_phone: Option<String>,
    /// Booking link, https://...
    #[arg(long, value_name = "URL")]
    booking_url: Option<String>,
    #[arg(long, value_name = "N")]
    capacity: Option<String>,
    /// Programme id, e.g. 2014 [default: the current programme]
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
}

impl Fields {
    /// Writes every flag given over `form`.
    fn apply(self, form: &mut EventForm) {
        let set = |target: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *target = v;
            }
        };
        set(&mut form.council, self.council);
        set(&mut form.title, self.title);
        set(&mut form.start, self.start);
        set(&mut form.end, self.end);
        set(&mut form.venue, self.venue);
        set(&mut form.address, self.address);
        set(&mut form.postcode, self.postcode);
        set(&mut form.description, self.description);
        set(&mut form.contact_name, self.contact_name);
        set(&mut form.contact_email, self.contact_email);
        set(&mut form.contact_phone, self.contact_phone);
        set(&mut form.booking_url, self.booking_url);
        set(&mut form.capacity, self.capacity);
        set(&mut form.programme, self.programme);
        if let Some(all_day) = self.all_day {
            form.all_day = all_day;
        }
        if let Some(private) = self.private {
            form.private = private;
        }
        if !self.themes.is_empty() {
            form.themes = self.themes;
        }
        if !self.audiences.is_empty() {
            form.audiences = self.audiences;
        }
        if !self.partner_councils.is_empty() {
            form.partner_councils = self.partner_councils;
        }
        if self.no_partner_councils {
            form.partner_councils.clear();
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct Filter {
    /// Programme id [default: the current programme]
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
    /// Council code or name
    #[arg(long, value_name = "C")]
    council: Option<String>,
    /// Region name or E12 code
    #[arg(long, value_name = "R")]
    region: Option<String>,
    /// Events on this local day
    #[arg(long, value_name = "YYYY-MM-DD")]
    day: Option<String>,
    /// Theme slug or name
    #[arg(long, value_name = "T")]
    theme: Option<String>,
    /// submitted, approved, returned or cancelled
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// public or private
    #[arg(long, value_name = "V")]
    visibility: Option<String>,
    /// Text in the title, description, venue or council name
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
}

/// An event with what the person may do to it and its history, for
/// `event show --json`.
#[derive(Serialize)]
struct ShownJson<'a> {
    #[serde(flatten)]
    event: &'a Event,
    actions: &'a [EventAction],
    history: &'a [HistoryEntry],
}

/// An event with the warnings its save raised, for `--json`.
#[derive(Serialize)]
struct SavedJson<'a> {
    #[serde(flatten)]
    event: &'a Event,
    warnings: &'a [String],
    changed: bool,
}

pub(crate) fn run(
    store: &mut Store,
    command: EventCommand,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    match command {
        EventCommand::Add { fields, json } => {
            let mut form = store.settings()?.new_event_form();
            fields.apply(&mut form);
            if form.council.trim().is_empty() {
                return Err(Error::invalid(
                    "council",
                    "--council is required, as no council is set in the settings: \
                     give --council CODE|NAME, like --council Kent, \
                     or set yours once with `cpweek settings set --council CODE`",
                ));
            }
            let saved = store.add_event(&form, now)?;
            print_saved(&saved, json, "Added");
        }
        EventCommand::Edit { id, fields, json } => {
            let mut form = store.event(id)?.to_form();
            fields.apply(&mut form);
            let saved = store.edit_event(id, &form, now)?;
            print_saved(
                &saved,
                json,
                if saved.changed {
                    "Updated"
                } else {
                    "No change to"
                },
            );
        }
        EventCommand::List { filter, json } => {
            let events = store.events(&EventFilter {
                programme: filter.programme.unwrap_or_default(),
                council: filter.council,
                region: filter.region,
                day: filter.day,
                theme: filter.theme,
                status: filter.status,
                visibility: filter.visibility,
                search: filter.search,
            })?;
            if json {
                output::json(&events);
            } else {
                print_list(&events);
            }
        }
        EventCommand::Show { id, json } => {
            let event = store.event(id)?;
            let actions = store.actions(&event)?;
            let history = store.event_history(id)?;
            if json {
                output::json(&ShownJson {
                    event: &event,
                    actions: &actions,
                    history: &history,
                });
            } else {
                print_event(&event);
                print_actions(&actions);
                print_history(&history);
            }
        }
        EventCommand::Approve { ids, json } => {
            let saved = store.review_events(&ids, &Review::Approve, now)?;
            print_reviewed_all(&saved, json);
        }
        EventCommand::Return { ids, note, json } => {
            let saved = store.review_events(&ids, &Review::Return { note }, now)?;
            print_reviewed_all(&saved, json);
        }
        EventCommand::Cancel { id, reason, json } => {
            let saved = store.review_event(id, &Review::Cancel { reason }, now)?;
            output::notices(&saved.notices);
            print_reviewed(&saved.event, json);
        }
    }
    Ok(())
}

fn print_saved(saved: &Saved, json: bool, verb: &str) {
    output::warn(&saved.warnings);
    output::notices(&saved.notices);
    if json {
        output::json(&SavedJson {
            event: &saved.event,
            warnings: &saved.warnings,
            changed: saved.changed,
        });
    } else {
        let e = &saved.event;
        println!(
            "{verb} event {}: {} ({}), {}",
            e.id,
            output::shown(&e.details.title),
            e.council_name,
            e.when()
        );
    }
}

/// Several events reviewed at once: each as `print_reviewed` says it (JSON:
/// the event alone when one was given, else the list).
fn print_reviewed_all(saved: &[Saved], json: bool) {
    for s in saved {
        output::notices(&s.notices);
    }
    match saved {
        [one] => print_reviewed_one(one, json),
        _ if json => {
            let events: Vec<&Event> = saved.iter().map(|s| &s.event).collect();
            output::json(&events);
        }
        _ => saved.iter().for_each(|s| print_reviewed_one(s, false)),
    }
}

fn print_reviewed_one(saved: &Saved, json: bool) {
    if !json && !saved.changed {
        let e = &saved.event;
        println!(
            "Event {} stays approved; its council's change is accepted: {}",
            e.id,
            output::shown(&e.details.title)
        );
    } else {
        print_reviewed(&saved.event, json);
    }
}

fn print_reviewed(event: &Event, json: bool) {
    if json {
        output::json(event);
    } else {
        println!(
            "Event {} is now {}: {}",
            event.id,
            event.status.as_str(),
            output::shown(&event.details.title)
        );
    }
}

fn print_list(events: &[Event]) {
    if events.is_empty() {
        println!("No events match.");
        return;
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let mut flags = Vec::new();
            if e.details.visibility == cpweek_core::event::Visibility::Private {
                flags.push("private".to_string());
            }
            if !e.in_week {
                flags.push("outside the week".to_string());
            }
            if let Some(day) = e.conference_day {
                flags.push(format!("conference day {day}"));
            }
            vec![
                e.id.to_string(),
                if e.all_day {
                    format!("{} all day", e.start_date)
                } else {
                    format!(
                        "{}-{}",
                        e.start.format("%Y-%m-%d %H:%M"),
                        e.end.format("%H:%M")
                    )
                },
                e.council_name.clone(),
                e.status.as_str().to_string(),
                e.details.title.clone(),
                flags.join(", "),
            ]
        })
        .collect();
    output::table(
        &["ID", "WHEN", "COUNCIL", "STATUS", "TITLE", "NOTES"],
        &rows,
    );
    println!(
        "{} event{}",
        events.len(),
        if events.len() == 1 { "" } else { "s" }
    );
}

fn print_event(e: &Event) {
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
    let mut rows = vec![
        ("Event", e.id.to_string()),
        ("Title", e.details.title.clone()),
        (
            "Council",
            format!("{} ({}), {}", e.council_name, e.council, e.region),
        ),
        (
            "Partners",
            if e.partner_councils.is_empty() {
                "-".into()
            } else {
                e.partner_council_names
                    .iter()
                    .zip(&e.partner_councils)
                    .map(|(name, code)| format!("{name} ({code})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
        ("When", e.when()),
        ("Status", e.status.as_str().to_string()),
    ];
    if let Some(note) = &e.status_note {
        rows.push(("Status note", note.clone()));
    }
    rows.extend([
        (
            "Visibility",
            match e.details.visibility {
                cpweek_core::event::Visibility::Public => "public".to_string(),
                cpweek_core::event::Visibility::Private => {
                    "private (children in care may be present; never published)".to_string()
                }
            },
        ),
        (
            "In the week",
            if e.in_week { "yes" } else { "no" }.to_string(),
        ),
        (
            "Conference day",
            e.conference_day
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
        ),
        ("Venue", text(&e.details.venue)),
        ("Address", text(&e.details.address)),
        ("Postcode", text(&e.details.postcode)),
        (
            "Themes",
            if e.details.themes.is_empty() {
                "-".into()
            } else {
                e.details.themes.join(", ")
            },
        ),
        (
            "Audiences",
            if e.details.audiences.is_empty() {
                "-".into()
            } else {
                e.details.audiences.join(", ")
            },
        ),
        ("Contact name", text(&e.details.contact_name)),
        ("Contact email", text(&e.details.contact_email)),
        ("Contact phone", text(&e.details.contact_phone)),
        ("Booking link", text(&e.details.booking_url)),
        (
            "Capacity",
            e.details
                .capacity
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
        ),
        ("Description", text(&e.details.description)),
        ("UID", e.uid.clone()),
        ("Sequence", e.sequence.to_string()),
    ]);
    for (label, value) in rows {
        // Multi-line fields keep their lines; nothing else may break one.
        let value = match label {
            "Description" | "Address" | "Status note" => output::shown_lines(&value, 16),
            _ => output::shown(&value).into_owned(),
        };
        println!("{label:<15} {value}");
    }
}

fn print_actions(actions: &[EventAction]) {
    if actions.is_empty() {
        println!("You can take no action on this event.");
    } else {
        let names: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
        println!("You can: {}", names.join(", "));
    }
}

fn print_history(history: &[HistoryEntry]) {
    if history.is_empty() {
        return;
    }
    println!("History:");
    for h in history {
        let change = match h.from_status {
            Some(from) if from != h.to_status => {
                format!(" ({} to {})", from.as_str(), h.to_status.as_str())
            }
            _ => String::new(),
        };
        let note = h
            .note
            .as_ref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        println!("  {}  {}{change}{note}", h.when, h.summary);
    }
}
