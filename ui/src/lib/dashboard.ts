// Drawing the dashboard. The figures, and what counts in them, come from
// the core's programme summary (`cpweek_core::summary`, the
// `programme_summary` command); this only shapes them for the charts and
// the sentences.
import type { Attention } from "./bindings/Attention";
import type { ProgrammeSummary } from "./bindings/ProgrammeSummary";

export type Bar = { label: string; count: number };

/** One bar per day of the week, labelled by the core ("Tuesday 28 October"). */
export function dayBars(s: ProgrammeSummary): Bar[] {
  return s.by_day.map((d) => ({ label: d.label, count: d.events }));
}

/** One bar per region, labelled with its name. */
export function regionBars(s: ProgrammeSummary): Bar[] {
  return s.by_region.map((r) => ({ label: r.name, count: r.events }));
}

const events = (n: number) => (n === 1 ? "1 event" : `${n.toLocaleString("en-GB")} events`);

/** "3 events from 3 of 152 councils." and how many are cancelled, if any. */
export function headline(s: ProgrammeSummary): string {
  const text = `${events(s.events)} from ${s.councils_taking_part} of ${s.councils} councils.`;
  return s.cancelled ? `${text} ${s.cancelled.toLocaleString("en-GB")} cancelled.` : text;
}

/** Whether the attention list notes "Outside the week" beside the status. */
export function outsideTheWeek(a: Attention): boolean {
  return a.reasons.includes("outside_the_week");
}

/** Bar length as a percentage of the largest. */
export function share(count: number, bars: Bar[]): number {
  const most = Math.max(1, ...bars.map((b) => b.count));
  return Math.round((count / most) * 100);
}
