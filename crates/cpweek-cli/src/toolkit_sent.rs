//! `cpweek toolkit sent`: which councils were sent which edition of the
//! good-practice toolkit, and when (recording is an LGA officer's; the
//! list is anyone's); and `cpweek practice coverage`: councils with at
//! least one published entry, per region.

use chrono::{DateTime, Utc};
use clap::Args;
use cpweek_core::dissemination::SentForm;
use cpweek_core::{Error, Store};

use crate::output;

#[derive(Debug, Args)]
pub(crate) struct SentArgs {
    /// The edition sent: 1, 2, ...
    #[arg(
        long,
        value_name = "N",
        required_unless_present = "list",
        conflicts_with = "list"
    )]
    edition: Option<String>,
    /// To whom: all, or councils by DfE code or name (repeat, or give
    /// several)
    #[arg(long, value_name = "all|CODE", num_args = 1.., required_unless_present = "list", conflicts_with = "list")]
    to: Vec<String>,
    /// The day it was sent, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", conflicts_with = "list")]
    at: Option<String>,
    /// List what was sent instead
    #[arg(long)]
    pub(crate) list: bool,
    /// Programme id [default: the current programme]
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(store: &mut Store, args: SentArgs, now: DateTime<Utc>) -> Result<(), Error> {
    let programme = args.programme.unwrap_or_default();
    if args.list {
        let sent = store.toolkit_sent(&programme)?;
        if args.json {
            output::json(&sent);
        } else if sent.is_empty() {
            println!("No sending of the toolkit is recorded yet.");
        } else {
            let rows: Vec<Vec<String>> = sent
                .iter()
                .map(|s| {
                    vec![
                        s.edition.to_string(),
                        s.sent_on.clone(),
                        s.council.clone(),
                        s.council_name.clone(),
                        s.region.clone(),
                        s.recorded_by.clone(),
                    ]
                })
                .collect();
            output::table(
                &[
                    "EDITION",
                    "SENT ON",
                    "CODE",
                    "COUNCIL",
                    "REGION",
                    "RECORDED BY",
                ],
                &rows,
            );
        }
        return Ok(());
    }
    let report = store.record_toolkit_sent(
        &SentForm {
            programme,
            edition: args.edition.unwrap_or_default(),
            to: args.to,
            on: args.at.unwrap_or_default(),
        },
        now,
    )?;
    if args.json {
        output::json(&report);
        return Ok(());
    }
    let councils = |n: usize| {
        if n == 1 {
            "1 council".to_string()
        } else {
            format!("{n} councils")
        }
    };
    println!(
        "Recorded edition {} as sent on {} to {}.",
        report.edition,
        report.sent_on,
        councils(report.recorded.len())
    );
    if !report.already.is_empty() {
        println!(
            "Already recorded for edition {}, first day kept: {} ({}).",
            report.edition,
            councils(report.already.len()),
            report.already.join(", ")
        );
    }
    Ok(())
}

/// `cpweek practice coverage`.
pub(crate) fn coverage(store: &Store, programme: Option<String>, json: bool) -> Result<(), Error> {
    let coverage = store.practice_coverage(&programme.unwrap_or_default())?;
    if json {
        output::json(&coverage);
        return Ok(());
    }
    println!("{}", coverage.headline());
    let rows: Vec<Vec<String>> = coverage
        .regions
        .iter()
        .map(|r| vec![r.region.clone(), format!("{} of {}", r.covered, r.councils)])
        .collect();
    output::table(&["REGION", "COVERED"], &rows);
    Ok(())
}
