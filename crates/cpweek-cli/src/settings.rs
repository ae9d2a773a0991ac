//! `cpweek settings [set]`: the same settings the window's Settings screen
//! keeps (council, role, name), shown and changed.

use clap::Subcommand;
use cpweek_core::permission::Role;
use cpweek_core::store::{Settings, SettingsForm};
use cpweek_core::{Error, Store};
use serde::Serialize;

use crate::output;

#[derive(Debug, Subcommand)]
pub(crate) enum SettingsCommand {
    /// Change the settings: only the ones given change
    Set {
        /// What you may do: council-organiser (add, change and cancel events)
        /// or lga-officer (also approve and return them)
        #[arg(long, value_name = "council-organiser|lga-officer")]
        role: Option<String>,
        /// Your council, by DfE code or name ("" for none): new events are for it
        #[arg(long, value_name = "CODE|NAME")]
        council: Option<String>,
        /// Your full name, which event history records name ("" for none)
        #[arg(long, value_name = "FULL NAME")]
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// The settings with where the database is, for `--json`.
#[derive(Serialize)]
struct SettingsJson<'a> {
    database: String,
    #[serde(flatten)]
    settings: &'a Settings,
}

pub(crate) fn run(
    store: &mut Store,
    command: Option<SettingsCommand>,
    json: bool,
) -> Result<(), Error> {
    match command {
        None => show(store, &store.settings()?, json),
        Some(SettingsCommand::Set {
            role,
            council,
            name,
            json,
        }) => {
            let form = SettingsForm {
                my_council: council,
                role: role.as_deref().map(Role::from_input).transpose()?,
                name,
            };
            let saved = store.save_settings(&form)?;
            show(store, &saved, json)
        }
    }
}

fn show(store: &Store, settings: &Settings, json: bool) -> Result<(), Error> {
    let database = store.path().display().to_string();
    if json {
        output::json(&SettingsJson { database, settings });
        return Ok(());
    }
    let council = match (&settings.my_council, &settings.my_council_name) {
        (Some(code), Some(name)) => format!("{name} ({code})"),
        (Some(code), None) => code.clone(),
        (None, _) => "-".into(),
    };
    let rows = [
        ("Council", council),
        (
            "Role",
            format!("{} ({})", settings.role.label(), settings.role.flag()),
        ),
        ("Name", settings.name.clone().unwrap_or_else(|| "-".into())),
        ("Database", database),
    ];
    for (label, value) in rows {
        println!("{label:<9} {value}");
    }
    Ok(())
}
