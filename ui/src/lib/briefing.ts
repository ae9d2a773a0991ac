// Wording for the briefing note's screen. What the note says, its numbers
// and heading levels, and which requests have one are the core's; this
// only names the formats, words the save's progress and picks the HTML
// element for a heading under the page's one h1.
import type { DocumentLevel } from "./bindings/DocumentLevel";
import type { DocumentStep } from "./bindings/DocumentStep";
import type { Format } from "./bindings/Format";

/** How each format is named on buttons and in messages. */
export const FORMAT_NAMES: Record<Format, string> = { pdf: "PDF", html: "HTML" };

/** The formats offered, in the order of their buttons. */
export const FORMATS: Format[] = ["pdf", "html"];

/** The progress bar's value, maximum and words for one step of a save. */
export function savingProgressOf(step: DocumentStep): { value: number; max: number; text: string } {
  switch (step.step) {
    case "gathering":
      return { value: 0, max: 3, text: "Gathering the briefing note" };
    case "setting":
      return { value: 1, max: 3, text: step.format === "pdf" ? "Setting it as a PDF" : "Writing it as HTML" };
    case "saving":
      return { value: 2, max: 3, text: "Saving the file" };
  }
}

/** The element for a heading at `level` under the document's title, which
 *  is the page's h1 (as in the note's own HTML file). */
export function headingTag(level: DocumentLevel | null): "h2" | "h3" | "h4" {
  return level === 3 ? "h4" : level === 2 ? "h3" : "h2";
}

/** The GOV.UK class for a heading at `level`. */
export function headingClass(level: DocumentLevel | null): string {
  return level === 2 || level === 3 ? "heading-s" : "heading-m";
}
