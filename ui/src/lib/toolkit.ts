// Wording for the toolkit's screen. What the toolkit holds, what is not in
// it yet and how each format is made are the core's; this only names the
// formats, words the counts the core gives and the save's progress.
import type { ToolkitFormat } from "./bindings/ToolkitFormat";
import type { ToolkitNotYet } from "./bindings/ToolkitNotYet";
import type { ToolkitStep } from "./bindings/ToolkitStep";
import { counted } from "./programme";

/** The formats offered, in the order of their radios, each with its radio's
 *  label, its name in messages, what the file is called while it is made,
 *  and what it is for. */
export const TOOLKIT_FORMATS: { format: ToolkitFormat; label: string; name: string; file: string; hint: string }[] = [
  { format: "pdf", label: "PDF", name: "PDF", file: "the PDF", hint: "A tagged PDF to read, print or send, with its contents and bookmarks." },
  { format: "docx", label: "Word (DOCX)", name: "a Word document", file: "the Word document", hint: "A Word document the LGA's communications staff can edit, with real headings and tables." },
  { format: "html", label: "HTML", name: "HTML", file: "the web page", hint: "One web page, the same as the PDF, to print or to put on a website." },
];

/** How a format is named in messages: "PDF", "a Word document", "HTML". */
export function toolkitFormatName(format: ToolkitFormat): string {
  return TOOLKIT_FORMATS.find((f) => f.format === format)?.name ?? format.toUpperCase();
}

/** The entries not in the toolkit yet, one line a status, none when there
 *  are none. */
export function notYetLines(n: ToolkitNotYet): string[] {
  const lines: string[] = [];
  if (n.approved > 0) lines.push(`${counted(n.approved, "entry", "entries")} approved, waiting for the consent check to be published`);
  if (n.submitted > 0) lines.push(`${counted(n.submitted, "entry", "entries")} waiting for the LGA's review`);
  if (n.returned > 0) lines.push(`${counted(n.returned, "entry", "entries")} returned to ${n.returned === 1 ? "its council" : "their councils"} for changes`);
  if (n.draft > 0) lines.push(`${counted(n.draft, "draft", "drafts")} that ${n.draft === 1 ? "its council is" : "their councils are"} still writing`);
  return lines;
}

/** The status line and progress bar for one step of a save. */
export function toolkitProgressOf(step: ToolkitStep): { value: number; max: number; text: string } {
  switch (step.step) {
    case "gathering":
      return { value: 0, max: 3, text: "Gathering the published entries…" };
    case "setting": {
      const file = TOOLKIT_FORMATS.find((f) => f.format === step.format)?.file ?? "the file";
      return { value: 1, max: 3, text: `Making ${file} of ${counted(step.entries, "entry", "entries")}…` };
    }
    case "saving":
      return { value: 2, max: 3, text: "Saving the file…" };
  }
}
