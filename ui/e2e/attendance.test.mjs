// End-to-end tests of ministerial and VIP attendance in the real window:
// the requests board, who may make which move, the clash warning before
// accepting, a person's week with travel, the itinerary planner's forward
// step, the briefing note (shown, and saved as a tagged PDF through the
// native save dialog) and the notices after a cancellation. Started
// by ui/e2e/run.sh on a database of its own, seeded here through the CLI.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { By, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, json, banner, answerSaveDialog } from "./window.mjs";

/** Opens a screen by its address, as a link would, and waits for its heading. */
async function open(hash, h1) {
  await driver.executeScript(`location.hash = ${JSON.stringify(hash)}`);
  await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()=${JSON.stringify(h1)}]`)), WAIT, `${hash} shows "${h1}"`);
}

async function go(label) {
  await driver.findElement(By.xpath(`//nav//a[normalize-space()="${label}"]`)).click();
  await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="${label}"]`)), WAIT);
}

async function type(id, text) {
  const el = await driver.findElement(By.id(id));
  await el.clear();
  if (text) await el.sendKeys(text);
}

async function choose(select, value) {
  await driver.findElement(By.css(`#${select} option[value="${value}"]`)).click();
}

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);

async function press(label) {
  await driver.findElement(button(label)).click();
}

async function buttons() {
  const found = await driver.findElements(By.css("main .button-group button"));
  return Promise.all(found.map((b) => b.getText()));
}

function event(title, start, end, { council = "Kent", more = [] } = {}) {
  return json("event", "add", "--council", council, "--title", title, "--start", start, "--end", end, ...more).id;
}

const AWARDS = "Kent care leavers' awards";
const LUNCH = "Kent foster carers' lunch";
const MINISTER = "Edward Timpson MP";
const ids = {};

describe("ministerial and VIP attendance in the window", { timeout: 300_000 }, () => {
  before(async () => {
    cli("settings", "set", "--council", "Kent", "--name", "Kim Organiser");
    // Maidstone, then Canterbury a quarter of an hour later: not enough time.
    ids.awards = event(AWARDS, "2014-10-28T10:00", "2014-10-28T12:00", { more: ["--venue", "Sessions House", "--postcode", "ME14 1XQ"] });
    ids.lunch = event(LUNCH, "2014-10-28T12:15", "2014-10-28T13:30", { more: ["--venue", "Canterbury Guildhall", "--postcode", "CT1 2EH"] });
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`attendance-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("asks for the minister from an event's page: the core's errors beside each field, then a draft the council submits, with no LGA move offered", async () => {
    await open(`#/events/${ids.awards}`, AWARDS);
    await driver.findElement(By.xpath(`//a[normalize-space()="Ask for a minister or VIP to attend"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Ask for a minister or VIP to attend"]`)), WAIT);
    await axe("the form asking for someone to attend");
    await driver.wait(until.elementLocated(By.css("#person option[value='1']")), WAIT);
    await choose("person", "1");
    await choose("role", "speak");
    // The roles and their names are the core's (`ReferenceData.request_roles`).
    const roles = await driver.executeScript(`return [...document.querySelectorAll("#role option")].map((o) => [o.value, o.textContent.trim()]);`);
    assert.deepEqual(roles, [["visit", "Visit"], ["speak", "Speak"], ["meet-young-people", "Meet young people"],
      ["present-awards", "Present awards"], ["other", "Attend"]]);
    await type("from", "09:00");
    await type("to", "11:00");
    await type("contact-email", "not an address");
    await press("Save request");
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    const said = await summary.getText();
    assert.match(said, /There is a problem/);
    assert.match(said, /within the event/);
    assert.match(await driver.findElement(By.id("from-error")).getText(), /within the event \(Tuesday 28 October 2014, 10am to midday\)/);
    assert.ok(await driver.findElement(By.id("contact-email-error")).isDisplayed(), "the e-mail's error is beside it");
    await summary.findElement(By.xpath(`.//a[contains(., "within the event")]`)).click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "from", "the summary's link goes to the field");
    await axe("the request form with errors");
    await shot("attendance-ask-errors");
    assert.equal(json("request", "list").length, 0, "a refused form writes nothing");

    await type("from", "10:30");
    await type("to", "11:30");
    await type("case", "The minister would meet care leavers who won this year's awards.");
    await type("contact-name", "Sam Contact");
    await type("contact-email", "sam.contact@kent.gov.uk");
    await press("Save request");
    await banner("Request saved as a draft");
    assert.equal(await driver.findElement(By.css("h1")).getText(), AWARDS);
    assert.deepEqual(await buttons(), ["Submit to the LGA", "Withdraw request"]);
    await press("Submit to the LGA");
    await banner("Request submitted to the LGA");
    assert.equal(await driver.findElement(By.css("h1 + p .tag")).getText(), "Submitted to the LGA");
    // A council organiser is offered no LGA move: not forwarding, accepting
    // or the priority.
    assert.deepEqual(await buttons(), ["Withdraw request"]);
    assert.equal((await driver.findElements(button("Forward to the office"))).length, 0);
    assert.equal((await driver.findElements(button("Record as accepted"))).length, 0);
    assert.equal((await driver.findElements(button("Set priority"))).length, 0);
    const text = await driver.findElement(By.css("main")).getText();
    assert.match(text, /Tuesday 28 October 2014, 10:30am to 11:30am \(part of the event\)/);
    assert.match(text, /Sam Contact\nsam\.contact@kent\.gov\.uk/);
    assert.equal(await driver.findElement(By.xpath(`//dt[normalize-space()="Asked to"]/following-sibling::dd`)).getText(), "Speak",
      "the role named as on the form");
    await driver.findElement(By.xpath(`//table[@aria-labelledby="history"]//td[contains(., "Kim Organiser")]`));
    await axe("a request as a council organiser");
    await shot("attendance-request-organiser");

    const shown = json("request", "show", "1");
    assert.equal(shown.status, "submitted");
    assert.equal(shown.history.length, 2);
    // Asked anyway (as a stale page might), the window is refused by the
    // core with the very message the CLI prints, and nothing changes.
    const fromWindow = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke("move_request", { id: 1, action: "forward", note: { note: "", override: "" } })
        .then(() => done(null), (e) => done(e));
    `);
    assert.equal(fromWindow?.code, "forbidden", JSON.stringify(fromWindow));
    const fromCli = spawnSync(CLI, ["request", "forward", "1"], { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
    assert.notEqual(fromCli.status, 0);
    assert.equal(fromCli.stderr, `error: ${fromWindow.message}\n`);
    assert.equal(json("request", "show", "1").status, "submitted");
  });

  it("shows the board by status, closed requests folded away, with filters by person and status", async () => {
    const lunch = json("request", "add", "--event", String(ids.lunch), "--person", "1").id;
    cli("request", "submit", String(lunch));
    ids.lunchRequest = lunch;
    json("request", "add", "--event", String(ids.awards), "--person", "4");
    const gone = json("request", "add", "--event", String(ids.lunch), "--person", "2").id;
    cli("request", "withdraw", String(gone), "--note", "The councillor is away");

    await go("Requests");
    const rows = async (lane) => {
      const cells = await driver.findElements(By.css(`section[aria-labelledby="lane-${lane}"] tbody tr td:first-child`));
      return Promise.all(cells.map((c) => c.getAttribute("textContent")));
    };
    await driver.wait(async () => (await rows("submitted")).length === 2, WAIT, "two submitted requests");
    assert.deepEqual(await rows("submitted"), [AWARDS, LUNCH]);
    assert.deepEqual(await rows("draft"), [AWARDS]);
    assert.deepEqual(await rows("withdrawn"), [LUNCH]);
    assert.equal(await driver.findElement(By.css("details")).getAttribute("open"), null, "closed requests are folded away");
    assert.equal(await driver.findElement(By.css(`section[aria-labelledby="lane-withdrawn"]`)).isDisplayed(), false);
    const cells = await driver.findElements(By.css(`section[aria-labelledby="lane-submitted"] tbody tr:first-child td`));
    assert.deepEqual(await Promise.all(cells.map((c) => c.getText())),
      [AWARDS, MINISTER, "Kent\nSouth East", "Tuesday 28 October 2014, 10:30am to 11:30am", "3 of 5", "Kent"]);
    assert.match(await driver.findElement(By.css("details summary")).getText(), /Declined and withdrawn \(1\)/);
    await axe("the requests board");
    await shot("attendance-board");

    await choose("filter-person", "4");
    await driver.wait(async () => (await rows("submitted")).length === 0 && (await rows("draft")).length === 1, WAIT, "only Isabelle Trowler's");
    assert.match(await driver.findElement(By.id("requests-count")).getText(), /^1 request matches the filters\.$/);
    await choose("filter-person", "");
    await choose("filter-status", "withdrawn");
    await driver.wait(async () => (await driver.findElements(By.css(`section[aria-labelledby="lane-submitted"]`))).length === 0, WAIT);
    assert.equal(await driver.findElement(By.css(`section[aria-labelledby="lane-withdrawn"]`)).isDisplayed(), true, "a closed status chosen is unfolded");
    assert.match(await driver.getCurrentUrl(), /#\/requests\?status=withdrawn$/);
    await choose("filter-status", "");
    await driver.findElement(By.xpath(`//section[@aria-labelledby="lane-submitted"]//a[normalize-space()="${LUNCH}"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="${LUNCH}"]`)), WAIT);
  });

  it("lets an LGA officer forward and accept, and shows the clash before accepting, with a reason required to override it", async () => {
    cli("settings", "set", "--role", "lga-officer", "--name", "Jo Bloggs");
    await open("#/requests/1", AWARDS);
    await driver.wait(until.elementLocated(button("Forward to the office")), WAIT);
    assert.deepEqual(await buttons(), ["Forward to the office"], "an LGA officer forwards; the council submits and withdraws");
    await choose("priority", "5");
    await press("Set priority");
    await banner("Priority set to 5 of 5");
    await press("Forward to the office");
    await banner("Request forwarded to the office");
    assert.deepEqual(await buttons(), ["Record as accepted", "Record as declined"]);
    assert.equal((await driver.findElements(By.id("clash-warning"))).length, 0, "nothing to clash with: accepting is one step");
    await press("Record as accepted");
    await banner("Request recorded as accepted");
    assert.equal(await driver.findElement(By.css("h1 + p .tag")).getText(), "Accepted");

    cli("request", "forward", String(ids.lunchRequest));
    await open(`#/requests/${ids.lunchRequest}`, LUNCH);
    const warning = await driver.wait(until.elementLocated(By.id("clash-warning")), WAIT);
    const words = await warning.getText();
    assert.match(words, new RegExp(`Accepting this request would clash with ${MINISTER}'s diary`));
    assert.match(words, new RegExp(AWARDS));
    assert.match(words, /\d+ minutes?/, "the travel time is named");
    await driver.findElement(By.xpath(`//label[@for="override"][normalize-space()="Reason for overriding the clash"]`));
    await axe("the clash warning before accepting");
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'start' })", warning);
    await shot("attendance-clash-warning", { top: false });
    await press("Record as accepted");
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), new RegExp(`cannot be accepted for ${MINISTER}: .*give a reason for overriding the clash`));
    assert.match(await driver.findElement(By.id("override-error")).getText(), /give a reason for overriding the clash/);
    assert.equal(json("request", "show", String(ids.lunchRequest)).status, "forwarded", "a refused accept writes nothing");
    await axe("the clash refused without a reason");
    await shot("attendance-clash-refused");
    await type("override", "The minister's car is on standby");
    await press("Record as accepted");
    await banner("Request recorded as accepted");
    await driver.findElement(By.xpath(`//table[@aria-labelledby="history"]//td[contains(., "Reason for overriding the clash: The minister's car is on standby")]`));
    const shown = json("request", "show", String(ids.lunchRequest));
    assert.equal(shown.status, "accepted");
    assert.equal(shown.history.at(-1).override_reason, "The minister's car is on standby");
    assert.equal(shown.history.at(-1).who, "Jo Bloggs");
  });

  it("shows an accepted engagement's briefing note and saves it as a tagged PDF through the save dialog; a request not accepted has none", async () => {
    await open("#/requests/1", AWARDS);
    const link = await driver.findElement(By.xpath(`//a[normalize-space()="Read and save the briefing note"]`));
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", link);
    await shot("attendance-request-briefing-link", { top: false });
    await link.click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()=${JSON.stringify(`Briefing: ${AWARDS}`)}]`)), WAIT);
    assert.match(await driver.getCurrentUrl(), /#\/requests\/1\/brief$/);
    const main = await driver.findElement(By.css("main"));
    const text = await main.getText();
    assert.ok(text.includes(`For ${MINISTER}, ${json("person", "show", "1").title}`), "the subtitle names the minister and title");
    // The LGA papers' layout, its headings as headings under the page's h1.
    const headings = async (tag) => Promise.all((await driver.findElements(By.css(`article ${tag}`))).map((h) => h.getText()));
    assert.deepEqual((await headings("h2")).slice(0, 4), ["Purpose of report", "Summary", "Recommendation", "Action"]);
    assert.ok((await headings("h3")).includes("The engagement"), "sections under the background are h3");
    // The timings, as a table: travel in, the event, the part the minister attends.
    const table = await driver.findElement(By.xpath(`//article//table[caption[normalize-space()="Timings on Tuesday 28 October 2014"]]`));
    const rows = await Promise.all((await table.findElements(By.css("tbody tr")))
      .map(async (r) => Promise.all((await r.findElements(By.css("td"))).map((c) => c.getText()))));
    assert.equal(rows.length, 4, `travel in, the event, the minister's part, travel on: ${JSON.stringify(rows)}`);
    assert.match(rows[0][0], /^Travel from .*SW1P 3BT$/, "from the minister's base");
    assert.match(rows[0][1], /^Leave by \d{1,2}:\d\d(am|pm)$/);
    assert.match(rows[0][2], /^(\d+ hours?)? ?(\d+ minutes?)?$/);
    assert.deepEqual(rows[1], ["The event", "10am to midday", "Sessions House, ME14 1XQ"]);
    assert.deepEqual(rows[2], [`${MINISTER} attends`, "10:30am to 11:30am", "To speak"]);
    assert.equal(rows[3][0], `Travel to ${LUNCH}`, "on to the next engagement that day");
    // The contact officer, as a summary list.
    const contact = await driver.findElement(By.xpath(`//article//dt[normalize-space()="Contact officer"]/following-sibling::dd`));
    assert.equal(await contact.getText(), "Sam Contact");
    assert.equal(await driver.findElement(By.xpath(`//article//dt[normalize-space()="E-mail"]/following-sibling::dd`)).getText(), "sam.contact@kent.gov.uk");
    // Numbered as the papers are, numbers from the core.
    const numbered = await Promise.all((await driver.findElements(By.css("article p.numbered"))).map(async (p) =>
      [await p.findElement(By.css(".numbered__number")).getText(), await p.getAttribute("class")]));
    assert.deepEqual(numbered.slice(0, 4).map(([n]) => n), ["1.", "2.", "2.1", "3."]);
    assert.match(numbered[2][1], /numbered--sub/, "2.1 is set under 2.");
    assert.match(await driver.findElement(By.css("article p.numbered")).getText(), /^1\.\s+Kent care leavers' awards is hosted by Kent \(South East\)\.$/);
    await axe("the briefing note");
    await shot("attendance-briefing");
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", table);
    await shot("attendance-briefing-timings", { top: false });

    // Saved as PDF through the native save dialog, progress over the channel.
    await driver.executeScript(`
      window.progressSeen = [];
      new MutationObserver(() => {
        const label = document.querySelector("label[for=briefing-progress]");
        if (label && window.progressSeen.at(-1) !== label.textContent) window.progressSeen.push(label.textContent);
      }).observe(document.querySelector("main"), { subtree: true, childList: true, characterData: true });
    `);
    const target = path.join(path.dirname(DB), "minister-briefing");
    await press("Save as PDF");
    await answerSaveDialog("Save the briefing note as PDF", target);
    const saved = await banner("Briefing note saved as PDF");
    assert.match(await saved.getText(), new RegExp(`to ${target}\\.pdf`));
    const pdf = readFileSync(`${target}.pdf`);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    const info = execFileSync("pdfinfo", [`${target}.pdf`], { encoding: "utf8" });
    assert.match(info, /^Tagged:\s+yes$/m, info);
    const words = execFileSync("pdftotext", [`${target}.pdf`, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const said of [AWARDS, "10:30am to 11:30am", "Sam Contact", "Contact officer"]) {
      assert.ok(words.includes(said), `the PDF says "${said}"`);
    }
    const seen = await driver.executeScript("return window.progressSeen");
    assert.ok(seen.includes("Setting it as a PDF"), `progress came over the channel: ${JSON.stringify(seen)}`);
    assert.equal(seen.at(-1), "Saving the file", JSON.stringify(seen));
    await axe("the briefing note after saving");
    await shot("attendance-briefing-saved");

    // A request that is not accepted has no briefing link, and its note,
    // asked for by address, is refused by the core in words.
    const draft = json("request", "list", "--status", "draft")[0];
    await open(`#/requests/${draft.id}`, AWARDS);
    await driver.wait(until.elementLocated(By.xpath(`//h2[normalize-space()="History"]`)), WAIT);
    assert.equal((await driver.findElements(By.xpath(`//a[contains(., "briefing note")]`))).length, 0, "no briefing link for a draft");
    await open(`#/requests/${draft.id}/brief`, "There is no briefing note to show");
    assert.match(await driver.findElement(By.css("main")).getText(),
      new RegExp(`A briefing note is written for an accepted engagement; request ${draft.id} is draft\\.`));
    assert.equal((await driver.findElements(button("Save as PDF"))).length, 0);
    await axe("a request with no briefing note");
  });

  it("asks, as an LGA officer, for someone at an LGA-led slot with no council's event behind it", async () => {
    await go("Requests");
    await driver.findElement(By.xpath(`//a[normalize-space()="Ask for an LGA-led slot"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Ask for an LGA-led slot"]`)), WAIT);
    await driver.wait(until.elementLocated(By.css("#person option[value='3']")), WAIT);
    await choose("person", "3");
    await press("Save request");
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    const said = await summary.getText();
    for (const field of ["title", "start", "end"]) {
      assert.ok(await driver.findElement(By.id(`${field}-error`)).isDisplayed(), `${field}'s error is beside it: ${said}`);
    }
    await axe("the LGA-led slot form with errors");
    await type("title", "NCAS conference: the care leavers' panel");
    await type("start-day", "30");
    await type("start-month", "10");
    await type("start-year", "2014");
    await type("start-time", "14:00");
    await type("end-day", "30");
    await type("end-month", "10");
    await type("end-year", "2014");
    await type("end-time", "15:00");
    await type("venue", "Manchester Central");
    await type("postcode", "M2 3GX");
    await choose("region", "North West");
    await choose("priority", "4");
    await press("Save request");
    await banner("Request saved as a draft");
    const text = await driver.findElement(By.css("main")).getText();
    assert.match(text, /An LGA-led slot, not a council's event/);
    assert.match(text, /Asked by\s*The LGA/);
    assert.match(text, /Region\s*North West/);
    assert.match(text, /Thursday 30 October 2014, 2pm to 3pm/);
    assert.deepEqual(await buttons(), ["Submit to the LGA", "Withdraw request"], "the LGA submits and withdraws what it asked for");
    await axe("an LGA-led slot's request");
    await shot("attendance-slot");
    const slot = json("request", "list", "--person", "3").at(-1);
    assert.deepEqual([slot.event_id, slot.priority, slot.asked_by.by], [null, 4, "lga"]);
  });

  it("draws the minister's week with travel from home, between engagements and back, marking travel without enough time in words, and the same as a table", async () => {
    await go("Diaries");
    await driver.wait(until.elementLocated(By.css(".timeline__entry--engagement")), WAIT);
    const row = await driver.findElement(By.css(`.timeline__row[data-date="2014-10-28"]`));
    const engagements = await row.findElements(By.css(".timeline__entry--engagement"));
    assert.equal(engagements.length, 2);
    const travel = await row.findElements(By.css(".timeline__entry--travel"));
    assert.equal(travel.length, 3, "from home, between the two, and home again");
    const short = await row.findElements(By.css(`.timeline__entry--travel[data-look="short"]`));
    assert.equal(short.length, 1, "Maidstone to Canterbury in a quarter of an hour cannot be done");
    assert.match(await short[0].getAttribute("textContent"), /Not enough time/);
    assert.match(await engagements[0].getAttribute("textContent"), /Accepted/);
    const table = await driver.findElement(By.id("diary-2014-10-28"));
    const text = await table.getText();
    assert.match(text, new RegExp(`Travel from Home base to ${AWARDS}, \\d+ minutes`));
    assert.match(text, new RegExp(`Travel from ${AWARDS} to ${LUNCH}, \\d+ minutes[^\\n]*\\n[^\\n]*\\n?.*Not enough time`));
    assert.match(text, new RegExp(`Travel from ${LUNCH} to Home base`));
    await axe("the minister's week");
    await shot("attendance-diary");
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'start' })", table);
    await shot("attendance-diary-table", { top: false });
  });

  it("plans the minister's Wednesday and forwards the plan in one step, then shows what changed", async () => {
    // Within a day's reach of the minister's base in Westminster; Bristol
    // overlaps Camden, which has the higher priority.
    const camden = event("Camden children in care council", "2014-10-29T10:00", "2014-10-29T11:00", { council: "Camden", more: ["--postcode", "WC1H 9JE"] });
    const bristol = event("Bristol care leavers' forum", "2014-10-29T10:30", "2014-10-29T11:30", { council: "Bristol", more: ["--postcode", "BS1 5TR"] });
    const tea = event("Croydon foster carers' tea", "2014-10-29T15:00", "2014-10-29T16:00", { council: "Croydon", more: ["--postcode", "CR0 1NX"] });
    const ask = (e, priority) => {
      const id = json("request", "add", "--event", String(e), "--person", "1", "--priority", priority).id;
      cli("request", "submit", String(id));
      return id;
    };
    const plan = { camden: ask(camden, "5"), bristol: ask(bristol, "3"), tea: ask(tea, "2") };
    ids.camden = camden;
    ids.camdenRequest = plan.camden;

    await open("#/diaries/1/plan", "Plan an itinerary");
    await choose("day", "2014-10-29");
    await driver.wait(until.elementLocated(By.id("chosen")), WAIT);
    const titles = async (table) => {
      const cells = await driver.findElements(By.css(`#${table} tbody tr td:first-child`));
      return Promise.all(cells.map((c) => c.getText()));
    };
    await driver.wait(async () => (await titles("chosen")).length === 2, WAIT);
    assert.deepEqual(await titles("chosen"), ["Camden children in care council", "Croydon foster carers' tea"]);
    assert.deepEqual(await titles("left-out"), ["Bristol care leavers' forum"]);
    const why = await driver.findElement(By.css("#left-out tbody tr td:last-child")).getText();
    assert.match(why, /Camden children in care council/, `the reason names what it clashes with: ${why}`);
    assert.match(await driver.findElement(By.id("plan-summary")).getText(), /2 engagements of 3 requests, total priority 7/);
    await axe("the itinerary planner");
    await shot("attendance-planner");

    await press("Forward the plan to the office");
    const done = await banner("2 requests forwarded to the office");
    const said = await done.getText();
    assert.match(said, /Camden children in care council, Wednesday 29 October 2014, 10am to 11am: now forwarded to the office/);
    assert.match(said, /Croydon foster carers' tea/);
    assert.doesNotMatch(said, /Bristol/);
    const status = (id) => json("request", "show", String(id)).status;
    assert.deepEqual([status(plan.camden), status(plan.bristol), status(plan.tea)], ["forwarded", "submitted", "forwarded"]);
    assert.match(await driver.findElement(By.css("main")).getText(), /Every proposed request is with the office already/);
    await axe("the planner after forwarding");
    await shot("attendance-planner-forwarded");
  });

  it("shows, after an event is cancelled, the requests it withdrew on the event's page", async () => {
    await open(`#/events/${ids.lunch}`, LUNCH);
    await driver.findElement(By.xpath(`//h2[normalize-space()="Requests to attend"]/following-sibling::ul//a[contains(., "${MINISTER}")]`));
    await type("review-note", "The hall is flooded");
    await press("Cancel event");
    const important = await banner("Requests to attend this event have changed");
    assert.match(await important.getText(), new RegExp(`was withdrawn because the event was cancelled`));
    assert.match(await important.getText(), new RegExp(MINISTER));
    assert.equal(json("request", "show", String(ids.lunchRequest)).status, "withdrawn");
    await axe("the event's page after cancelling it");
    await shot("attendance-event-cancelled-notices");
  });

  it("shows, after an event is moved, the accepted request sent back to the office on the event's page", async () => {
    cli("request", "accept", String(ids.camdenRequest));
    await open(`#/events/${ids.camden}/edit`, "Change event");
    await driver.wait(async () => (await driver.findElement(By.id("start-time")).getAttribute("value")) === "10:00", WAIT);
    await type("start-time", "11:00");
    await type("end-time", "12:00");
    await press("Save event");
    const important = await banner("Requests to attend this event have changed");
    const said = await important.getText();
    assert.match(said, new RegExp(`Request ${ids.camdenRequest} for ${MINISTER}: the event moved: the engagement was .*10am.*, now .*11am.*; back with the office to confirm`, "i"));
    await driver.findElement(By.xpath(`//p[normalize-space()="Event saved"]`));
    assert.equal(json("request", "show", String(ids.camdenRequest)).status, "forwarded");
    await axe("the event's page after moving it");
    await shot("attendance-event-moved-notices");
  });

  it("counts the ministerial engagements and the requests by status on the Dashboard, as the core does", async () => {
    const figures = json("programme", "summary").attendance;
    assert.ok(figures.ministerial_engagements >= 1, "the minister has an accepted engagement by now");
    await go("Dashboard");
    const headline = await driver.wait(until.elementLocated(By.id("ministerial-engagements")), WAIT);
    const n = figures.ministerial_engagements;
    const r = figures.requests;
    assert.equal(await headline.getText(),
      `${n} ministerial engagement${n === 1 ? "" : "s"} (accepted or held) from ${r} request${r === 1 ? "" : "s"}.`);
    const rows = await driver.findElements(By.css(`section[aria-labelledby="attendance"] tbody tr`));
    const shown = await Promise.all(rows.map(async (row) =>
      [await row.findElement(By.css("th")).getText(), await row.findElement(By.css("td")).getText()]));
    assert.deepEqual(shown, figures.by_status.map((s) => [s.label, String(s.count)]));
    await axe("the dashboard with requests to attend");
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'start' })", headline);
    await shot("attendance-dashboard", { top: false });
  });

  it("kept to its strict CSP on every attendance screen", async () => {
    const violations = await driver.executeScript("return window.cspViolations");
    assert.ok(Array.isArray(violations), "the CSP listener was still installed: no page reloaded");
    assert.deepEqual(violations, []);
  });
});
