// End-to-end tests of the published programme in the real window: the
// live programme as the public will see it (approved public events only,
// a private one absent, a hostile title shown as text, what is left out and
// why), its contents, and saving it through the native save dialog as a
// tagged PDF and as CSV, with progress. Started by ui/e2e/run.sh on a
// database of its own, seeded here through the CLI.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { By, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, json, banner, focusDialog, answerSaveDialog } from "./window.mjs";

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);

/** Records each progress label the save shows, in order. */
async function watchProgress() {
  await driver.executeScript(`
    window.progressSeen = [];
    new MutationObserver(() => {
      const label = document.querySelector("label[for=programme-progress]");
      if (label && window.progressSeen.at(-1) !== label.textContent) window.progressSeen.push(label.textContent);
    }).observe(document.querySelector("main"), { subtree: true, childList: true, characterData: true });
  `);
}

function event(council, title, start, end, more = []) {
  return json("event", "add", "--council", council, "--title", title, "--start", start, "--end", end, ...more).id;
}

const TITLE = "Corporate Parenting Week 2014: the programme";
const KENT = "Kent open day";
const HOSTILE = `<img src=x onerror="window.pwned=1">Leeds <b>tea</b> & "cake"`;
const PRIVATE = "Kent children in care council";
const WAITING = "Camden awaiting review";
const RETURNED = "Leeds returned for changes";
const CANCELLED = "Leeds called off";
const NEVER = [PRIVATE, WAITING, RETURNED, CANCELLED];
const ids = {};

/** The headings of the preview, as [tag, text], once it is drawn whole
 *  (a long programme is drawn a part at a time, the article busy till then). */
async function articleHeadings() {
  await driver.wait(until.elementLocated(By.css(`article[aria-busy="false"]`)), WAIT, "the programme drawn whole");
  return driver.executeScript(`
    return [...document.querySelectorAll("article h2, article h3, article h4")].map((h) => [h.tagName.toLowerCase(), h.textContent]);
  `);
}

/** The headings of the HTML file the CLI exports, as [tag, text], one
 *  level down from the file's own (its h1 is the page's h1 here too). */
function exportedHeadings() {
  const html = cli("programme", "export", "--live", "--format", "html", "-o", "-");
  const main = html.slice(html.indexOf("<main>"), html.indexOf("</main>"));
  const unescape = (s) => s.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&");
  return [...main.matchAll(/<h([2-4])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => [`h${m[1]}`, unescape(m[2])]);
}

describe("the published programme in the window", { timeout: 300_000 }, () => {
  before(async () => {
    cli("settings", "set", "--role", "lga-officer", "--name", "Jo Bloggs");
    ids.kent = event("Kent", KENT, "2014-10-28T10:00", "2014-10-28T12:00", ["--venue", "Sessions House"]);
    ids.hostile = event("Leeds", HOSTILE, "2014-10-29T14:00", "2014-10-29T15:30");
    ids.private = event("Kent", PRIVATE, "2014-10-28T16:00", "2014-10-28T17:00", ["--private"]);
    ids.waiting = event("Camden", WAITING, "2014-10-30T10:00", "2014-10-30T11:00");
    ids.returned = event("Leeds", RETURNED, "2014-10-30T10:00", "2014-10-30T11:00");
    ids.cancelled = event("Leeds", CANCELLED, "2014-10-31T10:00", "2014-10-31T11:00");
    for (const id of [ids.kent, ids.hostile, ids.private, ids.cancelled]) cli("event", "approve", String(id));
    cli("event", "return", String(ids.returned), "--note", "Add a venue");
    cli("event", "cancel", String(ids.cancelled), "--reason", "Flooded");
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`programme-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("shows the live programme as the public will see it: approved public events only, a hostile title as text, and what is left out and why", async () => {
    await driver.findElement(By.xpath(`//nav//a[normalize-space()="Programme"]`)).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()=${JSON.stringify(TITLE)}]`)), WAIT);
    assert.match(await driver.getCurrentUrl(), /#\/programme$/);
    const nav = await driver.findElement(By.xpath(`//nav//a[normalize-space()="Programme"]`));
    assert.equal(await nav.getAttribute("aria-current"), "page");

    const holds = await driver.findElement(By.id("programme-holds"));
    assert.equal(await holds.getText(), "It holds 2 events from 2 councils.");
    const scope = await driver.findElement(By.id("programme-scope")).getText();
    assert.match(scope, /as it stands now: the LGA's approved public events only/);
    const leftOut = await Promise.all((await driver.findElements(By.css("#programme-scope li"))).map((li) => li.getText()));
    assert.deepEqual(leftOut, [
      "1 private event: private events are never published",
      "1 event waiting for the LGA's review",
      "1 event returned to its council for changes",
      "1 cancelled event",
    ]);

    // The events, as the HTML file has them: the same headings at the
    // same levels, the hostile title as text.
    const headings = await articleHeadings();
    assert.deepEqual(headings, exportedHeadings(), "the window shows what the saved file holds");
    const events = headings.filter(([tag]) => tag === "h4").map(([, text]) => text);
    assert.deepEqual(events, [KENT, HOSTILE]);
    const article = await driver.findElement(By.css("article"));
    const text = await article.getText();
    for (const never of NEVER) assert.ok(!text.includes(never), `"${never}" is not in the programme`);
    assert.equal((await article.findElements(By.css("img, b, script"))).length, 0, "no markup from a title");
    assert.equal(await driver.executeScript("return window.pwned"), null, "nothing a title says ran");
    const region = (id) => json("event", "show", String(id)).region;
    assert.ok(headings.some(([tag, t]) => tag === "h3" && t === region(ids.kent)), "Kent's region heads its events");
    // Each event's details, as a summary list.
    const venue = await driver.findElement(By.xpath(`//article//dt[normalize-space()="Venue"]/following-sibling::dd`));
    assert.equal(await venue.getText(), "Sessions House");

    // The contents: the days and their regions, each moving to its heading
    // with the address left on the screen.
    const contents = await driver.findElement(By.css(`nav[aria-labelledby="contents-title"]`));
    const days = await Promise.all((await contents.findElements(By.css(":scope > ol > li > a"))).map((a) => a.getText()));
    assert.deepEqual(days, headings.filter(([tag]) => tag === "h2").map(([, t]) => t));
    const leeds = region(ids.hostile);
    await contents.findElement(By.xpath(`.//ol/li/ol/li/a[normalize-space()=${JSON.stringify(leeds)}]`)).click();
    const focused = await driver.switchTo().activeElement();
    assert.equal(await focused.getTagName(), "h3");
    assert.equal(await focused.getText(), leeds);
    assert.match(await driver.getCurrentUrl(), /#\/programme$/, "the address still names the screen");
    await shot("programme-contents-moved", { top: false });

    await axe("the programme");
    await shot("programme");
    await driver.executeScript("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 10)", contents);
    await driver.sleep(300);
    await shot("programme-contents", { top: false });
  });

  it("saves the programme as a tagged PDF through the save dialog, with progress, then says where", async () => {
    await watchProgress();
    assert.equal(await driver.findElement(By.id("format-pdf")).isSelected(), true, "PDF is chosen at first");
    const target = path.join(path.dirname(DB), "national-programme");
    await driver.findElement(button("Save")).click();
    await answerSaveDialog("Save the programme as PDF", target);
    const saved = await banner("Programme saved as PDF (2 events)");
    assert.match(await saved.getText(), new RegExp(`to ${target}\\.pdf`));
    const pdf = readFileSync(`${target}.pdf`);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    const info = execFileSync("pdfinfo", [`${target}.pdf`], { encoding: "utf8" });
    assert.match(info, /^Tagged:\s+yes$/m, info);
    assert.match(info, new RegExp(`^Title:\\s+${TITLE}$`, "m"), info);
    const words = execFileSync("pdftotext", [`${target}.pdf`, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const said of [TITLE, KENT, HOSTILE, "Sessions House", "Contents"]) {
      assert.ok(words.includes(said), `the PDF says "${said}": ${words.slice(0, 400)}`);
    }
    for (const never of NEVER) assert.ok(!words.includes(never), `the PDF leaves out "${never}"`);
    const seen = await driver.executeScript("return window.progressSeen");
    assert.ok(seen.includes("Setting 2 events as a PDF"), `progress came over the channel: ${JSON.stringify(seen)}`);
    assert.equal(seen.at(-1), "Saving the file", JSON.stringify(seen));
    assert.equal(await driver.findElement(button("Save")).isEnabled(), true, "ready to save again");
    await axe("the programme after saving");
    await shot("programme-saved");
  });

  it("saves CSV for spreadsheets the same way", async () => {
    await driver.findElement(By.css(`label[for="format-csv"]`)).click();
    assert.equal(await driver.findElement(By.id("format-csv")).isSelected(), true);
    await watchProgress();
    const target = path.join(path.dirname(DB), "programme-for-excel");
    await driver.findElement(button("Save")).click();
    await answerSaveDialog("Save the programme as CSV", target);
    await banner("Programme saved as CSV (2 events)");
    const csv = readFileSync(`${target}.csv`, "utf8");
    assert.ok(csv.startsWith("\uFEFF"), "a byte order mark, so Excel reads UTF-8");
    assert.ok(csv.includes("\r\n"), "CRLF line ends");
    assert.ok(csv.includes(KENT));
    assert.ok(csv.includes(`"<img src=x onerror=""window.pwned=1"">Leeds <b>tea</b> & ""cake"""`), "the title as one quoted cell");
    for (const never of NEVER) assert.ok(!csv.includes(never), `the CSV leaves out "${never}"`);
    const seen = await driver.executeScript("return window.progressSeen");
    assert.ok(seen.includes("Writing 2 events as CSV"), JSON.stringify(seen));
  });

  it("writes nothing and says nothing when the save dialog is cancelled", async () => {
    await driver.findElement(By.css(`label[for="format-json"]`)).click();
    const folder = path.dirname(DB);
    // The database's own files come and go as the store is closed for the dialog.
    const files = () => readdirSync(folder).filter((n) => !n.startsWith(path.basename(DB))).sort();
    const before = files();
    await driver.findElement(button("Save")).click();
    const dialog = await focusDialog("Save the programme as schedule JSON");
    execFileSync("xdotool", ["key", "--window", dialog, "Escape"]);
    await driver.wait(async () => driver.findElement(button("Save")).isEnabled(), WAIT, "the save ends when the dialog is cancelled");
    assert.deepEqual(files(), before, "nothing written");
    assert.equal((await driver.findElements(By.css(".notification-banner, .error-summary"))).length, 0, "no banner, no error");
    assert.equal(existsSync(path.join(folder, "cpweek-2014-programme.json")), false);
  });

  it("follows a change made elsewhere: an event approved with the CLI joins the programme", async () => {
    cli("event", "approve", String(ids.waiting));
    await driver.wait(async () => (await driver.findElement(By.id("programme-holds")).getText()) === "It holds 3 events from 3 councils.", WAIT,
      "the count follows the approval");
    await driver.wait(async () => (await articleHeadings()).some(([tag, t]) => tag === "h4" && t === WAITING), WAIT);
    const leftOut = await Promise.all((await driver.findElements(By.css("#programme-scope li"))).map((li) => li.getText()));
    assert.ok(!leftOut.some((l) => l.includes("waiting")), JSON.stringify(leftOut));
    assert.deepEqual(await articleHeadings(), exportedHeadings());
    await shot("programme-followed");
  });

  it("kept to its strict CSP on the programme's screen", async () => {
    const violations = await driver.executeScript("return window.cspViolations");
    assert.ok(Array.isArray(violations), "the CSP listener was still installed: no page reloaded");
    assert.deepEqual(violations, []);
  });
});
