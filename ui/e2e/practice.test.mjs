// End-to-end tests of good practice in the real window: a council
// organiser adds an entry with two outcomes and a partner council (a bad
// e-mail named by the core in the error summary and by the field, nothing
// saved) and submits it; an LGA officer returns it with a note (required);
// the organiser sees the note, changes the entry and submits it again; the
// officer approves it and publishes it through the consent step (a
// one-word name refused with the core's message, then a full name), each
// step checked with `cpweek practice show ID --json`; the list filtered as
// `cpweek practice list` filters; a hostile title shown as text; axe-core
// on every page. Started by ui/e2e/run.sh on a database of its own.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

import { By, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, json, banner } from "./window.mjs";

const HOSTILE = `<img src=x onerror="window.pwned=1">Adoption <b>together</b> & "more"`;
const NOTE = "Give the period of the second outcome in years";
const SUMMARY = "Kent and Medway share one adoption team.";
const as = (...args) => cli("settings", "set", ...args);
const organiser = () => as("--role", "council-organiser", "--council", "Kent", "--name", "Sam Green");
const officer = () => as("--role", "lga-officer", "--name", "Lee Officer");
const show = (id) => json("practice", "show", String(id));
const ids = {};

/** The CLI's `error:` line for a command that must fail. */
function cliError(...args) {
  const r = spawnSync(CLI, args, { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
  assert.notEqual(r.status, 0, `cpweek ${args.join(" ")} fails`);
  return r.stderr.trim().replace(/^error: /, "");
}

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);
const link = (label) => By.xpath(`//a[normalize-space()=${JSON.stringify(label)}]`);

async function open(hash, h1) {
  await driver.executeScript(`location.hash = ${JSON.stringify(hash)}`);
  await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()=${JSON.stringify(h1)}]`)), WAIT, `${hash} shows "${h1}"`);
}

async function type(id, text) {
  const el = await driver.findElement(By.id(id));
  await el.clear();
  if (text) await el.sendKeys(text);
}

async function press(label) {
  await driver.findElement(button(label)).click();
}

/** Chooses the option whose text is `text` in select `id`. */
async function chooseText(id, text) {
  await driver.findElement(By.xpath(`//select[@id=${JSON.stringify(id)}]/option[normalize-space()=${JSON.stringify(text)}]`)).click();
}

/** The error summary's messages, once it shows. */
async function summary() {
  const box = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT, "an error summary");
  return (await box.findElements(By.css("li"))).length
    ? Promise.all((await box.findElements(By.css("li"))).map((li) => li.getText()))
    : [await box.getText()];
}

const sentence = (m) => m.charAt(0).toUpperCase() + m.slice(1);

/** Waits for the page's heading to say `text` (any characters: a title
 *  with both kinds of quote cannot be put in an XPath). */
async function heading(text) {
  await driver.wait(async () =>
    (await driver.executeScript(`return document.querySelector("h1")?.textContent.trim() ?? ""`)) === text,
    WAIT, `the heading says ${text}`);
}

/** The entry page's status tag. */
const tag = async () => (await driver.wait(until.elementLocated(By.id("practice-status")), WAIT)).getText();

/** What the entry's page offers, as the core's action names. */
const LABELS = {
  "Change entry": "edit", "Submit to the LGA": "submit", "Approve entry": "approve",
  "Return entry": "return", "Check consent and publish": "publish",
};
async function offered() {
  const labels = await driver.executeScript(
    `return [...document.querySelectorAll("main button, main a.button")].map((b) => b.textContent.trim())`);
  return labels.map((l) => LABELS[l]).filter(Boolean).sort();
}

/** Opens the entry's page from the list (the list is loaded afresh). */
async function openEntry() {
  await open("#/week", "Week");
  await driver.findElement(By.xpath(`//nav//a[normalize-space()="Good practice"]`)).click();
  await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Good practice"]`)), WAIT);
  const a = await driver.wait(until.elementLocated(By.css(`#practice-list tr[data-id="${ids.entry}"] a`)), WAIT);
  await a.click();
  await heading(HOSTILE);
}

describe("good practice in the window", { timeout: 300_000 }, () => {
  before(async () => {
    organiser();
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`practice-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("lets a council organiser add an entry with two outcomes and a partner council, naming a bad e-mail, and submit it", async () => {
    await driver.findElement(By.xpath(`//nav//a[normalize-space()="Good practice"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Good practice"]`)), WAIT);
    assert.match(await driver.getCurrentUrl(), /#\/practice$/);
    await driver.wait(async () => (await driver.findElement(By.id("practice-count")).getText()) === "0 entries", WAIT);
    await axe("the empty practice list");

    await driver.findElement(link("Add a practice entry")).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Add a practice entry"]`)), WAIT);
    assert.equal(await driver.findElement(By.id("council")).getAttribute("value"), "Kent", "the lead council is the settings' council");
    await type("title", HOSTILE);
    await type("summary", SUMMARY);
    await press("Add a partner council");
    await chooseText("partner-councils-0", "Medway");
    const theme = await driver.findElement(By.css(`label[for="themes-0"]`)).getText();
    await driver.findElement(By.id("themes-0")).click();
    await type("outcomes", "Adoptions");
    await type("outcome-0-before", "20");
    await type("outcome-0-after", "42");
    await type("outcome-0-period", "2011 to 2013");
    await press("Add another outcome");
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "outcome-1-measure", "the new outcome takes the focus");
    await type("outcome-1-measure", "Weeks to finish care proceedings");
    await type("outcome-1-before", "49 weeks");
    await type("outcome-1-after", "27 weeks");
    await type("outcome-1-period", "2012 to 2013");
    await type("contact-name", "Sam Green");
    await type("contact-email", "sam at kent");
    await press("Save as a draft");

    // The core's message, as the CLI gives it, in the summary and by the field.
    const expected = cliError("practice", "add", "--council", "Kent", "--title", "T", "--summary", "S",
      "--contact-name", "Sam Green", "--contact-email", "sam at kent");
    const messages = await summary();
    const emailMessage = messages.find((m) => /e-?mail/i.test(m));
    assert.ok(emailMessage, `the summary names the e-mail: ${messages.join(" | ")}`);
    assert.ok(expected.includes(emailMessage.replace(/^./, (c) => c.toLowerCase())) || expected.includes(emailMessage),
      `the window's message is the core's: "${emailMessage}" in "${expected}"`);
    assert.equal(await driver.findElement(By.id("contact-email-error")).getText(), emailMessage, "the message by the field");
    assert.equal(json("practice", "list").length, 0, "nothing is saved");
    await shot("practice-form-errors");
    await axe("the practice form with an error");

    // The summary's link takes the person to the field.
    await driver.findElement(By.css(".error-summary li a")).click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "contact-email");
    await type("contact-email", "sam.green@kent.gov.uk");
    await press("Save as a draft");
    await heading(HOSTILE);
    await banner("Entry added as a draft");
    ids.entry = Number((await driver.getCurrentUrl()).match(/#\/practice\/(\d+)$/)[1]);
    const saved = show(ids.entry);
    assert.equal(saved.title, HOSTILE, "the title is kept as typed");
    assert.equal(saved.status, "draft");
    assert.equal(saved.council, "886");
    assert.deepEqual(saved.partner_council_names, ["Medway"]);
    assert.equal(saved.themes.length, 1);
    assert.deepEqual(saved.outcomes, [
      { measure: "Adoptions", before: "20", after: "42", period: "2011 to 2013" },
      { measure: "Weeks to finish care proceedings", before: "49 weeks", after: "27 weeks", period: "2012 to 2013" },
    ]);
    assert.equal(saved.contact.email, "sam.green@kent.gov.uk");

    // The page: every field as text, the outcomes as a table.
    assert.equal(await tag(), "Draft");
    const fields = await driver.findElement(By.id("practice-fields")).getText();
    for (const text of ["Medway", SUMMARY, theme, "sam.green@kent.gov.uk", saved.region]) {
      assert.ok(fields.includes(text), `the page shows ${text}`);
    }
    const outcomeRows = await driver.executeScript(
      `return [...document.querySelectorAll("#practice-outcomes tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent))`);
    assert.deepEqual(outcomeRows, saved.outcomes.map((o) => [o.measure, o.before, o.after, o.period]));
    assert.equal(await driver.executeScript("return document.querySelectorAll('h1 img, h1 b').length"), 0, "the title's markup is text");
    assert.equal(await driver.executeScript("return window.pwned"), null, "nothing a title says ran");
    assert.equal((await driver.findElements(button("Approve entry"))).length, 0, "an organiser does not approve");
    assert.deepEqual(await offered(), [...show(ids.entry).actions].sort(), "the page offers what the core allows the organiser");
    await shot("practice-entry-draft");
    await axe("a draft entry's page");

    await press("Submit to the LGA");
    await banner("Entry submitted to the LGA");
    assert.equal(await tag(), "Submitted");
    assert.equal(show(ids.entry).status, "submitted");
    assert.equal((await driver.findElements(link("Change entry"))).length, 0, "a submitted entry is the LGA's to change");
  });

  it("lists entries as `cpweek practice list` does, filtered by council, region, theme and status", async () => {
    await open("#/week", "Week");
    await open("#/practice", "Good practice");
    const rows = async () => driver.executeScript(
      `return [...document.querySelectorAll("#practice-list tbody tr")].map((tr) => Number(tr.dataset.id))`);
    const same = async (label, ...filter) => {
      const expected = json("practice", "list", ...filter).map((e) => e.id);
      let seen = [];
      await driver.wait(async () => JSON.stringify((seen = await rows())) === JSON.stringify(expected), WAIT)
        .catch(() => assert.deepEqual(seen, expected, label));
      return expected;
    };
    assert.deepEqual(await same("all"), [ids.entry]);
    const row = await driver.findElement(By.css(`#practice-list tr[data-id="${ids.entry}"]`)).getText();
    for (const text of [HOSTILE, "Kent", "Medway", "Submitted"]) assert.ok(row.includes(text), `the row shows ${text}: ${row}`);

    await chooseText("practice-council", "Medway");
    assert.deepEqual(await same("a partner council", "--council", "Medway"), [ids.entry]);
    await chooseText("practice-status", "Published");
    assert.deepEqual(await same("not published yet", "--council", "Medway", "--status", "published"), []);
    await press("Clear filters");
    const region = show(ids.entry).region;
    const other = (await driver.executeScript(
      `return [...document.querySelectorAll("#practice-region option")].map((o) => o.value).filter((v) => v && v !== ${JSON.stringify(region)})[0]`));
    await driver.findElement(By.css(`#practice-region option[value="${other}"]`)).click();
    assert.deepEqual(await same("another region", "--region", other), []);
    await driver.findElement(By.css(`#practice-region option[value="${region}"]`)).click();
    const slug = show(ids.entry).themes[0];
    await driver.findElement(By.css(`#practice-theme option[value="${slug}"]`)).click();
    assert.deepEqual(await same("its region and theme", "--region", region, "--theme", slug), [ids.entry]);
    await shot("practice-list-filtered");
    await axe("the filtered practice list");
    await press("Clear filters");
  });

  it("lets an LGA officer return it only with a note, and the organiser see the note, change the entry and submit it again", async () => {
    officer();
    await openEntry();
    await driver.wait(until.elementLocated(button("Return entry")), WAIT);
    assert.deepEqual(await offered(), [...show(ids.entry).actions].sort(), "the page offers what the core allows the officer");
    await press("Return entry");
    const expected = cliError("practice", "return", String(ids.entry), "--note", "");
    const [message] = await summary();
    assert.ok(expected.toLowerCase().includes(message.toLowerCase()), `"${message}" is the core's "${expected}"`);
    assert.equal(show(ids.entry).status, "submitted", "nothing changed");
    await type("practice-note", NOTE);
    await press("Return entry");
    await banner("Entry returned to the council");
    assert.equal(await tag(), "Returned");
    const returned = show(ids.entry);
    assert.equal(returned.status, "returned");
    assert.equal(returned.status_note, NOTE);

    organiser();
    await openEntry();
    const note = await driver.wait(until.elementLocated(By.id("practice-returned-note")), WAIT);
    assert.match(await note.getText(), new RegExp(NOTE));
    await shot("practice-entry-returned");
    await axe("a returned entry's page");
    await driver.findElement(link("Change entry")).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Change a practice entry"]`)), WAIT);
    assert.equal(await driver.findElement(By.id("outcome-1-period")).getAttribute("value"), "2012 to 2013", "the form holds the entry's values");
    await type("outcome-1-period", "2 years, 2012 to 2013");
    await press("Save entry");
    await banner("Entry saved");
    assert.equal(show(ids.entry).outcomes[1].period, "2 years, 2012 to 2013");
    assert.equal(await tag(), "Draft", "a returned entry changed by its council is a draft again");
    await press("Submit to the LGA");
    await banner("Entry submitted to the LGA");
    assert.equal(show(ids.entry).status, "submitted");
  });

  it("lets the officer approve it and publish it through the consent step, refusing a one-word name", async () => {
    officer();
    await openEntry();
    assert.equal((await driver.findElements(link("Check consent and publish"))).length, 0, "only an approved entry is published");
    await press("Approve entry");
    await banner("Entry approved");
    assert.equal(show(ids.entry).status, "approved");
    await driver.findElement(link("Check consent and publish")).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Check consent before publishing"]`)), WAIT);
    assert.match(await driver.getCurrentUrl(), new RegExp(`#/practice/${ids.entry}/publish$`));
    const radios = await driver.executeScript(
      `return [...document.querySelectorAll("input[name=consent-kind]")].map((r) => [r.labels[0].textContent, r.checked])`);
    assert.deepEqual(radios, [["No child or care leaver can be identified", false], ["Consent is on record", false]], "nothing is chosen for the person");
    await axe("the consent step");

    // No radio chosen: the core refuses it (nothing is assumed), and its
    // message shows in the summary and by the radios.
    await type("consent-checked-by", "Jo Bloggs");
    await press("Publish");
    const [kindMessage] = await summary();
    assert.match(kindMessage, /^Choose which check was made: /, "the core's message");
    assert.equal(await driver.findElement(By.id("consent-kind-error")).getText(), kindMessage, "the message by the radios");
    assert.equal(show(ids.entry).status, "approved", "no check chosen publishes nothing");
    await shot("practice-consent-no-kind");
    await axe("the consent step with no check chosen");
    await driver.findElement(By.css(".error-summary li a")).click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "consent-kind", "the summary's link goes to the radios");

    await driver.findElement(By.id("consent-kind")).click();
    await type("consent-checked-by", "Jo");
    await press("Publish");
    const expected = cliError("practice", "publish", String(ids.entry), "--consent-checked-by", "Jo", "--consent", "identified-none");
    let message = "";
    await driver.wait(async () => {
      [message] = await summary();
      return /full name/.test(message);
    }, WAIT, "the summary names the full name")
      .catch(() => assert.match(message, /full name/));
    assert.equal((await driver.findElements(By.id("consent-kind-error"))).length, 0, "the radios' message has gone once one is chosen");
    assert.ok(expected.toLowerCase().includes(message.toLowerCase()), `"${message}" is the core's "${expected}"`);
    assert.equal(await driver.findElement(By.id("consent-checked-by-error")).getText(), message, "the message by the field");
    assert.equal(show(ids.entry).status, "approved", "a one-word name publishes nothing");
    await shot("practice-consent-refused");
    await axe("the consent step with an error");

    await type("consent-checked-by", "Jo Bloggs");
    await press("Publish");
    await banner("Entry published in the toolkit");
    assert.match(await driver.getCurrentUrl(), new RegExp(`#/practice/${ids.entry}$`));
    assert.equal(await tag(), "Published");
    const published = show(ids.entry);
    assert.equal(published.status, "published");
    assert.equal(published.consent.checked_by, "Jo Bloggs");
    assert.equal(published.consent.kind, "identified_none");
    const fields = await driver.findElement(By.id("practice-fields")).getText();
    assert.match(fields, /No child or care leaver can be identified: checked by Jo Bloggs/);
    const history = await driver.executeScript(
      `return [...document.querySelectorAll("[aria-labelledby=history] dd")].map((d) => d.textContent)`);
    assert.equal(history.length, published.history.length, "the history is the CLI's");
    assert.ok(history.some((h) => h.includes(NOTE)), "the history keeps the LGA's note");
    assert.ok(history.some((h) => h.includes("Jo Bloggs")), "the history names who checked consent");
    await shot("practice-entry-published");
    await axe("a published entry's page");

    assert.equal(await driver.executeScript("return window.pwned"), null, "nothing a title says ran");
    const violations = await driver.executeScript("return window.cspViolations");
    assert.deepEqual(violations, [], "no content security policy violations");
  });

  // The toolkit's coverage and the editions sent on the Dashboard, loaded
  // with the CLI and held to `cpweek practice coverage --json` and
  // `cpweek toolkit sent --list --json`; a council organiser's own council.
  it("shows the toolkit's coverage by region and the editions sent on the Dashboard, as the core counts them", async () => {
    // A second published entry, in London, led by Westminster with a partner.
    as("--role", "council-organiser", "--council", "Westminster", "--name", "Sam Green");
    const added = json("practice", "add", "--council", "Westminster", "--partner-council", "Camden",
      "--title", "Tri-borough care proceedings", "--summary", "A streamlined approach in the family courts");
    cli("practice", "submit", String(added.id));
    officer();
    cli("practice", "approve", String(added.id));
    cli("practice", "publish", String(added.id), "--consent-checked-by", "Jo Bloggs", "--consent", "on-record");
    cli("toolkit", "sent", "--edition", "1", "--to", "all", "--at", "2014-11-10");
    cli("toolkit", "sent", "--edition", "2", "--to", "Westminster", "Camden", "--at", "2014-11-20");
    const coverage = json("practice", "coverage");
    const sent = json("toolkit", "sent", "--list");
    assert.equal(coverage.covered, 4, "Kent, Medway, Westminster and Camden");

    await open("#/week", "Week");
    await open("#/dashboard", "Dashboard");
    const headline = async () => (await driver.findElements(By.id("toolkit-coverage-headline"))).length
      ? driver.findElement(By.id("toolkit-coverage-headline")).getText() : "";
    const expectedHeadline = `${coverage.covered} of ${coverage.councils} councils have at least one published practice entry, as lead or partner.`;
    let seen = "";
    await driver.wait(async () => (seen = await headline()) === expectedHeadline, WAIT)
      .catch(() => assert.equal(seen, expectedHeadline, "the headline is the core's"));

    // Region by region, in the core's order, with the councils that have none.
    const rows = await driver.executeScript(`return [...document.querySelectorAll("#toolkit-coverage tbody tr")].map((tr) =>
      [tr.dataset.region, tr.cells[0].textContent.trim(), tr.cells[1].textContent.trim(),
       tr.querySelector(".details__text")?.textContent.trim() ?? tr.cells[2].textContent.trim()])`);
    assert.deepEqual(rows, coverage.regions.map((r) => [r.region_code, r.region, `${r.covered} of ${r.councils}`,
      r.not_covered.length ? r.not_covered.join(", ") : "Every council"]));
    assert.equal(rows.length, 9, "the nine regions");
    const bars = await driver.executeScript(`return [...document.querySelectorAll("#toolkit-section .bar-chart__row")].map((li) =>
      [li.querySelector(".bar-chart__label").textContent, li.querySelector(".bar-chart__value").textContent])`);
    assert.deepEqual(bars, coverage.regions.map((r) => [r.region, `${r.covered} of ${r.councils}`]), "the chart's figures");

    // Each edition: to how many councils, and when (the local day).
    const day = (d) => new Date(`${d}T12:00:00Z`).toLocaleDateString("en-GB",
      { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).replace(",", "");
    const editions = [...new Set(sent.map((s) => s.edition))].sort((a, b) => a - b).map((edition) => {
      const days = [...new Set(sent.filter((s) => s.edition === edition).map((s) => s.sent_on))].sort();
      const n = sent.filter((s) => s.edition === edition).length;
      return [`Edition ${edition}`, n === 1 ? "1 council" : `${n} councils`,
        days.length === 1 ? day(days[0]) : `${day(days[0])} to ${day(days.at(-1))}`];
    });
    const editionRows = await driver.executeScript(`return [...document.querySelectorAll("#toolkit-editions tbody tr")].map((tr) =>
      [...tr.cells].map((c) => c.textContent.trim()))`);
    assert.deepEqual(editionRows, editions);
    assert.deepEqual(editions.map((e) => e[1]), ["152 councils", "2 councils"]);
    assert.equal((await driver.findElements(By.id("toolkit-own-council"))).length, 0, "an LGA officer has no council of their own here");
    await driver.executeScript(`document.getElementById("toolkit").scrollIntoView()`);
    await shot("dashboard-toolkit", { top: false });
    await driver.executeScript(`document.getElementById("toolkit-editions-heading").scrollIntoView()`);
    await shot("dashboard-toolkit-editions", { top: false });
    await axe("the Dashboard with the toolkit's coverage");

    // A council organiser sees their own council: its published entries
    // and whether it was sent the latest edition.
    const own = async (council, sentLatest) => {
      as("--role", "council-organiser", "--council", council, "--name", "Sam Green");
      await open("#/week", "Week");
      await open("#/dashboard", "Dashboard");
      const published = json("practice", "list", "--council", council, "--status", "published").length;
      const entries = published === 1 ? "1 published entry" : `${published} published entries`;
      let text = "";
      await driver.wait(async () => {
        const box = await driver.findElements(By.id("toolkit-own-entries"));
        text = box.length ? await box[0].getText() : "";
        return text.startsWith(`${council} has ${entries}`);
      }, WAIT).catch(() => assert.equal(text, `${council} has ${entries} ...`));
      const sending = await driver.findElement(By.id("toolkit-own-sending")).getText();
      const latest = Math.max(...sent.map((s) => s.edition));
      const mine = sent.find((s) => s.edition === latest && s.council_name === council);
      assert.equal(Boolean(mine), sentLatest);
      assert.equal(sending, sentLatest
        ? `${council} was sent edition ${latest}, the latest, on ${day(mine.sent_on)}.`
        : `${council} has not been sent edition ${latest}, the latest, yet; it was sent edition 1 on ${day("2014-11-10")}.`);
    };
    await own("Camden", true);
    await own("Kent", false);
    await driver.executeScript(`document.getElementById("toolkit").scrollIntoView()`);
    await shot("dashboard-toolkit-council", { top: false });
    await axe("the Dashboard with a council's own toolkit figures");
    const violations = await driver.executeScript("return window.cspViolations");
    assert.deepEqual(violations, [], "no content security policy violations");
  });
});
