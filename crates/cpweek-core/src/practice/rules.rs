//! The rules of practice entries, once: what each field may hold
//! ([`validate`], every field at fault named), the outcome text the command
//! line takes ([`outcome_from_text`]), the consent check's full name
//! ([`check_consent`]) and how an entry's status moves ([`next_status`]).

use chrono::{DateTime, Utc};

use super::{
    ConsentCheck, ConsentForm, Contact, Outcome, OutcomeForm, PracticeContent, PracticeDetails,
    PracticeForm, PracticeStatus,
};
use crate::catalogue::Catalogue;
use crate::error::FieldError;
use crate::event::Event;
use crate::permission::{PracticeAction, Role};
use crate::text::{self, Field, Rule};

pub const SUMMARY_MAX: usize = 2_000;
pub const ORGANISATION_MAX: usize = 200;
pub const MEASURE_MAX: usize = 200;
/// The longest figure (before or after) and period.
pub const FIGURE_MAX: usize = 100;
pub const CONTACT_ROLE_MAX: usize = 200;
pub const NAME_MAX: usize = 200;
/// At most this many partner organisations, outcomes and linked events.
pub const ORGANISATIONS_MOST: usize = 20;
pub const OUTCOMES_MOST: usize = 20;
pub const EVENTS_MOST: usize = 50;

pub const SUMMARY: Field = Field::new("summary", "summary", Rule::MultiLine { max: SUMMARY_MAX });
pub const WHAT_WAS_DONE: Field = Field::new(
    "what_was_done",
    "what was done",
    Rule::MultiLine {
        max: text::DESCRIPTION_MAX,
    },
);
pub const ORGANISATION: Field = Field::new(
    "partner_organisations",
    "partner organisation",
    Rule::OneLine {
        max: ORGANISATION_MAX,
    },
);
pub const CONTACT_ROLE: Field = Field::new(
    "contact_role",
    "contact role",
    Rule::OneLine {
        max: CONTACT_ROLE_MAX,
    },
);
pub const CONSENT_CHECKED_BY: Field = Field::new(
    "consent_checked_by",
    "consent checked by",
    Rule::OneLine { max: NAME_MAX },
);
const MEASURE: Field = Field::new("outcomes", "measure", Rule::OneLine { max: MEASURE_MAX });
const BEFORE: Field = Field::new("outcomes", "before", Rule::OneLine { max: FIGURE_MAX });
const AFTER: Field = Field::new("outcomes", "after", Rule::OneLine { max: FIGURE_MAX });
const PERIOD: Field = Field::new("outcomes", "period", Rule::OneLine { max: FIGURE_MAX });

/// How an outcome is written on the command line, and an example.
pub const OUTCOME_SHAPE: &str = "MEASURE; BEFORE; AFTER; PERIOD";
pub const OUTCOME_EXAMPLE: &str = "Adoptions; 20; 42; 2011 to 2013";

/// Checks every field of `form` against the rules, the catalogue and
/// `linked` (the stored events among those the form names; an id not
/// among them is reported as not found), and reports every field at
/// fault, not just the first.
pub fn validate(
    form: &PracticeForm,
    catalogue: &Catalogue,
    linked: &[Event],
) -> Result<PracticeContent, Vec<FieldError>> {
    let mut errors = Vec::new();
    let programme = catalogue
        .programme(&form.programme)
        .map_err(|m| errors.push(FieldError::new("programme", m)))
        .ok();
    let council = catalogue
        .council(&form.council)
        .map_err(|m| {
            let m = if form.council.trim().is_empty() {
                "council is required: give the lead council's DfE code or name, like 886 or Kent"
                    .to_string()
            } else {
                m
            };
            errors.push(FieldError::new("council", m))
        })
        .ok();
    let lead = council.map(|c| c.code.clone());
    let partner_councils = partners(form, lead.as_deref(), catalogue, &mut errors);
    let partner_organisations = organisations(&form.partner_organisations, &mut errors);
    let title = text::TITLE
        .required(&form.title)
        .map_err(|e| errors.push(e))
        .ok();
    let themes = themes(&form.themes, catalogue, &mut errors);
    let summary = SUMMARY
        .required(&form.summary)
        .map_err(|e| errors.push(e))
        .ok();
    let what_was_done = optional(WHAT_WAS_DONE, &form.what_was_done, &mut errors);
    let outcomes = outcomes(&form.outcomes, &mut errors);
    let source = optional(text::SOURCE, &form.source, &mut errors);
    let contact = contact(form, &mut errors);
    let events = events(
        form,
        lead.as_deref(),
        &partner_councils,
        linked,
        &mut errors,
    );

    match (programme, lead, title, summary) {
        (Some(programme), Some(council_code), Some(title), Some(summary)) if errors.is_empty() => {
            Ok(PracticeContent {
                programme_id: programme.id.clone(),
                council_code,
                partner_councils,
                details: PracticeDetails {
                    title,
                    partner_organisations,
                    themes,
                    summary,
                    what_was_done,
                    outcomes,
                    source,
                    contact,
                    events,
                },
            })
        }
        // Each None pushed an error.
        _ => Err(errors),
    }
}

fn optional(field: Field, value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    field.optional(value).unwrap_or_else(|e| {
        errors.push(e);
        None
    })
}

/// The partner councils by code, in the order given: each known, not the
/// lead, none twice; blank entries ignored.
fn partners(
    form: &PracticeForm,
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
            Err(m) => {
                errors.push(FieldError::new(FIELD, format!("partner council: {m}")));
                continue;
            }
        };
        let shown = text::quoted(given.trim());
        if Some(council.code.as_str()) == lead {
            errors.push(FieldError::new(
                FIELD,
                format!(
                    "partner council \"{shown}\" is the lead council ({}); a partner is another council that did the work with it",
                    council.label()
                ),
            ));
        } else if codes.contains(&council.code) {
            errors.push(FieldError::new(
                FIELD,
                format!(
                    "partner council \"{shown}\" is given twice ({}); give each partner once",
                    council.label()
                ),
            ));
        } else {
            codes.push(council.code.clone());
        }
    }
    codes
}

fn organisations(given: &[String], errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for g in given {
        match ORGANISATION.optional(g) {
            Ok(None) => {}
            Ok(Some(name))
                if names
                    .iter()
                    .any(|n| n.to_lowercase() == name.to_lowercase()) =>
            {
                errors.push(FieldError::new(
                    ORGANISATION.name,
                    format!(
                        "partner organisation \"{}\" is given twice; give each organisation once",
                        text::quoted(&name)
                    ),
                ))
            }
            Ok(Some(name)) => names.push(name),
            Err(e) => errors.push(e),
        }
    }
    if names.len() > ORGANISATIONS_MOST {
        errors.push(FieldError::new(
            ORGANISATION.name,
            format!(
                "{} partner organisations are given; give at most {ORGANISATIONS_MOST}",
                names.len()
            ),
        ));
    }
    names
}

fn themes(given: &[String], catalogue: &Catalogue, errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut slugs = Vec::new();
    for g in given.iter().filter(|g| !g.trim().is_empty()) {
        match crate::programme::resolve_term(&catalogue.themes, "theme", g) {
            Ok(t) if !slugs.contains(&t.slug) => slugs.push(t.slug.clone()),
            Ok(_) => {}
            Err(m) => errors.push(FieldError::new("themes", m)),
        }
    }
    slugs
}

/// Each outcome whole (all four parts), numbered from 1 in messages as the
/// form and the command line's `--outcome` flags number them. An outcome
/// left wholly blank is ignored.
fn outcomes(given: &[OutcomeForm], errors: &mut Vec<FieldError>) -> Vec<Outcome> {
    let mut list = Vec::new();
    for (i, o) in given.iter().enumerate() {
        let n = i + 1;
        let parts = [&o.measure, &o.before, &o.after, &o.period];
        if parts.iter().all(|p| p.trim().is_empty()) {
            continue;
        }
        let mut part = |field: Field, value: &str, what: &str| -> Option<String> {
            match field.optional(value) {
                Ok(Some(v)) => Some(v),
                Ok(None) => {
                    errors.push(FieldError::new(
                        "outcomes",
                        format!(
                            "outcome {n}: {} is required: give {what} (an outcome is {OUTCOME_SHAPE}, like \"{OUTCOME_EXAMPLE}\")",
                            field.label
                        ),
                    ));
                    None
                }
                Err(e) => {
                    errors.push(FieldError::new(
                        "outcomes",
                        format!("outcome {n}: {}", e.message),
                    ));
                    None
                }
            }
        };
        let measure = part(MEASURE, &o.measure, "what was measured");
        let before = part(BEFORE, &o.before, "the figure before");
        let after = part(AFTER, &o.after, "the figure after");
        let period = part(PERIOD, &o.period, "the period it was measured over");
        if let (Some(measure), Some(before), Some(after), Some(period)) =
            (measure, before, after, period)
        {
            list.push(Outcome {
                measure,
                before,
                after,
                period,
            });
        }
    }
    if list.len() > OUTCOMES_MOST {
        errors.push(FieldError::new(
            "outcomes",
            format!(
                "{} outcomes are given; give at most {OUTCOMES_MOST}",
                list.len()
            ),
        ));
    }
    list
}

/// The contact: a name and an e-mail address (the role may be left out),
/// or nothing at all.
fn contact(form: &PracticeForm, errors: &mut Vec<FieldError>) -> Option<Contact> {
    let name = optional(text::CONTACT_NAME, &form.contact_name, errors);
    let role = optional(CONTACT_ROLE, &form.contact_role, errors);
    let email = optional(text::CONTACT_EMAIL, &form.contact_email, errors);
    let given = |t: &str| !t.trim().is_empty();
    let any = given(&form.contact_name) || given(&form.contact_role) || given(&form.contact_email);
    if any && !given(&form.contact_name) {
        errors.push(FieldError::new(
            text::CONTACT_NAME.name,
            "contact name is required with a contact: give the name of the person to ask about this practice",
        ));
    }
    if any && !given(&form.contact_email) {
        errors.push(FieldError::new(
            text::CONTACT_EMAIL.name,
            "contact email is required with a contact: give an e-mail address like name@kent.gov.uk",
        ));
    }
    Some(Contact {
        name: name?,
        role,
        email: email?,
    })
}

/// The linked events: each one stored and run by the lead or a partner
/// council ([`Event::is_run_by`]), none twice.
fn events(
    form: &PracticeForm,
    lead: Option<&str>,
    partners: &[String],
    linked: &[Event],
    errors: &mut Vec<FieldError>,
) -> Vec<i64> {
    const FIELD: &str = "events";
    let mut ids: Vec<i64> = Vec::new();
    for &id in &form.events {
        if ids.contains(&id) {
            errors.push(FieldError::new(
                FIELD,
                format!("event {id} is given twice; link each event once"),
            ));
            continue;
        }
        let Some(event) = linked.iter().find(|e| e.id == id) else {
            errors.push(FieldError::new(
                FIELD,
                format!("event {id} was not found; link one of the council's events by its id (see `cpweek event list --council CODE`)"),
            ));
            continue;
        };
        let ours = lead.into_iter().chain(partners.iter().map(String::as_str));
        if lead.is_some() && !ours.clone().any(|c| event.is_run_by(c)) {
            errors.push(FieldError::new(
                FIELD,
                format!(
                    "event {id} (\"{}\") is run by {}, not by this entry's councils; link only events the lead or a partner council runs",
                    text::quoted(&event.details.title),
                    event.council_name
                ),
            ));
            continue;
        }
        ids.push(id);
    }
    if ids.len() > EVENTS_MOST {
        errors.push(FieldError::new(
            FIELD,
            format!(
                "{} events are linked; link at most {EVENTS_MOST}",
                ids.len()
            ),
        ));
    }
    ids
}

/// Reads an outcome as the command line takes it: `MEASURE; BEFORE;
/// AFTER; PERIOD`, like `Adoptions; 20; 42; 2011 to 2013` (the parts are
/// checked by [`validate`]). Refuses text of another shape, saying what is
/// expected; the caller names which outcome it was.
pub fn outcome_from_text(given: &str) -> Result<OutcomeForm, String> {
    let parts: Vec<&str> = given.split(';').map(str::trim).collect();
    match parts.as_slice() {
        [measure, before, after, period] => Ok(OutcomeForm {
            measure: measure.to_string(),
            before: before.to_string(),
            after: after.to_string(),
            period: period.to_string(),
        }),
        _ => Err(format!(
            "\"{}\" has {} part{}; expected four parts separated by semicolons, {OUTCOME_SHAPE}, like \"{OUTCOME_EXAMPLE}\"",
            text::quoted(given.trim()),
            parts.len(),
            if parts.len() == 1 { "" } else { "s" }
        )),
    }
}

/// The safeguarding and consent check as recorded at `now`: which check
/// was made is chosen (never assumed), and the person who checked is named
/// in full (a first name and a surname at least). Every field at fault is
/// reported, in the form's order: `consent_kind`, then `consent_checked_by`.
pub fn check_consent(
    form: &ConsentForm,
    now: DateTime<Utc>,
) -> Result<ConsentCheck, Vec<FieldError>> {
    let kind = form.kind.ok_or_else(|| {
        FieldError::new(
            CONSENT_KIND,
            "choose which check was made: that no child or care leaver can be identified from the entry, or that consent is on record",
        )
    });
    let name = consent_checked_by(&form.checked_by);
    match (kind, name) {
        (Ok(kind), Ok(checked_by)) => Ok(ConsentCheck {
            checked_by,
            kind,
            at: now,
        }),
        (kind, name) => Err([kind.err(), name.err()].into_iter().flatten().collect()),
    }
}

/// The field a missing consent kind is named by (the window's radios).
pub const CONSENT_KIND: &str = "consent_kind";

/// The full name of the person who checked consent.
fn consent_checked_by(given: &str) -> Result<String, FieldError> {
    let field = CONSENT_CHECKED_BY;
    let name = field.optional(given)?.ok_or_else(|| {
        FieldError::new(
            field.name,
            "consent checked by is required: an entry is published only once a named person has checked that no child or care leaver can be identified, or that consent is on record; give their full name, like \"Jo Bloggs\"",
        )
    })?;
    let words = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words < 2 {
        return Err(FieldError::new(
            field.name,
            format!(
                "consent checked by \"{}\" is not a full name; give the first name and surname of the person who checked, like \"Jo Bloggs\"",
                text::quoted(&name)
            ),
        ));
    }
    Ok(name)
}

/// The status an entry in `status` moves to when someone in `role` takes
/// `action` (who may, and on whose entries, is
/// [`crate::permission::check_practice`]), or why it cannot:
///
/// - a council edits its entry while it is a draft or returned (a returned
///   entry becomes a draft again) and submits it;
/// - the LGA corrects a submitted or approved entry (its status stays),
///   approves a submitted one, returns a submitted, approved or published
///   one, and publishes an approved one.
pub fn next_status(
    role: Role,
    status: PracticeStatus,
    action: PracticeAction,
) -> Result<PracticeStatus, String> {
    use PracticeStatus::*;
    let is = |s: PracticeStatus| match s {
        Draft => "a draft",
        Submitted => "submitted",
        Returned => "returned to its council",
        Approved => "approved",
        Published => "published",
    };
    match (action, status) {
        (PracticeAction::Add, _) => Err("an entry is added once; change it instead".into()),
        (PracticeAction::Edit, Draft | Returned) if role == Role::CouncilOrganiser => Ok(Draft),
        (PracticeAction::Edit, s) if role == Role::CouncilOrganiser => Err(format!(
            "the entry is {}; its council can change it only while it is a draft or returned",
            is(s)
        )),
        (PracticeAction::Edit, s @ (Submitted | Approved)) => Ok(s),
        (PracticeAction::Edit, Published) => {
            Err("the entry is published; return it to its council before changing it".into())
        }
        (PracticeAction::Edit, s) => Err(format!(
            "the entry is {}; the LGA can correct it once its council submits it",
            is(s)
        )),
        (PracticeAction::Submit, Draft | Returned) => Ok(Submitted),
        (PracticeAction::Submit, s) => Err(format!("the entry is already {}", is(s))),
        (PracticeAction::Approve, Submitted) => Ok(Approved),
        (PracticeAction::Approve, s @ (Approved | Published)) => {
            Err(format!("the entry is already {}", is(s)))
        }
        (PracticeAction::Approve, s) => Err(format!(
            "the entry is {}; its council must submit it before it can be approved",
            is(s)
        )),
        (PracticeAction::Return, Submitted | Approved | Published) => Ok(Returned),
        (PracticeAction::Return, s) => Err(format!(
            "the entry is {}; only a submitted, approved or published entry can be returned",
            is(s)
        )),
        (PracticeAction::Publish, Approved) => Ok(Published),
        (PracticeAction::Publish, Published) => Err("the entry is already published".into()),
        (PracticeAction::Publish, s) => Err(format!(
            "the entry is {}; only an approved entry can be published",
            is(s)
        )),
    }
}
