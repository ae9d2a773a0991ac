// What a screen shows when the core refuses an action: the fields at fault
// (beside each field and in the error summary) or one message. `attempt`
// rises with each refusal, so the summary is drawn afresh and takes the
// focus again, as the GOV.UK pattern asks.
import { asIpcError } from "./api";
import type { FieldError } from "./bindings/FieldError";
import { messagesByField } from "./form";

export class Problems {
  errors: FieldError[] = $state([]);
  message = $state("");
  attempt = $state(0);
  /** The first message for each field, for the message beside it. */
  byField = $derived(messagesByField(this.errors));

  get any(): boolean {
    return this.errors.length > 0 || this.message !== "";
  }

  /** Shows why the core refused: its fields, or its message if none. */
  show(err: unknown) {
    const ipc = asIpcError(err);
    this.errors = ipc.fields;
    this.message = ipc.fields.length ? "" : ipc.message;
    this.attempt++;
  }

  clear() {
    this.errors = [];
    this.message = "";
  }
}
