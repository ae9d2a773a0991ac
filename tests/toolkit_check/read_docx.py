"""Reads a DOCX with python-docx and prints what tests/toolkit.rs checks, as JSON:
each paragraph's style name and text, each table's rows of cell text, and the
default language set in the styles (w:docDefaults/w:rPrDefault/w:rPr/w:lang)."""

import json
import sys

import docx
from docx.oxml.ns import qn


def main(path):
    document = docx.Document(path)
    paragraphs = [{"style": p.style.name, "text": p.text} for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    styles = document.styles.element
    lang = None
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        node = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang"))
        if node is not None:
            lang = node.get(qn("w:val"))
    print(
        json.dumps(
            {
                "paragraphs": paragraphs,
                "tables": tables,
                "language": lang,
                "core_language": document.core_properties.language,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
