//! `cpweek travel --from POSTCODE --to POSTCODE`: the travel time between
//! two places by the stated rules (no overrides: it does not open the
//! database), and how it was reckoned (`cpweek_core::travel`).

use clap::Args;
use cpweek_core::travel::{Method, Place, Postcode, Travel};
use cpweek_core::Error;

use crate::output::{self, shown};

#[derive(Debug, Args)]
pub(crate) struct TravelArgs {
    /// Where the journey starts: a postcode (SW1P 3BT) or a postcode district (SW1P)
    #[arg(long, value_name = "POSTCODE")]
    from: Option<String>,
    /// Where it ends: a postcode or a postcode district
    #[arg(long, value_name = "POSTCODE")]
    to: Option<String>,
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: TravelArgs) -> Result<(), Error> {
    let (from, to) = Postcode::read_journey(
        args.from.as_deref().unwrap_or(""),
        args.to.as_deref().unwrap_or(""),
        ("--from", "--to"),
    )?;
    let reckoning = Travel::default().reckon(&Place::at(from.as_str()), &Place::at(to.as_str()));
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
