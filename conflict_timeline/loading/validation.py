"""Raw objects to typed records, every problem located by file, record and field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
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
            got = error.get("input")
            shown = "" if isinstance(got, (dict, list)) else f" (got {_clip(repr(got))})"
            out.append((path, f"{error['msg']}{shown}"))
    return out


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
