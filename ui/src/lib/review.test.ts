import { describe, expect, it } from "vitest";
import type { Queued } from "./bindings/Queued";
import { changedText, keepSelected, reviewedText, reviewFieldId } from "./review";
import { parseRoute, sectionOf, sectionsFor } from "./route";

const queued = (id: number, more: Partial<Queued> = {}): Queued => ({
  id,
  title: `Event ${id}`,
  council: "886",
  council_name: "Kent",
  partner_council_names: [],
  partners: null,
  region: "South East",
  status: "submitted",
  when: "Tuesday 28 October 2014, 10am to midday",
  awaiting: "new",
  awaiting_label: "New",
  decisions: ["approve", "return"],
  changed_by: "Sam Green",
  changed_at: "2014-09-01T10:00:00+01:00",
  changed_when: "Monday 1 September 2014, 10am",
  changed_fields: null,
  changed_fields_shown: null,
  ...more,
});

describe("the review queue's screen", () => {

  it("says how many events a decision was made on, one or many", () => {
    expect(reviewedText("approve", 1)).toBe("1 event approved");
    expect(reviewedText("approve", 1200)).toBe("1,200 events approved");
    expect(reviewedText("return", 1)).toBe("1 event returned to its council");
    expect(reviewedText("return", 2)).toBe("2 events returned to their councils");
  });

  it("keeps selected only the events still in the queue when it is loaded again", () => {
    expect(keepSelected([3, 1, 7], [queued(1), queued(2), queued(3)])).toEqual([3, 1]);
    expect(keepSelected([1], [])).toEqual([]);
  });

  it("says who changed an event and when, or nothing when the history has neither", () => {
    expect(changedText(queued(1))).toBe("Sam Green, Monday 1 September 2014, 10am");
    expect(changedText(queued(1, { changed_by: null }))).toBe("Monday 1 September 2014, 10am");
    expect(changedText(queued(1, { changed_when: null }))).toBe("Sam Green");
    expect(changedText(queued(1, { changed_by: null, changed_when: null }))).toBe("");
    expect(changedText(queued(1, { changed_by: "from Kent's pack, imported by Lee" }))).toBe(
      "From Kent's pack, imported by Lee, Monday 1 September 2014, 10am",
    );
  });

  it("sends the error summary's links to the note and to the first checkbox", () => {
    expect(reviewFieldId("note")).toBe("review-note");
    expect(reviewFieldId("events")).toBe("queue-select-first");
  });

  it("is its own section, in the menu of LGA officers only, at #/review", () => {
    expect(parseRoute("#/review")).toEqual({ screen: "review" });
    expect(sectionOf({ screen: "review" })).toBe("review");
    expect(sectionsFor("lga_officer").map((s) => s.section)).toContain("review");
    expect(sectionsFor("council_organiser").map((s) => s.section)).not.toContain("review");
    expect(sectionsFor("council_organiser").length).toBe(sectionsFor("lga_officer").length - 1);
  });
});
