"""The Python peer for bench_ics.rs: the same work with Python's icalendar.

Usage: python3 bench_ics.py DIR   (after bench_ics.rs has written DIR/bench-10k.ics)
Prints one JSON line of timings in milliseconds (median of 5 runs):
- import_parse_ms: icalendar parses the 10,000-event file and reads each
  event's fields (no database: the Rust figure includes one, and SQLite).
- export_write_ms: icalendar builds the 10,000 events and serialises them
  (no database: compare with the Rust emitter alone).
"""

import json
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

import icalendar

RUNS = 5


def parse(data):
    cal = icalendar.Calendar.from_ical(data)
    events = []
    for ev in cal.walk("VEVENT"):
        events.append((
            str(ev["UID"]), str(ev["SUMMARY"]), str(ev.get("DESCRIPTION", "")),
            str(ev.get("LOCATION", "")), ev.decoded("DTSTART"), ev.decoded("DTEND"),
            [str(c) for c in ev["CATEGORIES"].cats], str(ev.get("STATUS")), int(ev.get("SEQUENCE", 0)),
        ))
    return events


def export(events):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Local Government Association//cpweek//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("name", "Corporate Parenting Week 2014: Kent (886)")
    cal.add("x-wr-calname", "Corporate Parenting Week 2014: Kent (886)")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    stamp = datetime(2014, 10, 21, 9, tzinfo=timezone.utc)
    for uid, summary, description, location, start, end, cats, status, seq in events:
        ev = icalendar.Event()
        ev.add("uid", uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("location", location)
        ev.add("categories", cats + ["South East"])
        ev.add("status", "TENTATIVE")
        ev.add("sequence", seq)
        ev.add("created", stamp)
        ev.add("last-modified", stamp)
        cal.add_component(ev)
    return cal.to_ical()


def ms(t):
    return (time.perf_counter() - t) * 1000


def main():
    data = open(f"{sys.argv[1]}/bench-10k.ics", "rb").read()
    parses, exports = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        events = parse(data)
        parses.append(ms(t))
        assert len(events) == 10_000
        t = time.perf_counter()
        body = export(events)
        exports.append(ms(t))
    print(json.dumps({
        "icalendar": icalendar.__version__,
        "import_parse_ms": round(statistics.median(parses), 1),
        "export_write_ms": round(statistics.median(exports), 1),
        "export_bytes": len(body),
    }))


if __name__ == "__main__":
    main()
