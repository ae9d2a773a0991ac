import { describe, expect, it } from "vitest";
import type { Release } from "./bindings/Release";
import { defaultEdition, editionChoices, editionKey, editionOf, fieldChangeLine, leavingLabel, nextNumber } from "./releases";

function release(number: number): Release {
  return {
    programme: "2014",
    number,
    note: null,
    made_at: "2014-09-10T10:00:00+01:00",
    made_at_label: `Wednesday ${9 + number} September 2014, 10am`,
    made_by: "Ann Smith",
    role: "lga_officer",
    events: number * 2,
  };
}

describe("releases on the Programme screen", () => {
  it("shows the latest release first, or the live programme when there is none", () => {
    expect(defaultEdition([])).toBe("live");
    expect(defaultEdition([release(1), release(3), release(2)])).toEqual({ release: 3 });
  });

  it("offers every release, newest first, then the programme as it stands now", () => {
    expect(editionChoices([release(1), release(2)])).toEqual([
      { key: "release-2", text: "Release 2, made Wednesday 11 September 2014, 10am" },
      { key: "release-1", text: "Release 1, made Wednesday 10 September 2014, 10am" },
      { key: "live", text: "As it stands now (not released)" },
    ]);
    expect(editionChoices([]).map((c) => c.key)).toEqual(["live"]);
  });

  it("turns a choice into the edition the core is asked for and back", () => {
    for (const e of ["live", { release: 1 }, { release: 12 }] as const) {
      expect(editionOf(editionKey(e))).toEqual(e);
    }
    expect(editionOf("release-0")).toBe("live");
    expect(editionOf("release-x")).toBe("live");
  });

  it("words changes and numbers the next release", () => {
    expect(fieldChangeLine({ field: "Venue", old: "County Hall", new: null })).toBe("Venue: County Hall → (not given)");
    expect(leavingLabel("cancelled")).toBe("Cancelled");
    expect(leavingLabel("withdrawn")).toBe("Withdrawn");
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([release(1), release(2)])).toBe(3);
  });
});
