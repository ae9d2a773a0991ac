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

  /** Loads everything the screens share. `opening` is told the settings
   *  before any screen is drawn, so the app can open on the right one. */
  async start(opening?: (settings: SettingsView) => void) {
    try {
      // All at once: an empty programme asks the core for the current one.
      const [reference, settings, events] = await Promise.all([
        api.referenceData(),
        api.getSettings(),
        api.listEvents(emptyFilter("")),
      ]);
      this.programme = reference.programmes.find((p) => p.is_current)?.id ?? reference.programmes[0]?.id ?? "";
      this.events = events;
      this.settings = settings;
      opening?.(settings);
      this.reference = reference;
      this.loaded = true;
    } catch (e) {
      this.problem = asIpcError(e);
    }
  }

  /** Loads the chosen programme's events again (another window or the CLI
   *  may have changed the database). */
  async reload() {
    try {
      this.events = await api.listEvents(emptyFilter(this.programme));
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

  get isOfficer() {
    return this.settings?.settings.role === "lga_officer";
  }
}

export const app = new AppData();
