"""Reads a CSV file as Excel would be given it, with Python's csv module.

Usage: read_csv.py FILE

Prints one JSON object: "bom" (the file starts with UTF-8's byte order
mark), "crlf" (every line ends CRLF: no bare LF or CR outside quoted
cells), and "rows", every row as a list of cells (the header first).
"""

import csv
import io
import json
import sys


def main():
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel"))
    # Record ends: outside quotes, every line break must be CRLF.
    crlf, quoted, i = True, False, 0
    while i < len(text):
        c = text[i]
        if c == '"':
            quoted = not quoted
        elif not quoted and c == "\r":
            if text[i + 1 : i + 2] != "\n":
                crlf = False
            i += 1
        elif not quoted and c == "\n":
            crlf = False
        i += 1
    crlf = crlf and text.endswith("\r\n")
    json.dump({"bom": bom, "crlf": crlf, "rows": rows}, sys.stdout)


if __name__ == "__main__":
    main()
