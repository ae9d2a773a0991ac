// Test events and requests shaped exactly like what `list_events` and
// `list_requests` return.
import type { EventView } from "./bindings/EventView";
import type { Request } from "./bindings/Request";

let next = 1;
export function event(over: Partial<EventView> = {}): EventView {
  const id = over.id ?? next++;
  const e: EventView = {
    id,
    uid: `${id}@cpweek.local.gov.uk`,
    sequence: 0,
    programme: "2014",
    council: "886",
    council_name: "Kent",
    region: "South East",
    partner_councils: [],
    partner_council_names: [],
    title: `Event ${id}`,
    description: null,
    start: "2014-10-28T10:00:00+00:00",
    end: "2014-10-28T12:00:00+00:00",
    all_day: false,
    start_date: "2014-10-28",
    end_date: "2014-10-28",
    venue: null,
    address: null,
    postcode: null,
    themes: [],
    audiences: [],
    visibility: "public",
    contact_name: null,
    contact_email: null,
    contact_phone: null,
    booking_url: null,
    capacity: null,
    status: "submitted",
    status_note: null,
    was_approved: false,
    in_week: true,
    conference_day: null,
    created_at: "2014-09-01T09:00:00Z",
    updated_at: "2014-09-01T09:00:00Z",
    when: "Tuesday 28 October 2014, 10am to midday",
    start_time: "10am",
    search_text: "",
    actions: ["edit", "cancel"],
    ...over,
  };
  // Test data only: the core makes the real one (filter::search_text), and
  // the agreement fixture in events.test.ts uses those.
  if (over.search_text === undefined) {
    e.search_text = [e.title, e.description ?? "", e.venue ?? "", e.council_name].join("\n").toLowerCase();
  }
  return e;
}

/** A request shaped exactly like what `list_requests` returns. */
export function request(over: Partial<Request> = {}): Request {
  const id = over.id ?? next++;
  return {
    id,
    uid: `request-${id}@cpweek.local.gov.uk`,
    programme: "2014",
    status: "submitted",
    status_label: "Submitted to the LGA",
    event_id: 1,
    person_id: 1,
    person_name: "Edward Timpson MP",
    person_kind: "minister",
    role: "visit",
    title: `Event ${id}`,
    council: "886",
    council_name: "Kent",
    region_code: "E12000008",
    region: "South East",
    start: "2014-10-28T10:00:00+00:00",
    end: "2014-10-28T12:00:00+00:00",
    date: "2014-10-28",
    when: "Tuesday 28 October 2014, 10am to midday",
    whole_event: true,
    venue: null,
    address: null,
    postcode: null,
    private: false,
    case: null,
    contact_name: null,
    contact_email: null,
    contact_phone: null,
    asked_by: { by: "council", code: "886", name: "Kent" },
    priority: 3,
    override_reason: null,
    actions: [],
    updated_at: "2014-09-01T09:00:00Z",
    revision: 1,
    history: null,
    ...over,
  };
}
