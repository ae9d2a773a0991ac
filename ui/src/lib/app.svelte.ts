// What every screen shares: reference data, settings, the chosen programme
// and its events, loaded over IPC and loaded again when they change, here,
// in the CLI or in another window.
import { api, asIpcError, emptyFilter } from "./api";
import type { AppStamp } from "./bindings/AppStamp";
import type { EventView } from "./bindings/EventView";
import type { IpcError } from "./bindings/IpcError";
import type { ReferenceData } from "./bindings/ReferenceData";
import type { SettingsView } from "./bindings/SettingsView";
import { stale, WATCH_MS } from "./stamp";

class AppData {
  reference: ReferenceData | null = $state(null);
  settings: SettingsView | null = $state(null);
  programme: string = $state("");
  events: EventView[] = $state.raw([]);
  loaded = $state(false);
  problem: IpcError | null = $state(null);
  /** The core's stamp of what is loaded (`app_stamp`). */
  private stamp: AppStamp | null = null;
  /** The programme whose events are loaded. */
  private eventsOf = "";
  /** The reload under way, and whether another was asked for meanwhile. */
  private running: Promise<void> | null = null;
  private again = false;
  private watching: ReturnType<typeof setInterval> | null = null;

  /** Loads everything the screens share. `opening` is told the settings
   *  before any screen is drawn, so the app can open on the right one.
   *  Then keeps watching the core's stamp while the window is open. */
  async start(opening?: (settings: SettingsView) => void) {
    try {
      // The stamp is read before what it stamps, so that a change between
      // the two makes the next reload load it again rather than miss it.
      // An empty programme asks the core for the current one.
      const stamp = await api.appStamp();
      const [reference, settings, events] = await Promise.all([
        api.referenceData(),
        api.getSettings(),
        api.listEvents(emptyFilter("")),
      ]);
      this.programme = reference.programmes.find((p) => p.is_current)?.id ?? reference.programmes[0]?.id ?? "";
      this.events = events;
      this.eventsOf = this.programme;
      this.stamp = stamp;
      this.settings = settings;
      opening?.(settings);
      this.reference = reference;
      this.loaded = true;
      this.watch();
    } catch (e) {
      this.problem = asIpcError(e);
    }
  }

  /** Asks the core every few seconds, while the window is shown and has
   *  the focus, whether anything it shows changed (a `cpweek conference
   *  edit`, say). One small query; nothing is loaded unless the stamp
   *  moved. Not while a native file dialog has the focus: the store is
   *  closed then, and the question would only wait for it (the window asks
   *  again when it has the focus back). */
  private watch() {
    if (this.watching !== null) return;
    this.watching = setInterval(() => {
      if (document.visibilityState === "visible" && document.hasFocus()) void this.reload();
    }, WATCH_MS);
  }

  /** Loads again whatever changed since it was loaded (here, in another
   *  window or through the CLI), as the core's stamp says: moving between
   *  screens does not reload 10,000 events for nothing. Calls that come
   *  while one runs share it, and it looks once more when it is done. */
  reload(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.refresh();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async refresh() {
    try {
      const stamp = await api.appStamp();
      const programme = this.programme;
      const todo = stale(this.stamp, stamp, this.eventsOf !== programme);
      if (!todo.reference && !todo.settings && !todo.events) {
        this.problem = null;
        return;
      }
      const [reference, settings, events] = await Promise.all([
        todo.reference ? api.referenceData() : null,
        todo.settings ? api.getSettings() : null,
        todo.events ? api.listEvents(emptyFilter(programme)) : null,
      ]);
      if (reference) {
        this.reference = reference;
        if (!reference.programmes.some((p) => p.id === this.programme)) {
          // The programme shown is gone: show the current one, and load its
          // events on the next round.
          this.programme = reference.programmes.find((p) => p.is_current)?.id ?? reference.programmes[0]?.id ?? "";
          this.again = true;
        }
      }
      if (settings) this.settings = settings;
      if (events) {
        this.events = events;
        this.eventsOf = programme;
      }
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
