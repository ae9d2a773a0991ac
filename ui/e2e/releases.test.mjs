// End-to-end tests of numbered releases in the real window: making
// release 1 with a note, the core refusing an unchanged programme (shown
// in the error summary), a change made with the CLI showing as "changes
// since release 1" once release 2 is made, release 1 still previewed and
// saved with the old title, and a council organiser unable to make a
// release (the form is not offered, and the core refuses a call that goes
// round the window). Started by ui/e2e/run.sh on a database of its own,
// seeded here through the CLI.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { By, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, json, banner, answerSaveDialog } from "./window.mjs";

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);

function event(council, title, start, end, more = []) {
  return json("event", "add", "--council", council, "--title", title, "--start", start, "--end", end, ...more).id;
}

const KENT = "Kent open day";
const MOVED = "Kent open day, now at the library";
const LEEDS = "Leeds fostering evening";
const NOTE = "First programme for partners";
const ids = {};

/** The events the preview shows (its h4s), once it is drawn whole. */
async function shownEvents() {
  await driver.wait(until.elementLocated(By.css(`article[aria-busy="false"]`)), WAIT, "the programme drawn whole");
  return driver.executeScript(`return [...document.querySelectorAll("article h4")].map((h) => h.textContent);`);
}

/** The summary list of release `n` as { key: value }. */
async function releaseSummary(n) {
  return driver.executeScript(`
    const rows = document.querySelectorAll("#release-${n} .summary-list__row");
    return Object.fromEntries([...rows].map((r) => [r.querySelector("dt").textContent.trim(), r.querySelector("dd").textContent.trim()]));
  `);
}

/** A screenshot of the releases part of the screen. */
async function releasesShot(name) {
  await driver.executeScript(`document.getElementById("releases-title").scrollIntoView({ block: "start" })`);
  await driver.sleep(200);
  await shot(name, { top: false });
}

/** Chooses the edition `key` in the select, as a person does: the option
 *  picked and the select's change event. (WebKitWebDriver's option click
 *  does not always fire the change event for an option that was selected
 *  once before, so the pick is made in the page.) */
async function choose(key) {
  await driver.executeScript(`
    const select = document.getElementById("edition");
    select.value = arguments[0];
    select.dispatchEvent(new Event("change", { bubbles: true }));
  `, key);
  assert.equal(await driver.findElement(By.id("edition")).getAttribute("value"), key, `${key} is offered`);
}

describe("numbered releases in the window", { timeout: 300_000 }, () => {
  before(async () => {
    cli("settings", "set", "--role", "lga-officer", "--name", "Jo Bloggs");
    ids.kent = event("Kent", KENT, "2014-10-28T10:00", "2014-10-28T12:00", ["--venue", "Sessions House"]);
    ids.leeds = event("Leeds", LEEDS, "2014-10-29T18:00", "2014-10-29T20:00");
    for (const id of [ids.kent, ids.leeds]) cli("event", "approve", String(id));
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`releases-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("makes release 1 with a note, then shows it: when, by whom, its events and what it added", async () => {
    await driver.findElement(By.xpath(`//nav//a[normalize-space()="Programme"]`)).click();
    await driver.wait(until.elementLocated(By.id("releases-title")), WAIT);
    await driver.findElement(By.id("no-releases"));
    const options = await driver.executeScript(`return [...document.querySelectorAll("#edition option")].map((o) => o.value);`);
    assert.deepEqual(options, ["live"], "with no release, only the programme as it stands now");
    await axe("the programme with no release");
    await shot("releases-none");

    await driver.findElement(By.id("note")).sendKeys(NOTE);
    await driver.findElement(button("Make release 1")).click();
    await banner("Release 1 of the programme made");
    const made = json("programme", "releases");
    assert.equal(made.length, 1, JSON.stringify(made));
    assert.equal(await driver.findElement(By.id("edition")).getAttribute("value"), "release-1", "the new release is shown");
    assert.match(await driver.findElement(By.id("programme-scope")).getText(), /This is release 1 of the programme, exactly as it was made/);
    assert.deepEqual(await releaseSummary(1), {
      Made: made[0].made_at_label,
      By: "Jo Bloggs",
      Events: "2 events",
      Note: NOTE,
    });
    assert.equal(await driver.findElement(By.id("release-1-changes")).getText(), "First release: 2 added");
    const added = await driver.findElement(By.css(`ul[aria-labelledby="release-1-added"]`)).getText();
    assert.ok(added.includes(KENT) && added.includes(LEEDS), added);
    assert.equal(await driver.findElement(By.id("note")).getAttribute("value"), "", "the note is cleared once used");
    assert.deepEqual((await shownEvents()).sort(), [KENT, LEEDS].sort());
    await axe("the programme after release 1");
    await shot("releases-made-1");
    await releasesShot("releases-list-1");
  });

  it("shows the core's refusal of a release identical to the last in the error summary", async () => {
    await driver.findElement(button("Make release 2")).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), /nothing has changed since release 1/i);
    assert.equal(json("programme", "releases").length, 1, "nothing made");
    await axe("the refused release");
    await shot("releases-refused");
  });

  it("after a change made with the CLI, release 2 shows the changes since release 1, field by field", async () => {
    cli("event", "edit", String(ids.kent), "--title", MOVED, "--venue", "Central Library");
    cli("event", "cancel", String(ids.leeds), "--reason", "Snow");
    // The window follows: the live programme is not yet released.
    await choose("live");
    await driver.wait(async () => JSON.stringify(await shownEvents()) === JSON.stringify([MOVED]), WAIT, "the live programme follows the CLI");
    await driver.findElement(button("Make release 2")).click();
    await banner("Release 2 of the programme made");
    await driver.wait(async () => (await driver.findElement(By.id("edition")).getAttribute("value")) === "release-2", WAIT,
      "the new release is chosen in the select");
    await driver.wait(async () => /This is release 2 of the programme/.test(await driver.findElement(By.id("programme-scope")).getText()), WAIT);
    assert.equal(await driver.findElements(By.css(".error-summary")).then((e) => e.length), 0, "the earlier refusal is gone");
    assert.equal(await driver.findElement(By.id("release-2-changes")).getText(), "Changes since release 1: 1 changed, 1 cancelled");
    const rows = await driver.executeScript(`
      return [...document.querySelectorAll("#release-2 table.release-changed tbody tr")]
        .map((tr) => [...tr.children].map((c) => c.textContent.trim()));
    `);
    const changes = json("programme", "changes", "--since", "1")[0].changes.changed[0].fields;
    assert.deepEqual(rows, changes.map((f) => [f.field, f.old ?? "(not given)", f.new ?? "(not given)"]), "the core's changes");
    assert.deepEqual(rows.filter(([f]) => f === "Title" || f === "Venue"), [
      ["Title", KENT, MOVED],
      ["Venue", "Sessions House", "Central Library"],
    ]);
    const caption = await driver.findElement(By.css("#release-2 table.release-changed caption")).getText();
    assert.equal(caption, `Changed: ${MOVED}, Kent`);
    const left = await driver.findElement(By.css(`ul[aria-labelledby="release-2-left"]`)).getText();
    assert.match(left, new RegExp(`^Cancelled: ${LEEDS}, Leeds`));
    // Newest first.
    const order = await driver.executeScript(`return [...document.querySelectorAll("section.release")].map((s) => s.id);`);
    assert.deepEqual(order, ["release-2", "release-1"]);
    await axe("the programme after release 2");
    await shot("releases-made-2");
    await releasesShot("releases-list-2");
  });

  it("previews and saves release 1 as it was made, the old title and all", async () => {
    await choose("release-1");
    await driver.wait(async () => JSON.stringify((await shownEvents()).sort()) === JSON.stringify([KENT, LEEDS].sort()), WAIT,
      "release 1 shows what it froze");
    const text = await driver.findElement(By.css("article")).getText();
    assert.ok(!text.includes(MOVED), "nothing since release 1");
    assert.equal(await driver.findElement(By.id("programme-holds")).getText(), "It holds 2 events from 2 councils.");
    await driver.findElement(By.css(`label[for="format-html"]`)).click();
    const target = path.join(path.dirname(DB), "release-one");
    await driver.findElement(button("Save")).click();
    await answerSaveDialog("Save the programme as HTML", target);
    await banner("Programme saved as HTML (2 events)");
    const html = readFileSync(`${target}.html`, "utf8");
    assert.equal(html, cli("programme", "export", "--release", "1", "--format", "html", "-o", "-"), "the file is release 1 as the CLI exports it");
    assert.ok(html.includes(KENT) && !html.includes(MOVED));
    await choose("release-2");
    await driver.wait(async () => JSON.stringify(await shownEvents()) === JSON.stringify([MOVED]), WAIT, "release 2 has the new title");
    await axe("release 1 previewed");
    await shot("releases-preview-2");
  });

  it("a council organiser is not offered the form, and the core refuses a release asked for round the window", async () => {
    cli("settings", "set", "--role", "council-organiser", "--council", "Kent");
    const who = await driver.wait(until.elementLocated(By.id("release-who")), WAIT, "the window follows the new role");
    assert.match(await who.getText(), /Only an LGA officer makes a release/);
    assert.equal((await driver.findElements(By.id("note"))).length, 0, "no form");
    assert.equal((await driver.findElements(By.xpath(`//button[starts-with(normalize-space(), "Make release")]`))).length, 0);
    cli("event", "edit", String(ids.kent), "--title", "Kent open day, third title");
    const refused = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke("make_release", { programme: "", note: null }).then(
        (r) => done({ made: r.release.number }), (e) => done(e));
    `);
    assert.equal(refused.code, "forbidden", JSON.stringify(refused));
    assert.match(refused.message, /only an LGA officer can make a release/);
    assert.equal(json("programme", "releases").length, 2, "nothing made");
    await axe("the releases as a council organiser");
    await shot("releases-council-organiser");
    await releasesShot("releases-list-council-organiser");
  });
});
