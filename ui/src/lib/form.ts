// The event form as people fill it (GOV.UK date inputs: day, month, year
// and a time) mapped to and from the core's EventForm, whose start and end
// are typed text (YYYY-MM-DDTHH:MM, or YYYY-MM-DD for all-day events). The
// core checks everything; nothing here decides whether input is valid.
import type { EventForm } from "./bindings/EventForm";
import type { FieldError } from "./bindings/FieldError";

export type DateParts = { day: string; month: string; year: string; time: string };

export const emptyParts: DateParts = { day: "", month: "", year: "", time: "" };

export function emptyForm(programme: string, council: string): EventForm {
  return {
    programme,
    council,
    partner_councils: [],
    title: "",
    description: "",
    start: "",
    end: "",
    all_day: false,
    venue: "",
    address: "",
    postcode: "",
    themes: [],
    audiences: [],
    private: false,
    contact_name: "",
    contact_email: "",
    contact_phone: "",
    booking_url: "",
    capacity: "",
  };
}

const pad = (s: string) => (/^\d$/.test(s) ? `0${s}` : s);

/** `10`, `10am`, `2.30pm`, `14:30` → `HH:MM`; anything else is passed on as
 *  typed so that the core's message names it. */
export function normaliseTime(text: string): string {
  const t = text.trim().toLowerCase();
  if (t === "midday" || t === "noon") return "12:00";
  if (t === "midnight") return "00:00";
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(t);
  if (!m) return text.trim();
  let h = Number(m[1]);
  const min = m[2] ?? "00";
  if (m[3] === "pm" && h < 12) h += 12;
  if (m[3] === "am" && h === 12) h = 0;
  return `${String(h).padStart(2, "0")}:${min}`;
}

/** The text the core reads for one date input; empty when nothing is typed. */
export function composeWhen(p: DateParts, allDay: boolean): string {
  const day = p.day.trim();
  const month = p.month.trim();
  const year = p.year.trim();
  const time = p.time.trim();
  if (!day && !month && !year && (allDay || !time)) return "";
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (allDay || !time) return date;
  return `${date}T${normaliseTime(time)}`;
}

/** The parts of the core's text form, for filling in the edit form. */
export function splitWhen(text: string): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(text.trim());
  if (!m) return { ...emptyParts };
  return {
    year: m[1],
    month: String(Number(m[2])),
    day: String(Number(m[3])),
    time: m[4] ?? "",
  };
}

/** The core names fields as the form does; start and end are date inputs
 *  whose first box (day) takes the focus from the error summary. */
export function inputId(field: string): string {
  switch (field) {
    case "start":
      return "start-day";
    case "end":
      return "end-day";
    case "themes":
      return "themes-0";
    case "audiences":
      return "audiences-0";
    case "partner_councils":
      return "partner-councils-0";
    default:
      return field.replaceAll("_", "-");
  }
}

/** The core's messages start in lower case ("title is required"); GOV.UK
 *  error messages are sentences. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The first message for each field, for the message beside it. */
export function messagesByField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    if (!(e.field in out)) out[e.field] = sentence(e.message);
  }
  return out;
}
