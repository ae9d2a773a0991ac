// Typed calls to the app's commands. Every type here is generated from Rust
// by ts-rs (./bindings), and so is the list of command names (`Command`,
// read from the #[tauri::command]s): a call by a name that does not exist
// does not type-check, and a Rust test fails if a command is never called.
// Nothing that crosses IPC is written by hand.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Command } from "./bindings/commands";
import type { AppInfo } from "./bindings/AppInfo";
import type { AppStamp } from "./bindings/AppStamp";
import type { Event } from "./bindings/Event";
import type { EventFilter } from "./bindings/EventFilter";
import type { EventForm } from "./bindings/EventForm";
import type { EventPage } from "./bindings/EventPage";
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
import type { Dissemination } from "./bindings/Dissemination";
import type { ReferenceData } from "./bindings/ReferenceData";
import type { ReviewAction } from "./bindings/ReviewAction";
import type { SavedEvent } from "./bindings/SavedEvent";
import type { Screen } from "./bindings/Screen";
import type { SettingsForm } from "./bindings/SettingsForm";
import type { SettingsView } from "./bindings/SettingsView";
import type { MoveNote } from "./bindings/MoveNote";
import type { ForwardedPlan } from "./bindings/ForwardedPlan";
import type { PeopleList } from "./bindings/PeopleList";
import type { PersonForm } from "./bindings/PersonForm";
import type { PersonPage } from "./bindings/PersonPage";
import type { PersonWeek } from "./bindings/PersonWeek";
import type { PlanPage } from "./bindings/PlanPage";
import type { Request } from "./bindings/Request";
import type { RequestBoard } from "./bindings/RequestBoard";
import type { RequestAction } from "./bindings/RequestAction";
import type { RequestForm } from "./bindings/RequestForm";
import type { RequestListFilter } from "./bindings/RequestListFilter";
import type { RequestPage } from "./bindings/RequestPage";
import type { DocumentPreview } from "./bindings/DocumentPreview";
import type { DocumentStep } from "./bindings/DocumentStep";
import type { Format } from "./bindings/Format";
import type { SavedDocument } from "./bindings/SavedDocument";
import type { ProgrammeFormat } from "./bindings/ProgrammeFormat";
import type { ProgrammePreview } from "./bindings/ProgrammePreview";
import type { ProgrammeStep } from "./bindings/ProgrammeStep";
import type { SavedProgramme } from "./bindings/SavedProgramme";
import type { QueueFilter } from "./bindings/QueueFilter";
import type { ReviewQueue } from "./bindings/ReviewQueue";
import type { ReviewedSelection } from "./bindings/ReviewedSelection";
import type { Edition } from "./bindings/Edition";
import type { ReleaseChanges } from "./bindings/ReleaseChanges";
import type { PacksPage } from "./bindings/PacksPage";
import type { PackPreview } from "./bindings/PackPreview";
import type { PackReport } from "./bindings/PackReport";
import type { PackSide } from "./bindings/PackSide";
import type { SavedPack } from "./bindings/SavedPack";
import type { SettledConflict } from "./bindings/SettledConflict";
import type { PracticeEntry } from "./bindings/PracticeEntry";
import type { PracticeFilter } from "./bindings/PracticeFilter";
import type { PracticeForm } from "./bindings/PracticeForm";
import type { PracticePage } from "./bindings/PracticePage";
import type { PracticeStep } from "./bindings/PracticeStep";
import type { SavedPractice } from "./bindings/SavedPractice";
import type { SavedToolkit } from "./bindings/SavedToolkit";
import type { ToolkitFormat } from "./bindings/ToolkitFormat";
import type { ToolkitPreview } from "./bindings/ToolkitPreview";
import type { ToolkitStep } from "./bindings/ToolkitStep";

/** Whether a rejection is the app's typed error (it always should be). */
export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any rejection as an IpcError, so screens only handle one shape. */
export function asIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return { ...e, fields: e.fields ?? [] };
  return { code: "io", message: String(e), fields: [] };
}

/** Invokes one of the app's commands; the only way the window reaches Rust. */
function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  return invoke<T>(command, args);
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  referenceData: () => call<ReferenceData>("reference_data"),
  listEvents: (filter: EventFilter) => call<EventView[]>("list_events", { filter }),
  appStamp: () => call<AppStamp>("app_stamp"),
  getEvent: (id: number) => call<EventPage>("get_event", { id }),
  getEventForm: (id: number) => call<EventForm>("get_event_form", { id }),
  addEvent: (form: EventForm) => call<SavedEvent>("add_event", { form }),
  editEvent: (id: number, form: EventForm) => call<SavedEvent>("edit_event", { id, form }),
  reviewEvent: (id: number, review: ReviewAction) =>
    call<EventPage>("review_event", { id, review }),
  programmeSummary: (programme: string) => call<ProgrammeSummary>("programme_summary", { programme }),
  toolkitDissemination: (programme: string) => call<Dissemination>("toolkit_dissemination", { programme }),
  getSettings: () => call<SettingsView>("get_settings"),
  saveSettings: (form: SettingsForm) => call<SettingsView>("save_settings", { form }),
  rememberScreen: (screen: Screen) => call<null>("remember_screen", { screen }),
  backUpNow: () => call<string | null>("back_up_now"),
  /** Opens a file dialog; null when the person cancels it. */
  chooseImportFile: (council: string) =>
    call<ImportPreview | null>("choose_import_file", { council }),
  previewImport: (council: string) => call<ImportPreview>("preview_import", { council }),
  /** `faulty`: "leave_out" only when the preview listed faulty events and
   *  the person confirmed importing the others. */
  confirmImport: (council: string, faulty: FaultyEvents) =>
    call<ImportReport>("confirm_import", { council, faulty }),
  /** Opens a save dialog, then writes the feed, calling `onStep` as it
   *  goes; null when the person cancels the dialog. */
  exportFeed: (request: ExportRequest, onStep: (step: ExportStep) => void) => {
    const progress = new Channel<ExportStep>();
    progress.onmessage = onStep;
    return call<ExportedFile | null>("export_feed", { request, progress });
  },
  feedServerStatus: () => call<FeedServerView>("feed_server_status"),
  startFeedServer: (port: string) => call<FeedServerView>("start_feed_server", { port }),
  stopFeedServer: () => call<FeedServerView>("stop_feed_server"),
  listPeople: () => call<PeopleList>("list_people"),
  getPerson: (id: number) => call<PersonPage>("get_person", { id }),
  addPerson: (form: PersonForm) => call<PersonPage>("add_person", { form }),
  editPerson: (id: number, form: PersonForm) => call<PersonPage>("edit_person", { id, form }),
  listRequests: (filter: RequestListFilter) => call<RequestBoard>("list_requests", { filter }),
  getRequest: (id: number) => call<RequestPage>("get_request", { id }),
  addRequest: (form: RequestForm) => call<Request>("add_request", { form }),
  /** `note.override` is the reason for accepting despite a clash. */
  moveRequest: (id: number, action: RequestAction, note: MoveNote) =>
    call<RequestPage>("move_request", { id, action, note }),
  setRequestPriority: (id: number, priority: string) =>
    call<RequestPage>("set_request_priority", { id, priority }),
  personWeek: (person: number) => call<PersonWeek>("person_week", { person }),
  /** `day`: YYYY-MM-DD, or empty for the whole week. */
  planItinerary: (person: number, day: string) => call<PlanPage>("plan_itinerary", { person, day }),
  forwardPlan: (person: number, day: string) => call<ForwardedPlan>("forward_plan", { person, day }),
  /** Refused (`conflict`) for a request that is not an accepted or held
   *  engagement. */
  briefingPreview: (id: number) => call<DocumentPreview>("briefing_preview", { id }),
  /** Opens a save dialog, then writes the note in `format`, calling
   *  `onStep` as it goes; null when the person cancels the dialog. */
  saveBriefing: (id: number, format: Format, onStep: (step: DocumentStep) => void) => {
    const progress = new Channel<DocumentStep>();
    progress.onmessage = onStep;
    return call<SavedDocument | null>("save_briefing", { id, format, progress });
  },
  /** The published programme of `programme` (empty for the current one)
   *  in `edition`: "live" (approved public events as they stand now) or
   *  `{ release: N }`, refused when release N was never made. */
  programmePreview: (programme: string, edition: Edition) =>
    call<ProgrammePreview>("programme_preview", { programme, edition }),
  /** Opens a save dialog, then writes the programme in `edition` and
   *  `format`, calling `onStep` as it goes; null when the person cancels
   *  the dialog. */
  saveProgramme: (programme: string, edition: Edition, format: ProgrammeFormat, onStep: (step: ProgrammeStep) => void) => {
    const progress = new Channel<ProgrammeStep>();
    progress.onmessage = onStep;
    return call<SavedProgramme | null>("save_programme", { programme, edition, format, progress });
  },
  /** The LGA's review queue, narrowed by council or region. */
  reviewQueue: (filter: QueueFilter) => call<ReviewQueue>("review_queue", { filter }),
  /** Approves or returns every event in `ids` at once, or none of them. */
  reviewSelected: (ids: number[], review: ReviewAction) =>
    call<ReviewedSelection>("review_selected", { ids, review }),
  /** The programme's numbered releases, oldest first, each with its
   *  changes since the one before. */
  programmeReleases: (programme: string) => call<ReleaseChanges[]>("programme_releases", { programme }),
  /** Makes the next release (an LGA officer's; refused when nothing has
   *  changed since the last). `note`: empty for none. */
  makeRelease: (programme: string, note: string) => call<ReleaseChanges>("make_release", { programme, note }),
  /** What the person in the settings does with packs, and the conflicts
   *  waiting for a choice. */
  packsPage: () => call<PacksPage>("packs_page"),
  /** Opens a save dialog, then writes the person's pack (an organiser:
   *  their council's submission; an LGA officer: the reply to `council`);
   *  null when the person cancels the dialog. */
  savePack: (council: string, programme: string) =>
    call<SavedPack | null>("save_pack", { council, programme }),
  /** Opens an open dialog and dry-runs the pack chosen; null when cancelled. */
  choosePack: () => call<PackPreview | null>("choose_pack"),
  /** Imports the pack whose dry run was shown (its `token`). */
  importChosenPack: (token: string) => call<PackReport>("import_chosen_pack", { token }),
  /** Settles a conflict (an event's or a ministerial request's) by keeping
   *  one side's version. */
  settlePackConflict: (id: number, keep: PackSide) => call<SettledConflict>("settle_pack_conflict", { id, keep }),
  /** Practice entries matching every filter (the core's `PracticeFilter`). */
  listPractice: (filter: PracticeFilter) => call<PracticeEntry[]>("list_practice", { filter }),
  /** An entry's page: the entry, what the person may do now, its history. */
  getPractice: (id: number) => call<PracticePage>("get_practice", { id }),
  getPracticeForm: (id: number) => call<PracticeForm>("get_practice_form", { id }),
  /** Adds an entry (`id` null) or changes entry `id`. */
  savePractice: (id: number | null, form: PracticeForm) => call<SavedPractice>("save_practice", { id, form }),
  /** Submits, approves, returns or publishes an entry. */
  practiceStep: (id: number, step: PracticeStep) => call<PracticePage>("practice_step", { id, step }),
  /** The good-practice toolkit of `programme` (empty for the current one)
   *  as it would be published now; no document while nothing is published. */
  toolkitPreview: (programme: string) => call<ToolkitPreview>("toolkit_preview", { programme }),
  /** Opens a save dialog, then writes the toolkit in `format`, calling
   *  `onStep` as it goes; null when the person cancels the dialog. */
  saveToolkit: (programme: string, format: ToolkitFormat, onStep: (step: ToolkitStep) => void) => {
    const progress = new Channel<ToolkitStep>();
    progress.onmessage = onStep;
    return call<SavedToolkit | null>("save_toolkit", { programme, format, progress });
  },
  /** Stores the LGA's introduction (an LGA officer's; refused by line). */
  setToolkitIntro: (programme: string, markdown: string) =>
    call<ToolkitPreview>("set_toolkit_intro", { programme, markdown }),
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
