import { describe, expect, it } from "vitest";
import { composeWhen, inputId, messagesByField, normaliseTime, splitWhen } from "./form";

describe("event form mapping", () => {
  it("composes the core's text from the date input", () => {
    expect(composeWhen({ day: "28", month: "10", year: "2014", time: "10:00" }, false)).toBe("2014-10-28T10:00");
    expect(composeWhen({ day: "3", month: "1", year: "2014", time: "2pm" }, false)).toBe("2014-01-03T14:00");
    expect(composeWhen({ day: "28", month: "10", year: "2014", time: "10:00" }, true)).toBe("2014-10-28");
    expect(composeWhen({ day: "", month: "", year: "", time: "" }, false)).toBe("");
  });

  it("passes what it cannot read to the core as typed", () => {
    expect(composeWhen({ day: "40", month: "13", year: "2014", time: "teatime" }, false)).toBe("2014-13-40Tteatime");
    // A time with no date still reaches the core, which says the date is wrong.
    expect(composeWhen({ day: "", month: "", year: "", time: "10:00" }, false)).toBe("--T10:00");
  });

  it("reads times the way people write them", () => {
    expect(normaliseTime("10am")).toBe("10:00");
    expect(normaliseTime("12am")).toBe("00:00");
    expect(normaliseTime("2.30pm")).toBe("14:30");
    expect(normaliseTime("midday")).toBe("12:00");
    expect(normaliseTime("9")).toBe("09:00");
  });

  it("splits the core's text back into the date input", () => {
    expect(splitWhen("2014-10-28T10:00")).toEqual({ day: "28", month: "10", year: "2014", time: "10:00" });
    expect(splitWhen("2014-11-02")).toEqual({ day: "2", month: "11", year: "2014", time: "" });
    expect(splitWhen("")).toEqual({ day: "", month: "", year: "", time: "" });
  });

  it("links each core field to the box that takes focus", () => {
    expect(inputId("end")).toBe("end-day");
    expect(inputId("contact_email")).toBe("contact-email");
    expect(inputId("themes")).toBe("themes-0");
  });

  it("keeps the first message per field, as a sentence", () => {
    expect(
      messagesByField([
        { field: "end", message: "end 2014-10-28 09:00 is before start 2014-10-28 10:00" },
        { field: "end", message: "second" },
      ]),
    ).toEqual({ end: "End 2014-10-28 09:00 is before start 2014-10-28 10:00" });
  });
});
