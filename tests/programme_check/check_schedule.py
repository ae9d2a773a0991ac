"""Validates a schedule JSON file against the conference-schedule JSON Schema.

Usage: check_schedule.py SCHEMA FILE [UID ...]

Prints one JSON object: "errors", every place the file breaks the schema
(with the formats checked: date, date-time, uri, uuid), and "guids", the
UUID v5 that each UID given should have (uuid5(NAMESPACE_URL,
"cpweek:event:" + UID)), worked out here, independently of cpweek.
"""

import json
import sys
import uuid

import jsonschema

# The date-time and uri formats are checked only with these installed;
# fail rather than let them pass unchecked.
import rfc3339_validator  # noqa: F401
import rfc3986_validator  # noqa: F401


def main():
    schema_path, file_path, *uids = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(file_path, encoding="utf-8") as f:
        document = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    errors = [
        {"path": "/".join(str(p) for p in e.absolute_path), "message": e.message}
        for e in validator.iter_errors(document)
    ]
    guids = {u: str(uuid.uuid5(uuid.NAMESPACE_URL, "cpweek:event:" + u)) for u in uids}
    json.dump({"errors": errors, "guids": guids}, sys.stdout)


if __name__ == "__main__":
    main()
