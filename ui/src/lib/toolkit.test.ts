import { describe, expect, it } from "vitest";
import { notYetLines, TOOLKIT_FORMATS, toolkitFormatName, toolkitProgressOf } from "./toolkit";
import { parseRoute, sectionOf } from "./route";

describe("the toolkit's screen", () => {
  it("offers the three formats the core publishes the toolkit in, PDF first", () => {
    expect(TOOLKIT_FORMATS.map((f) => f.format)).toEqual(["pdf", "docx", "html"]);
    expect(TOOLKIT_FORMATS.map((f) => f.label)).toEqual(["PDF", "Word (DOCX)", "HTML"]);
    expect(TOOLKIT_FORMATS.map((f) => toolkitFormatName(f.format))).toEqual(["PDF", "a Word document", "HTML"]);
  });

  it("says what it is making at each step, the bar moving forward", () => {
    const steps = [
      toolkitProgressOf({ step: "gathering" }),
      toolkitProgressOf({ step: "setting", format: "pdf", entries: 300 }),
      toolkitProgressOf({ step: "saving" }),
    ];
    expect(steps.map((s) => s.text)).toEqual(["Gathering the published entries…", "Making the PDF of 300 entries…", "Saving the file…"]);
    expect(steps.map((s) => s.value)).toEqual([0, 1, 2]);
    expect(steps.every((s) => s.value < s.max)).toBe(true);
    expect(toolkitProgressOf({ step: "setting", format: "docx", entries: 1 }).text).toBe("Making the Word document of 1 entry…");
  });

  it("counts the entries not in it yet by why, only the reasons there are", () => {
    expect(notYetLines({ draft: 0, submitted: 0, returned: 0, approved: 0 })).toEqual([]);
    expect(notYetLines({ draft: 2, submitted: 1, returned: 1, approved: 3 })).toEqual([
      "3 entries approved, waiting for the consent check to be published",
      "1 entry waiting for the LGA's review",
      "1 entry returned to its council for changes",
      "2 drafts that their councils are still writing",
    ]);
  });

  it("is a page of the Good practice section", () => {
    expect(parseRoute("#/practice/toolkit")).toEqual({ screen: "toolkit" });
    expect(sectionOf({ screen: "toolkit" })).toBe("practice");
    expect(parseRoute("#/practice/12")).toEqual({ screen: "practice-entry", id: 12 });
  });
});
