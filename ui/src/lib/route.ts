// Screens are addressed by the URL's hash, so links, the back button and
// tests can reach any screen. Later screens (requests, review, toolkit)
// add a case here and an entry in `sections`.

export type Route =
  | { screen: "week" }
  | { screen: "events" }
  | { screen: "add" }
  | { screen: "event"; id: number }
  | { screen: "edit"; id: number }
  | { screen: "dashboard" }
  | { screen: "import" }
  | { screen: "export" }
  | { screen: "feeds" }
  | { screen: "settings" }
  | { screen: "not-found"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").split("?")[0].replace(/\/+$/, "") || "/week";
  if (path === "/week") return { screen: "week" };
  if (path === "/events") return { screen: "events" };
  if (path === "/events/new") return { screen: "add" };
  if (path === "/dashboard") return { screen: "dashboard" };
  if (path === "/settings") return { screen: "settings" };
  if (path === "/import") return { screen: "import" };
  if (path === "/export") return { screen: "export" };
  if (path === "/feeds") return { screen: "feeds" };
  let m = /^\/events\/(\d+)$/.exec(path);
  if (m) return { screen: "event", id: Number(m[1]) };
  m = /^\/events\/(\d+)\/edit$/.exec(path);
  if (m) return { screen: "edit", id: Number(m[1]) };
  return { screen: "not-found", path };
}

/** The navigation: one entry per section; `screens` are the routes that
 *  belong to it, so the current section is marked. */
export const sections: { href: string; label: string; screens: Route["screen"][] }[] = [
  { href: "#/week", label: "Week", screens: ["week"] },
  { href: "#/events", label: "Events", screens: ["events", "event", "add", "edit"] },
  { href: "#/dashboard", label: "Dashboard", screens: ["dashboard"] },
  { href: "#/import", label: "Import", screens: ["import"] },
  { href: "#/export", label: "Export", screens: ["export"] },
  { href: "#/feeds", label: "Feeds", screens: ["feeds"] },
  { href: "#/settings", label: "Settings", screens: ["settings"] },
];
