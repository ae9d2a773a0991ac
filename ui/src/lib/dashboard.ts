// The dashboard's figures, counted from the programme's events.
import type { Council } from "./bindings/Council";
import type { EventView } from "./bindings/EventView";
import type { Region } from "./bindings/Region";

export type Bar = { label: string; count: number };

export function eventsByDay(events: EventView[], days: string[]): Bar[] {
  return days.map((d) => ({
    label: d,
    count: events.filter((e) => e.start_date <= d && d <= e.end_date).length,
  }));
}

export function eventsByRegion(events: EventView[], regions: Region[]): Bar[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.region, (counts.get(e.region) ?? 0) + 1);
  return regions.map((r) => ({ label: r.name, count: counts.get(r.name) ?? 0 }));
}

export type RegionTakeUp = {
  region: string;
  taking: number;
  total: number;
  notYet: Council[]; // councils with no event in the programme
};

/** Councils taking part (with any event not cancelled) per region. */
export function takeUp(events: EventView[], councils: Council[], regions: Region[]): RegionTakeUp[] {
  const taking = new Set(events.filter((e) => e.status !== "cancelled").map((e) => e.council));
  return regions.map((r) => {
    const inRegion = councils.filter((c) => c.region_code === r.code);
    return {
      region: r.name,
      taking: inRegion.filter((c) => taking.has(c.code)).length,
      total: inRegion.length,
      notYet: inRegion.filter((c) => !taking.has(c.code)),
    };
  });
}

export type Attention = { event: EventView; reasons: string[] };

/** Events someone should look at: returned, cancelled, or outside the week. */
export function needingAttention(events: EventView[]): Attention[] {
  const out: Attention[] = [];
  for (const e of events) {
    const reasons: string[] = [];
    if (e.status === "returned") reasons.push("Returned");
    if (e.status === "cancelled") reasons.push("Cancelled");
    if (!e.in_week) reasons.push("Outside the week");
    if (reasons.length) out.push({ event: e, reasons });
  }
  return out;
}

/** Bar length as a percentage of the largest. */
export function share(count: number, bars: Bar[]): number {
  const most = Math.max(1, ...bars.map((b) => b.count));
  return Math.round((count / most) * 100);
}
