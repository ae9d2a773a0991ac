//! `cpweek person ...`: the people who may be asked to attend.

use clap::{Args, Subcommand};
use cpweek_core::attendance::record::id;
use cpweek_core::attendance::{Person, PersonForm, PersonKind};
use cpweek_core::{Error, Store};

use crate::output::{self, shown};

#[derive(Debug, Subcommand)]
pub(crate) enum PersonCommand {
    /// Everyone who may be asked to attend (the minister first)
    List {
        /// Only this kind: minister, official, lga-member or other
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a person who may be asked to attend (LGA officers)
    Add {
        #[command(flatten)]
        fields: PersonFields,
        #[arg(long)]
        json: bool,
    },
    /// Show one person
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a person (LGA officers): give only the fields to change ("" clears one)
    Edit {
        id: String,
        #[command(flatten)]
        fields: PersonFields,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct PersonFields {
    /// Full name, e.g. "Edward Timpson MP"
    #[arg(long)]
    name: Option<String>,
    /// Title as the source gives it
    #[arg(long)]
    title: Option<String>,
    /// minister, official, lga-member or other
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    #[arg(long)]
    organisation: Option<String>,
    /// The office requests go through (a minister's private office)
    #[arg(long)]
    office: Option<String>,
    /// Home base postcode, where each day's travel starts and ends
    #[arg(long, value_name = "POSTCODE")]
    base: Option<String>,
    /// Home base name, e.g. "Sanctuary Buildings"
    #[arg(long, value_name = "NAME")]
    base_name: Option<String>,
    /// Least minutes between engagements besides travel [default: 15]
    #[arg(long, value_name = "MINUTES")]
    changeover: Option<String>,
    /// Background notes for briefings
    #[arg(long)]
    notes: Option<String>,
    /// The source that names them, and its date
    #[arg(long)]
    source: Option<String>,
}

impl PersonFields {
    /// `base` with every given field replaced.
    fn onto(self, base: PersonForm) -> PersonForm {
        PersonForm {
            name: self.name.unwrap_or(base.name),
            title: self.title.unwrap_or(base.title),
            organisation: self.organisation.unwrap_or(base.organisation),
            kind: self.kind.unwrap_or(base.kind),
            office: self.office.unwrap_or(base.office),
            base_name: self.base_name.unwrap_or(base.base_name),
            base_postcode: self.base.unwrap_or(base.base_postcode),
            changeover_minutes: self.changeover.unwrap_or(base.changeover_minutes),
            notes: self.notes.unwrap_or(base.notes),
            source: self.source.unwrap_or(base.source),
        }
    }
}

pub(crate) fn run(store: &mut Store, command: PersonCommand) -> Result<(), Error> {
    match command {
        PersonCommand::List { kind, json } => {
            let kind = kind.as_deref().map(PersonKind::from_input).transpose()?;
            let people = store.people(kind)?;
            if json {
                output::json(&people);
            } else {
                let rows: Vec<Vec<String>> = people
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.to_string(),
                            shown(&p.name).into_owned(),
                            p.kind.as_str().into(),
                            shown(&p.title).into_owned(),
                        ]
                    })
                    .collect();
                output::table(&["ID", "NAME", "KIND", "TITLE"], &rows);
            }
        }
        PersonCommand::Add { fields, json } => {
            let person = store.add_person(&fields.onto(PersonForm::default()))?;
            print_person(&person, json, "Added");
        }
        PersonCommand::Show { id: text, json } => {
            let person = store.person(id("id", "person", &text)?)?;
            print_person(&person, json, "");
        }
        PersonCommand::Edit {
            id: text,
            fields,
            json,
        } => {
            let person_id = id("id", "person", &text)?;
            let form = fields.onto(store.person(person_id)?.to_form());
            let person = store.edit_person(person_id, &form)?;
            print_person(&person, json, "Changed");
        }
    }
    Ok(())
}

fn print_person(p: &Person, json: bool, verb: &str) {
    if json {
        output::json(p);
        return;
    }
    if !verb.is_empty() {
        println!("{verb} person {}: {}", p.id, shown(&p.name));
        return;
    }
    let none = || "-".to_string();
    let lines = [
        ("Name", shown(&p.name).into_owned()),
        ("Title", shown(&p.title).into_owned()),
        ("Kind", p.kind.label().to_string()),
        (
            "Organisation",
            p.organisation
                .as_deref()
                .map_or_else(none, |o| shown(o).into_owned()),
        ),
        (
            "Office",
            p.office
                .as_deref()
                .map_or_else(none, |o| shown(o).into_owned()),
        ),
        (
            "Home base",
            match (&p.base_name, &p.base_postcode) {
                (Some(n), Some(pc)) => format!("{}, {pc}", shown(n)),
                (None, Some(pc)) => pc.clone(),
                (Some(n), None) => shown(n).into_owned(),
                (None, None) => none(),
            },
        ),
        ("Change-over", format!("{} minutes", p.changeover_minutes)),
        (
            "Source",
            p.source
                .as_deref()
                .map_or_else(none, |s| shown(s).into_owned()),
        ),
    ];
    println!("Person {}", p.id);
    for (label, value) in lines {
        println!("  {label:<13} {value}");
    }
    if let Some(notes) = &p.notes {
        println!("  {:<13} {}", "Background", output::shown_lines(notes, 16));
    }
}
