"""Reading JSON payloads: strict, with one error type per parser."""

import json


def load(data: bytes, error: type[Exception]):
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        raise error(f"JSON is not valid UTF-8/16/32: {exc.reason} at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise error(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise error("malformed JSON: nested too deeply") from None


def lower_keys(obj: dict) -> dict:
    """ninjs 3 spells fields in camelCase (versionCreated); 1.x and 2.x in lower case."""
    return {str(key).lower(): value for key, value in obj.items()}
