import { describe, expect, it } from "vitest";
import type { DiaryDay } from "./bindings/DiaryDay";
import type { DiaryEntry } from "./bindings/DiaryEntry";
import type { PersonWeek } from "./bindings/PersonWeek";
import { request } from "./fixtures";
import { fit, hourSpan, lanesFor, layoutTimeline, SIZE } from "./timeline";

const HOURS = Array.from({ length: 24 }, (_, h) => `h${h}`);

function engagement(id: number, start: number, end: number, status: "accepted" | "forwarded" | "held" = "accepted"): DiaryEntry {
  return {
    kind: "engagement",
    request: request({ id, status, title: `Engagement ${id}` }),
    confirmed: status !== "forwarded",
    start_minute: start,
    end_minute: end,
    time_label: `${start} to ${end}`,
  };
}

function travel(start: number, end: number, short = false): DiaryEntry {
  return {
    kind: "travel",
    from_label: "Home base",
    to_label: "Engagement",
    minutes: end - start,
    explanation: "stated",
    start_minute: start,
    end_minute: end,
    short,
    time_label: `${start} to ${end}`,
  };
}

function day(date: string, entries: DiaryEntry[]): DiaryDay {
  return { date, label: "Tuesday 28 October 2014", entries };
}

function week(days: DiaryDay[]): PersonWeek {
  const person = {
    id: 1, name: "Edward Timpson MP", title: "Minister", organisation: null, kind: "minister" as const, office: null,
    base_name: null, base_postcode: "SW1P 3BT", home_label: "SW1P 3BT", changeover_minutes: 15, notes: null, source: null,
  };
  return { person, home_label: "SW1P 3BT", days };
}

describe("a person's week as a timeline", () => {
  it("draws the hours from before the first block to after the last, on every day alike", () => {
    expect(hourSpan([day("2014-10-28", [])])).toEqual({ from: 8, to: 18 });
    expect(hourSpan([day("2014-10-28", [travel(455, 585)]), day("2014-10-29", [engagement(1, 600, 1261)])])).toEqual({ from: 7, to: 22 });
    expect(hourSpan([day("2014-10-28", [engagement(1, 1380, 1440)])])).toEqual({ from: 23, to: 24 });
  });

  it("puts overlapping blocks in lanes of their own and touching ones in one lane", () => {
    expect(lanesFor([{ start: 0, end: 60 }, { start: 60, end: 90 }, { start: 70, end: 80 }, { start: 85, end: 100 }])).toEqual([0, 0, 1, 1]);
    expect(lanesFor([{ start: 0, end: 60 }, { start: 10, end: 20 }, { start: 15, end: 30 }])).toEqual([0, 1, 2]);
  });

  it("places each block by its minutes, engagements above their travel, and says what each is in words", () => {
    const t = layoutTimeline(
      week([day("2014-10-28", [travel(480, 585), engagement(1, 600, 720), travel(700, 750, true), engagement(2, 765, 900, "forwarded")])]),
      HOURS,
    );
    expect(t.hours[0]).toEqual({ hour: 8, x: SIZE.gutter, label: "h8" });
    expect(t.hours.at(-1)?.label).toBe("h15");
    const perMinute = (SIZE.width - SIZE.gutter) / (7 * 60);
    const [row] = t.rows;
    expect(row.label).toEqual(["Tuesday", "28 October 2014"]);
    const [first, second] = row.blocks.filter((b) => b.kind === "engagement");
    expect(first.x).toBeCloseTo(SIZE.gutter + 120 * perMinute);
    expect(first.w).toBeCloseTo(120 * perMinute);
    expect(first.look).toBe("accepted");
    expect(first.lines[0]).toBe("Accepted");
    expect(second.look).toBe("forwarded");
    expect(second.lines[0]).toBe("Tentative");
    expect(second.title).toMatch(/Tentative: forwarded, not yet accepted/);
    const travels = row.blocks.filter((b) => b.kind === "travel");
    expect(travels.map((b) => b.look)).toEqual(["travel", "short"]);
    expect(travels[1].lines).toEqual(["Travel 50 min", "Not enough time"]);
    for (const b of travels) expect(b.y).toBeGreaterThanOrEqual(first.y + first.h);
    // The short travel overlaps the engagement before it in time, but is
    // drawn in its own lane, so neither hides the other.
    expect(travels[1].x).toBeLessThan(first.x + first.w);
  });

  it("gives overlapping engagements lanes of their own, and the row the room", () => {
    const one = layoutTimeline(week([day("2014-10-28", [engagement(1, 600, 720)])]), HOURS).rows[0];
    const two = layoutTimeline(week([day("2014-10-28", [engagement(1, 600, 720), engagement(2, 660, 780)])]), HOURS).rows[0];
    expect(two.blocks[1].y).toBe(two.blocks[0].y + SIZE.engagement + SIZE.gap);
    expect(two.h).toBe(one.h + SIZE.engagement + SIZE.gap);
  });

  it("stacks the days and marks the empty ones", () => {
    const t = layoutTimeline(week([day("2014-10-27", []), day("2014-10-28", [engagement(1, 600, 720)])]), HOURS);
    expect(t.rows.map((r) => r.empty)).toEqual([true, false]);
    expect(t.rows[1].y).toBe(t.rows[0].y + t.rows[0].h + SIZE.pad);
    expect(t.height).toBe(t.rows[1].y + t.rows[1].h + SIZE.pad);
  });

  it("cuts a label to its room with an ellipsis", () => {
    expect(fit("Kent care leavers' awards", 100)).toBe("Kent care leavers' awards");
    expect(fit("Kent care leavers' awards", 10)).toBe("Kent care…");
    expect(fit("Kent", 0)).toBe("");
  });
});
