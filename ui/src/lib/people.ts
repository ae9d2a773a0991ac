// The people who may be asked to attend, as the window shows them: the
// form starts empty (the core fills in what is left out), and each
// person's home base is worded by the core (`home_label`).
import type { PersonForm } from "./bindings/PersonForm";
import type { PersonKind } from "./bindings/PersonKind";
import type { PersonKindName } from "./bindings/PersonKindName";

export function emptyPersonForm(): PersonForm {
  return {
    name: "",
    title: "",
    organisation: "",
    kind: "",
    office: "",
    base_name: "",
    base_postcode: "",
    changeover_minutes: "",
    notes: "",
    source: "",
  };
}

/** The core's label for a kind of person. */
export function kindLabel(kinds: PersonKindName[], kind: PersonKind): string {
  return kinds.find((k) => k.kind === kind)?.label ?? kind;
}
