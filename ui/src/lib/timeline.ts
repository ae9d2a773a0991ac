// A person's week drawn as a timeline: one row per day, time running
// left to right, engagements in the upper lanes and travel in the lower
// ones. The core places every block (minutes from local midnight), labels
// its times and says which travel does not fit; this only turns minutes
// into positions, puts blocks that overlap into lanes of their own and
// fits each label into its block. Every label is words, never colour alone.
import type { DiaryDay } from "./bindings/DiaryDay";
import type { DiaryEntry } from "./bindings/DiaryEntry";
import type { PersonWeek } from "./bindings/PersonWeek";

/** Sizes in the SVG's own units (it scales to the width it is given). */
export const SIZE = {
  width: 1240,
  /** The day's name, left of its row. */
  gutter: 150,
  /** The hour labels, above the rows. */
  head: 24,
  engagement: 58,
  travel: 38,
  gap: 4,
  /** Space between days. */
  pad: 12,
  /** An average character's width at the labels' size, to fit them. */
  char: 7,
};

export type Block = {
  kind: "engagement" | "travel";
  /** The CSS modifier: accepted, held, forwarded, travel or short. */
  look: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The label's lines, each fitted to the block (the last may run on
   *  past a narrow travel block's end, so it is never lost). */
  lines: string[];
  /** The whole label, for a pointer's tooltip. */
  title: string;
};

export type Row = { date: string; label: string[]; y: number; h: number; blocks: Block[]; empty: boolean };

export type Timeline = {
  width: number;
  height: number;
  hours: { x: number; label: string; hour: number }[];
  rows: Row[];
};

/** The hours drawn: from the hour before the earliest block to the hour
 *  after the latest, on every day alike; 8am to 6pm with nothing. */
export function hourSpan(days: DiaryDay[]): { from: number; to: number } {
  const entries = days.flatMap((d) => d.entries);
  if (!entries.length) return { from: 8, to: 18 };
  const first = Math.min(...entries.map((e) => e.start_minute));
  const last = Math.max(...entries.map((e) => e.end_minute));
  return { from: Math.floor(first / 60), to: Math.min(24, Math.max(Math.ceil(last / 60), Math.floor(first / 60) + 1)) };
}

/** Puts intervals into the fewest lanes so that none in a lane overlap,
 *  in the order given (by start): each takes the first lane free. */
export function lanesFor(spans: { start: number; end: number }[]): number[] {
  const ends: number[] = [];
  return spans.map((s) => {
    let lane = ends.findIndex((end) => end <= s.start);
    if (lane < 0) lane = ends.push(0) - 1;
    ends[lane] = Math.max(s.end, s.start + 1);
    return lane;
  });
}

/** `text` cut to `room` characters, with an ellipsis when it was cut. */
export function fit(text: string, room: number): string {
  if (room <= 0) return "";
  if (text.length <= room) return text;
  return room === 1 ? "…" : `${text.slice(0, room - 1).trimEnd()}…`;
}

/** What an engagement is, in words: the status shown is never told by
 *  the drawing alone. */
export function engagementState(e: Extract<DiaryEntry, { kind: "engagement" }>): string {
  if (e.request.status === "held") return "Held";
  return e.confirmed ? "Accepted" : "Tentative: forwarded, not yet accepted";
}

export function travelWords(e: Extract<DiaryEntry, { kind: "travel" }>): string {
  return `Travel ${e.minutes} min${e.short ? ": not enough time" : ""}`;
}

export function layoutTimeline(week: PersonWeek, hourLabels: string[]): Timeline {
  const span = hourSpan(week.days);
  const plot = SIZE.width - SIZE.gutter;
  const perMinute = plot / ((span.to - span.from) * 60);
  const x = (minute: number) => SIZE.gutter + (Math.min(Math.max(minute, span.from * 60), span.to * 60) - span.from * 60) * perMinute;
  const hours = Array.from({ length: span.to - span.from + 1 }, (_, i) => {
    const hour = span.from + i;
    return { hour, x: x(hour * 60), label: hourLabels[hour % 24] ?? "" };
  });

  let y = SIZE.head;
  const rows: Row[] = week.days.map((day) => {
    const engagements = day.entries.filter((e) => e.kind === "engagement");
    const travels = day.entries.filter((e) => e.kind === "travel");
    const eLanes = lanesFor(engagements.map((e) => ({ start: e.start_minute, end: e.end_minute })));
    const tLanes = lanesFor(travels.map((e) => ({ start: e.start_minute, end: e.end_minute })));
    const eCount = Math.max(1, ...eLanes.map((l) => l + 1));
    const tCount = travels.length ? Math.max(...tLanes.map((l) => l + 1)) : 0;
    const top = y + SIZE.gap;
    const travelTop = top + eCount * (SIZE.engagement + SIZE.gap);
    const blocks: Block[] = [];
    engagements.forEach((e, i) => {
      if (e.kind !== "engagement") return;
      const bx = x(e.start_minute);
      const w = Math.max(4, x(e.end_minute) - bx);
      const room = Math.floor((w - 8) / SIZE.char);
      const state = engagementState(e);
      blocks.push({
        kind: "engagement",
        look: e.request.status === "held" ? "held" : e.confirmed ? "accepted" : "forwarded",
        x: bx,
        y: top + eLanes[i] * (SIZE.engagement + SIZE.gap),
        w,
        h: SIZE.engagement,
        lines: [fit(e.confirmed ? state : "Tentative", room), fit(e.time_label, room), fit(e.request.title, room)],
        title: `${e.request.title}, ${e.time_label}. ${state}.`,
      });
    });
    travels.forEach((e, i) => {
      if (e.kind !== "travel") return;
      const bx = x(e.start_minute);
      const w = Math.max(4, x(e.end_minute) - bx);
      // Travel blocks are short: their words may run past the block's
      // end, up to the next block in their lane (or the row's end),
      // rather than be lost.
      const next = travels.find((t, j) => j > i && tLanes[j] === tLanes[i]);
      const limit = next ? x(next.start_minute) : SIZE.width;
      const room = Math.floor((limit - bx - 8) / SIZE.char);
      blocks.push({
        kind: "travel",
        look: e.short ? "short" : "travel",
        x: bx,
        y: travelTop + tLanes[i] * (SIZE.travel + SIZE.gap),
        w,
        h: SIZE.travel,
        lines: e.short ? [fit(`Travel ${e.minutes} min`, room), fit("Not enough time", room)] : [fit(`Travel ${e.minutes} min`, room)],
        title: `${travelWords(e)}, from ${e.from_label} to ${e.to_label}, ${e.time_label}. ${e.explanation}`,
      });
    });
    const h = SIZE.gap + eCount * (SIZE.engagement + SIZE.gap) + tCount * (SIZE.travel + SIZE.gap);
    const [weekday, ...rest] = day.label.split(" ");
    const row: Row = { date: day.date, label: [weekday, rest.join(" ")], y, h, blocks, empty: day.entries.length === 0 };
    y += h + SIZE.pad;
    return row;
  });
  return { width: SIZE.width, height: y, hours, rows };
}
