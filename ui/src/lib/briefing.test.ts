import { describe, expect, it } from "vitest";
import { parseRoute, sectionOf } from "./route";
import { FORMAT_NAMES, FORMATS, headingClass, headingTag, savingProgressOf } from "./briefing";

describe("the briefing note's screen", () => {
  it("words each step of a save, the bar moving forward", () => {
    const steps = [
      savingProgressOf({ step: "gathering" }),
      savingProgressOf({ step: "setting", format: "pdf" }),
      savingProgressOf({ step: "saving" }),
    ];
    expect(steps.map((s) => s.text)).toEqual(["Gathering the briefing note", "Setting it as a PDF", "Saving the file"]);
    expect(steps.map((s) => s.value)).toEqual([0, 1, 2]);
    expect(steps.every((s) => s.value < s.max)).toBe(true);
    expect(savingProgressOf({ step: "setting", format: "html" }).text).toBe("Writing it as HTML");
  });

  it("sets headings under the page's h1, one level down for each of the core's levels", () => {
    expect([headingTag(1), headingTag(2), headingTag(3)]).toEqual(["h2", "h3", "h4"]);
    expect(headingTag(null)).toBe("h2");
    expect([headingClass(1), headingClass(2), headingClass(3)]).toEqual(["heading-m", "heading-s", "heading-s"]);
  });

  it("offers PDF first, then HTML, by name", () => {
    expect(FORMATS.map((f) => FORMAT_NAMES[f])).toEqual(["PDF", "HTML"]);
  });
});

describe("the briefing note's route", () => {
  it("is a request's page in the requests section", () => {
    expect(parseRoute("#/requests/12/brief")).toEqual({ screen: "brief", id: 12 });
    expect(parseRoute("#/requests/12/brief/")).toEqual({ screen: "brief", id: 12 });
    expect(sectionOf({ screen: "brief", id: 12 })).toBe("requests");
    expect(parseRoute("#/requests/x/brief").screen).toBe("not-found");
    expect(parseRoute("#/requests/12/briefs").screen).toBe("not-found");
  });
});
