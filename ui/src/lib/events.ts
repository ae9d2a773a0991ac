// Filtering and sorting the events table in the window, so that a filter
// answers within a frame at 10,000 events. What a filter matches is defined
// once, in the core (`cpweek_core::filter`, which `Store::events` and so
// `cpweek event list` apply); this restates it for speed, and
// events.test.ts checks it against the fixture `cargo test` writes from the
// core (bindings/filter-agreement.json), so the two cannot disagree.
import type { EventView } from "./bindings/EventView";

export type TableFilter = {
  search: string;
  region: string; // region name, "" for any
  council: string; // council code, "" for any
  day: string; // YYYY-MM-DD, "" for any
  theme: string; // slug
  status: string;
  visibility: string;
};

export const noFilter: TableFilter = {
  search: "",
  region: "",
  council: "",
  day: "",
  theme: "",
  status: "",
  visibility: "",
};

export type SortKey = "start" | "title" | "council" | "region" | "status";
export type Sort = { key: SortKey; ascending: boolean };

// Unicode's White_Space, which Rust's `str::trim` removes. (JavaScript's
// `trim` differs: it also removes U+FEFF and keeps U+0085.)
const EDGE_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** The search as the core looks for it (`cpweek_core::filter::search_query`):
 *  without surrounding white space, in lower case; "" searches for nothing. */
export function searchQuery(typed: string): string {
  return typed.replace(EDGE_SPACE, "").toLowerCase();
}

/** Whether `e` passes `f`; `query` is `searchQuery(f.search)`. The search
 *  looks in the text the core made for it (`e.search_text`). */
export function matches(e: EventView, f: TableFilter, query: string): boolean {
  if (f.region && e.region !== f.region) return false;
  // A council's events are those it runs, as lead or partner.
  if (f.council && e.council !== f.council && !e.partner_councils.includes(f.council))
    return false;
  if (f.day && !(e.start_date <= f.day && f.day <= e.end_date)) return false;
  if (f.theme && !e.themes.includes(f.theme)) return false;
  if (f.status && e.status !== f.status) return false;
  if (f.visibility && e.visibility !== f.visibility) return false;
  if (query && !e.search_text.includes(query)) return false;
  return true;
}

/** The events that pass `f`, keeping their order (`events` itself when
 *  nothing filters). */
export function filterEvents(events: EventView[], f: TableFilter): EventView[] {
  const query = searchQuery(f.search);
  if (!query && sameButSearch(f, noFilter)) return events;
  const out: EventView[] = [];
  for (const e of events) {
    if (matches(e, f, query)) out.push(e);
  }
  return out;
}

/** A filtered list and what made it, so the next keystroke can start from it. */
export type Filtered = { events: EventView[]; filter: TableFilter; rows: EventView[] };

/** `filterEvents(events, f)`, starting from `last` when it can: typing more
 *  of a search (the new search contains the old, and nothing else changed)
 *  only narrows, so only the rows already shown need looking at. */
export function refilter(last: Filtered | null, events: EventView[], f: TableFilter): Filtered {
  if (last && last.events === events && sameButSearch(last.filter, f)) {
    const before = searchQuery(last.filter.search);
    const now = searchQuery(f.search);
    if (now === before) return { events, filter: f, rows: last.rows };
    if (now.includes(before)) return { events, filter: f, rows: filterEvents(last.rows, f) };
  }
  return { events, filter: f, rows: filterEvents(events, f) };
}

function sameButSearch(a: TableFilter, b: TableFilter): boolean {
  return (
    a.region === b.region &&
    a.council === b.council &&
    a.day === b.day &&
    a.theme === b.theme &&
    a.status === b.status &&
    a.visibility === b.visibility
  );
}

/** The events in the order `sort` asks for; ties by start, then id, as the
 *  core orders them. Sorting is done once per column change, not per filter. */
export function sortEvents(events: EventView[], sort: Sort): EventView[] {
  const dir = sort.ascending ? 1 : -1;
  const key = (e: EventView): string => {
    switch (sort.key) {
      case "start":
        return e.start;
      case "title":
        return e.title.toLowerCase();
      case "council":
        return e.council_name.toLowerCase();
      case "region":
        return e.region.toLowerCase();
      case "status":
        return e.status;
    }
  };
  const keyed = events.map((e) => ({ e, k: key(e) }));
  keyed.sort((a, b) => {
    if (a.k < b.k) return -dir;
    if (a.k > b.k) return dir;
    if (a.e.start !== b.e.start) return a.e.start < b.e.start ? -1 : 1;
    return a.e.id - b.e.id;
  });
  return keyed.map((x) => x.e);
}

/** The events that pass `f`, in the order `sort` asks for. */
export function filterAndSort(events: EventView[], f: TableFilter, sort: Sort): EventView[] {
  return filterEvents(sortEvents(events, sort), f);
}

/** Sorting by a column: a new column sorts ascending, the same one flips. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true };
}
