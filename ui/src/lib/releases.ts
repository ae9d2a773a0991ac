// Numbered releases on the Programme screen: which edition to show and
// save (the latest release by default, any release, or the programme as
// it stands now) as a select's value, and each release's changes as text.
// What a release holds and what changed are the core's; this only words
// them for the window.
import type { Edition } from "./bindings/Edition";
import type { FieldChange } from "./bindings/FieldChange";
import type { Leaving } from "./bindings/Leaving";
import type { Release } from "./bindings/Release";

/** A select's value for an edition: `live` or `release-3`. */
export function editionKey(edition: Edition): string {
  return edition === "live" ? "live" : `release-${edition.release}`;
}

/** The edition a select's value names; the live programme for anything
 *  else (the core refuses a release that was never made). */
export function editionOf(key: string): Edition {
  const m = /^release-([1-9][0-9]*)$/.exec(key);
  return m ? { release: Number(m[1]) } : "live";
}

/** What the screen shows first: the latest release when there is one,
 *  otherwise the programme as it stands now. */
export function defaultEdition(releases: Release[]): Edition {
  const latest = releases.reduce<number | null>((n, r) => (n === null || r.number > n ? r.number : n), null);
  return latest === null ? "live" : { release: latest };
}

/** The choices of edition, newest release first, then the live programme. */
export function editionChoices(releases: Release[]): { key: string; text: string }[] {
  const newest = [...releases].sort((a, b) => b.number - a.number);
  return [
    ...newest.map((r) => ({ key: editionKey({ release: r.number }), text: `Release ${r.number}, made ${r.made_at_label}` })),
    { key: "live", text: "As it stands now (not released)" },
  ];
}

/** A field's value as a change shows it. */
export function shownValue(value: string | null): string {
  return value === null || value === "" ? "(not given)" : value;
}

/** A field change in one line, for a screen reader's summary or a test. */
export function fieldChangeLine(f: FieldChange): string {
  return `${f.field}: ${shownValue(f.old)} → ${shownValue(f.new)}`;
}

/** Why an event left the programme, as a heading's word. */
export function leavingLabel(why: Leaving): string {
  return why === "cancelled" ? "Cancelled" : "Withdrawn";
}

/** The number the next release will have. */
export function nextNumber(releases: Release[]): number {
  return releases.reduce((n, r) => Math.max(n, r.number), 0) + 1;
}
