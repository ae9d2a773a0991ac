"""Reads an Atom feed with feedparser, as a feed reader would.

Usage: read_atom.py FILE

Prints one JSON object: "bozo" (feedparser found the feed malformed) and
its reason, "version" (the format feedparser recognised, "atom10" for
RFC 4287), the feed's "id", "title", "language", "updated", "links" and
"author", and its "entries" in order, each with its "id", "title",
"title_type", "updated", "published" and "content" (each content's
"type", "language" and "value", as text after parsing).
"""

import json
import sys

import feedparser


def main():
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    d = feedparser.parse(data)
    feed = d.feed
    out = {
        "bozo": bool(d.bozo),
        "bozo_exception": str(d.get("bozo_exception", "")),
        "version": d.version,
        "id": feed.get("id"),
        "title": feed.get("title"),
        "language": feed.get("language"),
        "updated": feed.get("updated"),
        "author": feed.get("author"),
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in feed.get("links", [])],
        "entries": [
            {
                "id": e.get("id"),
                "title": e.get("title"),
                "title_type": e.get("title_detail", {}).get("type"),
                "updated": e.get("updated"),
                "published": e.get("published"),
                "content": [
                    {"type": c.get("type"), "language": c.get("language"), "value": c.get("value")}
                    for c in e.get("content", [])
                ],
            }
            for e in d.entries
        ],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
