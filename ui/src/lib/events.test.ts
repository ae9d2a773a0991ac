import { describe, expect, it } from "vitest";
import agreement from "./bindings/filter-agreement.json";
import type { EventView } from "./bindings/EventView";
import { filterAndSort, filterEvents, nextSort, noFilter, refilter, searchQuery, type Filtered, type TableFilter } from "./events";
import { event } from "./fixtures";

const kent = event({ id: 1, title: "Kent celebrates care leavers", venue: "Sessions House", themes: ["care-leavers"] });
const leeds = event({
  id: 2, title: "Leeds awards", council: "383", council_name: "Leeds", region: "Yorkshire and The Humber",
  start: "2014-10-27T18:00:00+00:00", end: "2014-10-27T20:00:00+00:00", start_date: "2014-10-27", end_date: "2014-10-27",
  status: "approved", visibility: "private", description: "An evening for FOSTER carers",
});
const multi = event({
  id: 3, title: "All week exhibition", all_day: true, start: "2014-10-27T00:00:00+00:00", end: "2014-10-30T00:00:00+00:00",
  start_date: "2014-10-27", end_date: "2014-10-29",
});
const all = [kent, leeds, multi];
const byStart = { key: "start" as const, ascending: true };
const ids = (es: { id: number }[]) => es.map((e) => e.id);

describe("events table filter agrees with the core", () => {
  // Written by `cargo test` from Store::events (src-tauri/src/commands/agreement_tests.rs).
  const events = agreement.events as EventView[];
  const cases = agreement.cases as { filter: TableFilter; ids: number[] }[];

  it("has events and cases to compare", () => {
    expect(events.length).toBeGreaterThan(5);
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases.map((c) => [JSON.stringify(c.filter), c] as const))("%s", (_, c) => {
    // The events come in the core's order (start, then id), as the window loads them.
    expect(ids(filterEvents(events, c.filter))).toEqual(c.ids);
  });
});

describe("events table filter", () => {
  it("trims white space as Rust does, not as JavaScript's trim does", () => {
    expect(searchQuery("\u0085Kent\u3000")).toBe("kent");
    expect(searchQuery("\ufeffKent")).toBe("\ufeffkent");
    expect(searchQuery("  ")).toBe("");
  });

  it("searches the core's text for the event, ignoring case", () => {
    expect(ids(filterAndSort(all, { ...noFilter, search: "foster" }, byStart))).toEqual([2]);
    expect(ids(filterAndSort(all, { ...noFilter, search: "sessions" }, byStart))).toEqual([1]);
    expect(ids(filterAndSort(all, { ...noFilter, search: " LEEDS " }, byStart))).toEqual([2]);
    expect(ids(filterAndSort(all, { ...noFilter, search: "nothing like this" }, byStart))).toEqual([]);
    const odd = event({ id: 4, title: "Plain", search_text: "only the core's text" });
    expect(ids(filterEvents([odd], { ...noFilter, search: "core's" }))).toEqual([4]);
    expect(ids(filterEvents([odd], { ...noFilter, search: "plain" }))).toEqual([]);
  });

  it("takes a day to mean any event on it, as the core does", () => {
    expect(ids(filterAndSort(all, { ...noFilter, day: "2014-10-28" }, byStart))).toEqual([3, 1]);
    expect(ids(filterAndSort(all, { ...noFilter, day: "2014-10-30" }, byStart))).toEqual([]);
  });

  it("combines region, council, theme, status and visibility", () => {
    const f = { ...noFilter, region: "South East", theme: "care-leavers" };
    expect(ids(filterAndSort(all, f, byStart))).toEqual([1]);
    expect(ids(filterAndSort(all, { ...noFilter, status: "approved", visibility: "private" }, byStart))).toEqual([2]);
    expect(ids(filterAndSort(all, { ...noFilter, council: "886" }, byStart))).toEqual([3, 1]);
  });

  it("sorts by a column both ways, ties by start", () => {
    expect(ids(filterAndSort(all, noFilter, byStart))).toEqual([3, 2, 1]);
    expect(ids(filterAndSort(all, noFilter, { key: "title", ascending: true }))).toEqual([3, 1, 2]);
    expect(ids(filterAndSort(all, noFilter, { key: "title", ascending: false }))).toEqual([2, 1, 3]);
    expect(ids(filterAndSort(all, noFilter, { key: "council", ascending: true }))).toEqual([3, 1, 2]);
  });

  it("flips the order when the same column is chosen again", () => {
    const s = nextSort(byStart, "title");
    expect(s).toEqual({ key: "title", ascending: true });
    expect(nextSort(s, "title")).toEqual({ key: "title", ascending: false });
  });

  it("filters 10,000 events", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => event({ id: 10 + i, title: `Event number ${i}` }));
    expect(filterAndSort(many, { ...noFilter, search: "number 9999" }, byStart)).toHaveLength(1);
  });
});

describe("refiltering as the search is typed", () => {
  const events = agreement.events as EventView[];

  it("gives what filtering afresh gives, for any sequence of filters", () => {
    const steps: Partial<TableFilter>[] = [
      {}, { search: "k" }, { search: "ke" }, { search: "ken" }, { search: "kent" }, { search: "ken" },
      { search: "" }, { search: "e" }, { search: "e", region: "South East" }, { search: "es", region: "South East" },
      { search: "es" }, { search: "zzz" }, { search: "zzzz" }, { search: "" }, { day: "2014-10-28" },
      { day: "2014-10-28", search: "c" }, { day: "2014-10-28", search: "co" }, { search: " CO " }, { search: "éc" },
    ];
    let last: Filtered | null = null;
    for (const step of steps) {
      const f = { ...noFilter, ...step };
      last = refilter(last, events, f);
      expect(ids(last.rows), JSON.stringify(step)).toEqual(ids(filterEvents(events, f)));
    }
  });

  it("looks only at the rows already found when the search grows", () => {
    const first = refilter(null, events, { ...noFilter, search: "kent" });
    const next = refilter(first, events, { ...noFilter, search: "kent reunion" });
    expect(ids(next.rows)).toEqual([5]);
    // Rows that were not found before are not looked at again.
    const pretend = { ...first, rows: [] };
    expect(refilter(pretend, events, { ...noFilter, search: "kent reunion" }).rows).toEqual([]);
    // A new list, or another filter changed, filters afresh.
    expect(ids(refilter(pretend, [...events], { ...noFilter, search: "kent reunion" }).rows)).toEqual([5]);
    expect(ids(refilter(pretend, events, { ...noFilter, search: "kent reunion", status: "cancelled" }).rows)).toEqual([5]);
  });

  it("shows the whole list itself when nothing filters", () => {
    expect(filterEvents(events, noFilter)).toBe(events);
    expect(filterEvents(events, { ...noFilter, search: "  " })).toBe(events);
  });
});
