// End-to-end tests of the good practice toolkit in the real window: with
// nothing published yet, the page says so and offers no save; entries
// published with the CLI join the preview (published ones only: never a
// draft or one waiting for review; a hostile title shown as text), with
// what is not in it yet counted; the toolkit saved through the native save
// dialog as PDF (read back with pdftotext), Word (a zip whose
// word/document.xml holds the title) and HTML (the hostile title escaped),
// with a live status while it is made and the button disabled; the LGA's
// introduction refused by line as the CLI refuses the same file, then
// stored; a council organiser offered no introduction; axe-core on each.
// Started by ui/e2e/run.sh on a database of its own, seeded through the CLI.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { CLI, DB, WAIT, driver, cli, shot, axe, openWindow, json, banner, answerSaveDialog } from "./window.mjs";

const ADOPTION = "Adoption together across Kent and Medway";
const HOSTILE = `<img src=x onerror="window.pwned=1">Care leavers <b>into work</b> & "apprenticeships"`;
const DRAFT = "Kent's unfinished draft";
const WAITING = "Kent waiting for review";
// What no output may hold: the unpublished entries' titles (words without
// an apostrophe, so the same in every format's escaping).
const NEVER = ["unfinished draft", WAITING];
const as = (...args) => cli("settings", "set", ...args);
const organiser = () => as("--role", "council-organiser", "--council", "Kent", "--name", "Sam Green");
const officer = () => as("--role", "lga-officer", "--name", "Lee Officer");
const ids = {};
const folder = () => path.dirname(DB);

const button = (label) => By.xpath(`//button[normalize-space()=${JSON.stringify(label)}]`);

function add(title, more = []) {
  return json("practice", "add", "--council", "Kent", "--title", title, "--summary", `${title}: what was done and the difference it made.`, ...more).id;
}

/** The CLI's `error:` lines for a command that must fail. */
function cliErrors(...args) {
  const r = spawnSync(CLI, args, { env: { ...process.env, CPWEEK_DB: DB }, encoding: "utf8" });
  assert.notEqual(r.status, 0, `cpweek ${args.join(" ")} fails`);
  return r.stderr.trim().split("\n").map((l) => l.replace(/^error: /, ""));
}

const sentence = (m) => m.charAt(0).toUpperCase() + m.slice(1);

/** The preview's headings, as [tag, text]. */
const articleHeadings = () =>
  driver.executeScript(`return [...document.querySelectorAll("article h2, article h3, article h4")].map((h) => [h.tagName.toLowerCase(), h.textContent]);`);

/** Records the status region's text, and whether Save was disabled then,
 *  each time it changes. */
async function watchStatus() {
  await driver.executeScript(`
    window.statusSeen = [];
    const region = document.getElementById("toolkit-status");
    new MutationObserver(() => {
      const text = region.textContent.trim();
      const disabled = document.querySelector(".toolkit-save button[type=submit]").disabled;
      if (text && window.statusSeen.at(-1)?.text !== text) window.statusSeen.push({ text, disabled });
    }).observe(region, { subtree: true, childList: true, characterData: true });
  `);
}

/** Types `text` into `box` line by line, pressing Enter between lines as
 *  a person would (the webview's driver types no line feed itself). */
async function typeLines(box, text) {
  await box.clear();
  const keys = text.split("\n").flatMap((line, i) => (i === 0 ? [line] : [Key.ENTER, line])).filter((k) => k !== "");
  await box.sendKeys(...keys);
}

async function saveAs(format, dialogTitle, file) {
  await driver.findElement(By.css(`label[for="toolkit-format-${format}"]`)).click();
  assert.equal(await driver.findElement(By.id(`toolkit-format-${format}`)).isSelected(), true);
  await watchStatus();
  await driver.findElement(button("Save")).click();
  await answerSaveDialog(dialogTitle, file);
}

describe("the good practice toolkit in the window", { timeout: 300_000 }, () => {
  before(async () => {
    organiser();
    ids.adoption = add(ADOPTION, ["--theme", "adoption", "--partner-council", "Medway", "--outcome", "Adoptions; 20; 42; 2011 to 2013"]);
    ids.hostile = add(HOSTILE, ["--theme", "education", "--outcome", "Care leavers in work; 12; 30; 2012 to 2014"]);
    ids.draft = add(DRAFT);
    ids.waiting = add(WAITING);
    for (const id of [ids.adoption, ids.hostile, ids.waiting]) cli("practice", "submit", String(id));
    officer();
    for (const id of [ids.adoption, ids.hostile]) cli("practice", "approve", String(id));
    await openWindow();
  });

  afterEach(async (t) => {
    await shot(`toolkit-end-of-${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`, { top: false }).catch(() => {});
  });

  after(async () => {
    await driver?.quit();
  });

  it("says no entries are published yet, and offers no save, while none is", async () => {
    await driver.findElement(By.xpath(`//nav//a[normalize-space()="Good practice"]`)).click();
    await driver.wait(until.elementLocated(By.id("toolkit-link")), WAIT);
    await driver.findElement(By.id("toolkit-link")).click();
    await driver.wait(until.elementLocated(By.xpath(`//h1[normalize-space()="The good practice toolkit"]`)), WAIT);
    assert.match(await driver.getCurrentUrl(), /#\/practice\/toolkit$/);
    const nav = await driver.findElement(By.xpath(`//nav//a[normalize-space()="Good practice"]`));
    assert.equal(await nav.getAttribute("aria-current"), "page", "a page of the Good practice section");
    const empty = await driver.wait(until.elementLocated(By.id("toolkit-empty")), WAIT).getText();
    assert.match(empty, /^No entries are published yet/);
    const notYet = await Promise.all((await driver.findElements(By.css(".toolkit-scope li"))).map((li) => li.getText()));
    assert.deepEqual(notYet, [
      "2 entries approved, waiting for the consent check to be published",
      "1 entry waiting for the LGA's review",
      "1 draft that its council is still writing",
    ]);
    assert.equal((await driver.findElements(button("Save"))).length, 0, "nothing to save");
    assert.equal((await driver.findElements(By.css("article"))).length, 0, "no document");
    await axe("the empty toolkit");
    await shot("toolkit-empty");
  });

  it("shows the published entries, and only them, once they are published elsewhere", async () => {
    for (const id of [ids.adoption, ids.hostile]) {
      cli("practice", "publish", String(id), "--consent-checked-by", "Jo Bloggs", "--consent", "identified-none");
    }
    const holds = await driver.wait(until.elementLocated(By.id("toolkit-holds")), WAIT, "the toolkit follows the CLI's publishing");
    assert.equal(await holds.getText(), "It holds 2 entries from 2 councils.");
    const notYet = await Promise.all((await driver.findElements(By.css(".toolkit-scope li"))).map((li) => li.getText()));
    assert.deepEqual(notYet, ["1 entry waiting for the LGA's review", "1 draft that its council is still writing"]);

    const article = await driver.findElement(By.css("article"));
    const headings = await articleHeadings();
    assert.deepEqual(headings[0], ["h2", "Corporate Parenting Week 2014: good practice toolkit"], "the cover's title");
    const entries = headings.filter(([tag]) => tag === "h3").map(([, t]) => t);
    for (const title of [ADOPTION, HOSTILE]) assert.ok(entries.includes(title), `"${title}" is an entry: ${JSON.stringify(entries)}`);
    for (const h of ["Introduction", "Index by region", "Index by council"]) {
      assert.ok(headings.some(([tag, t]) => tag === "h2" && t === h), `a section "${h}": ${JSON.stringify(headings)}`);
    }
    const text = await article.getText();
    for (const never of NEVER) assert.ok(!text.includes(never), `"${never}" is not in the toolkit`);
    assert.ok(!text.includes("Jo Bloggs"), "the consent checker's name is not the public's");
    assert.equal((await article.findElements(By.css("img, b, script"))).length, 0, "no markup from a title");
    assert.equal(await driver.executeScript("return window.pwned"), null, "nothing a title says ran");
    // The outcomes as a table.
    const cell = await article.findElement(By.xpath(`.//table//td[normalize-space()="Adoptions"]`));
    assert.ok(await cell.isDisplayed());
    // The contents move to an entry.
    const contents = await driver.findElement(By.css(`nav[aria-labelledby="toolkit-contents-title"]`));
    await contents.findElement(By.xpath(`.//a[normalize-space()=${JSON.stringify(ADOPTION)}]`)).click();
    const focused = await driver.switchTo().activeElement();
    assert.equal(await focused.getText(), ADOPTION);
    assert.match(await driver.getCurrentUrl(), /#\/practice\/toolkit$/, "the address still names the page");
    await driver.sleep(300);
    await shot("toolkit-entry", { top: false });
    await driver.executeScript("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 10)", contents);
    await driver.sleep(300);
    await shot("toolkit-contents", { top: false });
    await axe("the toolkit");
    await shot("toolkit");
  });

  it("saves the toolkit as a PDF through the save dialog, saying what it is making, then where", async () => {
    assert.equal(await driver.findElement(By.id("toolkit-format-pdf")).isSelected(), true, "PDF is chosen at first");
    const target = path.join(folder(), "toolkit-to-print");
    await saveAs("pdf", "Save the toolkit as PDF", target);
    // The status while the PDF is made (a second or so): to look at.
    await shot("toolkit-making-the-pdf", { top: false }).catch(() => {});
    const saved = await banner("Toolkit saved as PDF (2 entries)");
    assert.match(await saved.getText(), new RegExp(`to ${target}\\.pdf`));
    const pdf = readFileSync(`${target}.pdf`);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    const info = execFileSync("pdfinfo", [`${target}.pdf`], { encoding: "utf8" });
    assert.match(info, /^Tagged:\s+yes$/m, info);
    const words = execFileSync("pdftotext", [`${target}.pdf`, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    assert.ok(words.includes(ADOPTION), `the PDF holds "${ADOPTION}": ${words.slice(0, 400)}`);
    for (const never of NEVER) assert.ok(!words.includes(never), `the PDF leaves out "${never}"`);
    const seen = await driver.executeScript("return window.statusSeen");
    const texts = seen.map((s) => s.text);
    assert.ok(texts.includes("Making the PDF of 2 entries…"), `the status said what it was making: ${JSON.stringify(seen)}`);
    assert.ok(seen.every((s) => s.disabled), `Save was disabled while saving: ${JSON.stringify(seen)}`);
    assert.equal(await driver.findElement(By.id("toolkit-status")).getAttribute("aria-live"), "polite");
    assert.equal(await driver.findElement(button("Save")).isEnabled(), true, "ready to save again");
    assert.equal(await driver.findElement(By.id("toolkit-status")).getText(), "", "the status is cleared");
    await axe("the toolkit after saving");
    await shot("toolkit-saved");
  });

  it("saves a Word document whose document.xml holds the entries", async () => {
    const target = path.join(folder(), "toolkit-to-edit");
    await saveAs("docx", "Save the toolkit as a Word document", target);
    await banner("Toolkit saved as a Word document (2 entries)");
    const bytes = readFileSync(`${target}.docx`);
    assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK", "a zip");
    const xml = execFileSync("unzip", ["-p", `${target}.docx`, "word/document.xml"], { encoding: "utf8" });
    assert.ok(xml.includes(ADOPTION), "word/document.xml holds the title");
    assert.ok(!xml.includes("<img src=x"), "the hostile title is text, not markup");
    for (const never of NEVER) assert.ok(!xml.includes(never), `the Word document leaves out "${never}"`);
    const seen = await driver.executeScript("return window.statusSeen");
    assert.ok(seen.map((s) => s.text).includes("Making the Word document of 2 entries…"), JSON.stringify(seen));
  });

  it("saves one HTML file with a hostile title escaped", async () => {
    const target = path.join(folder(), "toolkit-for-the-web");
    await saveAs("html", "Save the toolkit as HTML", target);
    await banner("Toolkit saved as HTML (2 entries)");
    const html = readFileSync(`${target}.html`, "utf8");
    assert.ok(html.includes(ADOPTION));
    assert.ok(
      html.includes("&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;Care leavers &lt;b&gt;into work&lt;/b&gt; &amp; &quot;apprenticeships&quot;"),
      "the hostile title, escaped",
    );
    assert.ok(!html.includes("<img src=x"), "never as markup");
    for (const never of NEVER) assert.ok(!html.includes(never), `the HTML leaves out "${never}"`);
  });

  it("refuses an introduction by line as the CLI does, then stores one", async () => {
    const bad = "Welcome to the toolkit.\n\n| Council | Entries |\n";
    const file = path.join(folder(), "bad-intro.md");
    writeFileSync(file, bad);
    const expected = cliErrors("toolkit", "intro", "--file", file).map(sentence);
    const box = await driver.findElement(By.id("introduction"));
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", box);
    await typeLines(box, bad);
    assert.equal(await box.getAttribute("value"), bad, "typed as written");
    await driver.findElement(button("Save the introduction")).click();
    const summary = await driver.wait(until.elementLocated(By.css(".error-summary")), WAIT, "an error summary");
    const messages = await Promise.all((await summary.findElements(By.css("li"))).map((li) => li.getText()));
    assert.deepEqual(messages, expected, "the same refusal as the CLI's");
    assert.match(messages[0], /^Line 3: /);
    assert.equal(await driver.findElement(By.id("introduction-error")).isDisplayed(), true, "the message by the field");
    await axe("the toolkit with a refused introduction");
    await shot("toolkit-intro-refused");
    // The summary's link moves to the box.
    await summary.findElement(By.css("a")).click();
    assert.equal(await driver.switchTo().activeElement().getAttribute("id"), "introduction");

    await typeLines(box, "# A word from the LGA\n\nWelcome to the *toolkit*.\n");
    await driver.findElement(button("Save the introduction")).click();
    await banner("Introduction saved");
    assert.equal((await driver.findElements(By.css(".error-summary"))).length, 0);
    await driver.wait(async () => (await articleHeadings()).some(([tag, t]) => tag === "h3" && t === "A word from the LGA"), WAIT,
      "the preview opens with the introduction (a # heading sits one level under the toolkit's Introduction)");
    const given = await driver.findElement(By.id("introduction-given")).getText();
    assert.match(given, /^Given by Lee Officer on \w+day \d+ \w+ 20\d\d, /);
    const out = path.join(folder(), "with-intro.html");
    cli("toolkit", "export", "--format", "html", "-o", out);
    assert.ok(readFileSync(out, "utf8").includes("Welcome to the toolkit."), "the CLI's export has it too");
    await shot("toolkit-intro-saved");
  });

  it("offers a council organiser the toolkit to save but not the introduction", async () => {
    organiser();
    await driver.wait(async () => (await driver.findElements(By.id("introduction"))).length === 0, WAIT, "the introduction form goes");
    assert.equal((await driver.findElements(button("Save"))).length, 1, "the toolkit can still be saved");
    await axe("the toolkit for a council organiser");
    await shot("toolkit-organiser");
  });

  it("kept to its strict CSP on the toolkit's page", async () => {
    const violations = await driver.executeScript("return window.cspViolations");
    assert.ok(Array.isArray(violations), "the CSP listener was still installed: no page reloaded");
    assert.deepEqual(violations, []);
  });
});
