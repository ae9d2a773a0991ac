import { describe, expect, it } from "vitest";
import { formatDate, formatTime } from "./dates";
import { event } from "./fixtures";
import { daysOf, hourRange, layoutWeek } from "./week";
import { openingHash, parseRoute, sectionOf, sections } from "./route";

const at = (id: number, day: string, from: string, to: string) =>
  event({ id, start: `${day}T${from}:00+00:00`, end: `${day}T${to}:00+00:00`, start_date: day, end_date: day });

describe("week layout", () => {
  it("has the seven days of the 2014 week", () => {
    const days = daysOf("2014-10-27", "2014-11-02");
    expect(days).toHaveLength(7);
    expect(days[0]).toBe("2014-10-27");
    expect(days[6]).toBe("2014-11-02");
  });

  it("places events by time and puts overlapping ones side by side", () => {
    const events = [at(1, "2014-10-28", "10:00", "12:00"), at(2, "2014-10-28", "11:00", "13:00"), at(3, "2014-10-28", "14:00", "15:00")];
    const range = hourRange(events);
    expect(range).toEqual({ from: 8, to: 18 });
    const [col] = layoutWeek(events, ["2014-10-28"], range);
    const [a, b, c] = col.timed;
    expect(a.top).toBeCloseTo(0.2);
    expect(a.height).toBeCloseTo(0.2);
    expect([a.lane, a.lanes, b.lane, b.lanes]).toEqual([0, 2, 1, 2]);
    expect([c.lane, c.lanes]).toEqual([0, 1]);
  });

  it("widens the hours for early and late events and lists all-day ones apart", () => {
    const events = [at(1, "2014-10-29", "07:30", "09:00"), at(2, "2014-10-29", "18:00", "21:00"), event({ id: 3, all_day: true, start: "2014-10-29T00:00:00+00:00", start_date: "2014-10-29" })];
    expect(hourRange(events)).toEqual({ from: 7, to: 21 });
    const [col] = layoutWeek(events, ["2014-10-29"], hourRange(events));
    expect(col.allDay.map((e) => e.id)).toEqual([3]);
    expect(col.timed.map((p) => p.event.id)).toEqual([1, 2]);
  });

  it("shows at most so many events in a column and counts the rest", () => {
    const events = Array.from({ length: 12 }, (_, i) => at(100 + i, "2014-10-30", "10:00", "11:00"));
    const [col] = layoutWeek(events, ["2014-10-30"], hourRange(events), 10);
    expect(col.timed).toHaveLength(10);
    expect(col.hidden).toBe(2);
  });
});

describe("dates for people", () => {
  it("writes dates and times the GOV.UK way", () => {
    expect(formatDate("2014-10-28")).toBe("Tuesday 28 October 2014");
    expect(formatDate("2012-06-25", false)).toBe("Monday 25 June");
    expect(formatTime("10:00")).toBe("10am");
    expect(formatTime("14:30")).toBe("2:30pm");
    expect(formatTime("12:00")).toBe("midday");
    expect(formatTime("00:00")).toBe("midnight");
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
