"""One reader per file format. A reader turns text into raw record objects, each with the
location a person would look for it at, plus the file's defaults — or located problems.
Readers know syntax only; validation is the models' job."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from ..errors import InputProblem

FILE_KEYS = ("events", "tz", "$schema")


class RawEntry(NamedTuple):
    data: Any
    location: str  # "line 4", "record 2 (index 1)", "record 2 (line 17)"


class ParsedFile:
    """A file's raw records and defaults. ``entries`` may be an iterator that reads the
    file as it goes (JSON Lines): its problems are complete once it is exhausted."""

    __slots__ = ("name", "entries", "default_tz", "problems")

    def __init__(self, name: str) -> None:
        self.name = name
        self.entries: Iterable[RawEntry] = []
        self.default_tz: Any = None
        self.problems: list[InputProblem] = []

    def problem(self, location: str, fld: str, message: str) -> None:
        self.problems.append(InputProblem(self.name, location, fld, message))


class DuplicateKeyError(ValueError):
    """An object that writes one key twice: json would keep the last value silently."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return document


def _duplicate_key_message(key: str) -> str:
    return (f"invalid JSON: the key {_clip(key)!r} is written twice in one object (JSON "
            "readers would silently keep only the last value): write each key once")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _second_key_location(text: str, key: str) -> str:
    """The line and column where ``key`` is written the second time, for a message."""
    places = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    if len(places) < 2:
        return ""
    start = places[1]
    return f"line {text.count(chr(10), 0, start) + 1}, column {start - text.rfind(chr(10), 0, start)}"


def loads(text: str) -> Any:
    """``json.loads`` that refuses an object writing one key twice (DuplicateKeyError)."""
    return json.loads(text, object_pairs_hook=_unique_keys)


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)
_SPACE = re.compile(r"[ \t\n\r]*")


class _Irregular(Exception):
    """The document is not a list or an object of values as expected: json.loads says why."""


def _document_with_starts(text: str) -> tuple[Any, list[int]]:
    """The document, parsed once by json's own decoder value by value, and where each of
    its records starts (offsets into ``text``): the top-level list's items, or those of
    the ``events`` list of a top-level object."""
    def skip(i: int) -> int:
        return _SPACE.match(text, i).end()  # type: ignore[union-attr]

    def expect(i: int, char: str) -> int:
        if text[i:i + 1] != char:
            raise _Irregular
        return i + 1

    def items(i: int) -> tuple[list, list[int], int]:
        i, values, starts = skip(expect(i, "[")), [], []
        if text[i:i + 1] == "]":
            return values, starts, i + 1
        while True:
            starts.append(i)
            value, i = _DECODER.raw_decode(text, i)
            values.append(value)
            i = skip(i)
            if text[i:i + 1] == "]":
                return values, starts, i + 1
            i = skip(expect(i, ","))

    i = skip(0)
    if text[i:i + 1] == "[":
        document, starts, i = items(i)
    elif text[i:i + 1] == "{":
        pairs, starts, i = [], [], skip(i + 1)
        if text[i:i + 1] != "}":
            while True:
                key, i = _DECODER.raw_decode(text, i)
                if not isinstance(key, str):
                    raise _Irregular
                i = skip(expect(skip(i), ":"))
                if key == "events" and text[i:i + 1] == "[":
                    value, starts, i = items(i)
                else:
                    value, i = _DECODER.raw_decode(text, i)
                pairs.append((key, value))
                i = skip(i)
                if text[i:i + 1] == "}":
                    break
                i = skip(expect(i, ","))
        i += 1
        document = _unique_keys(pairs)
    else:
        raise _Irregular
    if skip(i) != len(text):
        raise _Irregular
    return document, starts


def _start_lines(text: str, starts: list[int]) -> list[int]:
    lines, line, previous = [], 1, 0
    for start in starts:
        line += text.count("\n", previous, start)
        previous = start
        lines.append(line)
    return lines


def read_json(name: str, text: str) -> ParsedFile:
    parsed = ParsedFile(name)
    starts: list[int] = []
    try:
        try:
            document, starts = _document_with_starts(text)
        except (_Irregular, json.JSONDecodeError):
            document = loads(text)  # raises, saying what is wrong and where
    except DuplicateKeyError as exc:
        parsed.problem(_second_key_location(text, exc.key), "", _duplicate_key_message(exc.key))
        return parsed
    except json.JSONDecodeError as exc:
        hint = ""
        if exc.msg == "Extra data":
            hint = " (one JSON value per line is JSON Lines: name the file .jsonl)"
        parsed.problem(f"line {exc.lineno}, column {exc.colno}", "",
                       f"invalid JSON: {json_error_text(exc)}{hint}")
        return parsed
    except RecursionError:
        parsed.problem("", "", "invalid JSON: nested too deeply")
        return parsed
    except ValueError:  # the only other failure: an integer too long to convert
        parsed.problem(_long_number_location(text), "", _LONG_NUMBER)
        return parsed
    records = _unwrap_document(parsed, document)
    if records is not None:
        lines = _start_lines(text, starts) if len(starts) == len(records) else []
        parsed.entries = [
            RawEntry(item, f"record {i + 1} (index {i}" + (f", line {lines[i]})" if lines else ")"))
            for i, item in enumerate(records)
        ]
    return parsed


def read_jsonl(name: str, text: str | Iterable[str]) -> ParsedFile:
    """JSON Lines from text, or from an iterator of its lines (each line without its line
    end, numbered from 1), read as records are taken: a large file is never held whole."""
    parsed = ParsedFile(name)
    parsed.entries = _jsonl_entries(parsed, json_lines(text) if isinstance(text, str) else text)
    return parsed


def _jsonl_entries(parsed: ParsedFile, lines: Iterable[str]) -> Iterator[RawEntry]:
    for number, line in enumerate(lines, start=1):
        entry = _jsonl_entry(parsed, number, line)
        if entry is not None:
            yield entry


def _jsonl_entry(parsed: ParsedFile, number: int, line: str) -> RawEntry | None:
    """The raw record on line ``number``; None for a blank line or a problem (noted)."""
    if not line.strip():
        return None
    try:
        return RawEntry(loads(line), f"line {number}")
    except DuplicateKeyError as exc:
        parsed.problem(f"line {number}", "", _duplicate_key_message(exc.key))
    except json.JSONDecodeError as exc:
        parsed.problem(f"line {number}, column {exc.colno}", "",
                       f"invalid JSON: {json_error_text(exc)}")
    except RecursionError:
        parsed.problem(f"line {number}", "", "invalid JSON: nested too deeply")
    except ValueError:
        parsed.problem(_long_number_location(line, number), "", _LONG_NUMBER)
    return None


# the json module's messages that end "... at", meant to be followed by its own position
_JSON_MESSAGES = {
    "Invalid control character at": "a control character (a tab, a line break …) inside a "
                                    "string: write it escaped, as \\t or \\n",
    "Unterminated string starting at": "a string is not closed: a quote is missing",
}


def json_error_text(exc: json.JSONDecodeError) -> str:
    """The json module's message, readable without its own position (the location says it)."""
    return _JSON_MESSAGES.get(exc.msg, exc.msg)


def json_lines(text: str) -> list[str]:
    """The lines of JSON Lines text. Only CR and LF end a line: ``str.splitlines`` would
    also split at U+2028, U+0085 and others, which JSON strings may contain unescaped."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


_LONG_NUMBER = (f"invalid JSON: a number longer than {sys.get_int_max_str_digits()} digits "
                "(no count or coordinate needs one)")
_DIGITS = re.compile(r"\d{%d,}" % (sys.get_int_max_str_digits() + 1), re.ASCII)


def _long_number_location(text: str, line: int | None = None) -> str:
    found = _DIGITS.search(text)
    if found is None:
        return "" if line is None else f"line {line}"
    start = found.start()
    column = start - text.rfind("\n", 0, start)
    if line is None:
        line = text.count("\n", 0, start) + 1
    return f"line {line}, column {column}"


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
    except RecursionError:
        parsed.problem("", "", "invalid TOML: arrays, tables or dotted keys nested too deeply")
        return parsed
    except ValueError:  # an integer too long to convert
        parsed.problem(_long_number_location(text), "",
                       _LONG_NUMBER.replace("invalid JSON", "invalid TOML"))
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


def read_parquet(name: str, path: Any) -> ParsedFile:
    """Parquet (binary): given the file's path, not its text; the engine is imported only
    when one is read (see :mod:`.parquet`)."""
    from .parquet import read_parquet as read

    return read(name, path)


READERS: dict[str, Callable[[str, str], ParsedFile]] = {
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".toml": read_toml,
    ".parquet": read_parquet,
}


def sniff_reader(text: str) -> Callable[[str, str], ParsedFile]:
    """Standard input has no name: JSON, JSON Lines or TOML by its content. A first line
    that is a whole object without ``events`` is a record, so the input is JSON Lines."""
    head = text.lstrip()
    if head.startswith("["):
        return read_json
    if head.startswith("{"):
        try:
            first = loads(json_lines(head)[0])
        except DuplicateKeyError:  # a record, refused by the JSON Lines reader
            return read_jsonl
        except (ValueError, RecursionError):  # the reader says what is wrong
            return read_json
        return read_json if isinstance(first, dict) and "events" in first else read_jsonl
    return read_toml
