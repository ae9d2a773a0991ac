// What the window loads again, from the core's stamp of everything it shows
// (`app_stamp`: a counter per part, moved by any process's change).
import type { AppStamp } from "./bindings/AppStamp";

/** How often an open window asks the core whether anything changed. */
export const WATCH_MS = 2_000;

export type Stale = { reference: boolean; settings: boolean; events: boolean };

/** Which parts to load again, given the stamp they were loaded at (null:
 *  nothing loaded yet) and the core's stamp now. Events carry reference
 *  data (a council's name, the conference day), so they are loaded again
 *  when it changes too, and when they were loaded for another programme. */
export function stale(loaded: AppStamp | null, now: AppStamp, programmeChanged = false): Stale {
  const reference = loaded?.reference !== now.reference;
  return {
    reference,
    settings: loaded?.settings !== now.settings,
    events: reference || programmeChanged || loaded?.events !== now.events,
  };
}
