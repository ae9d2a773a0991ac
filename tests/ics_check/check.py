"""Reads a calendar file with Python's icalendar and vobject (with
validation on) and prints what each found, as JSON, for tests/ics.rs.

Usage: python3 check.py FILE
Exits non-zero, with the reason on stderr, if either parser refuses it."""

import json
import sys
from datetime import date, datetime, timezone

try:
    import icalendar
    import vobject
except ImportError as e:  # the Rust test turns this into a failure
    sys.stderr.write(f"missing Python package ({e}); install with: pip install -r tests/ics_check/requirements.txt\n")
    sys.exit(3)


def when(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"floating time {value} in an exported feed")
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    raise ValueError(f"not a date: {value!r}")


def with_icalendar(data):
    cal = icalendar.Calendar.from_ical(data)
    if cal.errors:
        raise ValueError(f"icalendar errors: {cal.errors}")
    out = {"calendar": {k: str(cal.get(k)) for k in ("METHOD", "VERSION", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL") if cal.get(k) is not None}, "events": []}
    if "REFRESH-INTERVAL" in cal:
        out["calendar"]["REFRESH-INTERVAL"] = str(cal["REFRESH-INTERVAL"].dt)
    for ev in cal.walk("VEVENT"):
        if ev.errors:
            raise ValueError(f"icalendar errors in {ev.get('UID')}: {ev.errors}")
        cats = []
        raw = ev.get("CATEGORIES")
        for c in raw if isinstance(raw, list) else ([raw] if raw is not None else []):
            cats.extend(str(x) for x in c.cats)
        out["events"].append({
            "uid": str(ev["UID"]),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev["DESCRIPTION"]) if "DESCRIPTION" in ev else None,
            "location": str(ev["LOCATION"]) if "LOCATION" in ev else None,
            "start": when(ev.decoded("DTSTART")),
            "end": when(ev.decoded("DTEND")),
            "status": str(ev.get("STATUS")),
            "sequence": int(ev.get("SEQUENCE")),
            "class": str(ev["CLASS"]) if "CLASS" in ev else None,
            "categories": cats,
            "dtstamp": when(ev.decoded("DTSTAMP")),
        })
    return out


def with_vobject(text):
    cal = vobject.readOne(text, validate=True)
    cal.validate(raiseException=True, complainUnrecognized=False)
    events = []
    for ev in getattr(cal, "vevent_list", []):
        events.append({
            "uid": ev.uid.value,
            "summary": ev.summary.value,
            "description": ev.description.value if hasattr(ev, "description") else None,
            "location": ev.location.value if hasattr(ev, "location") else None,
            "start": when(ev.dtstart.value),
            "end": when(ev.dtend.value),
            "status": ev.status.value,
            "sequence": int(ev.sequence.value),
            "class": ev.contents["class"][0].value if "class" in ev.contents else None,
            "categories": [c for cat in ev.contents.get("categories", []) for c in cat.value],
            "dtstamp": when(ev.dtstamp.value),
        })
    return {"events": events}


def main():
    path = sys.argv[1]
    data = open(path, "rb").read()
    result = {
        "icalendar": with_icalendar(data),
        "vobject": with_vobject(data.decode("utf-8")),
    }
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
