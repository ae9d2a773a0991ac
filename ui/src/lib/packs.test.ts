import { describe, expect, it } from "vitest";
import type { PackReport } from "./bindings/PackReport";
import { openingHash, parseRoute, sectionOf, sectionsFor } from "./route";
import {
  fieldLabel,
  importedText,
  isRequestConflict,
  itemsWith,
  packChanges,
  packConflicts,
  packTitle,
  practiceWith,
  reportCounts,
  requestsWith,
  savedText,
  valueText,
} from "./packs";

const report = (counts: Partial<PackReport>): PackReport => ({
  kind: "submission",
  council: "Kent (886)",
  programme: "2014",
  made_at: "2014-09-01T09:00:00Z",
  dry_run: true,
  created: 0,
  changed: 0,
  unchanged: 0,
  refused: 0,
  conflicts: 0,
  items: [],
  requests: [],
  request_counts: { created: 0, changed: 0, unchanged: 0, refused: 0, conflicts: 0 },
  practice: [],
  practice_counts: { created: 0, changed: 0, unchanged: 0, refused: 0, conflicts: 0 },
  ...counts,
});

describe("packs as the window shows them", () => {
  it("names fields for people", () => {
    expect(fieldLabel("partner_councils")).toBe("Partner councils");
    expect(fieldLabel("booking_url")).toBe("Booking web address");
    expect(fieldLabel("title")).toBe("Title");
  });

  it("shows the core's wording of a value as it is, and anything else as the pack writes it", () => {
    expect(valueText("Tuesday 28 October 2014, 10am")).toBe("Tuesday 28 October 2014, 10am");
    expect(valueText("<b>Kent</b>")).toBe("<b>Kent</b>");
    expect(valueText(null)).toBe("null");
    expect(valueText(["318", "314"])).toBe('["318","314"]');
    expect(valueText(40)).toBe("40");
  });

  it("counts what an import does and whether it changes anything", () => {
    const r = report({ created: 1, changed: 2, unchanged: 1200, refused: 0, conflicts: 1 });
    expect(reportCounts(r)).toBe("1 new, 2 changed, 1,200 unchanged, 0 refused, 1 conflict");
    expect(packChanges(r)).toBe(4);
    expect(packChanges(report({ unchanged: 3, refused: 2 }))).toBe(0);
    expect(packChanges(report({ conflicts: 1 }))).toBe(1);
    expect(reportCounts(report({ conflicts: 2 }))).toContain("2 conflicts");
    const counts = { created: 0, changed: 0, unchanged: 2, refused: 1, conflicts: 0 };
    expect(packChanges(report({ request_counts: counts }))).toBe(0);
    expect(packChanges(report({ request_counts: { ...counts, created: 1 } }))).toBe(1);
    expect(packChanges(report({ request_counts: { ...counts, conflicts: 1 } }))).toBe(1);
  });

  it("adds the ministerial requests to the imported banner when the pack carries some", () => {
    const item = (title: string, outcome: "created" | "refused") => ({
      uid: title, title, outcome, request_id: null, changes: [], reason: null, field: null, conflict: null, notes: [],
    });
    expect(importedText(report({ created: 2 }))).toBe(
      "Submission pack from Kent (886) imported: 2 new, 0 changed, 0 unchanged, 0 refused, 0 conflicts",
    );
    const r = report({
      created: 2,
      requests: [item("a", "created"), item("b", "refused"), item("c", "created")],
      request_counts: { created: 2, changed: 0, unchanged: 0, refused: 1, conflicts: 0 },
    });
    expect(importedText(r)).toBe(
      "Submission pack from Kent (886) imported: 2 new, 0 changed, 0 unchanged, 0 refused, 0 conflicts; " +
        "ministerial requests: 2 new, 0 changed, 0 unchanged, 1 refused, 0 conflicts",
    );
    expect(requestsWith(r, "created").map((i) => i.title)).toEqual(["a", "c"]);
  });

  it("counts good-practice entries in the changes, the conflicts and the imported banner", () => {
    const counts = { created: 0, changed: 0, unchanged: 2, refused: 1, conflicts: 0 };
    expect(packChanges(report({ practice_counts: counts }))).toBe(0);
    expect(packChanges(report({ practice_counts: { ...counts, changed: 1 } }))).toBe(1);
    expect(packChanges(report({ practice_counts: { ...counts, conflicts: 1 } }))).toBe(1);
    expect(packConflicts(report({ conflicts: 1, practice_counts: { ...counts, conflicts: 2 } }))).toBe(3);
    const item = (title: string, outcome: "created" | "unchanged") => ({
      uid: title, title, outcome, entry_id: null, changes: [], reason: null, field: null, conflict: null, notes: [],
    });
    const r = report({
      unchanged: 1,
      practice: [item("a", "created"), item("b", "unchanged")],
      practice_counts: { created: 1, changed: 0, unchanged: 1, refused: 0, conflicts: 0 },
    });
    expect(importedText(r)).toBe(
      "Submission pack from Kent (886) imported: 0 new, 0 changed, 1 unchanged, 0 refused, 0 conflicts; " +
        "good-practice entries: 1 new, 0 changed, 1 unchanged, 0 refused, 0 conflicts",
    );
    expect(practiceWith(r, "created").map((i) => i.title)).toEqual(["a"]);
    expect(importedText(report({ created: 1 }))).not.toContain("good-practice");
  });

  it("tells a request's conflict from an event's", () => {
    const fields = { uid: "u", title: "t", from: "council" as const, fields: [], opened_at: "" };
    expect(isRequestConflict({ id: 1, record: "request", request_id: 2, here: {}, there: {}, ...fields } as never)).toBe(true);
    expect(isRequestConflict({ id: 1, event_id: 2, here: {}, there: {}, ...fields } as never)).toBe(false);
  });

  it("says what a pack is and what was saved", () => {
    expect(packTitle("submission", "Kent (886)")).toBe("Submission pack from Kent (886)");
    expect(packTitle("reply", "Kent (886)")).toBe("The LGA's reply to Kent (886)");
    const saved = { file: "/tmp/a.json", events: 3, requests: 1, holds: "3 events and 1 ministerial request" };
    expect(savedText({ ...saved, kind: "reply", council: "Leeds (383)" })).toBe(
      "Reply pack for Leeds (383) saved: 3 events and 1 ministerial request",
    );
    expect(savedText({ ...saved, kind: "submission", council: "Kent (886)" })).toBe(
      "Submission pack from Kent (886) saved: 3 events and 1 ministerial request",
    );
  });

  it("keeps the pack's order within an outcome", () => {
    const item = (title: string, outcome: "created" | "changed") => ({
      uid: title, title, outcome, event_id: null, changes: [], reason: null, field: null, conflict: null, notes: [],
    });
    const r = report({ items: [item("b", "created"), item("a", "changed"), item("c", "created")] });
    expect(itemsWith(r, "created").map((i) => i.title)).toEqual(["b", "c"]);
  });

  it("has its own section, in both roles' menus, that the app can reopen on", () => {
    expect(parseRoute("#/packs")).toEqual({ screen: "packs" });
    expect(sectionOf({ screen: "packs" })).toBe("packs");
    expect(sectionsFor("lga_officer").map((s) => s.section)).toContain("packs");
    expect(sectionsFor("council_organiser").map((s) => s.section)).toContain("packs");
    expect(openingHash("", "packs")).toBe("#/packs");
  });
});
