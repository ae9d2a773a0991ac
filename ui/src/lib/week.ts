// Placing events in the week view: one column per day, timed events by
// their local time, overlapping events side by side in lanes.
import type { EventView } from "./bindings/EventView";

export type Placed = {
  event: EventView;
  top: number; // fraction of the column from the first hour shown, 0..1
  height: number; // fraction of the column
  lane: number;
  lanes: number;
};

export type DayColumn = {
  date: string; // YYYY-MM-DD
  allDay: EventView[];
  timed: Placed[];
  hidden: number; // events beyond the most a column shows
};

/** Minutes after local midnight, read from the event's own offset text. */
export function localMinutes(iso: string): number {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

export function localDate(iso: string): string {
  return iso.slice(0, 10);
}

/** Every date from `first` to `last` inclusive (YYYY-MM-DD). */
export function daysOf(first: string, last: string): string[] {
  const out: string[] = [];
  const d = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  while (d <= end && out.length < 31) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** The hours to show: 8am to 6pm, widened to fit every timed event. */
export function hourRange(events: EventView[]): { from: number; to: number } {
  let from = 8;
  let to = 18;
  for (const e of events) {
    if (e.all_day) continue;
    const s = localMinutes(e.start);
    const sameDay = localDate(e.start) === localDate(e.end);
    const end = sameDay ? localMinutes(e.end) : 24 * 60;
    from = Math.min(from, Math.floor(s / 60));
    to = Math.max(to, Math.ceil(end / 60));
  }
  return { from, to: Math.max(to, from + 1) };
}

/** The most all-day events a column lists; the rest are counted. */
export const ALL_DAY_MOST = 4;

export function layoutWeek(
  events: EventView[],
  days: string[],
  range: { from: number; to: number },
  most = 30,
): DayColumn[] {
  const span = (range.to - range.from) * 60;
  return days.map((date) => {
    const today = events.filter((e) => localDate(e.start) === date);
    const allDay = today.filter((e) => e.all_day);
    const timed = today
      .filter((e) => !e.all_day)
      .sort((a, b) => localMinutes(a.start) - localMinutes(b.start) || a.id - b.id);
    const shown = timed.slice(0, most);
    const placed: Placed[] = [];
    // Lanes: each event takes the first lane whose last event has ended.
    const laneEnds: number[] = [];
    let group: Placed[] = [];
    let groupEnd = -1;
    for (const event of shown) {
      const s = localMinutes(event.start);
      const sameDay = localDate(event.end) === date;
      const e = Math.max(sameDay ? localMinutes(event.end) : 24 * 60, s + 15);
      if (s >= groupEnd) {
        for (const p of group) p.lanes = laneEnds.length;
        group = [];
        laneEnds.length = 0;
      }
      let lane = laneEnds.findIndex((end) => end <= s);
      if (lane < 0) {
        lane = laneEnds.length;
        laneEnds.push(e);
      } else {
        laneEnds[lane] = e;
      }
      groupEnd = Math.max(groupEnd, e);
      const top = Math.max(0, (s - range.from * 60) / span);
      const bottom = Math.min(1, (e - range.from * 60) / span);
      const p: Placed = { event, top, height: Math.max(bottom - top, 0.02), lane, lanes: 1 };
      group.push(p);
      placed.push(p);
    }
    for (const p of group) p.lanes = laneEnds.length;
    const allDayShown = allDay.slice(0, ALL_DAY_MOST);
    return {
      date,
      allDay: allDayShown,
      timed: placed,
      hidden: timed.length - shown.length + allDay.length - allDayShown.length,
    };
  });
}
