// What every screen shares: reference data, settings, the chosen programme
// and its events, loaded over IPC and refreshed after each change.
import { api, asIpcError, emptyFilter } from "./api";
import type { EventView } from "./bindings/EventView";
import type { IpcError } from "./bindings/IpcError";
import type { ReferenceData } from "./bindings/ReferenceData";
import type { SettingsView } from "./bindings/SettingsView";

class AppData {
  reference: ReferenceData | null = $state(null);
  settings: SettingsView | null = $state(null);
  programme: string = $state("");
  events: EventView[] = $state.raw([]);
  loaded = $state(false);
  problem: IpcError | null = $state(null);
  /** The core's stamp of the events loaded (`events_stamp`). */
  private stamp = "";

  /** Loads everything the screens share. `opening` is told the settings
   *  before any screen is drawn, so the app can open on the right one. */
  async start(opening?: (settings: SettingsView) => void) {
    try {
      // All at once: an empty programme asks the core for the current one.
      // The events' stamp is read before them, so that a change between the
      // two makes the next reload load them again rather than miss it.
      const [reference, settings, { stamp, events }] = await Promise.all([
        api.referenceData(),
        api.getSettings(),
        api.eventsStamp("").then(async (stamp) => ({ stamp, events: await api.listEvents(emptyFilter("")) })),
      ]);
      this.programme = reference.programmes.find((p) => p.is_current)?.id ?? reference.programmes[0]?.id ?? "";
      this.events = events;
      this.stamp = stamp;
      this.settings = settings;
      opening?.(settings);
      this.reference = reference;
      this.loaded = true;
    } catch (e) {
      this.problem = asIpcError(e);
    }
  }

  /** Loads the chosen programme's events again if they changed (here, in
   *  another window or through the CLI): the core's stamp says whether they
   *  did, so moving between screens does not reload 10,000 events for
   *  nothing. */
  async reload() {
    try {
      const stamp = await api.eventsStamp(this.programme);
      if (stamp === this.stamp) {
        this.problem = null;
        return;
      }
      this.events = await api.listEvents(emptyFilter(this.programme));
      this.stamp = stamp;
      this.loaded = true;
      this.problem = null;
    } catch (e) {
      this.problem = asIpcError(e);
    }
  }

  async choose(programme: string) {
    this.programme = programme;
    await this.reload();
  }

  get currentProgramme() {
    return this.reference?.programmes.find((p) => p.id === this.programme) ?? null;
  }

  councilName(code: string | null | undefined): string {
    if (!code) return "";
    return this.reference?.councils.find((c) => c.code === code)?.display_name ?? code;
  }
}

export const app = new AppData();
