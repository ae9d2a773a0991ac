// Test events shaped exactly like what `list_events` returns.
import type { EventView } from "./bindings/EventView";

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
