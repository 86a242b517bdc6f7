"""One reader per file format. A reader turns text into raw record objects, each with the
location a person would look for it at, plus the file's defaults — or located problems.
Readers know syntax only; validation is the models' job."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import InputProblem

FILE_KEYS = ("events", "tz", "$schema")


@dataclass(slots=True)
class RawEntry:
    data: Any
    location: str  # "line 4", "record 2 (index 1)", "record 2 (line 17)"


@dataclass(slots=True)
class ParsedFile:
    name: str
    entries: list[RawEntry] = field(default_factory=list)
    default_tz: Any = None
    problems: list[InputProblem] = field(default_factory=list)

    def problem(self, location: str, fld: str, message: str) -> None:
        self.problems.append(InputProblem(self.name, location, fld, message))


def read_json(name: str, text: str) -> ParsedFile:
    parsed = ParsedFile(name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = ""
        if exc.msg == "Extra data":
            hint = " (one JSON value per line is JSON Lines: name the file .jsonl)"
        parsed.problem(f"line {exc.lineno}, column {exc.colno}", "", f"invalid JSON: {exc.msg}{hint}")
        return parsed
    except RecursionError:
        parsed.problem("", "", "invalid JSON: nested too deeply")
        return parsed
    records = _unwrap_document(parsed, document)
    if records is not None:
        parsed.entries = [
            RawEntry(item, f"record {i + 1} (index {i})") for i, item in enumerate(records)
        ]
    return parsed


def read_jsonl(name: str, text: str) -> ParsedFile:
    parsed = ParsedFile(name)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed.entries.append(RawEntry(json.loads(line), f"line {number}"))
        except json.JSONDecodeError as exc:
            parsed.problem(f"line {number}, column {exc.colno}", "", f"invalid JSON: {exc.msg}")
        except RecursionError:
            parsed.problem(f"line {number}", "", "invalid JSON: nested too deeply")
    return parsed


_TOML_EVENT_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.MULTILINE)
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(name: str, text: str) -> ParsedFile:
    parsed = ParsedFile(name)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_LINE.search(message)
        location = f"line {at.group(1)}, column {at.group(2)}" if at else ""
        parsed.problem(location, "", f"invalid TOML: {_TOML_LINE.sub('', message).strip()}")
        return parsed
    records = _unwrap_document(parsed, document, allow_list=False)
    if records is not None:
        header_lines = [text.count("\n", 0, m.start()) + 1
                        for m in _TOML_EVENT_HEADER.finditer(text)]
        for i, item in enumerate(records):
            line = f" (line {header_lines[i]})" if i < len(header_lines) else ""
            parsed.entries.append(RawEntry(item, f"record {i + 1}{line}"))
    return parsed


def _unwrap_document(parsed: ParsedFile, document: Any, allow_list: bool = True) -> list | None:
    """A list of records, or an object with ``events`` and file-level defaults."""
    if isinstance(document, list) and allow_list:
        return document
    if not isinstance(document, dict):
        parsed.problem("", "", "expected a list of records or an object with 'events'")
        return None
    if "kind" in document and "events" not in document:
        parsed.problem("", "", "this is a single record: put it in a list ([ … ]) or under "
                       "'events', or write one record per line in a .jsonl file")
        return None
    unknown = sorted(set(document) - set(FILE_KEYS))
    for key in unknown:
        parsed.problem("", key, f"unknown file-level key; a file may have: {', '.join(FILE_KEYS)}")
    if "events" not in document:
        parsed.problem("", "events", "missing: the file's records go in a list named 'events'")
        return None
    events = document["events"]
    if not isinstance(events, list):
        parsed.problem("", "events", f"must be a list of records, not {type(events).__name__}")
        return None
    parsed.default_tz = document.get("tz")
    return events


READERS: dict[str, Callable[[str, str], ParsedFile]] = {
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".toml": read_toml,
}


def sniff_reader(text: str) -> Callable[[str, str], ParsedFile]:
    """Standard input has no name: JSON, JSON Lines or TOML by its content. A first line
    that is a whole object without ``events`` is a record, so the input is JSON Lines."""
    head = text.lstrip()
    if head.startswith("["):
        return read_json
    if head.startswith("{"):
        try:
            first = json.loads(head.split("\n", 1)[0])
        except (json.JSONDecodeError, RecursionError):
            return read_json
        return read_json if isinstance(first, dict) and "events" in first else read_jsonl
    return read_toml
