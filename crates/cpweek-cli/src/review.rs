//! `cpweek review`: the LGA's review queue; `cpweek councils --missing`:
//! the councils not taking part yet, per region, for chasing.

use clap::Args;
use cpweek_core::store::QueueFilter;
use cpweek_core::{Error, Store};

use crate::output;

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// Programme id [default: the current programme]
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
    /// Only events this council runs, as lead or partner (code or name)
    #[arg(long, value_name = "CODE")]
    council: Option<String>,
    /// Only events of this region's councils (name or E12 code)
    #[arg(long, value_name = "NAME")]
    region: Option<String>,
    #[arg(long)]
    json: bool,
}

pub(crate) fn queue(store: &Store, args: ReviewArgs) -> Result<(), Error> {
    let queue = store.review_queue(&QueueFilter {
        programme: args.programme.unwrap_or_default(),
        council: args.council,
        region: args.region,
    })?;
    if args.json {
        output::json(&queue);
        return Ok(());
    }
    if queue.is_empty() {
        println!("Nothing is waiting for the LGA's review.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = queue
        .iter()
        .map(|q| {
            let council = match &q.partners {
                Some(with) => format!("{} {with}", q.council_name),
                None => q.council_name.clone(),
            };
            let since = match (&q.changed_by, &q.changed_when) {
                (Some(who), Some(when)) => format!("{when}, {who}"),
                _ => String::new(),
            };
            vec![
                q.id.to_string(),
                q.title.clone(),
                council,
                q.status.as_str().to_string(),
                match &q.changed_fields {
                    Some(fields) if !fields.is_empty() => {
                        format!("{} ({})", q.awaiting.label(), fields.join(", "))
                    }
                    _ => q.awaiting.label().to_string(),
                },
                since,
            ]
        })
        .collect();
    output::table(
        &[
            "ID",
            "TITLE",
            "COUNCIL",
            "STATUS",
            "CHANGE",
            "LAST CHANGED BY COUNCIL",
        ],
        &rows,
    );
    println!(
        "{} event{} to review: approve or return them with `cpweek event approve ID...` or `cpweek event return ID... --note TEXT`",
        queue.len(),
        if queue.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

pub(crate) fn missing(
    store: &Store,
    programme: Option<String>,
    region: Option<String>,
    json: bool,
) -> Result<(), Error> {
    let regions = store.councils_missing(&programme.unwrap_or_default(), region.as_deref())?;
    if json {
        output::json(&regions);
        return Ok(());
    }
    for r in &regions {
        println!(
            "{}: {} of {} councils taking part; {} not yet",
            r.region,
            r.councils_taking_part,
            r.councils_in_region,
            r.councils.len()
        );
        for c in &r.councils {
            println!("  {}  {}", c.code, c.display_name);
        }
    }
    Ok(())
}
