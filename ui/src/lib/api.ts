// Typed calls to the app's commands. Every type here is generated from Rust
// by ts-rs (./bindings); nothing that crosses IPC is written by hand.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { EventFilter } from "./bindings/EventFilter";
import type { EventForm } from "./bindings/EventForm";
import type { EventView } from "./bindings/EventView";
import type { ExportedFile } from "./bindings/ExportedFile";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ExportStep } from "./bindings/ExportStep";
import type { FaultyEvents } from "./bindings/FaultyEvents";
import type { FeedServerView } from "./bindings/FeedServerView";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportReport } from "./bindings/ImportReport";
import type { IpcError } from "./bindings/IpcError";
import type { ProgrammeSummary } from "./bindings/ProgrammeSummary";
import type { ReferenceData } from "./bindings/ReferenceData";
import type { ReviewAction } from "./bindings/ReviewAction";
import type { SavedEvent } from "./bindings/SavedEvent";
import type { Screen } from "./bindings/Screen";
import type { SettingsForm } from "./bindings/SettingsForm";
import type { SettingsView } from "./bindings/SettingsView";

/** Whether a rejection is the app's typed error (it always should be). */
export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any rejection as an IpcError, so screens only handle one shape. */
export function asIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return { ...e, fields: e.fields ?? [] };
  return { code: "io", message: String(e), fields: [] };
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  referenceData: () => invoke<ReferenceData>("reference_data"),
  listEvents: (filter: EventFilter) => invoke<EventView[]>("list_events", { filter }),
  eventsStamp: (programme: string) => invoke<string>("events_stamp", { programme }),
  getEvent: (id: number) => invoke<EventView>("get_event", { id }),
  getEventForm: (id: number) => invoke<EventForm>("get_event_form", { id }),
  addEvent: (form: EventForm) => invoke<SavedEvent>("add_event", { form }),
  editEvent: (id: number, form: EventForm) => invoke<SavedEvent>("edit_event", { id, form }),
  reviewEvent: (id: number, review: ReviewAction) =>
    invoke<EventView>("review_event", { id, review }),
  programmeSummary: (programme: string) => invoke<ProgrammeSummary>("programme_summary", { programme }),
  getSettings: () => invoke<SettingsView>("get_settings"),
  saveSettings: (form: SettingsForm) => invoke<SettingsView>("save_settings", { form }),
  rememberScreen: (screen: Screen) => invoke<null>("remember_screen", { screen }),
  backUpNow: () => invoke<string | null>("back_up_now"),
  /** Opens a file dialog; null when the person cancels it. */
  chooseImportFile: (council: string) =>
    invoke<ImportPreview | null>("choose_import_file", { council }),
  previewImport: (council: string) => invoke<ImportPreview>("preview_import", { council }),
  /** `faulty`: "leave_out" only when the preview listed faulty events and
   *  the person confirmed importing the others. */
  confirmImport: (council: string, faulty: FaultyEvents) =>
    invoke<ImportReport>("confirm_import", { council, faulty }),
  /** Opens a save dialog, then writes the feed, calling `onStep` as it
   *  goes; null when the person cancels the dialog. */
  exportFeed: (request: ExportRequest, onStep: (step: ExportStep) => void) => {
    const progress = new Channel<ExportStep>();
    progress.onmessage = onStep;
    return invoke<ExportedFile | null>("export_feed", { request, progress });
  },
  feedServerStatus: () => invoke<FeedServerView>("feed_server_status"),
  startFeedServer: (port: string) => invoke<FeedServerView>("start_feed_server", { port }),
  stopFeedServer: () => invoke<FeedServerView>("stop_feed_server"),
};

export function emptyFilter(programme: string): EventFilter {
  return {
    programme,
    council: null,
    region: null,
    day: null,
    theme: null,
    status: null,
    visibility: null,
    search: null,
  };
}
