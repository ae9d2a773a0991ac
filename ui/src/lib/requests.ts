// The requests board and the request forms. The core decides everything
// (statuses and their labels, who may make which move, what a form must
// hold); this groups what it sent for the board, names the buttons and
// maps the forms' boxes to the core's RequestForm.
import type { Request } from "./bindings/Request";
import type { RequestAction } from "./bindings/RequestAction";
import type { RequestForm } from "./bindings/RequestForm";
import type { RequestStatus } from "./bindings/RequestStatus";
import type { RequestStatusName } from "./bindings/RequestStatusName";

export type Lane = { status: RequestStatus; label: string; requests: Request[] };

/** The board's groups: one per status the core sent, in its order (the
 *  workflow's), each with its requests in the order they came (by start),
 *  split into those shown and those the core calls closed, folded away. Empty groups are kept, so
 *  the board says "none" rather than leaving a status out. */
export function lanes(requests: Request[], statuses: RequestStatusName[]): { shown: Lane[]; folded: Lane[] } {
  const by = new Map<RequestStatus, Request[]>();
  for (const r of requests) {
    const list = by.get(r.status);
    if (list) list.push(r);
    else by.set(r.status, [r]);
  }
  const lane = (s: RequestStatusName): Lane => ({ status: s.status, label: s.label, requests: by.get(s.status) ?? [] });
  return {
    shown: statuses.filter((s) => !s.closed).map(lane),
    folded: statuses.filter((s) => s.closed).map(lane),
  };
}

/** Each move's button, in the words of the workflow. */
export const ACTION_LABELS: Record<RequestAction, string> = {
  submit: "Submit to the LGA",
  forward: "Forward to the office",
  accept: "Record as accepted",
  decline: "Record as declined",
  withdraw: "Withdraw request",
  held: "Mark as held",
};

/** What the banner says after a move. */
export const ACTION_DONE: Record<RequestAction, string> = {
  submit: "Request submitted to the LGA",
  forward: "Request forwarded to the office",
  accept: "Request recorded as accepted",
  decline: "Request recorded as declined",
  withdraw: "Request withdrawn",
  held: "Engagement marked as held",
};

export function emptyRequestForm(): RequestForm {
  return {
    event: "",
    person: "",
    role: "visit",
    from: "",
    to: "",
    priority: "",
    case: "",
    contact_name: "",
    contact_email: "",
    contact_phone: "",
    title: "",
    start: "",
    end: "",
    venue: "",
    address: "",
    postcode: "",
    region: "",
  };
}

/** Who asked, for the board and the request page. */
export function askedBy(r: Request): string {
  return r.asked_by.by === "council" ? r.asked_by.name : "The LGA";
}

/** The core names the part of an event `from` and `to`, and the override
 *  reason `override`; the form's boxes have the same ids. A refusal to
 *  accept a clash without a reason is a conflict with no field: it belongs
 *  beside the reason's box. */
export function overrideRefusal(code: string, action: RequestAction, clashes: string[]): boolean {
  return code === "conflict" && action === "accept" && clashes.length > 0;
}
