// Drawing the week view: one column per day, timed events by their local
// time, overlapping events side by side in lanes. What the days are, their
// labels and conference days, each event's first day and whether it is in
// the week all come from the core (the programme's `week`, each event's
// `start_date` and `in_week`); this only works out where things go.
import type { EventView } from "./bindings/EventView";
import type { WeekDay } from "./bindings/WeekDay";

export type Placed = {
  event: EventView;
  top: number; // fraction of the column from the first hour shown, 0..1
  height: number; // fraction of the column
  lane: number;
  lanes: number;
};

export type DayColumn = {
  day: WeekDay;
  allDay: EventView[];
  timed: Placed[];
  hidden: number; // events beyond the most a column shows
};

/** Minutes after local midnight of a time the core sent (local, with its
 *  offset): where on the grid it is drawn. */
function clockMinutes(iso: string): number {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

/** The local date of a time the core sent, to tell whether an event's
 *  exclusive end is on the day it is drawn in. */
function clockDate(iso: string): string {
  return iso.slice(0, 10);
}

/** The hours to show: 8am to 6pm, widened to fit every timed event. */
export function hourRange(events: EventView[]): { from: number; to: number } {
  let from = 8;
  let to = 18;
  for (const e of events) {
    if (e.all_day) continue;
    const s = clockMinutes(e.start);
    const sameDay = clockDate(e.start) === clockDate(e.end);
    const end = sameDay ? clockMinutes(e.end) : 24 * 60;
    from = Math.min(from, Math.floor(s / 60));
    to = Math.max(to, Math.ceil(end / 60));
  }
  return { from, to: Math.max(to, from + 1) };
}

/** The most all-day events a column lists; the rest are counted. */
export const ALL_DAY_MOST = 4;

/** One column per day the core gives, each with the events that start on
 *  it (the core's `start_date`). */
export function layoutWeek(
  events: EventView[],
  days: WeekDay[],
  range: { from: number; to: number },
  most = 30,
): DayColumn[] {
  const span = (range.to - range.from) * 60;
  return days.map((day) => {
    const today = events.filter((e) => e.start_date === day.date);
    const allDay = today.filter((e) => e.all_day);
    const timed = today
      .filter((e) => !e.all_day)
      .sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start) || a.id - b.id);
    const shown = timed.slice(0, most);
    const placed: Placed[] = [];
    // Lanes: each event takes the first lane whose last event has ended.
    const laneEnds: number[] = [];
    let group: Placed[] = [];
    let groupEnd = -1;
    for (const event of shown) {
      const s = clockMinutes(event.start);
      const sameDay = clockDate(event.end) === day.date;
      const e = Math.max(sameDay ? clockMinutes(event.end) : 24 * 60, s + 15);
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
      day,
      allDay: allDayShown,
      timed: placed,
      hidden: timed.length - shown.length + allDay.length - allDayShown.length,
    };
  });
}

/** How many events are not wholly within the week, as the core places
 *  them (by start and end: `in_week`). */
export function outsideTheWeek(events: EventView[]): number {
  return events.reduce((n, e) => (e.in_week ? n : n + 1), 0);
}
