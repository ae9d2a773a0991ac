import { describe, expect, it } from "vitest";
import type { WeekDay } from "./bindings/WeekDay";
import { event } from "./fixtures";
import { hourRange, layoutWeek, outsideTheWeek } from "./week";
import { openingHash, parseRoute, sectionOf, sections } from "./route";

const at = (id: number, day: string, from: string, to: string) =>
  event({ id, start: `${day}T${from}:00+00:00`, end: `${day}T${to}:00+00:00`, start_date: day, end_date: day });

// Days as the core sends them with a programme (`Programme::week`).
const day = (date: string, conference_day: number | null = null): WeekDay => ({
  date, label: `label of ${date}`, short_label: `short label of ${date}`, conference_day,
});
const week2014 = ["2014-10-27", "2014-10-28", "2014-10-29", "2014-10-30", "2014-10-31", "2014-11-01", "2014-11-02"]
  .map((d, i) => day(d, i >= 2 && i <= 4 ? i - 1 : null));

describe("week layout", () => {
  it("has a column for each day the core gives, in its order, with the core's labels and conference days", () => {
    const cols = layoutWeek([at(1, "2014-10-29", "10:00", "11:00")], week2014, { from: 8, to: 18 });
    expect(cols.map((c) => c.day)).toEqual(week2014);
    expect(cols[2].timed.map((p) => p.event.id)).toEqual([1]);
    expect(cols.filter((c) => c.timed.length > 0)).toHaveLength(1);
  });

  it("counts the events the core places outside the week, by their start and end", () => {
    const inside = at(1, "2014-10-28", "10:00", "12:00");
    // Starts on the last day, ends after the week: its first day is in the
    // week, yet it is not wholly within it.
    const spills = event({
      id: 2, start: "2014-11-02T20:00:00+00:00", end: "2014-11-03T01:00:00+00:00",
      start_date: "2014-11-02", end_date: "2014-11-03", in_week: false,
    });
    // Starts before the week and ends in it.
    const early = event({
      id: 3, start: "2014-10-26T20:00:00+00:00", end: "2014-10-27T10:00:00+00:00",
      start_date: "2014-10-26", end_date: "2014-10-27", in_week: false,
    });
    const events = [inside, spills, early];
    expect(outsideTheWeek(events)).toBe(2);
    // Drawn on the day each starts, when that is a day of the week.
    const cols = layoutWeek(events, week2014, hourRange(events));
    expect(cols[6].timed.map((p) => p.event.id)).toEqual([2]);
    expect(cols.flatMap((c) => c.timed.map((p) => p.event.id)).sort()).toEqual([1, 2]);
  });

  it("places events by time and puts overlapping ones side by side", () => {
    const events = [at(1, "2014-10-28", "10:00", "12:00"), at(2, "2014-10-28", "11:00", "13:00"), at(3, "2014-10-28", "14:00", "15:00")];
    const range = hourRange(events);
    expect(range).toEqual({ from: 8, to: 18 });
    const [col] = layoutWeek(events, [day("2014-10-28")], range);
    const [a, b, c] = col.timed;
    expect(a.top).toBeCloseTo(0.2);
    expect(a.height).toBeCloseTo(0.2);
    expect([a.lane, a.lanes, b.lane, b.lanes]).toEqual([0, 2, 1, 2]);
    expect([c.lane, c.lanes]).toEqual([0, 1]);
  });

  it("widens the hours for early and late events and lists all-day ones apart", () => {
    const events = [at(1, "2014-10-29", "07:30", "09:00"), at(2, "2014-10-29", "18:00", "21:00"), event({ id: 3, all_day: true, start: "2014-10-29T00:00:00+00:00", start_date: "2014-10-29" })];
    expect(hourRange(events)).toEqual({ from: 7, to: 21 });
    const [col] = layoutWeek(events, [day("2014-10-29")], hourRange(events));
    expect(col.allDay.map((e) => e.id)).toEqual([3]);
    expect(col.timed.map((p) => p.event.id)).toEqual([1, 2]);
  });

  it("shows at most so many events in a column and counts the rest", () => {
    const events = Array.from({ length: 12 }, (_, i) => at(100 + i, "2014-10-30", "10:00", "11:00"));
    const [col] = layoutWeek(events, [day("2014-10-30")], hourRange(events), 10);
    expect(col.timed).toHaveLength(10);
    expect(col.hidden).toBe(2);
  });
});

describe("routes", () => {
  it("reads every screen from the hash", () => {
    expect(parseRoute("")).toEqual({ screen: "week" });
    expect(parseRoute("#/events?day=2014-10-28")).toEqual({ screen: "events" });
    expect(parseRoute("#/events/new")).toEqual({ screen: "add" });
    expect(parseRoute("#/events/12")).toEqual({ screen: "event", id: 12 });
    expect(parseRoute("#/events/12/edit")).toEqual({ screen: "edit", id: 12 });
    expect(parseRoute("#/nowhere")).toEqual({ screen: "not-found", path: "/nowhere" });
  });

  it("puts every screen in a section the core can keep, and new screens into theirs", () => {
    expect(sectionOf({ screen: "edit", id: 3 })).toBe("events");
    expect(sectionOf({ screen: "add" })).toBe("events");
    expect(sectionOf({ screen: "feeds" })).toBe("feeds");
    expect(sectionOf({ screen: "not-found", path: "/x" })).toBeNull();
    for (const s of sections) expect(parseRoute(s.href).screen).toBe(s.screens[0]);
  });

  it("opens on the section it was left on unless started on a screen", () => {
    expect(openingHash("", "events")).toBe("#/events");
    expect(openingHash("#/", "dashboard")).toBe("#/dashboard");
    expect(openingHash("#/events/12", "feeds")).toBeNull();
    expect(openingHash("#/week", "events")).toBeNull();
  });
});
