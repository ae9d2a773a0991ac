"""Reads every calendar file (.ics) under a static site's folder with
Python's icalendar, as a subscriber's calendar would, and prints, as JSON,
each file's path (under the folder) with its calendar name and the UID,
summary and status of each event, for tests/site.rs.

Usage: python3 read_feeds.py DIR
Exits non-zero, with the file and the reason on stderr, if any file is not
a calendar icalendar reads without errors."""

import json
import os
import sys

try:
    import icalendar
except ImportError as e:  # the Rust test turns this into a failure
    sys.stderr.write(f"missing Python package ({e}); install with: pip install -r tests/site_check/requirements.txt\n")
    sys.exit(3)


def read(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    if cal.errors:
        raise ValueError(f"icalendar errors: {cal.errors}")
    events = []
    for ev in cal.walk("VEVENT"):
        if ev.errors:
            raise ValueError(f"icalendar errors in {ev.get('UID')}: {ev.errors}")
        ev.decoded("DTSTART")
        ev.decoded("DTEND")
        events.append({"uid": str(ev["UID"]), "summary": str(ev["SUMMARY"]), "status": str(ev.get("STATUS"))})
    return {"name": str(cal.get("X-WR-CALNAME")), "events": events}


def main(top):
    out = {}
    for folder, _dirs, files in os.walk(top):
        for name in sorted(files):
            if not name.endswith(".ics"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, top).replace(os.sep, "/")
            try:
                out[rel] = read(path)
            except Exception as e:  # noqa: BLE001: any refusal fails the test
                sys.stderr.write(f"{rel}: {e}\n")
                sys.exit(1)
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
