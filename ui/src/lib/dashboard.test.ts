import { describe, expect, it } from "vitest";
import type { Dissemination } from "./bindings/Dissemination";
import type { ProgrammeSummary } from "./bindings/ProgrammeSummary";
import { barShare, barValue, councils, coverageBars, dayBars, headline, outsideTheWeek, regionBars, share } from "./dashboard";

const council = (code: string, name: string) => ({
  code, gss_code: `E0${code}`, name, display_name: name, region: "South East", region_code: "E12000008",
});

// Shaped as the core sends it (cpweek_core::summary::ProgrammeSummary).
const summary: ProgrammeSummary = {
  programme: "2014",
  events: 3,
  cancelled: 1,
  councils_taking_part: 1,
  councils: 152,
  by_day: [
    { day: "2014-10-27", label: "Monday 27 October", events: 0 },
    { day: "2014-10-28", label: "Tuesday 28 October", events: 3 },
  ],
  by_region: [
    { code: "E12000008", name: "South East", events: 3, councils_taking_part: 1, councils: 2, not_registered: [council("936", "Surrey")] },
    { code: "E12000003", name: "Yorkshire and The Humber", events: 0, councils_taking_part: 0, councils: 15, not_registered: [] },
  ],
  needing_attention: [
    { id: 2, title: "Returned", council_name: "Kent", when: "Tuesday 28 October 2014, 10am", status: "returned", reasons: ["returned"] },
    { id: 4, title: "Late", council_name: "Kent", when: "Wednesday 5 November 2014, 10am", status: "cancelled", reasons: ["cancelled", "outside_the_week"] },
  ],
  attendance: {
    ministerial_engagements: 2,
    engagements: 3,
    requests: 5,
    by_status: [
      { status: "draft", label: "Draft", count: 1 },
      { status: "accepted", label: "Accepted", count: 2 },
      { status: "held", label: "Held", count: 1 },
      { status: "declined", label: "Declined", count: 1 },
    ],
    headline: "2 ministerial engagements (accepted or held) from 5 requests",
  },
};

describe("dashboard drawing", () => {
  it("draws a bar per day and per region from the core's counts", () => {
    expect(dayBars(summary)).toEqual([
      { label: "Monday 27 October", count: 0 },
      { label: "Tuesday 28 October", count: 3 },
    ]);
    expect(regionBars(summary)).toEqual([
      { label: "South East", count: 3 },
      { label: "Yorkshire and The Humber", count: 0 },
    ]);
  });

  it("says how many events and councils, and how many are cancelled", () => {
    expect(headline(summary)).toBe("3 events from 1 of 152 councils. 1 cancelled.");
    expect(headline({ ...summary, events: 1, cancelled: 0 })).toBe("1 event from 1 of 152 councils.");
    expect(headline({ ...summary, events: 10_000, cancelled: 0 })).toBe("10,000 events from 1 of 152 councils.");
  });

  it("notes events outside the week", () => {
    expect(summary.needing_attention.map(outsideTheWeek)).toEqual([false, true]);
  });

  it("scales bars to the largest", () => {
    expect(share(1, [{ label: "a", count: 4 }, { label: "b", count: 1 }])).toBe(25);
    expect(share(0, [{ label: "a", count: 0 }])).toBe(0);
  });

  it("draws the toolkit's coverage as parts of each region's councils", () => {
    // Shaped as the core sends it (cpweek_core::dissemination::Dissemination).
    const d: Dissemination = {
      coverage: {
        programme: "2014",
        councils: 21,
        covered: 3,
        regions: [
          { region: "London", region_code: "E12000007", councils: 19, covered: 3, not_covered: ["Barnet"] },
          { region: "North East", region_code: "E12000001", councils: 2, covered: 0, not_covered: ["Durham", "Gateshead"] },
        ],
      },
      headline: "3 of 21 councils have at least one published practice entry, as lead or partner.",
      editions: [],
      own_council: null,
    };
    const bars = coverageBars(d);
    expect(bars).toEqual([
      { label: "London", count: 3, of: 19 },
      { label: "North East", count: 0, of: 2 },
    ]);
    expect(bars.map((b) => barShare(b, bars))).toEqual([16, 0]);
    expect(bars.map(barValue)).toEqual(["3 of 19", "0 of 2"]);
    expect(barShare({ label: "none", count: 0, of: 0 }, [])).toBe(0);
    expect(barValue({ label: "a", count: 4 })).toBe("4");
    expect([1, 2, 152].map(councils)).toEqual(["1 council", "2 councils", "152 councils"]);
  });
});
