// Wording and choices for the Import, Export and Feeds screens. What an
// import does and which events a feed holds are decided by the core; this
// only words its reports for people and builds the request the Export form
// sends.
import type { ExportStep } from "./bindings/ExportStep";
import type { FaultyEvents } from "./bindings/FaultyEvents";
import type { ImportReport } from "./bindings/ImportReport";
import type { Scope } from "./bindings/Scope";

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

const n = (x: number) => x.toLocaleString("en-GB");

/** "2 events created, 1 updated, 0 unchanged, 1 skipped and 1 faulty". */
export function importCounts(r: ImportReport): string {
  return `${count(r.created, "event")} created, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged, ${n(r.skipped.length)} skipped and ${n(r.faulty.length)} faulty`;
}

/** How many events confirming the import would write. */
export function importChanges(r: ImportReport): number {
  return r.created + r.updated;
}

/** What confirming a previewed import asks: the core leaves the faulty
 *  events out only when the person was shown them and confirmed. */
export function importConfirmation(r: ImportReport): { label: string; faulty: FaultyEvents } {
  const changes = importChanges(r);
  return r.faulty.length
    ? { label: `Import the other ${count(changes, "event")}`, faulty: "leave_out" }
    : { label: `Import ${count(changes, "event")}`, faulty: "refuse" };
}

export type ScopeKind = Scope["kind"];

/** The scope the Export form describes. `name` is the region, council or
 *  theme chosen; the core checks that it names one. */
export function scopeOf(kind: ScopeKind, name: string): Scope {
  return kind === "national" ? { kind } : { kind, name: name.trim() };
}

/** The progress bar's value, maximum and words for one step. */
export function progressOf(step: ExportStep): { value: number; max: number; text: string } {
  switch (step.step) {
    case "reading":
      return { value: 0, max: 1, text: "Reading events" };
    case "writing":
      return {
        value: step.done,
        max: Math.max(step.total, 1),
        text: `Writing events: ${step.done.toLocaleString("en-GB")} of ${count(step.total, "event")}`,
      };
    case "saving":
      return { value: 1, max: 1, text: "Saving the file" };
  }
}
