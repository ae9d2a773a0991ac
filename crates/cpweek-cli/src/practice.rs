//! `cpweek practice ...`: councils' case studies for the good-practice
//! toolkit: add, edit, show, list, submit, approve, return, publish. The
//! rules (who may, which status, what each field may hold) are the core's.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use cpweek_core::permission::PracticeAction;
use cpweek_core::practice::{
    self, ConsentForm, ConsentKind, PracticeEntry, PracticeFilter, PracticeForm, PracticeStep,
};
use cpweek_core::store::PracticeHistoryEntry;
use cpweek_core::{Error, FieldError, Store};
use serde::Serialize;

use crate::output;

#[derive(Debug, Subcommand)]
pub(crate) enum PracticeCommand {
    /// The toolkit's coverage: councils with at least one published entry,
    /// as lead or partner, region by region
    Coverage {
        /// Programme id [default: the current programme]
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a case study of your council's practice (it starts as a draft)
    Add {
        #[command(flatten)]
        fields: Fields,
        #[arg(long)]
        json: bool,
    },
    /// Change an entry: give only the fields to change (lists given replace
    /// the old ones; --no-... clears one)
    Edit {
        id: i64,
        #[command(flatten)]
        fields: Fields,
        #[command(flatten)]
        clear: Clear,
        #[arg(long)]
        json: bool,
    },
    /// Show one entry, what you can do to it and its history
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// List the entries of a programme (the current one unless --programme)
    List {
        /// Programme id [default: the current programme]
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        /// Entries this council did, as lead or partner (code or name)
        #[arg(long, value_name = "CODE")]
        council: Option<String>,
        /// draft, submitted, returned, approved or published
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Theme slug or name
        #[arg(long, value_name = "THEME")]
        theme: Option<String>,
        /// Entries whose lead council is in this region (name or E12 code)
        #[arg(long, value_name = "NAME")]
        region: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Send your council's entry to the LGA for review
    Submit {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Accept a submitted entry (the LGA's)
    Approve {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Return an entry to its council, asking for changes (the LGA's)
    Return {
        id: i64,
        /// What the council should change
        #[arg(long, value_name = "TEXT")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Publish an approved entry in the toolkit, recording the safeguarding
    /// and consent check (the LGA's)
    Publish {
        id: i64,
        /// The full name of the person who checked that no child or care
        /// leaver can be identified, or that consent is on record
        #[arg(long, value_name = "FULL NAME")]
        consent_checked_by: Option<String>,
        /// What they confirmed (required: never assumed): identified-none
        /// (no child or care leaver can be identified) or on-record
        /// (consent is on record)
        #[arg(long, value_name = "KIND", required = true)]
        consent: String,
        #[arg(long)]
        json: bool,
    },
}

impl PracticeCommand {
    /// Whether the command may change the database.
    pub(crate) fn writes(&self) -> bool {
        !matches!(
            self,
            PracticeCommand::Show { .. }
                | PracticeCommand::List { .. }
                | PracticeCommand::Coverage { .. }
        )
    }
}

/// The entry's fields as flags. For `add`, --council, --title and
/// --summary are needed.
#[derive(Debug, Args)]
pub(crate) struct Fields {
    /// The lead council: DfE code or name, e.g. 886 or Kent
    #[arg(long, value_name = "CODE")]
    council: Option<String>,
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// In a few sentences, what the practice is and the difference it made
    #[arg(long, value_name = "TEXT")]
    summary: Option<String>,
    /// What was done
    #[arg(long, value_name = "TEXT")]
    what: Option<String>,
    /// A theme (slug or name); repeat for more
    #[arg(long = "theme", value_name = "SLUG")]
    themes: Vec<String>,
    /// A council that did it with the lead council (code or name); repeat for more
    #[arg(long = "partner-council", value_name = "CODE")]
    partner_councils: Vec<String>,
    /// An organisation that did it with the councils, e.g. a charity; repeat for more
    #[arg(long = "partner-org", value_name = "NAME")]
    partner_orgs: Vec<String>,
    /// An outcome: "MEASURE; BEFORE; AFTER; PERIOD", e.g. "Adoptions; 20; 42; 2011 to 2013"; repeat for more
    #[arg(long = "outcome", value_name = "OUTCOME")]
    outcomes: Vec<String>,
    /// The person to ask about it (with --contact-email)
    #[arg(long, value_name = "NAME")]
    contact_name: Option<String>,
    /// Their job
    #[arg(long, value_name = "ROLE")]
    contact_role: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    contact_email: Option<String>,
    /// Where it was told before, if anywhere, e.g. a speech and its date
    #[arg(long, value_name = "TEXT")]
    source: Option<String>,
    /// One of the councils' events it tells of, by id; repeat for more
    #[arg(long = "event", value_name = "ID")]
    events: Vec<i64>,
    /// Programme id, e.g. 2014 [default: the current programme]
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
}

/// On edit: lists to clear.
#[derive(Debug, Args)]
pub(crate) struct Clear {
    /// No partner councils any more
    #[arg(long, conflicts_with = "partner_councils")]
    no_partner_councils: bool,
    /// No partner organisations any more
    #[arg(long, conflicts_with = "partner_orgs")]
    no_partner_orgs: bool,
    /// No themes any more
    #[arg(long, conflicts_with = "themes")]
    no_themes: bool,
    /// No outcomes any more
    #[arg(long, conflicts_with = "outcomes")]
    no_outcomes: bool,
    /// No linked events any more
    #[arg(long, conflicts_with = "events")]
    no_events: bool,
    /// No contact any more
    #[arg(long, conflicts_with_all = ["contact_name", "contact_role", "contact_email"])]
    no_contact: bool,
}

impl Fields {
    /// Writes every flag given over `form`. An outcome not of the shape
    /// MEASURE; BEFORE; AFTER; PERIOD is refused, naming its `--outcome`.
    fn apply(self, form: &mut PracticeForm) -> Result<(), Error> {
        let set = |target: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *target = v;
            }
        };
        set(&mut form.council, self.council);
        set(&mut form.title, self.title);
        set(&mut form.summary, self.summary);
        set(&mut form.what_was_done, self.what);
        set(&mut form.contact_name, self.contact_name);
        set(&mut form.contact_role, self.contact_role);
        set(&mut form.contact_email, self.contact_email);
        set(&mut form.source, self.source);
        set(&mut form.programme, self.programme);
        let replace = |target: &mut Vec<String>, given: Vec<String>| {
            if !given.is_empty() {
                *target = given;
            }
        };
        replace(&mut form.themes, self.themes);
        replace(&mut form.partner_councils, self.partner_councils);
        replace(&mut form.partner_organisations, self.partner_orgs);
        if !self.events.is_empty() {
            form.events = self.events;
        }
        if !self.outcomes.is_empty() {
            let mut outcomes = Vec::new();
            let mut errors = Vec::new();
            for (i, text) in self.outcomes.iter().enumerate() {
                match practice::outcome_from_text(text) {
                    Ok(o) => outcomes.push(o),
                    Err(m) => errors.push(FieldError::new(
                        "outcomes",
                        format!("--outcome {}: {m}", i + 1),
                    )),
                }
            }
            if !errors.is_empty() {
                return Err(Error::Invalid(errors));
            }
            form.outcomes = outcomes;
        }
        Ok(())
    }
}

impl Clear {
    fn apply(self, form: &mut PracticeForm) {
        if self.no_partner_councils {
            form.partner_councils.clear();
        }
        if self.no_partner_orgs {
            form.partner_organisations.clear();
        }
        if self.no_themes {
            form.themes.clear();
        }
        if self.no_outcomes {
            form.outcomes.clear();
        }
        if self.no_events {
            form.events.clear();
        }
        if self.no_contact {
            form.contact_name.clear();
            form.contact_role.clear();
            form.contact_email.clear();
        }
    }
}

/// An entry with what the person may do to it and its history, for
/// `practice show --json`.
#[derive(Serialize)]
struct ShownJson<'a> {
    #[serde(flatten)]
    entry: &'a PracticeEntry,
    actions: &'a [PracticeAction],
    history: &'a [PracticeHistoryEntry],
}

/// An edited entry and whether anything changed, for `practice edit --json`.
#[derive(Serialize)]
struct EditedJson<'a> {
    #[serde(flatten)]
    entry: &'a PracticeEntry,
    changed: bool,
}

pub(crate) fn run(
    store: &mut Store,
    command: PracticeCommand,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    match command {
        PracticeCommand::Coverage { programme, json } => {
            crate::toolkit_sent::coverage(store, programme, json)?;
        }
        PracticeCommand::Add { fields, json } => {
            let mut form = PracticeForm::default();
            fields.apply(&mut form)?;
            let entry = store.add_practice(&form, now)?;
            print_entry_line(&entry, json, "Added");
        }
        PracticeCommand::Edit {
            id,
            fields,
            clear,
            json,
        } => {
            let mut form = store.practice_entry(id)?.to_form();
            fields.apply(&mut form)?;
            clear.apply(&mut form);
            let saved = store.edit_practice(id, &form, now)?;
            if json {
                output::json(&EditedJson {
                    entry: &saved.entry,
                    changed: saved.changed,
                });
            } else {
                let verb = if saved.changed {
                    "Updated"
                } else {
                    "No change to"
                };
                print_entry_line(&saved.entry, false, verb);
            }
        }
        PracticeCommand::Show { id, json } => {
            let entry = store.practice_entry(id)?;
            let actions = store.practice_actions(&entry)?;
            let history = store.practice_history(id)?;
            if json {
                output::json(&ShownJson {
                    entry: &entry,
                    actions: &actions,
                    history: &history,
                });
            } else {
                print_entry(&entry, &store.themes()?);
                print_actions(&actions);
                print_history(&history);
            }
        }
        PracticeCommand::List {
            programme,
            council,
            status,
            theme,
            region,
            json,
        } => {
            let entries = store.practice_entries(&PracticeFilter {
                programme: programme.unwrap_or_default(),
                council,
                region,
                theme,
                status,
            })?;
            if json {
                output::json(&entries);
            } else {
                print_list(&entries);
            }
        }
        PracticeCommand::Submit { id, json } => {
            let entry = store.practice_step(id, &PracticeStep::Submit, now)?;
            print_moved(&entry, json);
        }
        PracticeCommand::Approve { id, json } => {
            let entry = store.practice_step(id, &PracticeStep::Approve, now)?;
            print_moved(&entry, json);
        }
        PracticeCommand::Return { id, note, json } => {
            let entry = store.practice_step(id, &PracticeStep::Return { note }, now)?;
            print_moved(&entry, json);
        }
        PracticeCommand::Publish {
            id,
            consent_checked_by,
            consent,
            json,
        } => {
            let kind = ConsentKind::parse(&consent).ok_or_else(|| {
                Error::invalid(
                    "consent",
                    format!(
                        "consent \"{}\" is not known; give identified-none (no child or care leaver can be identified) or on-record (consent is on record)",
                        output::shown(consent.trim())
                    ),
                )
            })?;
            let step = PracticeStep::Publish {
                consent: ConsentForm {
                    checked_by: consent_checked_by.unwrap_or_default(),
                    kind: Some(kind),
                },
            };
            let entry = store.practice_step(id, &step, now)?;
            print_moved(&entry, json);
        }
    }
    Ok(())
}

fn councils(e: &PracticeEntry) -> String {
    match cpweek_core::event::with_councils(&e.partner_council_names) {
        Some(with) => format!("{} {with}", e.council_name),
        None => e.council_name.clone(),
    }
}

fn print_entry_line(entry: &PracticeEntry, json: bool, verb: &str) {
    if json {
        output::json(entry);
    } else {
        println!(
            "{verb} practice entry {} ({}): {} ({})",
            entry.id,
            entry.status.as_str(),
            output::shown(&entry.details.title),
            output::shown(&councils(entry))
        );
    }
}

fn print_moved(entry: &PracticeEntry, json: bool) {
    if json {
        output::json(entry);
    } else {
        println!(
            "Practice entry {} is now {}: {}",
            entry.id,
            entry.status.as_str(),
            output::shown(&entry.details.title)
        );
    }
}

fn print_list(entries: &[PracticeEntry]) {
    if entries.is_empty() {
        println!("No practice entries match.");
        return;
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                e.status.as_str().to_string(),
                councils(e),
                e.region.clone(),
                e.details.title.clone(),
            ]
        })
        .collect();
    output::table(&["ID", "STATUS", "COUNCILS", "REGION", "TITLE"], &rows);
    println!(
        "{} practice entr{}",
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" }
    );
}

fn print_entry(e: &PracticeEntry, themes: &[cpweek_core::programme::Term]) {
    let d = &e.details;
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    let theme_names: Vec<String> = d
        .themes
        .iter()
        .map(|slug| {
            themes
                .iter()
                .find(|t| &t.slug == slug)
                .map_or_else(|| slug.clone(), |t| t.name.clone())
        })
        .collect();
    let mut rows = vec![
        ("Entry", e.id.to_string()),
        ("Title", d.title.clone()),
        (
            "Council",
            format!("{} ({}), {}", e.council_name, e.council, e.region),
        ),
        (
            "Partners",
            list(
                &e.partner_council_names
                    .iter()
                    .zip(&e.partner_councils)
                    .map(|(name, code)| format!("{name} ({code})"))
                    .collect::<Vec<_>>(),
            ),
        ),
        ("Organisations", list(&d.partner_organisations)),
        ("Programme", e.programme.clone()),
        ("Status", e.status.as_str().to_string()),
    ];
    if let Some(note) = &e.status_note {
        rows.push(("LGA's note", note.clone()));
    }
    rows.push((
        "Consent check",
        match &e.consent {
            Some(c) => format!(
                "{}: {} ({})",
                c.checked_by,
                c.kind.label(),
                cpweek_core::time::format_when(
                    c.at.with_timezone(&cpweek_core::time::LONDON).naive_local()
                )
            ),
            None => "not yet recorded (needed to publish)".to_string(),
        },
    ));
    rows.extend([
        ("Themes", list(&theme_names)),
        ("Summary", d.summary.clone()),
        ("What was done", text(&d.what_was_done)),
        ("Source", text(&d.source)),
        (
            "Contact",
            match &d.contact {
                Some(c) => match &c.role {
                    Some(role) => format!("{}, {role}, {}", c.name, c.email),
                    None => format!("{}, {}", c.name, c.email),
                },
                None => "-".to_string(),
            },
        ),
        (
            "Events",
            list(&d.events.iter().map(i64::to_string).collect::<Vec<_>>()),
        ),
        ("UID", e.uid.clone()),
    ]);
    for (label, value) in rows {
        let value = match label {
            "Summary" | "What was done" | "LGA's note" => output::shown_lines(&value, 16),
            _ => output::shown(&value).into_owned(),
        };
        println!("{label:<15} {value}");
    }
    if !d.outcomes.is_empty() {
        let rows: Vec<Vec<String>> = d
            .outcomes
            .iter()
            .map(|o| {
                vec![
                    o.measure.clone(),
                    o.before.clone(),
                    o.after.clone(),
                    o.period.clone(),
                ]
            })
            .collect();
        println!("Outcomes:");
        output::table(&["MEASURE", "BEFORE", "AFTER", "PERIOD"], &rows);
    }
}

fn print_actions(actions: &[PracticeAction]) {
    if actions.is_empty() {
        println!("You can take no action on this entry.");
    } else {
        let names: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
        println!("You can: {}", names.join(", "));
    }
}

fn print_history(history: &[PracticeHistoryEntry]) {
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
            .map(|n| format!(": {}", output::shown(n)))
            .unwrap_or_default();
        println!("  {}  {}{change}{note}", h.when, output::shown(&h.summary));
    }
}
