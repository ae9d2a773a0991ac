// Drawing the dashboard. The figures, and what counts in them, come from
// the core's programme summary (`cpweek_core::summary`, the
// `programme_summary` command); this only shapes them for the charts and
// the sentences.
import type { Attention } from "./bindings/Attention";
import type { Dissemination } from "./bindings/Dissemination";
import type { ProgrammeSummary } from "./bindings/ProgrammeSummary";

/** A bar; with `of`, it is drawn as a part of that whole ("3 of 19"). */
export type Bar = { label: string; count: number; of?: number };

/** One bar per day of the week, labelled by the core ("Tuesday 28 October"). */
export function dayBars(s: ProgrammeSummary): Bar[] {
  return s.by_day.map((d) => ({ label: d.label, count: d.events }));
}

/** One bar per region, labelled with its name. */
export function regionBars(s: ProgrammeSummary): Bar[] {
  return s.by_region.map((r) => ({ label: r.name, count: r.events }));
}

/** One bar per region, in the core's order: councils with at least one
 *  published practice entry out of the region's councils. */
export function coverageBars(d: Dissemination): Bar[] {
  return d.coverage.regions.map((r) => ({ label: r.region, count: r.covered, of: r.councils }));
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

/** A bar's length as a percentage: of its whole when it has one, else of
 *  the largest bar. */
export function barShare(bar: Bar, bars: Bar[]): number {
  return bar.of === undefined ? share(bar.count, bars) : Math.round((bar.count / Math.max(1, bar.of)) * 100);
}

/** A bar's figure as text: "3", or "3 of 19". */
export const barValue = (bar: Bar) => (bar.of === undefined ? String(bar.count) : `${bar.count} of ${bar.of}`);

/** "152 councils", "1 council". */
export const councils = (n: number) => (n === 1 ? "1 council" : `${n.toLocaleString("en-GB")} councils`);
