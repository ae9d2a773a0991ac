import type { Role } from "./bindings/Role";
import type { Screen } from "./bindings/Screen";

// Screens are addressed by the URL's hash, so links, the back button and
// tests can reach any screen. Later screens (review, toolkit) add a case
// here and an entry in `sections`.

export type Route =
  | { screen: "week" }
  | { screen: "events" }
  | { screen: "add" }
  | { screen: "event"; id: number }
  | { screen: "edit"; id: number }
  | { screen: "dashboard" }
  | { screen: "programme" }
  | { screen: "review" }
  | { screen: "packs" }
  | { screen: "practice" }
  | { screen: "practice-add" }
  | { screen: "practice-entry"; id: number }
  | { screen: "practice-edit"; id: number }
  | { screen: "practice-publish"; id: number }
  | { screen: "toolkit" }
  | { screen: "import" }
  | { screen: "export" }
  | { screen: "feeds" }
  | { screen: "settings" }
  | { screen: "requests" }
  | { screen: "request"; id: number }
  | { screen: "brief"; id: number }
  | { screen: "ask"; id: number }
  | { screen: "slot" }
  | { screen: "diary"; person: number | null }
  | { screen: "plan"; person: number }
  | { screen: "people" }
  | { screen: "person"; id: number }
  | { screen: "person-add" }
  | { screen: "person-edit"; id: number }
  | { screen: "not-found"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").split("?")[0].replace(/\/+$/, "") || "/week";
  if (path === "/week") return { screen: "week" };
  if (path === "/events") return { screen: "events" };
  if (path === "/events/new") return { screen: "add" };
  if (path === "/dashboard") return { screen: "dashboard" };
  if (path === "/programme") return { screen: "programme" };
  if (path === "/review") return { screen: "review" };
  if (path === "/packs") return { screen: "packs" };
  if (path === "/practice") return { screen: "practice" };
  if (path === "/practice/new") return { screen: "practice-add" };
  if (path === "/practice/toolkit") return { screen: "toolkit" };
  if (path === "/settings") return { screen: "settings" };
  if (path === "/import") return { screen: "import" };
  if (path === "/export") return { screen: "export" };
  if (path === "/feeds") return { screen: "feeds" };
  if (path === "/requests") return { screen: "requests" };
  if (path === "/requests/new") return { screen: "slot" };
  if (path === "/diaries") return { screen: "diary", person: null };
  if (path === "/people") return { screen: "people" };
  if (path === "/people/new") return { screen: "person-add" };
  let m = /^\/events\/(\d+)$/.exec(path);
  if (m) return { screen: "event", id: Number(m[1]) };
  m = /^\/events\/(\d+)\/edit$/.exec(path);
  if (m) return { screen: "edit", id: Number(m[1]) };
  m = /^\/events\/(\d+)\/ask$/.exec(path);
  if (m) return { screen: "ask", id: Number(m[1]) };
  m = /^\/requests\/(\d+)$/.exec(path);
  if (m) return { screen: "request", id: Number(m[1]) };
  m = /^\/requests\/(\d+)\/brief$/.exec(path);
  if (m) return { screen: "brief", id: Number(m[1]) };
  m = /^\/diaries\/(\d+)$/.exec(path);
  if (m) return { screen: "diary", person: Number(m[1]) };
  m = /^\/diaries\/(\d+)\/plan$/.exec(path);
  if (m) return { screen: "plan", person: Number(m[1]) };
  m = /^\/practice\/(\d+)(\/edit|\/publish)?$/.exec(path);
  if (m) {
    const id = Number(m[1]);
    return m[2] === "/edit" ? { screen: "practice-edit", id } : m[2] === "/publish" ? { screen: "practice-publish", id } : { screen: "practice-entry", id };
  }
  m = /^\/people\/(\d+)$/.exec(path);
  if (m) return { screen: "person", id: Number(m[1]) };
  m = /^\/people\/(\d+)\/edit$/.exec(path);
  if (m) return { screen: "person-edit", id: Number(m[1]) };
  return { screen: "not-found", path };
}

/** The navigation: one entry per section (a `Screen` the core can keep as
 *  the one the app opens on); `screens` are the routes that belong to it,
 *  so the current section is marked; `for`, when given, the only role the
 *  menu shows it to (its address still opens, and says whose it is). */
export const sections: { section: Screen; href: string; label: string; screens: Route["screen"][]; for?: Role }[] = [
  { section: "week", href: "#/week", label: "Week", screens: ["week"] },
  { section: "events", href: "#/events", label: "Events", screens: ["events", "event", "add", "edit"] },
  { section: "requests", href: "#/requests", label: "Requests", screens: ["requests", "request", "brief", "ask", "slot"] },
  { section: "diaries", href: "#/diaries", label: "Diaries", screens: ["diary", "plan"] },
  { section: "people", href: "#/people", label: "People", screens: ["people", "person", "person-add", "person-edit"] },
  { section: "dashboard", href: "#/dashboard", label: "Dashboard", screens: ["dashboard"] },
  { section: "programme", href: "#/programme", label: "Programme", screens: ["programme"] },
  { section: "review", href: "#/review", label: "Review", screens: ["review"], for: "lga_officer" },
  { section: "packs", href: "#/packs", label: "Packs", screens: ["packs"] },
  { section: "practice", href: "#/practice", label: "Good practice", screens: ["practice", "practice-add", "practice-entry", "practice-edit", "practice-publish", "toolkit"] },
  { section: "import", href: "#/import", label: "Import", screens: ["import"] },
  { section: "export", href: "#/export", label: "Export", screens: ["export"] },
  { section: "feeds", href: "#/feeds", label: "Feeds", screens: ["feeds"] },
  { section: "settings", href: "#/settings", label: "Settings", screens: ["settings"] },
];

/** The sections the menu shows to a person in `role`. */
export function sectionsFor(role: Role | null | undefined) {
  return sections.filter((s) => !s.for || s.for === role);
}

/** The section a route belongs to; none for a page that is not found. */
export function sectionOf(route: Route): Screen | null {
  return sections.find((s) => s.screens.includes(route.screen))?.section ?? null;
}

/** Where the app opens: the screen in the address it was started with, or
 *  else the section it was left on (`last`, kept by the core). */
export function openingHash(launchedWith: string, last: Screen): string | null {
  const given = launchedWith.replace(/^#/, "").replace(/^\/+$/, "");
  return given ? null : sections.find((s) => s.section === last)?.href ?? null;
}
