// End-to-end tests of packs in the real window, between two real
// databases: Kent's (a council organiser, made here, driven through the
// CLI) and the LGA's (the suite's, in the window). Kent's submission is
// chosen in the native open dialog, its dry run lists the new event and
// the changed fields, old and new, and importing it writes them; a damaged
// pack shows the core's message in the error summary and writes nothing; a
// change on both sides is shown as a conflict and settled in the window,
// as `cpweek pack conflicts --json` then says; and the LGA's reply, saved
// through the native save dialog, is a pack Kent's database takes. A pack
// file changed after its dry run was shown is refused, not imported. Kent's
// submitted ministerial request is listed under its own heading in the dry
// run, and once imported is in the LGA's `cpweek request list --json`; the
// reply saved then says it holds it. Kent's good-practice entries are
// listed under their own heading too: new ones, then (returned by the LGA,
// changed and sent again) the changed one field by field with the core's
// wording and the unchanged one counted, and a hand-edited record that
// claims to be published refused with the core's reason; each checked
// against `cpweek practice list --json` and the CLI's dry run.
// Started by ui/e2e/run.sh on a database of its own.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { By, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, json, shot, axe, openWindow, banner, answerOpenDialog, answerSaveDialog } from "./window.mjs";

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);
const heading = (level, text) => By.xpath(`//${level}[normalize-space()=${JSON.stringify(text)}]`);

// Kent's database, beside the suite's, and the packs it writes.
const dir = mkdtempSync(path.join(path.dirname(DB), "packs-"));
const KENT_DB = path.join(dir, "kent.db");
function kent(...args) {
  return execFileSync(CLI, args, { env: { ...process.env, CPWEEK_DB: KENT_DB }, encoding: "utf8" });
}
const kentJson = (...args) => JSON.parse(kent(...args, "--json"));
/** Kent's submission pack, written to `name` in the folder. */
function submission(name) {
  const file = path.join(dir, name);
  kent("pack", "export", "--council", "886", "-o", file, "--force");
  return file;
}
const lgaEvent = (title) => json("event", "list").find((e) => e.title === title);
/** The LGA's dry run of `file`, by the CLI (which exits non-zero when it
 *  refuses a record, after printing the report). */
const dryRun = (file) => JSON.parse(spawnSync(CLI, ["pack", "import", file, "--dry-run", "--json"],
  { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" }).stdout);

/** JSON with its members' names in order at every level, no spaces: the
 *  canonical form docs/pack-format.md's digest is made over. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
/** `file` edited by `edit` and its digest made again, as anyone could
 *  (the digest detects damage; it is not a signature). */
function handEdited(file, name, edit) {
  const pack = JSON.parse(readFileSync(file, "utf8"));
  const { digest, ...rest } = pack;
  assert.equal(digest, `sha256:${createHash("sha256").update(canonical(rest)).digest("hex")}`, "the recipe is the core's");
  edit(pack);
  delete pack.digest;
  pack.digest = `sha256:${createHash("sha256").update(canonical(pack)).digest("hex")}`;
  const out = path.join(dir, name);
  writeFileSync(out, JSON.stringify(pack));
  return out;
}

const OPEN_DAY = "Kent care leavers' open day";
const HOSTILE = `<img src=x onerror="window.pwned=1">Kent <b>quiz</b> & "tea"`;
const ids = {};

/** Chooses `file` in the Packs screen's open dialog. */
async function choose(file) {
  await driver.findElement(button("Choose a pack")).click();
  await answerOpenDialog("Choose a pack to import", file);
}

/** The rows of a changes table as [field, old, new]. */
async function changes(table) {
  return driver.executeScript(
    `return [...arguments[0].querySelectorAll("tbody tr")].map((tr) => [tr.dataset.field, ...[...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())]);`,
    table,
  );
}

describe("packs in the window", { timeout: 300_000 }, () => {
  before(async () => {
    kent("init");
    kent("settings", "set", "--role", "council-organiser", "--council", "886", "--name", "Kim");
    cli("settings", "set", "--role", "lga-officer", "--name", "Lee");
    // The LGA already holds Kent's open day from an earlier exchange.
    ids.openDay = kentJson("event", "add", "--council", "886", "--title", OPEN_DAY,
      "--start", "2014-10-28T10:00", "--end", "2014-10-28T12:00", "--venue", "Sessions House").id;
    cli("pack", "import", submission("first.json"));
    // Since then Kent moved it and added another event.
    kent("event", "edit", String(ids.openDay), "--venue", "County Hall", "--end", "2014-10-28T13:00");
    ids.quiz = kentJson("event", "add", "--council", "886", "--title", HOSTILE,
      "--start", "2014-10-29T14:00", "--end", "2014-10-29T15:30").id;
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`packs-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("shows a submission's dry run record by record, then imports exactly that", async () => {
    const file = submission("second.json");
    await driver.findElement(By.xpath(`//nav//a[normalize-space()="Packs"]`)).click();
    await driver.wait(until.elementLocated(heading("h1", "Packs")), WAIT);
    assert.match(await driver.getCurrentUrl(), /#\/packs$/);
    await driver.findElement(heading("h2", "Send a reply"));
    await driver.findElement(heading("h2", "Import a council's submission"));
    assert.equal(await driver.findElement(By.id("no-conflicts")).getText(), "No conflicts are waiting for a choice.");
    await shot("packs");
    await axe("the Packs screen");

    await choose(file);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    const counts = await driver.findElement(By.id("pack-counts")).getText();
    assert.match(counts, /1 new, 1 changed, 0 unchanged, 0 refused, 0 conflicts/);
    const dry = JSON.parse(execFileSync(CLI, ["pack", "import", file, "--dry-run", "--json"],
      { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" }));
    assert.equal(dry.created, 1);
    // The new event, its title as text.
    const created = await driver.findElement(By.id("pack-created"));
    assert.equal(await created.getText(), HOSTILE);
    assert.equal((await created.findElements(By.css("img, b, script"))).length, 0, "no markup from a title");
    assert.equal(await driver.executeScript("return window.pwned"), null, "nothing a title says ran");
    // The changed event: each field with its old and new value, as the core reports them.
    const table = await driver.findElement(By.css("#pack-changed table"));
    assert.equal(await table.findElement(By.css("caption")).getText(), OPEN_DAY);
    const rows = await changes(table);
    const expected = dry.items.find((i) => i.outcome === "changed").changes;
    assert.deepEqual(rows.map((r) => r[0]), expected.map((c) => c.field));
    assert.deepEqual(rows.find((r) => r[0] === "venue"), ["venue", "Venue", "Sessions House", "County Hall"]);
    assert.deepEqual(rows.find((r) => r[0] === "end"), ["end", "End", "Tuesday 28 October 2014, midday", "Tuesday 28 October 2014, 1pm"],
      "times as the core words them");
    assert.equal(json("event", "list").length, 1, "the dry run wrote nothing");
    await shot("packs-check");
    await axe("the pack's dry run");

    await driver.findElement(button("Import these changes")).click();
    await banner("Submission pack from Kent (886) imported: 1 new, 1 changed");
    assert.equal(lgaEvent(OPEN_DAY).venue, "County Hall");
    assert.ok(lgaEvent(HOSTILE), "the new event is there");
    assert.equal(json("event", "list").length, 2);
    await shot("packs-imported");
  });

  it("shows the core's message for a damaged pack and writes nothing", async () => {
    const good = readFileSync(submission("third.json"), "utf8");
    const damaged = path.join(dir, "damaged.json");
    writeFileSync(damaged, good.replace("County Hall", "County Hal"));
    const before = JSON.stringify(json("event", "list"));
    await choose(damaged);
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    const refused = spawnSync(CLI, ["pack", "import", damaged, "--dry-run"], { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
    assert.notEqual(refused.status, 0, "the CLI refuses it too");
    const message = refused.stderr.trim().replace(/^error: /, "");
    assert.match(message, /^the pack is damaged: its digest does not match its contents/);
    const text = await summary.getText();
    assert.ok(text.includes(message.charAt(0).toUpperCase() + message.slice(1)), `${text}\nsays the core's message:\n${message}`);
    const link = await summary.findElement(By.css("a"));
    assert.equal(await driver.executeScript("return arguments[0].getAttribute(\"href\")", link), "#pack-file");
    assert.match(await driver.findElement(By.id("pack-file-error")).getText(), /The pack is damaged/);
    assert.equal(await driver.switchTo().activeElement().getAttribute("class"), "error-summary", "the summary takes the focus");
    assert.equal(JSON.stringify(json("event", "list")), before, "nothing was written");
    await driver.findElement(heading("h1", "Packs"));
    await shot("packs-damaged");
    await axe("the Packs screen with a damaged pack");
  });

  it("shows a change on both sides as a conflict and settles it with the person's choice", async () => {
    const lgaId = String(lgaEvent(OPEN_DAY).id);
    cli("event", "edit", lgaId, "--title", `${OPEN_DAY} 2014`);
    kent("event", "edit", String(ids.openDay), "--venue", "The Hop Farm");
    const file = submission("fourth.json");
    await choose(file);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    assert.match(await driver.findElement(By.id("pack-counts")).getText(), /0 new, 0 changed, 1 unchanged, 0 refused, 1 conflict\b/);
    const dryRows = await changes(await driver.findElement(By.css("#pack-conflicts table")));
    assert.deepEqual(dryRows.map((r) => r[0]), ["title", "venue"]);
    await driver.findElement(button("Import these changes")).click();
    await banner("1 conflict");
    // The banner leads to the conflicts, further down.
    await driver.findElement(By.linkText("Choose which version to keep for each conflict")).click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "conflicts-heading");
    assert.match(await driver.getCurrentUrl(), /#\/packs$/, "still on the Packs screen");

    const listed = json("pack", "conflicts");
    assert.equal(listed.length, 1);
    const id = listed[0].id;
    const section = await driver.wait(until.elementLocated(By.id(`conflict-${id}`)), WAIT);
    const heads = await Promise.all((await section.findElements(By.css("thead th"))).map((h) => h.getText()));
    assert.deepEqual(heads, ["Field", "The LGA's version", "The council's version"]);
    const rows = await changes(await section.findElement(By.css("table")));
    assert.deepEqual(rows, [
      ["title", "Title", `${OPEN_DAY} 2014`, OPEN_DAY],
      ["venue", "Venue", "County Hall", "The Hop Farm"],
    ]);
    assert.equal(lgaEvent(`${OPEN_DAY} 2014`).venue, "County Hall", "nothing overwritten yet");
    await shot("packs-conflict", { top: false });
    await axe("a conflict");

    // Keeping a version needs a choice.
    await section.findElement(button("Keep this version")).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), /Choose which version to keep/);
    await axe("a conflict with no choice made");
    await driver.findElement(By.xpath(`//label[normalize-space()="Keep the council's"]`)).click();
    await driver.findElement(By.id(`conflict-${id}`)).findElement(button("Keep this version")).click();
    await banner(`The council's version of “${OPEN_DAY}” kept`);
    assert.deepEqual(json("pack", "conflicts"), [], "no conflict waits");
    const kept = json("event", "show", lgaId);
    assert.equal(kept.venue, "The Hop Farm");
    assert.equal(kept.title, OPEN_DAY);
    await driver.wait(until.elementLocated(By.id("no-conflicts")), WAIT);
    await shot("packs-conflict-settled");
  });

  it("lists a council's ministerial request in the dry run under its own heading, then imports it", async () => {
    const asked = kentJson("request", "add", "--event", String(ids.openDay), "--person", "1", "--role", "speak",
      "--case", "Care leavers designed the awards", "--contact-name", "Sam Contact");
    kent("request", "submit", String(asked.id), "--note", "The minister's visit would mean a lot");
    const file = submission("with-request.json");
    const dry = JSON.parse(execFileSync(CLI, ["pack", "import", file, "--dry-run", "--json"],
      { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" }));
    assert.equal(dry.request_counts.created, 1, JSON.stringify(dry.request_counts));
    const title = dry.requests[0].title;
    assert.match(title, new RegExp(` to speak: ${OPEN_DAY}$`));

    await choose(file);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    assert.match(await driver.findElement(By.id("pack-counts")).getText(),
      /Ministerial requests: 1 new, 0 changed, 0 unchanged, 0 refused, 0 conflicts\./);
    const section = await driver.findElement(By.id("pack-requests"));
    assert.equal(await section.findElement(By.css("h2")).getText(), "Ministerial requests");
    assert.equal(await driver.findElement(By.id("pack-requests-created")).getText(), title);
    assert.deepEqual(json("request", "list"), [], "the dry run wrote nothing");
    await shot("packs-check-requests");
    await axe("the dry run of a pack with a ministerial request");

    await driver.findElement(button("Import these changes")).click();
    await banner("ministerial requests: 1 new, 0 changed, 0 unchanged, 0 refused, 0 conflicts");
    const listed = json("request", "list");
    assert.equal(listed.length, 1, JSON.stringify(listed));
    assert.equal(listed[0].uid, asked.uid);
    assert.equal(listed[0].status, "submitted");
    assert.equal(listed[0].title, OPEN_DAY);
    await shot("packs-imported-requests");
  });

  it("saves the LGA's reply through the save dialog, and Kent's database takes it", async () => {
    cli("event", "approve", String(lgaEvent(OPEN_DAY).id));
    // A reply needs its council.
    await driver.findElement(By.id("council")).clear();
    await driver.findElement(button("Save pack")).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), /Enter the council the reply is for/);
    assert.ok(await driver.findElement(By.id("council-error")).isDisplayed());

    await driver.findElement(By.id("council")).sendKeys("Kent");
    const file = path.join(dir, "reply-from-window.json");
    await driver.findElement(button("Save pack")).click();
    await answerSaveDialog("Save the pack", file);
    const shown = await banner("Reply pack for Kent (886) saved: 2 events and 1 ministerial request");
    assert.match(await shown.getText(), new RegExp(`Saved to ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.ok(existsSync(file));
    await shot("packs-reply-saved");

    const dry = kentJson("pack", "import", file, "--dry-run");
    assert.equal(dry.kind, "reply");
    assert.equal(dry.refused, 0, JSON.stringify(dry));
    assert.equal(dry.conflicts, 0, JSON.stringify(dry));
    assert.equal(dry.items.length, 2);
    assert.equal(dry.requests.length, 1, "the reply carries the request back");
    assert.equal(dry.request_counts.refused + dry.request_counts.conflicts, 0, JSON.stringify(dry.requests));
    const openDay = dry.items.find((i) => i.title === OPEN_DAY);
    assert.equal(openDay.outcome, "changed", JSON.stringify(openDay));
    assert.deepEqual(openDay.changes.map((c) => [c.field, c.new]).filter(([f]) => f === "status"), [["status", "approved"]]);
  });

  it("imports only the pack whose dry run was shown: a file changed since is refused, and shown again", async () => {
    kent("event", "add", "--council", "886", "--title", "Kent film night", "--start", "2014-10-30T18:00", "--end", "2014-10-30T20:00");
    const file = submission("fifth.json");
    await choose(file);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    assert.match(await driver.findElement(By.id("pack-counts")).getText(), /1 new, /);
    // The file is replaced after the dry run was shown.
    kent("event", "add", "--council", "886", "--title", "Kent disco", "--start", "2014-10-31T18:00", "--end", "2014-10-31T20:00");
    submission("fifth.json");
    const before = json("event", "list").length;
    await driver.findElement(button("Import these changes")).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.ok((await summary.getText()).includes(`${file} has changed since its changes were shown; nothing was imported`), await summary.getText());
    assert.equal(json("event", "list").length, before, "nothing was imported");
    await driver.findElement(heading("h1", "Packs"));
    await shot("packs-file-changed");
    // Chosen again, it shows and imports what the file holds now.
    await choose(file);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    assert.match(await driver.findElement(By.id("pack-counts")).getText(), /2 new, /);
    await driver.findElement(button("Import these changes")).click();
    await banner("Submission pack from Kent (886) imported: 2 new");
    assert.equal(json("event", "list").length, before + 2);
  });

  it("lists a council's good-practice entries in the dry run under their own heading, changed and refused ones with why", async () => {
    const PRACTICE = "Kent and Coram's adoption partnership";
    const SCHOOL = "Kent's virtual school heads";
    const added = kentJson("practice", "add", "--council", "886", "--title", PRACTICE,
      "--summary", "Adoptions rose by 110% within a year.", "--theme", "adoption",
      "--outcome", "Adoptions; 20; 42; 2011 to 2013",
      "--contact-name", "Jo Bloggs", "--contact-role", "Head of adoption", "--contact-email", "jo.bloggs@kent.gov.uk");
    kent("practice", "submit", String(added.id));
    const school = kentJson("practice", "add", "--council", "886", "--title", SCHOOL, "--summary", "Every school has a named head for children in care.");
    kent("practice", "submit", String(school.id));
    const file = submission("with-practice.json");
    const dry = dryRun(file);
    assert.deepEqual(dry.practice_counts, { created: 2, changed: 0, unchanged: 0, refused: 0, conflicts: 0 });

    await driver.findElement(By.xpath(`//nav//a[normalize-space()="Packs"]`)).click();
    await driver.wait(until.elementLocated(heading("h1", "Packs")), WAIT);
    await choose(file);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    assert.match(await driver.findElement(By.id("pack-counts")).getText(),
      /Good-practice entries: 2 new, 0 changed, 0 unchanged, 0 refused, 0 conflicts\./);
    const section = await driver.findElement(By.id("pack-practice"));
    assert.equal(await section.findElement(By.css("h2")).getText(), "Good-practice entries");
    const items = await driver.findElement(By.id("pack-practice-created")).findElements(By.css("li"));
    assert.deepEqual(await Promise.all(items.map((li) => li.getText())), [PRACTICE, SCHOOL]);
    assert.deepEqual(json("practice", "list"), [], "the dry run wrote nothing");
    await shot("packs-check-practice");
    await axe("the dry run of a pack with good-practice entries");
    await driver.findElement(button("Import these changes")).click();
    await banner("good-practice entries: 2 new, 0 changed, 0 unchanged, 0 refused, 0 conflicts");
    let listed = json("practice", "list");
    assert.deepEqual(listed.map((e) => [e.uid, e.title, e.status]).sort(),
      [[added.uid, PRACTICE, "submitted"], [school.uid, SCHOOL, "submitted"]].sort());

    // The LGA returns it; Kent changes it and sends it again.
    const atLga = listed.find((e) => e.uid === added.uid).id;
    cli("practice", "return", String(atLga), "--note", "Add the figures for 2014");
    const reply = path.join(dir, "reply-practice.json");
    cli("pack", "export", "--reply", "--council", "886", "-o", reply, "--force");
    kent("pack", "import", reply);
    kent("practice", "edit", String(added.id), "--outcome", "Adoptions; 20; 45; 2011 to 2014");
    kent("practice", "submit", String(added.id));
    const again = submission("practice-changed.json");
    const expected = dryRun(again).practice.find((i) => i.uid === added.uid);
    assert.equal(expected.outcome, "changed");
    await choose(again);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    assert.match(await driver.findElement(By.id("pack-counts")).getText(),
      /Good-practice entries: 0 new, 1 changed, 1 unchanged, 0 refused, 0 conflicts\./);
    const table = await driver.findElement(By.css("#pack-practice-changed table"));
    assert.equal(await table.findElement(By.css("caption")).getText(), PRACTICE);
    const heads = await Promise.all((await table.findElements(By.css("thead th"))).map((h) => h.getText()));
    assert.deepEqual(heads, ["Field", "Now", "In the pack"]);
    const rows = await changes(table);
    assert.deepEqual(rows.map((r) => r[0]), expected.changes.map((c) => c.field), "every field the core reports");
    assert.deepEqual(rows.find((r) => r[0] === "outcomes"), ["outcomes", "Outcomes",
      "Adoptions: 20 before, 42 after (2011 to 2013)", "Adoptions: 20 before, 45 after (2011 to 2014)"], "worded by the core");
    assert.deepEqual(rows.find((r) => r[0] === "status"), ["status", "Status", "Returned", "Submitted"]);
    assert.equal(await driver.findElement(By.id("pack-practice-unchanged")).getText(), "1 entry is the same here and in the pack.");
    await shot("packs-check-practice-changed");
    await axe("a changed good-practice entry in the dry run");
    await driver.findElement(button("Import these changes")).click();
    await banner("good-practice entries: 0 new, 1 changed, 1 unchanged, 0 refused, 0 conflicts");
    const changed = json("practice", "show", String(atLga));
    assert.equal(changed.status, "submitted");
    assert.deepEqual(changed.outcomes.map((o) => o.after), ["45"]);

    // A record hand-edited to say the LGA published it is refused, with why.
    const forged = handEdited(submission("practice-forged-from.json"), "practice-forged.json", (pack) => {
      const record = pack.practice.find((r) => r.uid === school.uid);
      record.status = "published";
      record.consent = { checked_by: "Kim Organiser", kind: "on_record", at: "2014-09-10T09:00:00Z" };
    });
    const refusedDry = dryRun(forged).practice.find((i) => i.uid === school.uid);
    assert.equal(refusedDry.outcome, "refused");
    await choose(forged);
    await driver.wait(until.elementLocated(heading("h1", "Check the pack")), WAIT);
    assert.match(await driver.findElement(By.id("pack-counts")).getText(),
      /Good-practice entries: 0 new, 0 changed, 1 unchanged, 1 refused, 0 conflicts\./);
    const refused = await driver.findElement(By.id("pack-practice-refused"));
    const cells = await Promise.all((await refused.findElements(By.css("tbody td"))).map((c) => c.getText()));
    assert.deepEqual(cells, [SCHOOL, refusedDry.reason]);
    assert.match(refusedDry.reason, /only the LGA decides/);
    await shot("packs-check-practice-refused");
    await driver.findElement(button("Cancel")).click();
    await driver.wait(until.elementLocated(heading("h1", "Packs")), WAIT);
    listed = json("practice", "list");
    assert.equal(listed.find((e) => e.uid === school.uid).status, "submitted", "nothing taken");
  });

  it("offers a council organiser their own submission and the LGA's reply", async () => {
    cli("settings", "set", "--role", "council-organiser", "--council", "886");
    await driver.wait(until.elementLocated(heading("h2", "Send your submission")), WAIT);
    await driver.findElement(heading("h2", "Import the LGA's reply"));
    assert.equal((await driver.findElements(By.css(".notification-banner"))).length, 0, "the LGA officer's banner is gone");
    assert.match(await driver.findElement(By.css("main")).getText(), /Save Kent \(886\)'s submission pack/);
    assert.equal((await driver.findElements(By.id("council"))).length, 0, "no council to choose");
    await shot("packs-organiser");
    await axe("the Packs screen for a council organiser");
  });
});
