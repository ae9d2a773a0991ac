// Reads a calendar file with ical.js (the parser behind Thunderbird's
// calendar) and prints what it found, as JSON, for tests/ics.rs.
// Usage: node check.mjs FILE   (after `npm ci` in this folder)
import { readFileSync } from "node:fs";

let ICAL;
try {
  ICAL = (await import("ical.js")).default;
} catch (e) {
  process.stderr.write(`missing ical.js (${e.message}); run: npm ci --prefix tests/ics_check\n`);
  process.exit(3);
}

const text = readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
if (root.name !== "vcalendar") throw new Error(`top component is ${root.name}`);

const when = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString().replace(".000Z", "Z"));
const events = root.getAllSubcomponents("vevent").map((v) => {
  const e = new ICAL.Event(v);
  if (!e.startDate.isDate && e.startDate.zone === ICAL.Timezone.localTimezone) {
    throw new Error(`floating time in ${e.uid}`);
  }
  return {
    uid: e.uid,
    summary: e.summary,
    description: e.description ?? null,
    location: e.location ?? null,
    start: when(e.startDate),
    end: when(e.endDate),
    status: v.getFirstPropertyValue("status"),
    sequence: e.sequence,
    class: v.getFirstPropertyValue("class") ?? null,
    categories: v.getAllProperties("categories").flatMap((p) => p.getValues()),
    dtstamp: when(v.getFirstPropertyValue("dtstamp")),
  };
});
const calendar = {};
for (const k of ["method", "version", "name", "x-wr-calname", "x-published-ttl"]) {
  const value = root.getFirstPropertyValue(k);
  if (value !== null) calendar[k.toUpperCase()] = String(value);
}
const refresh = root.getFirstPropertyValue("refresh-interval");
if (refresh !== null) calendar["REFRESH-INTERVAL"] = String(refresh);
process.stdout.write(JSON.stringify({ icaljs: { calendar, events } }));
