"""Raw objects to typed records, every problem located by file, record and field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
import re as _re
from typing import Any

from pydantic import ValidationError

from ..records import KINDS, RecordBase, validate_record
from ..records.models import Negotiation, Pause, Statement, Strike
from .readers import ParsedFile, RawEntry

_MODELS = {"strike": Strike, "statement": Statement, "negotiation": Negotiation, "pause": Pause}


def iter_validated(parsed: ParsedFile) -> Iterator[tuple[RecordBase, str]]:
    """Typed records of one parsed file, each with its location, one at a time as the file
    is read; problems are appended to ``parsed.problems``."""
    default_tz = None
    if parsed.default_tz is not None:
        if isinstance(parsed.default_tz, str):
            default_tz = parsed.default_tz
        else:
            parsed.problem("", "tz", "the file's default tz must be text such as 'Europe/Kyiv'")
    for entry in parsed.entries:
        record = validated_entry(parsed, entry, default_tz)
        if record is not None:
            yield record, entry.location


def validated_entry(parsed: ParsedFile, entry: RawEntry,
                    default_tz: str | None = None) -> RecordBase | None:
    """The typed record of one raw entry, or None with its problems noted in ``parsed``.
    ``default_tz``: the file's, which a record that gives none takes as its own."""
    data = entry.data
    if default_tz is not None and isinstance(data, dict) and data.get("tz") is None:
        data = {**data, "tz": default_tz}
    try:
        return validate_record(data)
    except ValidationError as exc:
        location = entry.location
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            location += f", id '{_clip(data['id'])}'"
        for fld, message in describe_validation_error(exc, data):
            parsed.problem(location, fld, message)
        return None


def describe_validation_error(exc: ValidationError, data: Any) -> list[tuple[str, str]]:
    """(field path, message) pairs a person can act on, from pydantic's errors."""
    kind = data.get("kind") if isinstance(data, dict) else None
    out = []
    for error in exc.errors(include_url=False):
        etype = error["type"]
        if etype == "when_unresolved":
            continue  # the invalid tz it follows from is reported
        loc = list(error["loc"])
        if loc and loc[0] == kind and kind in KINDS:
            loc = loc[1:]
        path = _path(loc)
        if etype == "union_tag_invalid":
            out.append(("kind", f"unknown kind {_clip(str(kind))!r}: expected one of {', '.join(KINDS)}"))
        elif etype == "union_tag_not_found":
            out.append(("kind", f"missing: every record needs a kind ({', '.join(KINDS)})"))
        elif etype in ("model_attributes_type", "model_type", "dict_type") and not loc:
            out.append(("", f"a record must be an object, not {type(data).__name__}"))
        elif etype == "missing":
            out.append((path, f"missing: required for a {kind} record"))
        elif etype == "extra_forbidden":
            out.append((path, f"unknown field: {_known_fields_hint(kind, loc)}"))
        elif etype.startswith(("when_", "tz_", "bool_")):
            out.append((path, error["msg"]))
        elif etype == "string_unicode":
            out.append((path, f"text {_clip(repr(error.get('input')))} holds half of a UTF-16 "
                              "surrogate pair, which is not a character: check its \\u escapes"))
        elif etype == "string_type" and isinstance(error.get("input"), (date, time)):
            out.append((path, "a TOML date or time value: write it as text in quotes "
                              f"(\"{error['input'].isoformat()}\") so its precision and zone are kept"))
        else:
            out.append((path, _own_words(error, etype, loc)))
    return out


def _own_words(error: dict, etype: str, loc: list) -> str:
    """The project's sentence for one of pydantic's errors: what the field must be, the
    accepted values where there is a list of them, and what was written."""
    got = error.get("input")
    ctx = error.get("ctx") or {}
    written = _written(got)
    if etype == "enum":
        accepted = ", ".join(_re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"{written} is not an accepted value: use one of {accepted}"
    if etype == "list_type":
        hint = ""
        if isinstance(got, str):
            hint = f": write [{_json(got)}] for one"
        return f"must be a list ([…]), not {written}{hint}"
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be an object ({{…}}) of named fields, not {written}"
    if etype == "string_type":
        return f"must be text in quotes, not {written}"
    if etype == "string_too_short":
        return "must not be empty"
    if etype in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        what = "a whole number" if etype.startswith("int") else "a number"
        return f"must be {what}, not {written}"
    bounds = {"less_than_equal": ("at most", "le"), "greater_than_equal": ("at least", "ge"),
              "less_than": ("less than", "lt"), "greater_than": ("greater than", "gt")}
    if etype in bounds:
        words, key = bounds[etype]
        limit = ctx.get(key)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"must be {words} {limit}, not {written}"
    if etype == "bool_type":
        return f"must be true or false, not {written}"
    message = str(ctx["error"]) if etype == "value_error" and "error" in ctx else error["msg"]
    message = message.removeprefix("Value error, ")
    if isinstance(got, (dict, list)) or etype.startswith("count"):
        return message if "(got " in message or isinstance(got, (dict, list)) else (
            f"{message} (got {written})")
    return f"{message} (got {written})"


def _written(value: Any) -> str:
    """What the input held, as a person reads it in a JSON or TOML file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"the text {_clip(repr(value))}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return _clip(repr(value))


def _json(value: str) -> str:
    import json

    return _clip(json.dumps(value, ensure_ascii=False))


def _known_fields_hint(kind: Any, loc: list) -> str:
    model = _MODELS.get(kind)
    if model is None or len(loc) != 1:
        return "not part of the record format; check the spelling"
    names = [f.alias or name for name, f in model.model_fields.items()
             if name != "resolved"]
    return f"a {kind} record has: {', '.join(names)}"


def _path(loc: list) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            part = _clip(str(part))  # a key can be any text, of any length
            path += f".{part}" if path else part
    return path


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
