// End-to-end tests: the real app binary in a real WebKitGTK window, driven
// through tauri-driver and WebKitWebDriver, on its own database. Started by
// ui/e2e/run.sh, which sets the environment read here.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, answerSaveDialog, answerOpenDialog } from "./window.mjs";

async function go(label) {
  const link = await driver.findElement(By.xpath(`//nav//a[normalize-space()="${label}"]`));
  await link.click();
  await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="${label}"]`)), WAIT);
}

/** A TCP port nothing listens on now. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function heading() {
  return (await driver.wait(until.elementLocated(By.css("h1")), WAIT)).getText();
}

async function type(id, text) {
  const el = await driver.findElement(By.id(id));
  await el.clear();
  if (text) await el.sendKeys(text);
}

async function fillDate(name, day, month, year, time) {
  await type(`${name}-day`, day);
  await type(`${name}-month`, month);
  await type(`${name}-year`, year);
  if (time !== undefined) await type(`${name}-time`, time);
}

async function openAddForm() {
  await go("Events");
  await driver.findElement(By.xpath(`//a[normalize-space()="Add event"]`)).click();
  await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Add event"]`)), WAIT);
}

async function save() {
  await driver.findElement(By.xpath(`//button[normalize-space()="Save event"]`)).click();
}

async function tableTitles() {
  const links = await driver.findElements(By.css(".events-table tbody a"));
  return Promise.all(links.map((l) => l.getText()));
}

async function waitForRow(title) {
  await driver.wait(async () => (await tableTitles()).includes(title), WAIT, `no row titled ${title}`);
}

const TITLE = "Kent celebrates its care leavers";
const HOSTILE = "<img src=x onerror=alert(1)>";

describe("cpweek desktop app", { timeout: 300_000 }, () => {
  before(async () => {
    await openWindow({ heading: "Week" });
  });

  afterEach(async (t) => {
    // What the window showed when each test ended, to read after a failure.
    await shot(`end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`.replace("--", "-"), { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("shows the 2014 week as seven days with the NCAS conference days marked", async () => {
    const days = await driver.findElements(By.css(".week__day h2"));
    const names = await Promise.all(days.map((d) => d.getText()));
    assert.deepEqual(names, [
      "Monday 27 October", "Tuesday 28 October", "Wednesday 29 October", "Thursday 30 October",
      "Friday 31 October", "Saturday 1 November", "Sunday 2 November",
    ]);
    const marked = await driver.findElements(By.css(".week__day--conference"));
    assert.equal(marked.length, 3);
    await axe("the week");
    await shot("week-empty");
  });

  it("shows the core's error beside End and in the error summary when the end is before the start", async () => {
    await openAddForm();
    await axe("the add event form");
    await shot("event-form");
    for (const label of ["Council", "Title", "Description", "Start", "End", "All day", "Venue", "Address", "Postcode",
      "Themes", "Audiences", "Private event", "Contact name", "Contact email", "Contact phone", "Booking link", "Capacity"]) {
      const found = await driver.findElements(By.xpath(`//label[normalize-space()="${label}"] | //legend[normalize-space()="${label}"]`));
      assert.equal(found.length, 1, `one visible label "${label}"`);
    }
    await type("council", "Kent");
    await type("title", TITLE);
    await fillDate("start", "28", "10", "2014", "10:00");
    await fillDate("end", "28", "10", "2014", "09:00");
    await save();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    const text = await summary.getText();
    await shot("event-form-errors");
    assert.match(text, /There is a problem/);
    assert.match(text, /End 2014-10-28 09:00 is before start 2014-10-28 10:00/);
    const beside = await driver.findElement(By.id("end-error")).getText();
    assert.match(beside, /End 2014-10-28 09:00 is before start 2014-10-28 10:00/);
    // The summary's link takes the focus to the field at fault.
    await summary.findElement(By.css("a")).click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "end-day");
    await axe("the form with errors");
    await shot("event-form-error-field", { top: false });
  });

  it("adds an event through the form and shows it, its table row and its place in the week", async () => {
    await fillDate("end", "28", "10", "2014", "12:00");
    await type("venue", "Sessions House");
    await type("postcode", "me14 1xq");
    await driver.findElement(By.xpath(`//label[normalize-space()="Care leavers"]`)).click().catch(() => {});
    await save();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="${TITLE}"]`)), WAIT);
    const page = await driver.findElement(By.css("main")).getText();
    assert.match(page, /Tuesday 28 October 2014, 10am to midday/);
    assert.match(page, /Submitted/);
    assert.match(page, /ME14 1XQ/);
    await axe("the event");
    await shot("event-detail");

    await go("Events");
    await waitForRow(TITLE);
    await go("Week");
    const tuesday = await driver.findElement(By.xpath(`//section[.//h2[normalize-space()="Tuesday 28 October"]]`));
    const inWeek = await tuesday.findElements(By.xpath(`.//a[contains(normalize-space(), "${TITLE}")]`));
    assert.equal(inWeek.length, 1, "the event is in Tuesday's column");
    await shot("week");
  });

  it("renders a hostile title as text and runs nothing", async () => {
    await openAddForm();
    await type("council", "Leeds");
    await type("title", HOSTILE);
    await fillDate("start", "29", "10", "2014", "2pm");
    await fillDate("end", "29", "10", "2014", "3pm");
    await save();
    const h1 = await driver.wait(until.elementLocated(By.css("h1.event-title")), WAIT);
    assert.equal(await h1.getText(), HOSTILE);
    assert.equal((await h1.findElements(By.css("img"))).length, 0);
    await go("Events");
    await waitForRow(HOSTILE);
    await go("Week");
    const images = await driver.executeScript("return document.querySelectorAll('img').length");
    assert.equal(images, 0, "no element was made from the title");
    await assert.rejects(driver.switchTo().alert(), "no alert was opened");
  });

  it("finds the event by search", async () => {
    await go("Events");
    await type("search", "celebrates its care");
    await driver.wait(async () => {
      const t = await tableTitles();
      return t.length === 1 && t[0] === TITLE;
    }, WAIT, "search leaves exactly the Kent event");
    assert.match(await driver.findElement(By.id("events-count")).getText(), /^1 event of 2$/);
    await axe("the events table");
    await shot("events");
    await type("search", "");
  });

  it("shares the database with the cpweek CLI both ways", async () => {
    cli("event", "add", "--council", "Bristol", "--title", "Added from the CLI",
      "--start", "2014-10-30T10:00", "--end", "2014-10-30T11:00");
    await go("Week");
    await go("Events");
    await waitForRow("Added from the CLI");
    const listed = JSON.parse(cli("event", "list", "--json"));
    const titles = listed.map((e) => e.title);
    assert.ok(titles.includes(TITLE), `cpweek event list has the window's event: ${titles}`);
    assert.ok(titles.includes(HOSTILE));
  });

  it("moves between table rows with the arrow keys and sorts by a column", async () => {
    await go("Events");
    await waitForRow("Added from the CLI");
    const first = await driver.findElement(By.css(".events-table tbody a"));
    const firstId = await first.getAttribute("id");
    await first.sendKeys(Key.ARROW_DOWN);
    const second = await driver.switchTo().activeElement();
    assert.notEqual(await second.getAttribute("id"), firstId);
    assert.equal(await second.getText(), (await tableTitles())[1]);
    await second.sendKeys(Key.ARROW_UP);
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), firstId);

    await driver.findElement(By.xpath(`//th//button[normalize-space()="Title"]`)).click();
    assert.equal(await driver.findElement(By.xpath(`//th[.//button[normalize-space()="Title"]]`)).getAttribute("aria-sort"), "ascending");
    assert.deepEqual(await tableTitles(), [HOSTILE, "Added from the CLI", TITLE]);
    await driver.findElement(By.xpath(`//th//button[normalize-space()="Title"]`)).click();
    assert.deepEqual(await tableTitles(), [TITLE, "Added from the CLI", HOSTILE]);
  });

  it("shows the dashboard", async () => {
    await go("Dashboard");
    await driver.wait(until.elementLocated(By.xpath(`//p[contains(., "councils.")]`)), WAIT);
    const text = await driver.findElement(By.css("main")).getText();
    assert.match(text, /3 events from 3 of 152 councils\.\s+Events by day/);
    assert.match(text, /No events are returned, cancelled or outside the week/);
    assert.match(text, /Ministerial and VIP attendance\s+No one has been asked to attend yet\./);
    await axe("the dashboard");
    await shot("dashboard");

    // The core's figures: a cancelled event does not go ahead, so Camden,
    // whose only event it is, is not taking part; it needs attention.
    const added = JSON.parse(cli("event", "add", "--council", "Camden", "--title", "Camden reunion",
      "--start", "2014-11-04T10:00", "--end", "2014-11-04T11:00", "--json"));
    cli("event", "cancel", String(added.id), "--reason", "Moved to spring");
    await go("Week");
    await go("Dashboard");
    const row = await driver.wait(until.elementLocated(By.xpath(`//tr[.//a[normalize-space()="Camden reunion"]]`)), WAIT);
    assert.match(await row.getText(), /Cancelled.*Outside the week/);
    const after = await driver.findElement(By.css("main")).getText();
    assert.match(after, /3 events from 3 of 152 councils\. 1 cancelled\./);
    assert.match(after, /London\s*0 of 33/);
    await axe("the dashboard with an event needing attention");
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", row);
    await shot("dashboard-attention", { top: false });
  });

  it("backs up the database to the file chosen in the native save dialog", async () => {
    await go("Settings");
    // Beside the live database, so the dialog lists (and may open) it.
    const target = path.join(path.dirname(DB), "backup-from-window.db");
    await driver.findElement(By.xpath(`//button[normalize-space()="Back up now"]`)).click();
    await answerSaveDialog("Back up the database", target);
    const message = await driver.wait(until.elementLocated(By.xpath(`//p[contains(., "backed up to")]`)), WAIT);
    assert.equal(await message.getText(), `The database was backed up to ${target}`);
    const copy = JSON.parse(execFileSync(CLI, ["event", "list", "--json"], { env: { ...process.env, CPWEEK_DB: target }, encoding: "utf8" }));
    assert.equal(copy.length, 4, "the back-up holds every event, the cancelled one too");
  });

  it("lets a council organiser cancel an event but not approve or return it", async () => {
    await go("Events");
    await waitForRow(TITLE);
    await driver.findElement(By.linkText(TITLE)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h2[normalize-space()="Cancel this event"]`)), WAIT);
    assert.equal((await driver.findElements(By.xpath(`//button[normalize-space()="Approve event"]`))).length, 0);
    assert.equal((await driver.findElements(By.xpath(`//button[normalize-space()="Return event"]`))).length, 0);
    await driver.findElement(By.xpath(`//button[normalize-space()="Cancel event"]`)).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), /Reason is required/);
    await axe("the event as a council organiser");
    // The page offers what the core says this person may do, and shows
    // the event's history, naming who added it.
    await driver.findElement(By.xpath(`//a[normalize-space()="Change event"]`));
    await driver.findElement(By.xpath(`//h2[normalize-space()="History"]/following-sibling::dl//dd[contains(., "Added by unnamed council organiser (council organiser)")]`));
    const shown = JSON.parse(cli("event", "show", "1", "--json"));
    assert.equal(shown.status, "submitted", "a refused cancellation changes nothing");
    assert.deepEqual(shown.actions, ["edit", "cancel"]);

    // Asked anyway (as a stale page might), the window is refused by the
    // core with the very message the CLI prints, and nothing changes.
    const fromWindow = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke("review_event", { id: 1, review: { action: "approve" } })
        .then(() => done(null), (e) => done(e));
    `);
    assert.equal(fromWindow?.code, "forbidden", JSON.stringify(fromWindow));
    assert.match(fromWindow.message, /^only an LGA officer can approve an event; your role is council organiser: change it in Settings or with `cpweek settings set --role lga-officer`$/);
    const fromCli = spawnSync(CLI, ["event", "approve", "1"], { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
    assert.notEqual(fromCli.status, 0);
    assert.equal(fromCli.stderr, `error: ${fromWindow.message}\n`);
    const after = JSON.parse(cli("event", "show", "1", "--json"));
    assert.equal(after.sequence, shown.sequence, "a refused approval writes nothing");
    assert.equal(after.history.length, shown.history.length);
  });

  it("lets an LGA officer set in Settings approve an event", async () => {
    await go("Settings");
    await type("my-council", "Kent");
    await type("name", "J".repeat(101));
    await driver.findElement(By.id("role-officer")).click();
    await driver.findElement(By.xpath(`//button[normalize-space()="Save settings"]`)).click();
    // A name that is too long is refused by the core, by name.
    const refusal = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await refusal.getText(), /Name must be 100 characters or fewer/);
    assert.match(await driver.findElement(By.id("name-error")).getText(), /Name must be 100 characters or fewer/);
    assert.equal(JSON.parse(cli("settings", "--json")).role, "council_organiser", "nothing was saved");
    await type("name", "Jo Bloggs");
    await driver.findElement(By.xpath(`//button[normalize-space()="Save settings"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//*[normalize-space()="Settings saved"]`)), WAIT);
    await axe("settings");
    await shot("settings");

    await go("Events");
    await waitForRow(TITLE);
    await driver.findElement(By.linkText(TITLE)).click();
    await driver.findElement(By.xpath(`//button[normalize-space()="Return event"]`)).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), /Note is required/);
    await driver.findElement(By.xpath(`//button[normalize-space()="Approve event"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//p[normalize-space()="Event approved"]`)), WAIT);
    assert.equal(await driver.findElement(By.css("h1 + p .tag")).getText(), "Approved");
    await driver.findElement(By.xpath(`//h2[normalize-space()="History"]/following-sibling::dl//dd[contains(., "Approved by Jo Bloggs (LGA officer)")]`));
    await axe("the event as an LGA officer");
    await shot("event-review");
    const shown = JSON.parse(cli("event", "show", "1", "--json"));
    assert.equal(shown.status, "approved");
    assert.equal(shown.history.at(-1).who, "Jo Bloggs", "history names the person in Settings");
    assert.deepEqual(shown.actions, ["edit", "return", "cancel"]);
    const settings = JSON.parse(cli("settings", "--json"));
    assert.deepEqual([settings.role, settings.my_council, settings.name], ["lga_officer", "886", "Jo Bloggs"]);
    // A new event starts as the core's `Settings::new_event_form` says: led
    // by the council in the settings (as `cpweek event add` without --council).
    await openAddForm();
    assert.equal(await driver.findElement(By.id("council")).getAttribute("value"), "Kent", "a new event is my council's");
  });

  it("opens an event from the week and changes it through the edit form", async () => {
    await go("Week");
    await driver.findElement(By.xpath(`//section//a[contains(normalize-space(), "Added from the CLI")]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Added from the CLI"]`)), WAIT);
    await driver.findElement(By.xpath(`//a[normalize-space()="Change event"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Change event"]`)), WAIT);
    assert.equal(await driver.findElement(By.id("council")).getAttribute("value"), "Bristol");
    assert.equal(await driver.findElement(By.id("start-time")).getAttribute("value"), "10:00");
    await type("capacity", "lots");
    await save();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), /Capacity "lots" must be a whole number from 1 to 100000/);
    await type("capacity", "40");
    await save();
    // If the save does not land, say what the page shows: a general error
    // is at the top of the form, out of the end-of-test screenshot.
    try {
      await driver.wait(until.elementLocated(By.xpath(`//p[normalize-space()="Event saved"]`)), WAIT);
    } catch (e) {
      console.log("PAGE:", await driver.findElement(By.css("main")).getText());
      throw e;
    }
    const shown = JSON.parse(cli("event", "show", "3", "--json"));
    await go("Week");
    await shot("week-with-events");
    assert.equal(shown.capacity, 40, JSON.stringify(shown));
  });

  it("makes an event joint with partner councils chosen in the form, refusing the lead council as a partner", async () => {
    await driver.executeScript("location.hash = '#/events/3/edit'");
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Change event"]`)), WAIT);
    await driver.findElement(By.id("add-partner-council")).click();
    const first = await driver.wait(until.elementLocated(By.id("partner-councils-0")), WAIT);
    assert.equal(await driver.executeScript("return document.activeElement.id"), "partner-councils-0", "the new select takes the focus");
    // Bristol leads: choosing it as a partner is refused by the core.
    await first.findElement(By.xpath(`./option[normalize-space()="Bristol"]`)).click();
    await save();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), /is the lead council/);
    await axe("the form with a partner council refused");
    await driver.findElement(By.id("partner-councils-0")).findElement(By.xpath(`./option[normalize-space()="Bath and North East Somerset"]`)).click();
    await driver.findElement(By.xpath(`//button[normalize-space()="Add another council"]`)).click();
    const second = await driver.wait(until.elementLocated(By.id("partner-councils-1")), WAIT);
    await second.findElement(By.xpath(`./option[normalize-space()="South Gloucestershire"]`)).click();
    await save();
    await driver.wait(until.elementLocated(By.xpath(`//p[normalize-space()="Event saved"]`)), WAIT);
    const row = await driver.wait(until.elementLocated(By.xpath(`//div[dt[normalize-space()="Partner councils"]]/dd`)), WAIT);
    assert.equal(await row.getText(), "Bath and North East Somerset, South Gloucestershire");
    const shown = JSON.parse(cli("event", "show", "3", "--json"));
    assert.deepEqual(shown.partner_councils, ["800", "803"]);
    const listed = JSON.parse(cli("event", "list", "--council", "803", "--json"));
    assert.deepEqual(listed.map((e) => e.id), [3]);
  });

  it("imports a council's calendar after showing what it would do, line by line", async () => {
    const before = JSON.parse(cli("event", "list", "--json")).length;
    const file = path.join(path.dirname(DB), "kent-outlook.ics");
    copyFileSync(new URL("../../tests/fixtures/ics/outlook.ics", import.meta.url), file);
    await go("Import");
    await axe("the import screen");
    await shot("import");
    assert.equal(await driver.findElement(By.id("council")).getAttribute("value"), "Kent", "my council is the default");
    await driver.findElement(By.xpath(`//button[normalize-space()="Choose a calendar file"]`)).click();
    await answerOpenDialog("Choose a calendar file to import", file);
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Check the import"]`)), WAIT);
    const counts = await driver.findElement(By.id("import-counts")).getText();
    assert.match(counts, /10 events created, 0 updated, 0 unchanged, 0 skipped and 0 faulty/);
    const rows = await driver.findElements(By.css("#import-items tbody tr"));
    assert.equal(rows.length, 10);
    const first = await Promise.all((await rows[0].findElements(By.css("td"))).map((c) => c.getText()));
    assert.deepEqual(first.slice(0, 3), ["38", "New", "Friday 24 October 2014, 10am to midday"]);
    assert.match(first[3], /^Foster carers' coffee morning\nWarning: the event is outside Corporate Parenting Week 2014/);
    assert.match(await driver.findElement(By.css("main")).getText(), /Line 99: “Care leavers' drop-in” repeats \(FREQ=DAILY;COUNT=5\): 4 occurrences/);
    assert.equal(JSON.parse(cli("event", "list", "--json")).length, before, "the preview wrote nothing");
    await axe("the import preview");
    await shot("import-preview");

    // Changing the council keeps the file: the preview is made again for it.
    const changeCouncil = async (name) => {
      await driver.findElement(By.xpath(`//a[normalize-space()="Change council"]`)).click();
      await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Import"]`)), WAIT);
      assert.match(await driver.findElement(By.css(".summary-list")).getText(), /kent-outlook\.ics/);
      await type("council", name);
      await driver.findElement(By.xpath(`//button[normalize-space()="Continue"]`)).click();
      await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Check the import"]`)), WAIT);
      return driver.findElement(By.css(".summary-list")).getText();
    };
    assert.match(await changeCouncil("Medway"), /Medway \(887\)/);
    // The menu's Import link starts the import again, as a section's link should.
    await go("Import");
    assert.equal(await driver.findElement(By.id("council")).getAttribute("value"), "Kent");
    await driver.findElement(By.xpath(`//button[normalize-space()="Choose a calendar file"]`)).click();
    await answerOpenDialog("Choose a calendar file to import", file);
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Check the import"]`)), WAIT);
    assert.match(await driver.findElement(By.css(".summary-list")).getText(), /Kent \(886\)/);

    await driver.findElement(By.xpath(`//button[normalize-space()="Import 10 events"]`)).click();
    const banner = await driver.wait(until.elementLocated(By.css(".notification-banner--success")), WAIT);
    assert.match(await banner.getText(), /Import complete for Kent \(886\): 10 events created/);
    const after = JSON.parse(cli("event", "list", "--json"));
    assert.equal(after.length, before + 10);
    const qa = after.find((e) => e.title === "Children in care council: Q&A with members");
    assert.equal(qa?.visibility, "private", "CLASS:PRIVATE is imported as private");
    await go("Events");
    await waitForRow("Foster carers' coffee morning");
  });

  it("names the line of a calendar file whose structure is broken, and imports the others of a file with faulty events once confirmed", async () => {
    const before = JSON.parse(cli("event", "list", "--json")).length;
    const file = path.join(path.dirname(DB), "broken.ics");
    // A BEGIN:VEVENT without its END: the file's structure is broken.
    writeFileSync(file, [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN",
      "BEGIN:VEVENT", "UID:broken-1@example.org", "DTSTAMP:20141001T090000Z",
      "DTSTART:20141028T100000Z", "SUMMARY:Cut short", "END:VCALENDAR", "",
    ].join("\r\n"));
    await go("Import");
    await driver.findElement(By.xpath(`//button[normalize-space()="Choose a calendar file"]`)).click();
    await answerOpenDialog("Choose a calendar file to import", file);
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    const text = await summary.getText();
    assert.match(text, /broken\.ics: line 9: END:VCALENDAR does not match BEGIN:VEVENT on line 4/);
    await axe("the import screen with an error");
    await shot("import-error");
    assert.equal(JSON.parse(cli("event", "list", "--json")).length, before);

    // Faulty events are listed, each with its line and fault; the person
    // confirms importing the other events without them.
    const faulty = path.join(path.dirname(DB), "faulty.ics");
    writeFileSync(faulty, [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN",
      "BEGIN:VEVENT", "DTSTAMP:20141001T090000Z", "DTSTART:20141028T100000Z", "DTEND:20141028T110000Z",
      "SUMMARY:Drop-in with no UID", "END:VEVENT",
      "BEGIN:VEVENT", "UID:broken-2@example.org", "DTSTAMP:20141001T090000Z",
      "DTSTART:20141032T100000Z", "DTEND:20141032T110000Z", "SUMMARY:Impossible day", "END:VEVENT",
      "BEGIN:VEVENT", "UID:fine-1@example.org", "DTSTAMP:20141001T090000Z",
      "DTSTART:20141029T100000Z", "DTEND:20141029T110000Z", "SUMMARY:Drop-in that is fine", "END:VEVENT",
      "END:VCALENDAR", "",
    ].join("\r\n"));
    // The unreadable file is forgotten: the person chooses afresh.
    await driver.findElement(By.xpath(`//button[normalize-space()="Choose a calendar file"]`)).click();
    await answerOpenDialog("Choose a calendar file to import", faulty);
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="Check the import"]`)), WAIT);
    const rows = await Promise.all(
      (await driver.findElements(By.css("#faulty tbody tr"))).map(async (row) =>
        Promise.all((await row.findElements(By.css("td"))).map((c) => c.getText())),
      ),
    );
    assert.deepEqual(rows, [
      ["4", "Drop-in with no UID", "the event has no UID, so a later import could not match it"],
      ["10", "Impossible day", 'line 13: DTSTART: "20141032T100000Z" is not a real date (2014-10-32 does not exist)'],
    ]);
    assert.match(await driver.findElement(By.id("import-counts")).getText(), /1 event created, .* and 2 faulty/);
    assert.equal(JSON.parse(cli("event", "list", "--json")).length, before, "the preview writes nothing");
    await axe("the import preview with faulty events");
    await shot("import-faulty");
    await driver.findElement(By.xpath(`//button[normalize-space()="Import the other 1 event"]`)).click();
    const banner = await driver.wait(until.elementLocated(By.css(".notification-banner--success")), WAIT);
    assert.match(await banner.getText(), /Import complete for .*: 1 event created, 0 updated, 0 unchanged, 0 skipped and 2 faulty/);
    const after = JSON.parse(cli("event", "list", "--json"));
    assert.equal(after.length, before + 1);
    assert.ok(after.some((e) => e.uid === "fine-1@example.org"));
  });

  it("exports a region's calendar to the file chosen in the save dialog, showing progress, without private events", async () => {
    await go("Export");
    await axe("the export screen");
    // Private events are offered only for a council's own copy.
    await driver.findElement(By.id("kind-council")).click();
    assert.ok(await driver.findElement(By.id("privacy")).isDisplayed(), "the private option shows under a council");
    await driver.findElement(By.id("kind-region")).click();
    assert.equal(await driver.findElement(By.id("privacy")).isDisplayed(), false, "no private option for a region");
    await driver.findElement(By.css("#region option[value='South East']")).click();
    await shot("export");
    // Record every progress message the channel brings, to check below.
    await driver.executeScript(`
      window.progressSeen = [];
      new MutationObserver(() => {
        const label = document.querySelector("label[for=export-progress]");
        if (label && window.progressSeen.at(-1) !== label.textContent) window.progressSeen.push(label.textContent);
      }).observe(document.querySelector("main"), { subtree: true, childList: true, characterData: true });
    `);
    const target = path.join(path.dirname(DB), "south-east");
    await driver.findElement(By.xpath(`//button[normalize-space()="Export calendar file"]`)).click();
    await answerSaveDialog("Export a calendar file", target);
    const banner = await driver.wait(until.elementLocated(By.css(".notification-banner--success")), WAIT);
    const said = await banner.getText();
    assert.match(said, /Saved Corporate Parenting Week 2014: South East \((\d+) events?\)/);
    assert.match(said, new RegExp(`to ${target}\\.ics`));
    const body = readFileSync(`${target}.ics`, "utf8");
    assert.ok(body.startsWith("BEGIN:VCALENDAR\r\n"), "an iCalendar file with CRLF lines");
    assert.equal(body.split("BEGIN:VEVENT").length - 1, Number(/\((\d+) events?\)/.exec(said)[1]));
    assert.match(body, /SUMMARY:Kent celebrates its care leavers/);
    assert.match(body, /SUMMARY:Foster carers' coffee morning/);
    assert.doesNotMatch(body, /Children in care council/, "a private event never reaches a partner's file");
    assert.doesNotMatch(body, /CLASS:PRIVATE/);
    const seen = await driver.executeScript("return window.progressSeen");
    assert.ok(seen.includes("Reading events"), `progress came over the channel: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((t) => /^Writing events: \d+ of \d+ events?$/.test(t)), JSON.stringify(seen));
    assert.equal(seen.at(-1), "Saving the file", JSON.stringify(seen));
    await axe("the export screen after saving");
    await shot("export-saved");
  });

  it("serves the feeds from the app and shows their subscription links while the server runs", async () => {
    await go("Feeds");
    await driver.wait(until.elementLocated(By.xpath(`//button[normalize-space()="Start the feed server"]`)), WAIT);
    await axe("the feeds screen, server stopped");
    // A port another program holds is refused by name.
    const taken = createServer();
    await new Promise((r) => taken.listen(0, "127.0.0.1", r));
    const takenPort = taken.address().port;
    await type("port", String(takenPort));
    await driver.findElement(By.xpath(`//button[normalize-space()="Start the feed server"]`)).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT);
    assert.match(await summary.getText(), new RegExp(`Port ${takenPort} is in use by another program`));
    assert.match(await driver.findElement(By.id("port-error")).getText(), /in use/);
    taken.close();

    const port = await freePort();
    await type("port", String(port));
    await driver.findElement(By.xpath(`//button[normalize-space()="Start the feed server"]`)).click();
    await driver.wait(until.elementLocated(By.css("#feeds tbody tr")), WAIT);
    const national = `http://127.0.0.1:${port}/feeds/national.ics`;
    const cells = await driver.findElements(By.css("#feeds tbody tr:first-child td"));
    assert.deepEqual(await Promise.all(cells.map((c) => c.getText())),
      ["National programme", `webcal://127.0.0.1:${port}/feeds/national.ics`, national]);
    assert.match(await driver.findElement(By.id("feeds")).getText(), new RegExp(`http://127.0.0.1:${port}/feeds/region/south-east.ics`));
    await axe("the feeds screen, server running");
    await shot("feeds");

    const res = await fetch(national);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/calendar; charset=utf-8");
    const body = await res.text();
    assert.match(body, /SUMMARY:Kent celebrates its care leavers/, "the approved event is in the national feed");
    assert.doesNotMatch(body, /Children in care council/);
    const again = await fetch(national, { headers: { "If-None-Match": res.headers.get("etag") } });
    assert.equal(again.status, 304);

    // It keeps running while other screens are open.
    await go("Week");
    await go("Feeds");
    await driver.wait(until.elementLocated(By.css("#feeds tbody tr")), WAIT);
    assert.equal((await fetch(national)).status, 200);

    await driver.findElement(By.xpath(`//button[normalize-space()="Stop the feed server"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//button[normalize-space()="Start the feed server"]`)), WAIT);
    await assert.rejects(fetch(national), "nothing answers once the server is stopped");
  });

  it("shows a conference edited with the CLI while the app is open, without a restart or a move", async () => {
    await go("Week");
    const marked = async () => {
      const days = await driver.findElements(By.css(".week__day--conference h2"));
      return Promise.all(days.map((d) => d.getText()));
    };
    assert.deepEqual(await marked(), ["Wednesday 29 October", "Thursday 30 October", "Friday 31 October"]);
    cli("conference", "edit", "ncas-2014", "--start-date", "2014-10-28", "--end-date", "2014-10-29", "--confirmed", "true");
    // No navigation: the open window notices the change by itself.
    await driver.wait(async () => (await marked()).join() === "Tuesday 28 October,Wednesday 29 October", WAIT,
      "the conference days moved to Tuesday and Wednesday");
    const tuesday = await driver.findElement(By.xpath(`//section[.//h2[normalize-space()="Tuesday 28 October"]]`));
    assert.equal(await tuesday.findElement(By.css(".tag--conference")).getText(), "NCAS day 1");
    assert.match(await driver.findElement(By.css("main p.body")).getText(), /NCAS conference days \(confirmed\) are marked/);
    await shot("week-conference-moved");
    // And back, as the data were.
    cli("conference", "edit", "ncas-2014", "--start-date", "2014-10-29", "--end-date", "2014-10-31", "--confirmed", "false");
    await driver.wait(async () => (await marked()).length === 3, WAIT, "the conference days moved back");
  });

  it("counts the events outside the week as the core places them, by start and end", async () => {
    await go("Week");
    // Starts on the week's last day and ends after it; starts before the
    // week and ends in it. Neither is wholly in the week.
    cli("event", "add", "--council", "Leeds", "--title", "Sunday night vigil",
      "--start", "2014-11-02T20:00", "--end", "2014-11-03T01:00");
    cli("event", "add", "--council", "Leeds", "--title", "Weekend residential",
      "--start", "2014-10-25T10:00", "--end", "2014-10-27T16:00");
    const outside = JSON.parse(cli("event", "list", "--json")).filter((e) => !e.in_week).length;
    assert.ok(outside >= 2, `the core places both outside the week (${outside})`);
    const said = new RegExp(`, ${outside} outside the week \\(see the dashboard\\)\\.`);
    await driver.wait(async () => said.test(await driver.findElement(By.css("main p.body")).getText()), WAIT,
      `the week says ${outside} outside the week`);
    // The vigil is drawn on the Sunday it starts, with the core's time.
    const sunday = await driver.findElement(By.xpath(`//section[.//h2[normalize-space()="Sunday 2 November"]]`));
    const vigil = await sunday.findElement(By.xpath(`.//a[contains(normalize-space(), "Sunday night vigil")]`));
    assert.equal(await vigil.findElement(By.css(".week__time")).getText(), "8pm");
    await shot("week-outside");
  });

  it("shows the 2012 programme's week when it is chosen", async () => {
    await go("Week");
    await driver.findElement(By.css("#programme option[value='2012']")).click();
    await driver.wait(async () => {
      const first = await driver.findElements(By.css(".week__day h2"));
      return first.length === 7 && (await first[0].getText()) === "Monday 25 June";
    }, WAIT, "the 2012 week starts on Monday 25 June");
    const last = await driver.findElements(By.css(".week__day h2"));
    assert.equal(await last[6].getText(), "Sunday 1 July");
    await axe("the 2012 week");
    await shot("week-2012");
  });

  it("kept to its strict CSP on every screen: no inline script or style was refused", async () => {
    const violations = await driver.executeScript("return window.cspViolations");
    assert.ok(Array.isArray(violations), "the CSP listener was still installed: no page reloaded");
    assert.deepEqual(violations, []);
    // And the listener does hear a refusal: an inline style is one.
    await driver.executeScript(`
      const d = document.createElement("div");
      d.innerHTML = '<span style="color: red">x</span>';
      document.body.append(d);
    `);
    await driver.wait(async () => (await driver.executeScript("return window.cspViolations.length")) > 0, WAIT,
      "an inline style attribute is refused and reported");
  });
  it("opens again on the section it was left on", async () => {
    await go("Dashboard");
    // The section is kept over IPC as the person moves; wait until it is.
    await driver.wait(async () => {
      const settings = await driver.executeAsyncScript(`
        const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke("get_settings").then(done, (e) => done(String(e)));
      `);
      return settings?.settings?.last_screen === "dashboard";
    }, WAIT, "the Dashboard is kept as the screen to open on");
    await driver.quit();
    await openWindow({ heading: "Dashboard" });
    assert.match(await driver.getCurrentUrl(), /#\/dashboard$/);
    const current = await driver.findElement(By.css(".service-nav__item--active")).getText();
    assert.equal(current, "Dashboard");
    await axe("the dashboard, opened at launch");
  });
});
