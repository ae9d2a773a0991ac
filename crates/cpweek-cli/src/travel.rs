//! `cpweek travel --from POSTCODE --to POSTCODE`: the travel time between
//! two places as the clash check counts it (the stated rules, or a time an
//! LGA officer set by hand in the database, if there is one), and how it
//! was reckoned (`cpweek_core::travel`). `--set MINUTES` and `--clear` set
//! a time by hand, or go back to the stated rules.

use chrono::{DateTime, Utc};
use clap::Args;
use cpweek_core::travel::{Method, Place, Postcode, Travel};
use cpweek_core::{Error, Store};

use crate::output::{self, shown};

#[derive(Debug, Args)]
pub(crate) struct TravelArgs {
    /// Where the journey starts: a postcode (SW1P 3BT) or a postcode district (SW1P)
    #[arg(long, value_name = "POSTCODE")]
    from: Option<String>,
    /// Where it ends: a postcode or a postcode district
    #[arg(long, value_name = "POSTCODE")]
    to: Option<String>,
    /// Set the time by hand (LGA officers), in minutes, either way round
    #[arg(long, value_name = "MINUTES", conflicts_with = "clear")]
    set: Option<u32>,
    /// Why it is set by hand, e.g. "train, checked with the private office"
    #[arg(long, requires = "set")]
    note: Option<String>,
    /// Go back to the stated rules for this pair
    #[arg(long)]
    clear: bool,
    #[arg(long)]
    json: bool,
}

impl TravelArgs {
    /// Whether the command changes the database.
    pub(crate) fn writes(&self) -> bool {
        self.set.is_some() || self.clear
    }
}

/// `store` is the database when there is one (a time set by hand counts).
pub(crate) fn run(
    args: TravelArgs,
    store: Option<&mut Store>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let (from, to) = Postcode::read_journey(
        args.from.as_deref().unwrap_or(""),
        args.to.as_deref().unwrap_or(""),
        ("--from", "--to"),
    )?;
    let (a, b) = (Place::at(from.as_str()), Place::at(to.as_str()));
    let reckoning = match store {
        Some(store) if args.writes() => store.set_travel_time(
            from.as_str(),
            to.as_str(),
            args.set,
            args.note.as_deref().unwrap_or(""),
            now,
        )?,
        Some(store) => store.travel_time(&a, &b)?,
        None => Travel::default().reckon(&a, &b),
    };
    if args.json {
        output::json(&reckoning);
        return Ok(());
    }
    let how = match reckoning.method {
        Method::SamePlace => "the same place",
        Method::Override => "set by hand",
        Method::Postcodes => "between postcode district centres",
        Method::Regions => "by region",
        Method::Unknown => "not known",
    };
    let minutes = if reckoning.minutes == 1 {
        "1 minute".to_string()
    } else {
        format!("{} minutes", reckoning.minutes)
    };
    println!("{minutes} ({how})");
    println!("{}", shown(&reckoning.explanation));
    Ok(())
}
