// End-to-end tests of the LGA's review queue in the real window: the queue
// as the CLI lists it (new, resubmitted and changed-since-approved events,
// who changed them and when, which fields changed since the LGA's last
// decision, a hostile title as text), filtered by region
// and council; a selection approved at once, and returned only with a note
// (the core's message in the error summary first); and an organiser told
// the queue is the LGA's. Started by ui/e2e/run.sh on a database of its
// own, seeded here through the CLI.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

import { By, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, json, banner } from "./window.mjs";

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);

/** The CLI's `error:` line for a command that must fail. */
function cliError(...args) {
  const r = spawnSync(CLI, args, { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
  assert.notEqual(r.status, 0, `cpweek ${args.join(" ")} fails`);
  return r.stderr.trim().replace(/^error: /, "");
}

function event(council, title, start, end, more = []) {
  return json("event", "add", "--council", council, "--title", title, "--start", start, "--end", end, ...more).id;
}
const as = (role, name) => cli("settings", "set", "--role", role, "--name", name);
const status = (id) => json("event", "show", String(id)).status;

const ORGANISER = "Sam Green";
const KENT = "Kent open day";
const HOSTILE = `<img src=x onerror="window.pwned=1">Leeds <b>tea</b> & "cake"`;
const LEEDS = "Leeds fun run";
const CHANGED = "Kent quiz";
const BACK = "Kent resubmitted";
const ids = {};

/** The queue's rows as the window shows them, in order. */
async function rows() {
  return driver.executeScript(`
    return [...document.querySelectorAll("#queue tbody tr")].map((tr) => {
      const cell = (name) => tr.querySelector(".col-" + name).textContent.trim();
      const link = tr.querySelector(".col-title a");
      return { id: Number(tr.dataset.id), title: link.textContent, href: link.getAttribute("href"),
        council: cell("council"), kind: tr.querySelector(".col-kind .tag").textContent.trim(), changed: cell("changed"),
        fields: tr.querySelector(".col-kind .review-fields")?.textContent.trim() ?? null,
        label: tr.querySelector("input[type=checkbox]")?.labels[0].textContent ?? null };
    });
  `);
}
const LABELS = { new: "New", resubmitted: "Resubmitted after return", changed_since_approved: "Changed since approved" };

/** Waits until the window's queue is the CLI's `cpweek review` (with the
 *  same filter), row for row. */
async function queueIsTheClis(...filter) {
  const expected = () => json("review", ...filter).map((q) => ({ id: q.id, title: q.title, kind: LABELS[q.awaiting] }));
  let seen = [];
  await driver.wait(async () => {
    seen = (await rows()).map((r) => ({ id: r.id, title: r.title, kind: r.kind }));
    return JSON.stringify(seen) === JSON.stringify(expected());
  }, WAIT, "the window's queue is the CLI's").catch(() => assert.deepEqual(seen, expected()));
  return expected();
}

async function select(id) {
  const box = await driver.findElement(By.css(`#queue input[data-id="${id}"]`));
  if (!(await box.isSelected())) await box.click();
  assert.ok(await box.isSelected(), `event ${id} selected`);
}

describe("the LGA's review queue in the window", { timeout: 300_000 }, () => {
  before(async () => {
    // The councils' side: new events from Kent and Leeds, one approved by
    // the LGA then changed, one returned then changed (resubmitted).
    as("council-organiser", ORGANISER);
    ids.kent = event("Kent", KENT, "2014-10-28T10:00", "2014-10-28T12:00");
    ids.hostile = event("Leeds", HOSTILE, "2014-10-29T14:00", "2014-10-29T15:30");
    ids.leeds = event("Leeds", LEEDS, "2014-10-30T10:00", "2014-10-30T11:00");
    ids.changed = event("Kent", CHANGED, "2014-10-27T10:00", "2014-10-27T12:00");
    ids.back = event("Kent", BACK, "2014-10-27T14:00", "2014-10-27T15:00");
    as("lga-officer", "Jo Bloggs");
    cli("event", "approve", String(ids.changed));
    cli("event", "return", String(ids.back), "--note", "Add a venue");
    as("council-organiser", ORGANISER);
    cli("event", "edit", String(ids.changed), "--venue", "Sessions House");
    cli("event", "edit", String(ids.back), "--venue", "County Hall");
    as("lga-officer", "Jo Bloggs");
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`review-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("lists what awaits the LGA, as the CLI does: each kind of change, who made it and when, a hostile title as text", async () => {
    await driver.findElement(By.xpath(`//nav//a[normalize-space()="Review"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Review"]`)), WAIT);
    assert.match(await driver.getCurrentUrl(), /#\/review$/);
    const nav = await driver.findElement(By.xpath(`//nav//a[normalize-space()="Review"]`));
    assert.equal(await nav.getAttribute("aria-current"), "page");

    const expected = await queueIsTheClis();
    assert.deepEqual(
      expected.map((q) => [q.title, q.kind]),
      [
        [CHANGED, "Changed since approved"],
        [BACK, "Resubmitted after return"],
        [KENT, "New"],
        [HOSTILE, "New"],
        [LEEDS, "New"],
      ],
    );
    const shown = await rows();
    const clis = json("review");
    for (const [i, r] of shown.entries()) {
      assert.equal(r.href, `#/events/${r.id}`, "each title links to the event's page");
      assert.equal(r.label, `Select ${r.title}`, "each checkbox is labelled by the event's title");
      assert.equal(r.changed, `${ORGANISER}, ${clis[i].changed_when}`, "who changed it, and when");
      assert.equal(r.fields, clis[i].changed_fields_shown, "which fields changed, as the core words them");
      assert.ok(r.council.startsWith(clis[i].council_name), r.council);
    }
    assert.deepEqual(shown.map((r) => [r.title, r.fields]), [
      [CHANGED, "Changed: venue"],
      [BACK, "Changed: venue"],
      [KENT, null],
      [HOSTILE, null],
      [LEEDS, null],
    ], "the fields changed since the LGA's last decision, for those it decided on");
    const table = await driver.findElement(By.id("queue"));
    assert.equal((await table.findElements(By.css("img, b, script"))).length, 0, "no markup from a title");
    assert.equal(await driver.executeScript("return window.pwned"), null, "nothing a title says ran");
    assert.equal(await driver.findElement(By.id("queue-count")).getText(), "5 events awaiting review");
    await shot("review-queue");
    await axe("the review queue");

    // A title's link opens the event's page.
    await driver.findElement(By.xpath(`//a[normalize-space()=${JSON.stringify(KENT)}]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()=${JSON.stringify(KENT)}]`)), WAIT);
    assert.match(await driver.getCurrentUrl(), new RegExp(`#/events/${ids.kent}$`));
    await driver.navigate().back();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Review"]`)), WAIT);
  });

  it("narrows the queue by region and by council, as `cpweek review --region` and `--council` do", async () => {
    const region = json("event", "show", String(ids.leeds)).region;
    await driver.findElement(By.css(`#queue-region option[value=${JSON.stringify(region)}]`)).click();
    const leeds = await queueIsTheClis("--region", region);
    assert.deepEqual(leeds.map((q) => q.title), [HOSTILE, LEEDS]);
    await driver.findElement(button("Clear filters")).click();
    const council = json("event", "show", String(ids.kent)).council;
    await driver.findElement(By.css(`#queue-council option[value="${council}"]`)).click();
    const kent = await queueIsTheClis("--council", council);
    assert.deepEqual(kent.map((q) => q.title), [CHANGED, BACK, KENT]);
    await driver.findElement(button("Clear filters")).click();
    await queueIsTheClis();
  });

  it("approves a selection at once: a banner says how many, the queue reloads, the CLI shows them approved", async () => {
    await select(ids.kent);
    await select(ids.leeds);
    assert.equal(await driver.findElement(By.id("queue-count")).getText(), "5 events awaiting review, 2 selected");
    await driver.findElement(button("Approve selected")).click();
    await banner("2 events approved");
    assert.equal(status(ids.kent), "approved");
    assert.equal(status(ids.leeds), "approved");
    const left = await queueIsTheClis();
    assert.deepEqual(left.map((q) => q.title), [CHANGED, BACK, HOSTILE]);
    assert.equal(await driver.findElement(By.id("queue-count")).getText(), "3 events awaiting review");
    assert.equal((await driver.findElements(By.css("#queue input:checked"))).length, 0, "nothing selected after");
    await shot("review-approved");
  });

  it("returns a selection only with a note: the core's message in the error summary, then returned with it", async () => {
    await select(ids.hostile);
    await select(ids.back);
    await driver.findElement(button("Return selected")).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    const expected = cliError("event", "return", String(ids.hostile), String(ids.back), "--note", "");
    const link = await summary.findElement(By.css("a"));
    assert.equal(await link.getText(), expected.charAt(0).toUpperCase() + expected.slice(1));
    assert.equal(await driver.executeScript("return arguments[0].getAttribute(\"href\")", link), "#review-note");
    const message = await driver.findElement(By.id("review-note-error")).getText();
    assert.ok(message.endsWith(expected.charAt(0).toUpperCase() + expected.slice(1)), message);
    assert.equal(status(ids.hostile), "submitted", "nothing changed");
    assert.equal(status(ids.back), "submitted", "nothing changed");
    await shot("review-return-needs-a-note");
    await axe("the review queue with an error");
    await link.click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "review-note", "the summary's link goes to the note");

    await driver.findElement(By.id("review-note")).sendKeys("Say who it is for");
    await driver.findElement(button("Return selected")).click();
    await banner("2 events returned to their councils");
    assert.equal((await driver.findElements(By.css(".error-summary"))).length, 0, "the error is gone");
    for (const id of [ids.hostile, ids.back]) {
      const e = json("event", "show", String(id));
      assert.equal(e.status, "returned");
      assert.equal(e.status_note, "Say who it is for");
    }
    assert.deepEqual((await queueIsTheClis()).map((q) => q.title), [CHANGED]);
    assert.equal(await driver.findElement(By.id("review-note")).getAttribute("value"), "", "the note is cleared");
    await shot("review-returned");
  });

  it("refuses a selection whole when the core refuses one event in it, with the core's message naming it", async () => {
    // Back in the queue: the council changes the returned event.
    as("council-organiser", ORGANISER);
    cli("event", "edit", String(ids.hostile), "--venue", "Civic Hall");
    as("lga-officer", "Jo Bloggs");
    assert.deepEqual((await queueIsTheClis()).map((q) => q.title), [CHANGED, HOSTILE]);
    // The window does not look again until the person comes back to it,
    // so the queue it shows is out of date once the CLI approves one.
    await driver.executeScript("document.hasFocus = () => false");
    await select(ids.changed);
    await select(ids.hostile);
    cli("event", "approve", String(ids.hostile));
    const expected = cliError("event", "approve", String(ids.changed), String(ids.hostile));
    assert.match(expected, new RegExp(`^event ${ids.hostile}: .*none of the 2 events was changed$`));
    await driver.findElement(button("Approve selected")).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.equal(await summary.findElement(By.css("li")).getText(), expected.charAt(0).toUpperCase() + expected.slice(1));
    assert.equal((await driver.findElements(By.css(".notification-banner"))).length, 0, "no banner");
    assert.ok(json("review").some((q) => q.id === ids.changed), "the other event is still awaiting review: nothing changed");
    await shot("review-refused");
    await driver.executeScript("delete document.hasFocus");
    assert.deepEqual((await queueIsTheClis()).map((q) => q.title), [CHANGED]);
  });

  it("accepts a change to an approved event: it stays approved and leaves the queue", async () => {
    await select(ids.changed);
    await driver.findElement(button("Approve selected")).click();
    await banner("1 event approved");
    assert.equal(status(ids.changed), "approved");
    await driver.wait(until.elementLocated(By.id("queue-empty")), WAIT);
    assert.equal(await driver.findElement(By.id("queue-empty")).getText(), "No events are awaiting review.");
    assert.deepEqual(json("review"), []);
    await axe("the empty review queue");
  });

  it("tells a council organiser the queue is the LGA's, with no Review in the menu", async () => {
    as("council-organiser", ORGANISER);
    cli("event", "edit", String(ids.kent), "--venue", "Sessions House");
    await driver.wait(async () => (await driver.findElements(By.xpath(`//nav//a[normalize-space()="Review"]`))).length === 0, WAIT,
      "the menu has no Review for an organiser");
    const whose = await driver.wait(until.elementLocated(By.id("review-whose")), WAIT);
    assert.match(await whose.getText(), /The review queue is the LGA's/);
    await queueIsTheClis();
    assert.equal((await driver.findElements(By.css("#queue input[type=checkbox]"))).length, 0, "nothing to select");
    assert.equal((await driver.findElements(button("Approve selected"))).length, 0, "no approval offered");
    await shot("review-organiser");
    await axe("the review queue for an organiser");
  });

  it("kept to its strict CSP on the review screen", async () => {
    const violations = await driver.executeScript("return window.cspViolations");
    assert.ok(Array.isArray(violations), "the CSP listener was still installed: no page reloaded");
    assert.deepEqual(violations, []);
  });
});
