import { describe, expect, it } from "vitest";
import type { RequestStatusName } from "./bindings/RequestStatusName";
import { request } from "./fixtures";
import { askedBy, emptyRequestForm, lanes, overrideRefusal } from "./requests";
import { parseRoute, sectionOf } from "./route";

// As `list_requests` sends them: every status, in the workflow's order.
const statuses: RequestStatusName[] = [
  { status: "draft", label: "Draft", closed: false },
  { status: "submitted", label: "Submitted to the LGA", closed: false },
  { status: "forwarded", label: "Forwarded to the office", closed: false },
  { status: "accepted", label: "Accepted", closed: false },
  { status: "declined", label: "Declined", closed: true },
  { status: "withdrawn", label: "Withdrawn", closed: true },
  { status: "held", label: "Held", closed: false },
];

describe("the requests board", () => {
  it("groups requests by status in the core's order, keeping their order, and folds the closed ones away", () => {
    const rs = [
      request({ id: 1, status: "accepted" }),
      request({ id: 2, status: "submitted" }),
      request({ id: 3, status: "declined" }),
      request({ id: 4, status: "accepted" }),
      request({ id: 5, status: "withdrawn" }),
      request({ id: 6, status: "held" }),
    ];
    const { shown, folded } = lanes(rs, statuses);
    expect(shown.map((l) => l.status)).toEqual(["draft", "submitted", "forwarded", "accepted", "held"]);
    expect(shown.map((l) => l.requests.map((r) => r.id))).toEqual([[], [2], [], [1, 4], [6]]);
    expect(shown[2].label).toBe("Forwarded to the office");
    expect(folded.map((l) => [l.status, l.requests.map((r) => r.id)])).toEqual([
      ["declined", [3]],
      ["withdrawn", [5]],
    ]);
  });

  it("loses no request: every one is in exactly one group", () => {
    const all = statuses.flatMap((s, i) => [request({ id: 100 + i, status: s.status }), request({ id: 200 + i, status: s.status })]);
    const { shown, folded } = lanes(all, statuses);
    const ids = [...shown, ...folded].flatMap((l) => l.requests.map((r) => r.id)).sort();
    expect(ids).toEqual(all.map((r) => r.id).sort());
  });

  it("names who asked: the council, or the LGA for its own slots", () => {
    expect(askedBy(request())).toBe("Kent");
    expect(askedBy(request({ asked_by: { by: "lga" } }))).toBe("The LGA");
  });
});

describe("the request page", () => {
  it("puts the core's refusal of an unexplained clash beside the reason's box, and nothing else", () => {
    const clash = ["it would clash with Kent care leavers' awards"];
    expect(overrideRefusal("conflict", "accept", clash)).toBe(true);
    expect(overrideRefusal("conflict", "accept", [])).toBe(false);
    expect(overrideRefusal("forbidden", "accept", clash)).toBe(false);
    expect(overrideRefusal("conflict", "decline", clash)).toBe(false);
  });
});

describe("the request form", () => {
  it("starts empty but for the role, which the core reads as typed", () => {
    const f = emptyRequestForm();
    expect(f.role).toBe("visit");
    expect(Object.entries(f).filter(([k, v]) => k !== "role" && v !== "")).toEqual([]);
  });
});

describe("attendance routes", () => {
  it("reads every attendance screen from the hash and puts it in its section", () => {
    const cases: [string, ReturnType<typeof parseRoute>, string][] = [
      ["#/requests?person=1&status=forwarded", { screen: "requests" }, "requests"],
      ["#/requests/new", { screen: "slot" }, "requests"],
      ["#/requests/7", { screen: "request", id: 7 }, "requests"],
      ["#/events/3/ask", { screen: "ask", id: 3 }, "requests"],
      ["#/diaries", { screen: "diary", person: null }, "diaries"],
      ["#/diaries/2", { screen: "diary", person: 2 }, "diaries"],
      ["#/diaries/2/plan", { screen: "plan", person: 2 }, "diaries"],
    ];
    for (const [hash, route, section] of cases) {
      expect(parseRoute(hash)).toEqual(route);
      expect(sectionOf(route)).toBe(section);
    }
    expect(parseRoute("#/requests/x").screen).toBe("not-found");
  });
});
