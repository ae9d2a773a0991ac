// The LGA's review queue as the window shows it: the colour of each kind
// of change, what a decision on a selection says afterwards, and which of
// the selected events are still in the queue once it is loaded again.
// Which events are in the queue, what each kind is called, who may decide
// and what a decision does, are the core's.
import type { Awaiting } from "./bindings/Awaiting";
import type { Queued } from "./bindings/Queued";

/** The tag colour of each kind: new is blue, back again is orange, an
 *  approved event changed is yellow (it is public while it waits). */
export const AWAITING_TAGS: Record<Awaiting, string> = {
  new: "tag--submitted",
  resubmitted: "tag--returned",
  changed_since_approved: "tag--warning",
};

export type Decision = "approve" | "return";

/** The banner after a decision on `count` events: "2 events approved". */
export function reviewedText(decision: Decision, count: number): string {
  const events = count === 1 ? "1 event" : `${count.toLocaleString("en-GB")} events`;
  return decision === "approve" ? `${events} approved` : `${events} returned to ${count === 1 ? "its council" : "their councils"}`;
}

/** The selection kept when the queue is loaded again: only events still in
 *  it (one approved in the CLI meanwhile is no longer selected). */
export function keepSelected(selected: number[], queue: Queued[]): number[] {
  const ids = new Set(queue.map((q) => q.id));
  return selected.filter((id) => ids.has(id));
}

/** Who made the change (as the core words it: a person, or "from Kent's
 *  pack, imported by Lee"), and when, for people; "" when the history
 *  holds none (an event imported before history was kept). */
export function changedText(q: Queued): string {
  if (!q.changed_by && !q.changed_when) return "";
  if (!q.changed_by) return q.changed_when ?? "";
  const by = q.changed_by.charAt(0).toUpperCase() + q.changed_by.slice(1);
  return q.changed_when ? `${by}, ${q.changed_when}` : by;
}

/** The core names the note `note` and the selection `events`: the boxes
 *  on this screen the error summary's links go to. */
export function reviewFieldId(field: string): string {
  return field === "note" ? "review-note" : field === "events" ? "queue-select-first" : field;
}
