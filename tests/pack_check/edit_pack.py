"""Edits a cpweek pack and makes its digest again, by the recipe in
docs/pack-format.md, with Python's standard library only: what anyone
could do to a pack (the digest detects damage; it is not a signature).

    edit_pack.py IN OUT [PATH=JSON ...]

PATH is dotted (events.0.status), JSON the new value ("approved"). It
first checks that IN's own digest is what the recipe makes, so the test
also holds cpweek's digest to an independent implementation of the doc.
"""

import hashlib
import json
import sys


def digest(document):
    without = {k: v for k, v in document.items() if k != "digest"}
    canonical = json.dumps(
        without, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


def main():
    source, target, *edits = sys.argv[1:]
    with open(source, encoding="utf-8") as f:
        document = json.load(f)
    if document["digest"] != digest(document):
        sys.exit(f"the pack's digest {document['digest']} is not the recipe's {digest(document)}")
    for edit in edits:
        path, value = edit.split("=", 1)
        keys = path.split(".")
        node = document
        for key in keys[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = json.loads(value)
        else:
            node[last] = json.loads(value)
    document["digest"] = digest(document)
    with open(target, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)


main()
