// Filtering and sorting the events table in the window, so that a filter
// answers within a frame at 10,000 events. The rules follow the core's
// `Store::events` (search: title, description, venue or council name,
// case-insensitive; day: the event is on that local day).
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

/** Lower-cased text the search looks in, made once per event. */
export function searchText(e: EventView): string {
  return [e.title, e.description ?? "", e.venue ?? "", e.council_name].join("\n").toLowerCase();
}

/** Whether `e` passes `f`; `query` is the search, trimmed and lower-cased. */
export function matches(e: EventView, f: TableFilter, text: string, query: string): boolean {
  if (f.region && e.region !== f.region) return false;
  if (f.council && e.council !== f.council) return false;
  if (f.day && !(e.start_date <= f.day && f.day <= e.end_date)) return false;
  if (f.theme && !e.themes.includes(f.theme)) return false;
  if (f.status && e.status !== f.status) return false;
  if (f.visibility && e.visibility !== f.visibility) return false;
  if (query && !text.includes(query)) return false;
  return true;
}

/** The events that pass `f`, keeping their order; `texts[i]` is
 *  `searchText(events[i])`. */
export function filterEvents(events: EventView[], texts: string[], f: TableFilter): EventView[] {
  const query = f.search.trim().toLowerCase();
  const out: EventView[] = [];
  for (let i = 0; i < events.length; i++) {
    if (matches(events[i], f, texts[i], query)) out.push(events[i]);
  }
  return out;
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
export function filterAndSort(events: EventView[], texts: string[], f: TableFilter, sort: Sort): EventView[] {
  const byId = new Map(events.map((e, i) => [e.id, texts[i]]));
  const sorted = sortEvents(events, sort);
  return filterEvents(sorted, sorted.map((e) => byId.get(e.id) ?? searchText(e)), f);
}

/** Sorting by a column: a new column sorts ascending, the same one flips. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true };
}
