import { describe, expect, it } from "vitest";
import type { Person } from "./bindings/Person";
import { emptyPersonForm, kindLabel } from "./people";
import { parseRoute, sectionOf } from "./route";

const minister: Person = {
  id: 1,
  name: "Edward Timpson MP",
  title: "Parliamentary Under-Secretary of State for Children and Families",
  organisation: "Department for Education",
  kind: "minister",
  office: "DfE private office",
  base_name: "Sanctuary Buildings",
  base_postcode: "SW1P 3BT",
  home_label: "Sanctuary Buildings, SW1P 3BT",
  changeover_minutes: 15,
  notes: null,
  source: null,
};

describe("people routes", () => {
  it("reads every people screen from the hash and puts it in the People section", () => {
    const cases: [string, ReturnType<typeof parseRoute>][] = [
      ["#/people", { screen: "people" }],
      ["#/people/", { screen: "people" }],
      ["#/people/new", { screen: "person-add" }],
      ["#/people/4", { screen: "person", id: 4 }],
      ["#/people/4/edit", { screen: "person-edit", id: 4 }],
    ];
    for (const [hash, route] of cases) {
      expect(parseRoute(hash)).toEqual(route);
      expect(sectionOf(route)).toBe("people");
    }
    expect(parseRoute("#/people/x").screen).toBe("not-found");
    expect(parseRoute("#/people/4/delete").screen).toBe("not-found");
  });
});

describe("people as the window shows them", () => {
  it("starts the form empty, leaving every default to the core", () => {
    expect(Object.values(emptyPersonForm()).every((v) => v === "")).toBe(true);
  });

  it("labels a kind as the core does", () => {
    const kinds = [
      { kind: "minister" as const, label: "Minister" },
      { kind: "lga-member" as const, label: "LGA member" },
    ];
    expect(kindLabel(kinds, "lga-member")).toBe("LGA member");
  });
});
