// End-to-end tests of the people who may be asked to attend, in the real
// window: the list in the navigation, adding a person with the core's
// errors in the GOV.UK error summary and beside each field, changing a
// person's change-over time, and a council organiser offered no add or
// change (and refused by the core if the window asks anyway). Started by
// ui/e2e/run.sh on a database of its own, set up here through the CLI.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

import { By, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, json } from "./window.mjs";

const heading = (h1) => By.xpath(`//h1[normalize-space()=${JSON.stringify(h1)}]`);

/** Opens a screen by its address, as a link would, and waits for its heading. */
async function open(hash, h1) {
  await driver.executeScript(`location.hash = ${JSON.stringify(hash)}`);
  await driver.wait(until.elementLocated(heading(h1)), WAIT, `${hash} shows "${h1}"`);
}

async function type(id, text) {
  const el = await driver.findElement(By.id(id));
  await el.clear();
  if (text) await el.sendKeys(text);
}

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);
const link = (label) => By.xpath(`//main//a[normalize-space()=${JSON.stringify(label)}]`);

async function press(label) {
  await driver.findElement(button(label)).click();
}

async function banner(text) {
  return driver.wait(until.elementLocated(By.xpath(`//*[contains(@class, "notification-banner")][contains(., ${JSON.stringify(text)})]`)), WAIT,
    `a banner saying "${text}"`);
}

/** The people table's rows, each as its cells' text. */
async function rows() {
  const found = await driver.findElements(By.css(".people-table tbody tr"));
  return Promise.all(found.map(async (r) => Promise.all((await r.findElements(By.css("td"))).map((c) => c.getText()))));
}

/** The value beside `key` in the person page's summary list. */
async function shown(key) {
  return driver.findElement(By.xpath(`//dt[normalize-space()=${JSON.stringify(key)}]/following-sibling::dd`)).getText();
}

const MINISTER = "Edward Timpson MP";
const VISITOR = "Jo Visitor";
const ids = {};

describe("the people who may be asked to attend, in the window", { timeout: 300_000 }, () => {
  before(async () => {
    cli("settings", "set", "--role", "lga-officer", "--name", "Lee Officer");
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`people-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("lists everyone from the navigation, the minister first, with title, kind, organisation and home base", async () => {
    await driver.findElement(By.xpath(`//nav//a[normalize-space()="People"]`)).click();
    await driver.wait(until.elementLocated(heading("People")), WAIT);
    await driver.wait(async () => (await rows()).length > 0, WAIT, "the people are listed");
    const listed = await rows();
    const people = json("person", "list");
    assert.equal(listed.length, people.length, "everyone the CLI lists");
    assert.deepEqual(listed.map((r) => r[0]), people.map((p) => p.name), "in the core's order");
    const [name, title, kind, organisation, home] = listed[0];
    assert.equal(name, MINISTER);
    assert.equal(title, people[0].title);
    assert.equal(kind, "Minister");
    assert.equal(organisation, people[0].organisation ?? "Not given");
    assert.match(home, /SW1P 3BT$/);
    assert.match(await driver.findElement(By.id("people-count")).getText(), new RegExp(`^${people.length} people\\.$`));
    assert.equal(await driver.findElement(By.css(`nav a[aria-current="page"]`)).getText(), "People");
    await driver.findElement(link("Add a person"));
    await axe("the people list");
    await shot("people-list");
  });

  it("adds a person: a bad postcode is named in the error summary and beside the field, then fixed and listed", async () => {
    const before = json("person", "list").length;
    await driver.findElement(link("Add a person")).click();
    await driver.wait(until.elementLocated(heading("Add a person")), WAIT);
    await driver.wait(until.elementLocated(By.id("kind")), WAIT);
    await axe("the form adding a person");
    await type("name", VISITOR);
    await type("title", "Chair, Children in Care Council");
    await type("organisation", "Manchester City Council");
    await driver.findElement(By.xpath(`//label[normalize-space()="Other"]`)).click();
    await type("base", "not a postcode");
    await press("Save person");
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    const said = await summary.getText();
    assert.match(said, /There is a problem/);
    assert.match(said, /Home base postcode "not a postcode" is not a UK postcode/i, said);
    assert.match(await driver.switchTo().activeElement().getAttribute("class"), /\berror-summary\b/, "the summary takes the focus");
    assert.match(await driver.findElement(By.id("base-error")).getText(), /is not a UK postcode; expected one like ME14 1XQ/);
    assert.equal((await driver.findElements(By.css(".error-message"))).length, 1, "only the postcode is at fault");
    await summary.findElement(By.xpath(`.//a[contains(., "not a UK postcode")]`)).click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "base", "the summary's link goes to the field");
    await axe("the form adding a person with an error");
    await shot("people-add-error");
    assert.equal(json("person", "list").length, before, "a refused form writes nothing");

    await type("base", "m1 1ae");
    await press("Save person");
    await banner(`${VISITOR} added`);
    await driver.wait(until.elementLocated(heading(VISITOR)), WAIT);
    assert.equal(await shown("Home base"), "M1 1AE", "kept in the core's normal form");
    assert.equal(await shown("Kind"), "Other");
    assert.equal(await shown("Change-over time"), "15 minutes between engagements, besides travel");
    const added = json("person", "list").at(-1);
    assert.deepEqual([added.name, added.kind, added.base_postcode, added.organisation], [VISITOR, "other", "M1 1AE", "Manchester City Council"]);
    ids.visitor = added.id;
    await axe("a person's page");
    await shot("people-person");
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'end' })", await driver.findElement(link(`Requests for ${VISITOR}`)));
    await shot("people-person-actions", { top: false });

    await driver.findElement(link("Back to people")).click();
    await driver.wait(until.elementLocated(heading("People")), WAIT);
    await driver.wait(async () => (await rows()).some((r) => r[0] === VISITOR), WAIT, "the new person is listed");
    assert.deepEqual((await rows()).find((r) => r[0] === VISITOR),
      [VISITOR, "Chair, Children in Care Council", "Other", "Manchester City Council", "M1 1AE"]);
  });

  it("changes a person's change-over time, refusing one out of range beside the field", async () => {
    await open(`#/people/${ids.visitor}`, VISITOR);
    await driver.findElement(link("Change details")).click();
    await driver.wait(until.elementLocated(heading("Change a person")), WAIT);
    await driver.wait(async () => (await driver.findElement(By.id("changeover-minutes")).getAttribute("value")) === "15", WAIT,
      "the form starts from the person as saved");
    assert.equal(await driver.findElement(By.id("name")).getAttribute("value"), VISITOR);
    assert.equal(await driver.findElement(By.css(`input[name="kind"][value="other"]`)).isSelected(), true);
    await type("changeover-minutes", "600");
    await press("Save person");
    await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await driver.findElement(By.id("changeover-minutes-error")).getText(), /not a number of minutes from 0 to 240/);
    assert.equal(json("person", "show", String(ids.visitor)).changeover_minutes, 15, "a refused change writes nothing");
    await axe("the change form with an error");
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", await driver.findElement(By.id("changeover-minutes")));
    await shot("people-edit-error", { top: false });
    await type("changeover-minutes", "30");
    await press("Save person");
    await banner("Changes saved");
    await driver.wait(until.elementLocated(heading(VISITOR)), WAIT);
    assert.equal(await shown("Change-over time"), "30 minutes between engagements, besides travel");
    assert.equal(json("person", "show", String(ids.visitor)).changeover_minutes, 30);
    assert.equal(json("person", "show", String(ids.visitor)).base_postcode, "M1 1AE", "the other fields are kept");
  });

  it("offers a council organiser no add or change, and the core refuses them if the window asks anyway", async () => {
    cli("settings", "set", "--role", "council-organiser", "--name", "Kim Organiser");
    await open("#/people", "People");
    await driver.wait(async () => (await rows()).some((r) => r[0] === VISITOR), WAIT, "the people are listed");
    assert.equal((await driver.findElements(link("Add a person"))).length, 0, "no add for a council organiser");
    await axe("the people list as a council organiser");
    await shot("people-list-organiser");
    await open(`#/people/${ids.visitor}`, VISITOR);
    await driver.findElement(link(`${VISITOR}'s week`));
    assert.equal((await driver.findElements(link("Change details"))).length, 0, "no change for a council organiser");
    await open("#/people/new", "Add a person");
    await driver.wait(until.elementLocated(By.id("not-allowed")), WAIT);
    assert.equal((await driver.findElements(button("Save person"))).length, 0, "no form for a council organiser");

    const before = json("person", "list");
    const fromWindow = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke("add_person", { form: { name: "Sneaky", title: "Guest", kind: "other" } })
        .then(() => done(null), (e) => done(e));
    `);
    assert.equal(fromWindow?.code, "forbidden", JSON.stringify(fromWindow));
    const fromCli = spawnSync(CLI, ["person", "add", "--name", "Sneaky", "--title", "Guest", "--kind", "other"],
      { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
    assert.notEqual(fromCli.status, 0);
    assert.equal(fromCli.stderr, `error: ${fromWindow.message}\n`, "the window and the CLI are refused in the same words");
    assert.deepEqual(json("person", "list"), before, "nothing written");
  });

  it("kept to its strict CSP on every people screen", async () => {
    const violations = await driver.executeScript("return window.cspViolations");
    assert.ok(Array.isArray(violations), "the CSP listener was still installed: no page reloaded");
    assert.deepEqual(violations, []);
  });
});
