"""Validates TOML files against a JSON Schema: validate.py SCHEMA FILE...

Prints one line per file, `ok FILE` or `invalid FILE: PATH: MESSAGE` for
each error, and exits 1 when any file is invalid.
"""
import json
import sys
import tomllib

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
bad = False
for name in sys.argv[2:]:
    # A byte-order mark, which argmap drops, is no TOML for tomllib.
    with open(name, encoding="utf-8-sig") as f:
        data = tomllib.loads(f.read())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        print(f"ok {name}")
    for e in errors:
        bad = True
        path = "/".join(str(p) for p in e.absolute_path)
        print(f"invalid {name}: {path}: {e.message}")
sys.exit(1 if bad else 0)
