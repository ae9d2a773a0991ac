// Wording for the programme's screen. What the programme holds, what it
// leaves out and how each format is made are the core's; this only names
// the formats, words the counts the core gives and the save's progress.
import type { ProgrammeFormat } from "./bindings/ProgrammeFormat";
import type { ProgrammeLeftOut } from "./bindings/ProgrammeLeftOut";
import type { ProgrammeStep } from "./bindings/ProgrammeStep";

/** The formats offered, in the order of their radios, each with its name
 *  and what it is for. */
export const PROGRAMME_FORMATS: { format: ProgrammeFormat; name: string; hint: string }[] = [
  { format: "pdf", name: "PDF", hint: "A tagged PDF to print or send, with its contents, day by day and region by region." },
  { format: "html", name: "HTML", hint: "One web page, the same as the PDF, to print or to put on a website." },
  { format: "csv", name: "CSV", hint: "A spreadsheet that Excel opens, one row for each event." },
  { format: "json", name: "Schedule JSON", hint: "The conference-schedule format that schedule apps read (as frab and pretalx write it)." },
];

/** How a format is named in buttons and messages. */
export function formatName(format: ProgrammeFormat): string {
  return PROGRAMME_FORMATS.find((f) => f.format === format)?.name ?? format.toUpperCase();
}

/** "1 event", "2,000 events". */
export function counted(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** What the programme leaves out, one line a reason, none when nothing is. */
export function leftOutLines(left: ProgrammeLeftOut): string[] {
  const lines: string[] = [];
  if (left.private > 0) lines.push(`${counted(left.private, "private event", "private events")}: private events are never published`);
  if (left.waiting > 0) lines.push(`${counted(left.waiting, "event", "events")} waiting for the LGA's review`);
  if (left.returned > 0) lines.push(`${counted(left.returned, "event", "events")} returned to ${left.returned === 1 ? "its council" : "their councils"} for changes`);
  if (left.cancelled > 0) lines.push(`${counted(left.cancelled, "cancelled event", "cancelled events")}`);
  return lines;
}

/** The progress bar's value, maximum and words for one step of a save. */
export function programmeProgressOf(step: ProgrammeStep): { value: number; max: number; text: string } {
  switch (step.step) {
    case "gathering":
      return { value: 0, max: 3, text: "Gathering the approved public events" };
    case "setting": {
      const events = counted(step.events, "event", "events");
      return { value: 1, max: 3, text: step.format === "pdf" ? `Setting ${events} as a PDF` : `Writing ${events} as ${formatName(step.format)}` };
    }
    case "saving":
      return { value: 2, max: 3, text: "Saving the file" };
  }
}
