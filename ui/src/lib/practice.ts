// Labels for practice entries; which entries a list shows, what each field
// may hold and who may do what are the core's (PracticeFilter,
// check_practice_form, practice_actions), never restated here.
import type { PracticeStatus } from "./bindings/PracticeStatus";
import type { PracticeForm } from "./bindings/PracticeForm";
import type { PracticeOutcomeForm } from "./bindings/PracticeOutcomeForm";
import type { ConsentKind } from "./bindings/ConsentKind";

export const practiceStatuses: { status: PracticeStatus; label: string }[] = [
  { status: "draft", label: "Draft" },
  { status: "submitted", label: "Submitted" },
  { status: "returned", label: "Returned" },
  { status: "approved", label: "Approved" },
  { status: "published", label: "Published" },
];

export const statusLabel = (s: PracticeStatus) => practiceStatuses.find((p) => p.status === s)?.label ?? s;

/** The tag's colour: GOV.UK's grey for a draft, green once published. */
export const statusClass = (s: PracticeStatus) =>
  s === "draft" ? "tag--grey" : s === "published" ? "tag--approved" : s === "approved" ? "tag--submitted" : `tag--${s}`;

export const consentKinds: { kind: ConsentKind; label: string; hint: string }[] = [
  { kind: "identified_none", label: "No child or care leaver can be identified", hint: "Nothing in the entry (names, photographs, places, ages or stories) identifies a child or care leaver" },
  { kind: "on_record", label: "Consent is on record", hint: "Every child or care leaver who can be identified has given consent, and it is recorded" },
];

export const emptyOutcome = (): PracticeOutcomeForm => ({ measure: "", before: "", after: "", period: "" });

export function emptyPracticeForm(programme: string, council: string): PracticeForm {
  return {
    programme,
    council,
    partner_councils: [],
    partner_organisations: [],
    title: "",
    themes: [],
    summary: "",
    what_was_done: "",
    outcomes: [emptyOutcome()],
    source: "",
    contact_name: "",
    contact_role: "",
    contact_email: "",
    events: [],
  };
}
