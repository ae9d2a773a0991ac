//! `cpweek request ...`: requests for a person to attend, their moves,
//! clashes, the itinerary planner, briefing notes and the week's report.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use cpweek_core::attendance::record::id;
use cpweek_core::attendance::{
    Itinerary, MinisterialReport, MoveNote, Request, RequestAction, RequestForm, RequestStatus,
};
use cpweek_core::store::{Format, RequestFilter};
use cpweek_core::{Error, Store};

use crate::output::{self, shown};

#[derive(Debug, Subcommand)]
pub(crate) enum RequestCommand {
    /// Ask for a person to attend an event (or, for the LGA, a slot of its own)
    Add {
        #[command(flatten)]
        fields: Box<RequestFields>,
        #[arg(long)]
        json: bool,
    },
    /// List requests, by start
    List {
        /// draft, submitted, forwarded, accepted, declined, withdrawn or held
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Only requests for this person (id)
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// Only requests for this event (id)
        #[arg(long, value_name = "ID")]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one request with its history and what you can do with it
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Submit a draft request to the LGA (whoever asked)
    Submit(Move),
    /// Forward a submitted request to the person's office (LGA)
    Forward(Move),
    /// Record that the office accepted (LGA); refused if it clashes, unless --override
    Accept(Move),
    /// Record that the office declined (LGA)
    Decline(Move),
    /// Withdraw an open request (whoever asked)
    Withdraw(Move),
    /// Record that an accepted engagement took place (LGA, after it)
    Held(Move),
    /// Every pair of one person's forwarded or accepted requests that cannot both be kept
    Clashes {
        /// Only this person (id)
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Propose one person's itinerary: the submitted and forwarded requests with the
    /// greatest total priority that can all be kept, and why each other was left out
    Plan {
        /// Whose itinerary (id)
        #[arg(long, value_name = "ID")]
        person: String,
        /// Only this day, YYYY-MM-DD [default: every day]
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: Option<String>,
        /// Forward the plan's submitted requests to the office in one step (LGA)
        #[arg(long)]
        forward: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write the briefing note for an accepted engagement, as HTML or a tagged PDF
    Brief {
        id: String,
        /// html or pdf
        #[arg(long, value_name = "html|pdf")]
        format: String,
        /// The file to write
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: std::path::PathBuf,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// The week's ministerial report: engagements by status, day and region, and
    /// councils whose requests were declined; with --format, an LGA board paper
    Report {
        /// Programme id [default: the current programme]
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Write the report as a board paper: html or pdf (with -o)
        #[arg(long, value_name = "html|pdf", requires = "output")]
        format: Option<String>,
        /// The file to write (with --format)
        #[arg(short = 'o', long = "output", value_name = "FILE", requires = "format")]
        output: Option<std::path::PathBuf>,
        /// Replace the file if it exists
        #[arg(long, requires = "output")]
        force: bool,
        /// The paper's date, YYYY-MM-DD [default: today]
        #[arg(long, value_name = "YYYY-MM-DD", requires = "format")]
        date: Option<String>,
    },
    /// Set the LGA's priority, 1 (lowest) to 5 (highest)
    Priority {
        id: String,
        priority: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct Move {
    id: String,
    /// A note for the history (why declined, withdrawn, ...)
    #[arg(long)]
    note: Option<String>,
    /// Accept despite a clash, for this reason (kept in the history)
    #[arg(long = "override", value_name = "REASON")]
    override_reason: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RequestFields {
    /// The event (id); leave out for an LGA-led slot (then --title, --start, --end)
    #[arg(long, value_name = "ID")]
    event: Option<String>,
    /// Who is asked for (id; see `cpweek person list`)
    #[arg(long, value_name = "ID")]
    person: Option<String>,
    /// visit, speak, meet-young-people, present-awards or other [default: visit]
    #[arg(long, value_name = "ROLE")]
    role: Option<String>,
    /// Start of the part of the event wanted (HH:MM) [default: the whole event]
    #[arg(long, value_name = "HH:MM")]
    from: Option<String>,
    /// End of the part of the event wanted (HH:MM)
    #[arg(long, value_name = "HH:MM")]
    to: Option<String>,
    /// 1 (lowest) to 5 (highest) [default: 3]
    #[arg(long, value_name = "1-5")]
    priority: Option<String>,
    /// The case for attending
    #[arg(long, value_name = "TEXT")]
    case: Option<String>,
    /// The contact officer
    #[arg(long, value_name = "NAME")]
    contact_name: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    contact_email: Option<String>,
    #[arg(long, value_name = "PHONE")]
    contact_phone: Option<String>,
    /// A slot's title (no --event)
    #[arg(long)]
    title: Option<String>,
    /// A slot's start, YYYY-MM-DDTHH:MM (no --event)
    #[arg(long, value_name = "WHEN")]
    start: Option<String>,
    /// A slot's end, YYYY-MM-DDTHH:MM (no --event)
    #[arg(long, value_name = "WHEN")]
    end: Option<String>,
    /// A slot's venue, address, postcode and region (no --event)
    #[arg(long)]
    venue: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long, value_name = "POSTCODE")]
    postcode: Option<String>,
    #[arg(long, value_name = "NAME")]
    region: Option<String>,
}

impl From<RequestFields> for RequestForm {
    fn from(f: RequestFields) -> RequestForm {
        let t = |o: Option<String>| o.unwrap_or_default();
        RequestForm {
            event: t(f.event),
            person: t(f.person),
            role: t(f.role),
            from: t(f.from),
            to: t(f.to),
            priority: t(f.priority),
            case: t(f.case),
            contact_name: t(f.contact_name),
            contact_email: t(f.contact_email),
            contact_phone: t(f.contact_phone),
            title: t(f.title),
            start: t(f.start),
            end: t(f.end),
            venue: t(f.venue),
            address: t(f.address),
            postcode: t(f.postcode),
            region: t(f.region),
        }
    }
}

pub(crate) fn run(
    store: &mut Store,
    command: RequestCommand,
    now: DateTime<Utc>,
    live: &std::path::Path,
) -> Result<(), Error> {
    let moved = |store: &mut Store, action: RequestAction, m: Move| -> Result<(), Error> {
        let note = MoveNote {
            note: m.note.unwrap_or_default(),
            override_reason: m.override_reason.unwrap_or_default(),
        };
        let request = store.move_request(id("id", "request", &m.id)?, action, &note, now)?;
        print_request(&request, m.json, Some(request.status.label()));
        Ok(())
    };
    match command {
        RequestCommand::Add { fields, json } => {
            let request = store.add_request(&(*fields).into(), now)?;
            print_request(&request, json, Some("Drafted"));
        }
        RequestCommand::List {
            status,
            person,
            event,
            json,
        } => {
            let filter = RequestFilter {
                status: status
                    .as_deref()
                    .map(RequestStatus::from_input)
                    .transpose()?,
                person: person.map(|p| id("person", "person", &p)).transpose()?,
                event: event.map(|e| id("event", "event", &e)).transpose()?,
                programme: None,
            };
            let requests = store.requests(&filter)?;
            if json {
                output::json(&requests);
            } else {
                print_list(&requests);
            }
        }
        RequestCommand::Show { id: text, json } => {
            let request = store.request(id("id", "request", &text)?)?;
            print_request(&request, json, None);
        }
        RequestCommand::Submit(m) => moved(store, RequestAction::Submit, m)?,
        RequestCommand::Forward(m) => moved(store, RequestAction::Forward, m)?,
        RequestCommand::Accept(m) => moved(store, RequestAction::Accept, m)?,
        RequestCommand::Decline(m) => moved(store, RequestAction::Decline, m)?,
        RequestCommand::Withdraw(m) => moved(store, RequestAction::Withdraw, m)?,
        RequestCommand::Held(m) => moved(store, RequestAction::Held, m)?,
        RequestCommand::Clashes { person, json } => {
            let person = person.map(|p| id("person", "person", &p)).transpose()?;
            let clashes = store.request_clashes(person)?;
            if json {
                output::json(&clashes);
            } else if clashes.is_empty() {
                println!("No clashes: every forwarded and accepted request can be kept.");
            } else {
                for c in &clashes {
                    println!(
                        "{}: request {} ({}) and request {} ({}): {} minutes' travel and {} minutes' change-over needed, {} minutes short{}",
                        shown(&c.person_name),
                        c.a,
                        shown(&c.a_label),
                        c.b,
                        shown(&c.b_label),
                        c.travel_minutes,
                        c.changeover_minutes,
                        c.short_by_minutes,
                        if c.overridden { " (both accepted: overridden)" } else { "" }
                    );
                    println!("  {}", shown(&c.explanation));
                }
            }
        }
        RequestCommand::Plan {
            person,
            day,
            forward,
            json,
        } => {
            let person = id("person", "person", &person)?;
            let day = day
                .as_deref()
                .map(|d| cpweek_core::time::parse_date(d).map_err(|m| Error::invalid("day", m)))
                .transpose()?;
            if forward {
                let forwarded = store.forward_plan(person, day, now)?;
                if json {
                    output::json(&forwarded);
                } else if forwarded.is_empty() {
                    println!("Nothing to forward: the plan's requests are forwarded already.");
                } else {
                    for r in &forwarded {
                        println!(
                            "Forwarded request {}: {} ({})",
                            r.id,
                            shown(&r.title),
                            r.when
                        );
                    }
                }
                return Ok(());
            }
            let plan = store.plan(person, day)?;
            if json {
                output::json(&plan);
            } else {
                print_plan(&plan);
            }
        }
        RequestCommand::Brief {
            id: text,
            format,
            output: path,
            force,
        } => {
            let format = Format::from_input(&format)?;
            let target = output::chosen_file(&path, format.kind(), live, force)?;
            store.save_briefing(id("id", "request", &text)?, format, &target, now)?;
            eprintln!("Wrote the briefing note to {}.", target.path().display());
        }
        RequestCommand::Report {
            programme,
            format: Some(format),
            output: Some(path),
            force,
            date,
            json: _,
        } => {
            let format = Format::from_input(&format)?;
            let programme = programme.as_deref().unwrap_or("");
            let date = store.paper_date(programme, date.as_deref(), now)?;
            let target = output::chosen_file(&path, format.kind(), live, force)?;
            store.save_ministerial_report(programme, format, &target, date)?;
            eprintln!(
                "Wrote the ministerial report to {}.",
                target.path().display()
            );
        }
        RequestCommand::Report {
            programme, json, ..
        } => {
            let report = store.ministerial_report(programme.as_deref().unwrap_or(""))?;
            if json {
                output::json(&report);
            } else {
                print_report(&report);
            }
        }
        RequestCommand::Priority {
            id: text,
            priority,
            json,
        } => {
            let request =
                store.set_request_priority(id("id", "request", &text)?, &priority, now)?;
            print_request(&request, json, Some("Priority set"));
        }
    }
    Ok(())
}

fn print_report(r: &MinisterialReport) {
    println!(
        "Ministerial and VIP attendance: {}",
        shown(&r.programme_name)
    );
    let n = |count: u32, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    println!(
        "{}; {} in all (accepted or held) from {}.",
        n(
            r.ministerial_engagements,
            "ministerial engagement",
            "ministerial engagements"
        ),
        n(r.engagements, "engagement", "engagements"),
        n(r.requests, "request", "requests")
    );
    println!("By status:");
    for s in &r.by_status {
        println!("  {:<24} {}", s.label, s.count);
    }
    println!("By day (engagements of requests):");
    for d in &r.by_day {
        println!("  {:<30} {} of {}", d.label, d.engagements, d.requests);
    }
    println!("By region (engagements of requests):");
    for g in &r.by_region {
        println!(
            "  {:<30} {} of {}",
            shown(&g.name),
            g.engagements,
            g.requests
        );
    }
    if r.declined.is_empty() {
        println!("No council's request was declined.");
    } else {
        println!("Councils whose requests were declined:");
        for d in &r.declined {
            println!("  {}", shown(&d.council_name));
            for q in &d.requests {
                println!("    {}", shown(q));
            }
        }
    }
}

fn print_plan(plan: &Itinerary) {
    let find = |id: i64| plan.candidates.iter().find(|r| r.id == id);
    println!(
        "Itinerary for {}: {} engagements, total priority {}",
        shown(&plan.person_name),
        plan.chosen.len(),
        plan.total_priority
    );
    for id in &plan.chosen {
        if let Some(r) = find(*id) {
            let pending = if plan.to_forward.contains(id) {
                " (to forward)"
            } else {
                ""
            };
            println!(
                "  {}  request {}: {} (priority {}){pending}",
                r.when,
                r.id,
                shown(&r.title),
                r.priority
            );
        }
    }
    if !plan.left_out.is_empty() {
        println!("Left out:");
        for l in &plan.left_out {
            let title = find(l.id).map_or(String::new(), |r| shown(&r.title).into_owned());
            println!("  request {} ({title}): {}", l.id, shown(&l.reason));
        }
    }
}

fn print_list(requests: &[Request]) {
    let rows: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.status.as_str().into(),
                r.priority.to_string(),
                shown(&r.person_name).into_owned(),
                shown(&r.title).into_owned(),
                r.when.clone(),
                shown(r.asked_by.label()).into_owned(),
            ]
        })
        .collect();
    output::table(
        &[
            "ID", "STATUS", "PRIORITY", "PERSON", "FOR", "WHEN", "ASKED BY",
        ],
        &rows,
    );
}

/// With `done`, one line saying what happened; without, the whole request.
fn print_request(r: &Request, json: bool, done: Option<&str>) {
    if json {
        output::json(r);
        return;
    }
    if let Some(done) = done {
        println!(
            "{done}: request {} for {} to {} at {} ({}); now {}",
            r.id,
            shown(&r.person_name),
            r.role.label(),
            shown(&r.title),
            r.when,
            r.status.as_str()
        );
        return;
    }
    let opt = |o: &Option<String>| {
        o.as_deref()
            .map_or("-".to_string(), |t| shown(t).into_owned())
    };
    println!("Request {}: {}", r.id, r.status_label);
    let lines = [
        ("Person", shown(&r.person_name).into_owned()),
        ("To", r.role.label().to_string()),
        ("For", shown(&r.title).into_owned()),
        ("When", r.when.clone()),
        ("Council", opt(&r.council_name)),
        ("Region", opt(&r.region)),
        ("Venue", opt(&r.venue)),
        ("Postcode", opt(&r.postcode)),
        ("Asked by", shown(r.asked_by.label()).into_owned()),
        ("Priority", format!("{} of 5", r.priority)),
        ("Contact", opt(&r.contact_name)),
        ("E-mail", opt(&r.contact_email)),
        ("Phone", opt(&r.contact_phone)),
    ];
    for (label, value) in lines {
        println!("  {label:<9} {value}");
    }
    if r.private {
        println!("  Private event: children in care may be present.");
    }
    if let Some(case) = &r.case {
        println!("  Case      {}", output::shown_lines(case, 12));
    }
    let actions: Vec<&str> = r.actions.iter().map(|a| a.as_str()).collect();
    if actions.is_empty() {
        println!("You can: nothing (your role or its status allows no move)");
    } else {
        println!("You can: {}", actions.join(", "));
    }
    if let Some(history) = &r.history {
        println!("History:");
        for h in history {
            print!("  {}  {}", h.when, shown(&h.summary));
            if let Some(note) = &h.note {
                print!(": {}", shown(note));
            }
            if let Some(reason) = &h.override_reason {
                print!(" (clash overridden: {})", shown(reason));
            }
            println!();
        }
    }
}
