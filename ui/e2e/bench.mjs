// One benchmark pass against a running tauri-driver (see bench.sh): launches
// the app, times the events table, times filters, measures memory.
import { execFileSync } from "node:child_process";
import { Builder } from "selenium-webdriver";

const N = Number(process.env.BENCH_EVENTS);
// Wall-clock milliseconds, as the page's `performance.timeOrigin +
// performance.now()` gives them: both run on this machine's clock, so the
// page can say when it drew something without a WebDriver round trip.
const clock = () => performance.timeOrigin + performance.now();
const t0 = clock();
const driver = await new Builder()
  .usingServer(process.env.WEBDRIVER_URL)
  .withCapabilities({ browserName: "wry", "tauri:options": { application: process.env.CPWEEK_APP } })
  .build();
try {
  // Launch to the events table. WebDriver runs this once the app's page has
  // loaded; inside the page (no WebDriver polling) it waits for the first
  // screen. If that is the Week (a new database), it opens Events from the
  // menu at once (a person clicking the moment Week appears); if the app
  // reopened on Events (where it was left), there is nothing to click. Then
  // it waits for the rows and the count of every event.
  // The moments are taken on the page's clock in the animation frame that
  // first shows each screen, so WebDriver's own round trips are not counted;
  // the time WebDriver saw the table is reported too.
  const want = N === 1 ? "1 event" : `${N.toLocaleString("en-GB")} events`;
  const seenBy = await driver.executeAsyncScript(`
    const [want, done] = arguments;
    const now = () => performance.timeOrigin + performance.now();
    const at = { origin: performance.timeOrigin, script: now() };
    const nav = performance.getEntriesByType("navigation")[0];
    if (nav) at.loaded = performance.timeOrigin + nav.loadEventEnd;
    const look = () => {
      const h1 = document.querySelector("h1")?.textContent.trim();
      if (at.first === undefined && h1) at.first = h1;
      if (at.week === undefined && h1 === "Week") {
        at.week = now();
        document.querySelector('nav a[href="#/events"]').click();
      } else if (h1 === "Events") {
        const count = document.getElementById("events-count");
        const rows = document.querySelectorAll(".events-table tbody a");
        if (rows.length > 0 && count && count.textContent === want) {
          at.table = now();
          return done(at);
        }
      }
      requestAnimationFrame(look);
    };
    look();
  `, want);
  const tableSeenByWebDriver = clock() - t0;
  const since = (t) => (t === undefined ? null : Math.round(t - t0));

  // Filter time in the page: from typing to the updated table laid out.
  const timings = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const input = document.getElementById("search");
    const region = document.getElementById("filter-region");
    const terms = ["kent", "benchmark event 99", "town hall 5", "copy 3", "zzz", "", "leeds", "event 1"];
    const out = [];
    const base = [];
    const split = [];
    (async () => {
      // The cost of the measuring itself: the same steps with no change.
      for (let i = 0; i < 10; i++) {
        const start = performance.now();
        await Promise.resolve();
        await new Promise((r) => setTimeout(r, 0));
        void document.body.offsetHeight;
        base.push(performance.now() - start);
      }
      for (let round = 0; round < 3; round++) {
        for (const term of terms) {
          const start = performance.now();
          input.value = term;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await Promise.resolve();
          await new Promise((r) => setTimeout(r, 0));
          const updated = performance.now();
          void document.body.offsetHeight;
          out.push(performance.now() - start);
          split.push([updated - start, performance.now() - updated]);
        }
      }
      input.value = ""; input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      for (const value of ["South East", "London", ""]) {
        const start = performance.now();
        region.value = value;
        region.dispatchEvent(new Event("change", { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        void document.body.offsetHeight;
        out.push(performance.now() - start);
      }
      done({ out, base, split });
    })();
  `);
  const median_of = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const baseline = [...timings.base].sort((a, b) => a - b)[5];
  const sorted = [...timings.out].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const worst = sorted[sorted.length - 1];

  // Memory: the app and every process under it (WebKit web and network).
  const app = execFileSync("pgrep", ["-n", "-f", process.env.CPWEEK_APP], { encoding: "utf8" }).trim();
  const tree = execFileSync("bash", ["-c", `p=${app}; all=$p; while [ -n "$p" ]; do p=$(pgrep -P $(echo $p | tr ' ' ',') | tr '\\n' ' '); all="$all $p"; done; echo $all`], { encoding: "utf8" }).trim().split(/\s+/);
  let rssKb = 0;
  let pssKb = 0;
  const names = [];
  for (const pid of tree) {
    try {
      const status = execFileSync("cat", [`/proc/${pid}/status`], { encoding: "utf8" });
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      names.push(/Name:\s+(\S+)/.exec(status)?.[1]);
      const roll = execFileSync("cat", [`/proc/${pid}/smaps_rollup`], { encoding: "utf8" });
      pssKb += Number(/Pss:\s+(\d+)/.exec(roll)?.[1] ?? 0);
    } catch {}
  }
  console.log(JSON.stringify({
    events: N,
    opened_on: seenBy.first,
    page_start_ms: since(seenBy.origin),
    page_loaded_ms: since(seenBy.loaded),
    script_started_ms: since(seenBy.script),
    launch_to_week_ms: since(seenBy.week),
    launch_to_events_table_ms: since(seenBy.table),
    events_table_seen_by_webdriver_ms: Math.round(tableSeenByWebDriver),
    filter_median_ms: Number(median.toFixed(1)),
    filter_worst_ms: Number(worst.toFixed(1)),
    filter_samples: timings.out.length,
    search_update_median_ms: Number(median_of(timings.split.map((x) => x[0])).toFixed(1)),
    search_layout_median_ms: Number(median_of(timings.split.map((x) => x[1])).toFixed(1)),
    measuring_overhead_ms: Number(baseline.toFixed(1)),
    processes: names.join(", "),
    rss_mb: Math.round(rssKb / 1024),
    pss_mb: Math.round(pssKb / 1024),
  }));
} finally {
  await driver.quit();
}
