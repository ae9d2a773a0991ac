// Wording and choices for the Import, Export and Feeds screens. What an
// import does and which events a feed holds are decided by the core; this
// only words its reports for people and builds the request the Export form
// sends.
import type { ExportStep } from "./bindings/ExportStep";
import type { ImportReport } from "./bindings/ImportReport";
import type { Scope } from "./bindings/Scope";

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "2 events created, 1 updated, 0 unchanged and 1 skipped". */
export function importCounts(r: ImportReport): string {
  return `${count(r.created, "event")} created, ${r.updated.toLocaleString("en-GB")} updated, ${r.unchanged.toLocaleString("en-GB")} unchanged and ${r.skipped.length.toLocaleString("en-GB")} skipped`;
}

/** How many events confirming the import would write. */
export function importChanges(r: ImportReport): number {
  return r.created + r.updated;
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
