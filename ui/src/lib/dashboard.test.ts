import { describe, expect, it } from "vitest";
import { eventsByDay, eventsByRegion, needingAttention, share, takeUp } from "./dashboard";
import { event } from "./fixtures";

const regions = [
  { code: "E12000008", name: "South East" },
  { code: "E12000003", name: "Yorkshire and The Humber" },
];
const council = (code: string, name: string, region: string, region_code: string) => ({
  code, gss_code: `E0${code}`, name, display_name: name, region, region_code,
});
const councils = [
  council("886", "Kent", "South East", "E12000008"),
  council("936", "Surrey", "South East", "E12000008"),
  council("383", "Leeds", "Yorkshire and The Humber", "E12000003"),
];

describe("dashboard figures", () => {
  const events = [
    event({ id: 1 }),
    event({ id: 2, status: "returned" }),
    event({ id: 3, council: "383", council_name: "Leeds", region: "Yorkshire and The Humber", status: "cancelled" }),
    event({ id: 4, in_week: false, start_date: "2014-11-05", end_date: "2014-11-05" }),
  ];

  it("counts events by day and by region", () => {
    expect(eventsByDay(events, ["2014-10-27", "2014-10-28"])).toEqual([
      { label: "2014-10-27", count: 0 },
      { label: "2014-10-28", count: 3 },
    ]);
    expect(eventsByRegion(events, regions)).toEqual([
      { label: "South East", count: 3 },
      { label: "Yorkshire and The Humber", count: 1 },
    ]);
  });

  it("counts councils taking part, not those whose only event is cancelled", () => {
    const t = takeUp(events, councils, regions);
    expect(t[0]).toMatchObject({ region: "South East", taking: 1, total: 2 });
    expect(t[0].notYet.map((c) => c.code)).toEqual(["936"]);
    expect(t[1]).toMatchObject({ taking: 0, total: 1 });
  });

  it("lists returned, cancelled and out-of-week events", () => {
    expect(needingAttention(events).map((a) => [a.event.id, a.reasons])).toEqual([
      [2, ["Returned"]],
      [3, ["Cancelled"]],
      [4, ["Outside the week"]],
    ]);
  });

  it("scales bars to the largest", () => {
    expect(share(1, [{ label: "a", count: 4 }, { label: "b", count: 1 }])).toBe(25);
    expect(share(0, [{ label: "a", count: 0 }])).toBe(0);
  });
});
