// Packs as the window shows them: each record's outcome named for people,
// a field's name and value as text, and the sentences around an import or
// a save. What an import does, who may do what and the wording of
// refusals and conflicts are the core's.
import type { AnyPackConflict } from "./bindings/AnyPackConflict";
import type { PackCounts } from "./bindings/PackCounts";
import type { PackFieldChange } from "./bindings/PackFieldChange";
import type { PackItem } from "./bindings/PackItem";
import type { PackKind } from "./bindings/PackKind";
import type { PackOutcome } from "./bindings/PackOutcome";
import type { PackPracticeItem } from "./bindings/PackPracticeItem";
import type { PackReport } from "./bindings/PackReport";
import type { PackRequestConflict } from "./bindings/PackRequestConflict";
import type { PackRequestItem } from "./bindings/PackRequestItem";
import type { SavedPack } from "./bindings/SavedPack";

/** Each outcome's tag, for people. */
export const OUTCOME_LABELS: Record<PackOutcome, string> = {
  created: "New",
  changed: "Changed",
  unchanged: "Unchanged",
  refused: "Refused",
  conflict: "Conflict",
};

export const OUTCOME_TAGS: Record<PackOutcome, string> = {
  created: "tag--approved",
  changed: "tag--submitted",
  unchanged: "tag--grey",
  refused: "tag--cancelled",
  conflict: "tag--warning",
};

/** A pack's field name for people: `partner_councils` is "Partner councils". */
export function fieldLabel(field: string): string {
  const words = field.replace(/_/g, " ").replace(/\burl\b/g, "web address");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's value as text. The core words each value for people before
 *  it reaches the window (`pack::shown`: times as GOV.UK writes them, "Yes"
 *  and "No", "None"); anything else is shown as the pack writes it. Never
 *  markup: the window draws it as text. */
export function valueText(value: PackFieldChange["old"]): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The events' counts: "1 new, 2 changed, 3 unchanged, 0 refused, 1 conflict". */
export function reportCounts(r: PackCounts): string {
  const parts = [
    `${r.created.toLocaleString("en-GB")} new`,
    `${r.changed.toLocaleString("en-GB")} changed`,
    `${r.unchanged.toLocaleString("en-GB")} unchanged`,
    `${r.refused.toLocaleString("en-GB")} refused`,
    plural(r.conflicts, "conflict"),
  ];
  return parts.join(", ");
}

/** The banner's heading after an import: the events' counts, and the
 *  ministerial requests' and good-practice entries' when the pack carries
 *  any. */
export function importedText(r: PackReport): string {
  let what = `${packTitle(r.kind, r.council)} imported: ${reportCounts(r)}`;
  if (r.requests.length) what += `; ministerial requests: ${reportCounts(r.request_counts)}`;
  if (r.practice.length) what += `; good-practice entries: ${reportCounts(r.practice_counts)}`;
  return what;
}

/** Conflicts an import found, of every kind: events', requests' and
 *  good-practice entries'. */
export function packConflicts(r: PackReport): number {
  return r.conflicts + r.request_counts.conflicts + r.practice_counts.conflicts;
}

/** Whether importing would change anything here, events, requests or
 *  good-practice entries (a conflict is kept, so it counts). */
export function packChanges(r: PackReport): number {
  const changes = (c: PackCounts) => c.created + c.changed;
  return changes(r) + changes(r.request_counts) + changes(r.practice_counts) + packConflicts(r);
}

/** What the pack is, for people. */
export function packTitle(kind: PackKind, council: string): string {
  return kind === "submission" ? `Submission pack from ${council}` : `The LGA's reply to ${council}`;
}

/** The records with `outcome`, in the pack's order. */
export function itemsWith(r: PackReport, outcome: PackOutcome): PackItem[] {
  return r.items.filter((i) => i.outcome === outcome);
}

/** The ministerial requests with `outcome`, in the pack's order. */
export function requestsWith(r: PackReport, outcome: PackOutcome): PackRequestItem[] {
  return r.requests.filter((i) => i.outcome === outcome);
}

/** The good-practice entries with `outcome`, in the pack's order. */
export function practiceWith(r: PackReport, outcome: PackOutcome): PackPracticeItem[] {
  return r.practice.filter((i) => i.outcome === outcome);
}

/** Whether a conflict waiting is a ministerial request's (not an event's). */
export function isRequestConflict(c: AnyPackConflict): c is PackRequestConflict {
  return "record" in c && c.record === "request";
}

/** The banner after a save: "Reply pack for Kent (886) saved: 3 events and
 *  1 ministerial request" (what it holds, as the core words it). */
export function savedText(saved: SavedPack): string {
  const what = saved.kind === "submission" ? `Submission pack from ${saved.council}` : `Reply pack for ${saved.council}`;
  return `${what} saved: ${saved.holds}`;
}
