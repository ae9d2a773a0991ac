//! What the LGA sees of a person's diary: pairs of requests that cannot
//! both be kept.

use serde::Serialize;
use ts_rs::TS;

use crate::travel::Method;

/// Two of one person's forwarded or accepted requests that cannot both be
/// kept, once travel and change-over are counted.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RequestClash {
    /// The earlier request's id.
    #[ts(type = "number")]
    pub a: i64,
    /// The later request's id.
    #[ts(type = "number")]
    pub b: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    /// "Kent care leavers' awards, Tuesday 28 October 2014, 10am to midday".
    pub a_label: String,
    pub b_label: String,
    pub travel_minutes: u32,
    pub changeover_minutes: u32,
    /// Minutes more the gap between them would need.
    #[ts(type = "number")]
    pub short_by_minutes: i64,
    pub method: Method,
    /// How the travel time was reckoned, in a sentence.
    pub explanation: String,
    /// Both are accepted: someone overrode the clash, with a reason on
    /// record.
    pub overridden: bool,
}

/// The planner's proposal for one person (and a day, or the whole week):
/// of their submitted and forwarded requests, the set with the greatest
/// total priority that can all be kept around the engagements already
/// accepted, and why each other one was left out.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Itinerary {
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    /// The day planned, or none for every day.
    #[ts(type = "string | null")]
    pub day: Option<chrono::NaiveDate>,
    /// The requests kept, in time order.
    #[ts(type = "Array<number>")]
    pub chosen: Vec<i64>,
    pub total_priority: u32,
    /// Every other candidate, with why.
    pub left_out: Vec<crate::plan::LeftOut>,
    /// The candidates (submitted and forwarded requests), by start.
    pub candidates: Vec<super::Request>,
    /// The chosen requests still to forward (submitted ones): what
    /// "forward the plan" sends to the office.
    #[ts(type = "Array<number>")]
    pub to_forward: Vec<i64>,
}
