import { describe, expect, it } from "vitest";
import { importChanges, importConfirmation, importCounts, progressOf, scopeOf } from "./calendars";
import type { ImportReport } from "./bindings/ImportReport";

const report = (over: Partial<ImportReport>): ImportReport => ({
  council: "Kent (886)",
  dry_run: true,
  created: 0,
  updated: 0,
  unchanged: 0,
  faulty: [],
  skipped: [],
  series: [],
  items: [],
  ...over,
});

describe("import wording", () => {
  it("counts what the import does, with thousands separated", () => {
    const r = report({
      created: 1200,
      updated: 1,
      unchanged: 3,
      skipped: [{ line: 40, uid: null, title: null, reason: "it has no DTSTART" }],
    });
    expect(importCounts(r)).toBe("1,200 events created, 1 updated, 3 unchanged, 1 skipped and 0 faulty");
    expect(importCounts(report({ created: 1 }))).toBe("1 event created, 0 updated, 0 unchanged, 0 skipped and 0 faulty");
    expect(importChanges(r)).toBe(1201);
    expect(importChanges(report({ unchanged: 5 }))).toBe(0);
  });

  it("asks to import the other events when some are faulty, and only then leaves them out", () => {
    const faulty = [{ line: 9, uid: "x", title: "Impossible", reason: "line 13: DTEND: not a real date" }];
    expect(importConfirmation(report({ created: 1200, updated: 1, faulty }))).toEqual({
      label: "Import the other 1,201 events",
      faulty: "leave_out",
    });
    expect(importConfirmation(report({ created: 1, faulty }))).toEqual({ label: "Import the other 1 event", faulty: "leave_out" });
    expect(importConfirmation(report({ created: 10 }))).toEqual({ label: "Import 10 events", faulty: "refuse" });
    expect(importCounts(report({ created: 1, faulty }))).toBe("1 event created, 0 updated, 0 unchanged, 0 skipped and 1 faulty");
  });
});

describe("export form", () => {
  it("sends a national scope without a name and trims the others", () => {
    expect(scopeOf("national", "ignored")).toEqual({ kind: "national" });
    expect(scopeOf("council", " Kent ")).toEqual({ kind: "council", name: "Kent" });
    expect(scopeOf("region", "South East")).toEqual({ kind: "region", name: "South East" });
  });

  it("words each progress step and never divides by nothing", () => {
    expect(progressOf({ step: "reading" })).toEqual({ value: 0, max: 1, text: "Reading events" });
    expect(progressOf({ step: "writing", done: 500, total: 1003 })).toEqual({
      value: 500,
      max: 1003,
      text: "Writing events: 500 of 1,003 events",
    });
    expect(progressOf({ step: "writing", done: 0, total: 0 }).max).toBe(1);
    expect(progressOf({ step: "saving" }).text).toBe("Saving the file");
  });
});
