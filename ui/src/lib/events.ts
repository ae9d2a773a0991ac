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

export function matches(e: EventView, f: TableFilter, text: string): boolean {
  if (f.region && e.region !== f.region) return false;
  if (f.council && e.council !== f.council) return false;
  if (f.day && !(e.start_date <= f.day && f.day <= e.end_date)) return false;
  if (f.theme && !e.themes.includes(f.theme)) return false;
  if (f.status && e.status !== f.status) return false;
  if (f.visibility && e.visibility !== f.visibility) return false;
  const q = f.search.trim().toLowerCase();
  if (q && !text.includes(q)) return false;
  return true;
}

/** The events that pass `f`, in the order `sort` asks for. */
export function filterAndSort(
  events: EventView[],
  texts: string[],
  f: TableFilter,
  sort: Sort,
): EventView[] {
  const out: EventView[] = [];
  for (let i = 0; i < events.length; i++) {
    if (matches(events[i], f, texts[i])) out.push(events[i]);
  }
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
  // Start times in one programme share an offset format, so text order is
  // time order; ties fall back to start then id, as the core orders them.
  return out.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -dir;
    if (ka > kb) return dir;
    if (a.start !== b.start) return a.start < b.start ? -1 : 1;
    return a.id - b.id;
  });
}

/** Sorting by a column: a new column sorts ascending, the same one flips. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true };
}
