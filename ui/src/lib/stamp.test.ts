import { describe, expect, it } from "vitest";
import { stale } from "./stamp";

const stamp = { reference: 3, settings: 1, events: 40 };
const none = { reference: false, settings: false, events: false };

describe("what the window loads again", () => {
  it("loads nothing when the stamp has not moved", () => {
    expect(stale(stamp, { ...stamp })).toEqual(none);
  });

  it("loads again only the part that moved", () => {
    expect(stale(stamp, { ...stamp, settings: 2 })).toEqual({ ...none, settings: true });
    expect(stale(stamp, { ...stamp, events: 41 })).toEqual({ ...none, events: true });
  });

  it("loads the events again with the reference data they show (a conference edit moves their conference day)", () => {
    expect(stale(stamp, { ...stamp, reference: 4 })).toEqual({ ...none, reference: true, events: true });
  });

  it("loads the events of a newly chosen programme, and everything when nothing is loaded yet", () => {
    expect(stale(stamp, stamp, true)).toEqual({ ...none, events: true });
    expect(stale(null, stamp)).toEqual({ reference: true, settings: true, events: true });
  });
});
