#!/usr/bin/python3
"""Validates scenario files against scenarios/irpsim.schema.json (JSON Schema draft-07) with python3-jsonschema.

Usage: scripts/check_schema.py [--schema PATH] [--expect-invalid] FILE...

The schema file itself is skipped when it is among FILEs, so `scripts/check_schema.py scenarios/*.json` works.
Prints every problem as "FILE: POINTER: MESSAGE". Exit status: 0 when every file is valid (with --expect-invalid:
when every file is rejected), 1 otherwise, 2 on a usage error or a broken schema.

The schema checks the shape of a scenario; `irpsim validate` checks everything (names, references, topology, queue
rules), so a file can pass here and still be rejected by the simulator.
"""
import argparse
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("check_schema: python3-jsonschema is missing (apt-get install python3-jsonschema)\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "scenarios", "irpsim.schema.json")


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def problems(validator, path):
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except (OSError, ValueError) as e:
        return ["%s: %s" % (path, e)]
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return ["%s: %s: %s" % (path, pointer(e.absolute_path) or "(document)", e.message) for e in errors]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", default=DEFAULT_SCHEMA)
    parser.add_argument("--expect-invalid", action="store_true", help="succeed only if every file is rejected")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    try:
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write("check_schema: bad schema %s: %s\n" % (args.schema, e))
        return 2
    validator = jsonschema.Draft7Validator(schema)

    schema_path = os.path.realpath(args.schema)
    failed = 0
    checked = 0
    for path in args.files:
        if os.path.realpath(path) == schema_path:
            continue
        checked += 1
        found = problems(validator, path)
        if args.expect_invalid:
            if found:
                print("%s: rejected as expected (%s)" % (path, found[0]))
            else:
                print("%s: expected the schema to reject this file, but it is valid" % path)
                failed += 1
        elif found:
            print("\n".join(found))
            failed += 1
        else:
            print("%s: valid" % path)
    if checked == 0:
        sys.stderr.write("check_schema: no scenario files given\n")
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
