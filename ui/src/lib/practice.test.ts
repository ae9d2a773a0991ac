import { describe, expect, it } from "vitest";
import { openingHash, parseRoute, sectionOf, sectionsFor } from "./route";
import { practiceStatuses, statusLabel } from "./practice";

describe("good practice in the window", () => {
  it("has its own section with the list, an entry, its form and its consent step, in both roles' menus", () => {
    expect(parseRoute("#/practice")).toEqual({ screen: "practice" });
    expect(parseRoute("#/practice/new")).toEqual({ screen: "practice-add" });
    expect(parseRoute("#/practice/12")).toEqual({ screen: "practice-entry", id: 12 });
    expect(parseRoute("#/practice/12/edit")).toEqual({ screen: "practice-edit", id: 12 });
    expect(parseRoute("#/practice/12/publish")).toEqual({ screen: "practice-publish", id: 12 });
    expect(parseRoute("#/practice/12/delete").screen).toBe("not-found");
    for (const screen of ["practice", "practice-add", "practice-entry", "practice-edit", "practice-publish"] as const) {
      expect(sectionOf(screen === "practice" || screen === "practice-add" ? { screen } : { screen, id: 1 })).toBe("practice");
    }
    expect(sectionsFor("lga_officer").map((s) => s.section)).toContain("practice");
    expect(sectionsFor("council_organiser").map((s) => s.section)).toContain("practice");
    expect(openingHash("", "practice")).toBe("#/practice");
  });

  it("labels every status once", () => {
    expect(practiceStatuses.map((s) => s.status)).toEqual(["draft", "submitted", "returned", "approved", "published"]);
    expect(statusLabel("returned")).toBe("Returned");
  });
});
