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

  async start() {
    try {
      const [reference, settings] = await Promise.all([api.referenceData(), api.getSettings()]);
      this.reference = reference;
      this.settings = settings;
      this.programme = reference.programmes.find((p) => p.is_current)?.id ?? reference.programmes[0]?.id ?? "";
      await this.reload();
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
