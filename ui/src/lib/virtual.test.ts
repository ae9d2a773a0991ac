import { describe, expect, it } from "vitest";
import { rowWindow, scrollToRow } from "./virtual";

describe("virtual rows", () => {
  it("draws the rows in view plus a margin, with spacers for the rest", () => {
    const w = rowWindow(10_000, 48, 48 * 100, 480, 5);
    expect(w.first).toBe(95);
    expect(w.last).toBe(115);
    expect(w.before).toBe(95 * 48);
    expect(w.after).toBe((10_000 - 115) * 48);
    expect(w.before + (w.last - w.first) * 48 + w.after).toBe(10_000 * 48);
  });

  it("keeps within the ends", () => {
    expect(rowWindow(3, 48, 0, 480)).toEqual({ first: 0, last: 3, before: 0, after: 0 });
    const end = rowWindow(100, 48, 100_000, 480, 2);
    expect(end.last).toBe(100);
    expect(end.after).toBe(0);
    expect(rowWindow(0, 48, 0, 480)).toEqual({ first: 0, last: 0, before: 0, after: 0 });
  });

  it("scrolls a row into view only when it is out of view", () => {
    expect(scrollToRow(5, 48, 0, 480, 44)).toBeNull();
    expect(scrollToRow(20, 48, 0, 480, 44)).toBe(21 * 48 - 480 + 44);
    expect(scrollToRow(2, 48, 480, 480, 44)).toBe(96);
  });
});
