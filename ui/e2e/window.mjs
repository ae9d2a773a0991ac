// What every end-to-end suite shares: the settings run.sh passes in, the
// CLI on the suite's own database, the real window opened through
// tauri-driver with its CSP violations recorded, screenshots, and axe-core.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Builder, By, until } from "selenium-webdriver";

const need = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; start the suite with ui/e2e/run.sh`);
  return v;
};
export const APP = need("CPWEEK_APP");
export const CLI = need("CPWEEK_CLI");
export const DB = need("CPWEEK_DB");
export const SERVER = need("WEBDRIVER_URL");
export const SHOTS = need("SCREENSHOTS");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const WAIT = 15_000;

/** The window's WebDriver session, once `openWindow` has made it. */
export let driver;

/** Runs the CLI on the suite's database; its standard output. */
export function cli(...args) {
  return execFileSync(CLI, args, { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
}
export const json = (...args) => JSON.parse(cli(...args, "--json"));

/** Starts the app through tauri-driver and waits for its first heading
 *  (`heading`, or any). Screens change by the URL's hash, never by
 *  reloading, so the CSP violations it records cover the whole run. */
export async function openWindow({ heading } = {}) {
  driver = await new Builder()
    .usingServer(SERVER)
    .withCapabilities({ browserName: "wry", "tauri:options": { application: APP } })
    .build();
  const h1 = heading ? By.xpath(`//h1[normalize-space()=${JSON.stringify(heading)}]`) : By.css("h1");
  await driver.wait(until.elementLocated(h1), WAIT);
  await driver.executeScript(`
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
  `);
  return driver;
}

/** A screenshot of the window into SCREENSHOTS, scrolled to the top first
 *  unless `top` is false. */
export async function shot(name, { top = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  if (top) await driver.executeScript("window.scrollTo(0, 0)");
  writeFileSync(path.join(SHOTS, `${name}.png`), await driver.takeScreenshot(), "base64");
}

/** Runs axe-core inside the webview and fails on any violation. */
export async function axe(screen) {
  await driver.executeScript(AXE);
  const result = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    axe.run(document).then(r => done(JSON.stringify({ violations: r.violations, passes: r.passes.length })),
      e => done(JSON.stringify({ violations: [{ id: "axe-error", help: String(e), nodes: [] }], passes: 0 })));
  `);
  const { violations, passes } = JSON.parse(result);
  assert.ok(passes > 10, `axe-core ran its rules on ${screen} (${passes} passed)`);
  const report = violations
    .map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("\n  ")}`)
    .join("\n");
  assert.equal(violations.length, 0, `axe-core found problems on ${screen}:\n${report}`);
}

/** A GOV.UK notification banner saying `text`, once it shows. */
export async function banner(text) {
  return driver.wait(until.elementLocated(By.xpath(`//*[contains(@class, "notification-banner")][contains(., ${JSON.stringify(text)})]`)), WAIT,
    `a banner saying "${text}"`);
}

/** The X window id of the visible native (GTK) dialog titled `title`,
 *  focused. Dialogs are outside the webview: WebDriver cannot reach them,
 *  so they are answered with xdotool, as a person would type. */
export async function focusDialog(title, kind = "a") {
  let id = "";
  for (let i = 0; i < 50 && !id; i++) {
    try {
      id = execFileSync("xdotool", ["search", "--onlyvisible", "--name", title], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.ok(id, `${kind} dialog titled "${title}" opened`);
  await new Promise((r) => setTimeout(r, 500));
  execFileSync("xdotool", ["windowfocus", "--sync", id]);
  return id;
}

/** Types `file` into the save dialog titled `title` and saves. */
export async function answerSaveDialog(title, file) {
  const id = await focusDialog(title, "a save");
  execFileSync("xdotool", ["key", "--window", id, "ctrl+a"]);
  execFileSync("xdotool", ["type", "--window", id, "--delay", "20", file]);
  execFileSync("xdotool", ["key", "--window", id, "Return"]);
}

/** Types `file` into the open dialog titled `title`'s location box and opens it. */
export async function answerOpenDialog(title, file) {
  const id = await focusDialog(title, "an open");
  execFileSync("xdotool", ["key", "--window", id, "ctrl+l"]);
  await new Promise((r) => setTimeout(r, 200));
  execFileSync("xdotool", ["type", "--window", id, "--delay", "20", file]);
  await new Promise((r) => setTimeout(r, 300));
  // The first Return may only close the location box's completion list,
  // as it would for a person, who would press it again.
  for (let i = 0; i < 4; i++) {
    execFileSync("xdotool", ["key", "--window", id, "Return"]);
    await new Promise((r) => setTimeout(r, 700));
    try {
      execFileSync("xdotool", ["search", "--onlyvisible", "--name", title]);
    } catch {
      return;
    }
  }
  // Still open: save the whole screen (WebDriver's show only the webview).
  execFileSync("import", ["-window", "root", path.join(SHOTS, "open-dialog-still-open.png")]);
}
