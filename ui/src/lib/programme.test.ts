import { describe, expect, it } from "vitest";
import type { DocumentPreview } from "./bindings/DocumentPreview";
import { anchorOf, contentsOf } from "./document";
import { formatName, leftOutLines, PROGRAMME_FORMATS, programmeProgressOf } from "./programme";
import { parseRoute, sectionOf } from "./route";

describe("the programme's screen", () => {
  it("offers every format the core publishes in, PDF first, each by name", () => {
    expect(PROGRAMME_FORMATS.map((f) => f.format)).toEqual(["pdf", "html", "csv", "json"]);
    expect(PROGRAMME_FORMATS.map((f) => formatName(f.format))).toEqual(["PDF", "HTML", "CSV", "Schedule JSON"]);
  });

  it("words each step of a save with the core's count, the bar moving forward", () => {
    const steps = [
      programmeProgressOf({ step: "gathering" }),
      programmeProgressOf({ step: "setting", format: "pdf", events: 2000 }),
      programmeProgressOf({ step: "saving" }),
    ];
    expect(steps.map((s) => s.text)).toEqual(["Gathering the approved public events", "Setting 2,000 events as a PDF", "Saving the file"]);
    expect(steps.map((s) => s.value)).toEqual([0, 1, 2]);
    expect(steps.every((s) => s.value < s.max)).toBe(true);
    expect(programmeProgressOf({ step: "setting", format: "json", events: 1 }).text).toBe("Writing 1 event as Schedule JSON");
  });

  it("says what is left out and why, only the reasons there are", () => {
    expect(leftOutLines({ private: 0, waiting: 0, returned: 0, cancelled: 0 })).toEqual([]);
    expect(leftOutLines({ private: 1, waiting: 2, returned: 1, cancelled: 3 })).toEqual([
      "1 private event: private events are never published",
      "2 events waiting for the LGA's review",
      "1 event returned to its council for changes",
      "3 cancelled events",
    ]);
    expect(leftOutLines({ private: 0, waiting: 0, returned: 2, cancelled: 0 })).toEqual(["2 events returned to their councils for changes"]);
  });
});

describe("a document's contents", () => {
  const heading = (level: 1 | 2 | 3, text: string) => ({ kind: "heading" as const, content: { level, text } });
  const preview = (contents: boolean): DocumentPreview => ({
    document: {
      title: "Corporate Parenting Week 2014: the programme", subtitle: null, lang: "en-GB", contents, contents_depth: 2,
      details_layout: "inline",
      blocks: [
        { kind: "paragraph", content: "Intro" },
        heading(1, "Tuesday 28 October 2014"), heading(2, "London"), heading(3, "Camden tea"), heading(2, "South East"),
        heading(1, "Wednesday 29 October 2014: NCAS conference day 1"), heading(2, "Yorkshire and the Humber"),
      ],
    },
    numbers: [null, null, null, null, null, null, null],
    heading_levels: [null, 1, 2, 3, 2, 1, 2],
  });

  it("lists the days with their regions under them, down to the core's depth, each linked to its heading", () => {
    expect(contentsOf(preview(true))).toEqual([
      { block: 1, text: "Tuesday 28 October 2014", children: [{ block: 2, text: "London", children: [] }, { block: 4, text: "South East", children: [] }] },
      { block: 5, text: "Wednesday 29 October 2014: NCAS conference day 1", children: [{ block: 6, text: "Yorkshire and the Humber", children: [] }] },
    ]);
    expect(anchorOf(4)).toBe("document-block-4");
  });

  it("is empty for a document the core gives no contents", () => {
    expect(contentsOf(preview(false))).toEqual([]);
  });
});

describe("the programme's route", () => {
  it("is its own section", () => {
    expect(parseRoute("#/programme")).toEqual({ screen: "programme" });
    expect(parseRoute("#/programme/")).toEqual({ screen: "programme" });
    expect(sectionOf({ screen: "programme" })).toBe("programme");
    expect(parseRoute("#/programmes").screen).toBe("not-found");
  });
});
