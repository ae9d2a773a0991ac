//! `cpweek sample load|remove`: the sample week for trying the app. Either
//! role may load or remove it.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use cpweek_core::store::SampleCounts;
use cpweek_core::{Error, Store};

use crate::output;

#[derive(Debug, Subcommand)]
pub(crate) enum SampleCommand {
    /// Fill an empty 2014 programme with a clearly marked sample week
    /// (events on every day in every region, joint events, ministerial
    /// requests at every status, practice entries from the sources); either
    /// role may
    Load {
        #[arg(long)]
        json: bool,
    },
    /// Take out exactly the sample (with its history); what you added
    /// yourself stays
    Remove {
        #[arg(long)]
        json: bool,
    },
}

fn counts(c: &SampleCounts) -> String {
    cpweek_core::store::sample_said(c)
}

pub(crate) fn run(
    store: &mut Store,
    command: SampleCommand,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    match command {
        SampleCommand::Load { json } => {
            let loaded = store.load_sample(now)?;
            if json {
                output::json(&loaded);
            } else {
                println!("Loaded the sample week: {}.", counts(&loaded));
                println!(
                    "Every title begins \"{}\". `cpweek sample remove` takes exactly the sample out again.",
                    cpweek_core::sample::MARK
                );
            }
        }
        SampleCommand::Remove { json } => {
            let removed = store.remove_sample()?;
            if json {
                output::json(&removed);
            } else if removed.is_empty() {
                println!("There was no sample to remove; nothing changed.");
            } else {
                println!("Removed the sample week: {}.", counts(&removed));
            }
        }
    }
    Ok(())
}
