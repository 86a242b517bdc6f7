"""Writers for machines: each record as loadable input plus its resolved span.

Both writers stream: items are written as they come, so a million records or findings never
sit in memory as one document. The indented JSON is serialised by pydantic-core (the JSON
engine the models already use), byte for byte what ``json.dumps(items, indent=2,
ensure_ascii=False)`` printed, at a tenth of the cost of the standard library's pure-Python
indenting encoder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from pydantic_core import PydanticSerializationError, to_json

from ..patterns import LazyPattern
from ..records import RecordBase, TimeSpan, record_to_dict, record_to_json, zone_label
from ..records.spans import span_texts
from .safe import UNSAFE_CHARACTERS


def span_dict(span: TimeSpan) -> dict[str, str]:
    start, end = span_texts(span)
    return {
        "start": start,
        "end": end,
        "precision": span.precision.value,
        "zone": span.zone_name(),
    }


def record_json(record: RecordBase) -> dict[str, Any]:
    """The record itself (loadable again: ``span`` is ignored on input) plus its span."""
    data = record_to_dict(record)
    data["span"] = span_dict(record.span)
    return data


def _escape_unsafe(text: str) -> str:
    """Characters that act on a terminal or hide themselves (C1 controls, bidi overrides,
    line separators, lone surrogates) written as ``\\uXXXX`` escapes: the same strings when
    parsed, harmless when printed, and one record per line stays one line for every JSON
    Lines reader. Outside strings JSON text is plain ASCII, so only strings are touched."""
    if text.isascii():  # the common case, checked at memory speed: of ASCII, JSON leaves
        # only DEL unescaped (it escapes every other control character itself)
        return text.replace("\x7f", "\\u007f") if "\x7f" in text else text
    if UNSAFE_CHARACTERS.search(text) is None:
        return text
    return UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON as readable UTF-8, unsafe characters escaped (see :func:`_escape_unsafe`)."""
    return _escape_unsafe(json.dumps(value, ensure_ascii=False, indent=indent))


# pydantic-core and Python print a float between 1e-9 and 1e-4 differently (0.00001 vs
# 1e-05); any output that may hold one is printed by the standard library instead.
_FLOAT_PRINTED_OTHERWISE = LazyPattern(rb"(?<![\w.])-?0\.0000|\de-\d\b")


def indented_items(items: list[Any]) -> str:
    """``items`` as they stand inside an indented JSON list: the list without its brackets.
    One call to pydantic-core for many items (not one each, then re-indented)."""
    try:
        data = to_json(items, indent=2, inf_nan_mode="constants")  # NaN as json writes it
    except PydanticSerializationError:  # e.g. a lone surrogate: let json say what it says
        data = None
    if data is None or _printed_otherwise(data):
        text = json_text(items, indent=2)
    else:
        text = _escape_unsafe(data.decode())
    return text[2:-2]  # "[\n" … "\n]"


def write_json(items: Iterable[Any], out: TextIO, batch: int = 500) -> None:
    """One JSON list, as ``json_text(list(items), indent=2)`` writes it, a few hundred items
    at a time: a million findings are never held at once."""
    write_json_pieces((indented_items(chunk) for chunk in _chunks(items, batch)), out)


def write_json_pieces(pieces: Iterable[str], out: TextIO) -> None:
    """One JSON list of items already made into text by :func:`indented_items`."""
    opened = False
    for piece in pieces:
        out.write(",\n" if opened else "[\n")
        out.write(piece)
        opened = True
    out.write("\n]\n" if opened else "[]\n")


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_jsonl(items: Iterable[Any], out: TextIO) -> None:
    """One compact JSON object per line (see :func:`jsonl_text`), streamed."""
    write_lines((jsonl_text(item) for item in items), out)


def jsonl_text(item: Any) -> str:
    """``item`` as one line of JSON Lines, compact (no spaces after ``,`` and ``:``, as
    ``jq -c`` writes it), unsafe characters escaped; byte for byte what the standard
    library writes with those separators, at a quarter of its cost."""
    try:
        data = to_json(item, inf_nan_mode="constants")
    except PydanticSerializationError:  # e.g. a lone surrogate: let json say what it says
        data = None
    if data is None or _printed_otherwise(data):
        return _escape_unsafe(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
    return _escape_unsafe(data.decode())


def _printed_otherwise(data: bytes) -> bool:
    # find, not `in`, as in loading._json_lines_records
    return ((data.find(b"0.0000") >= 0 or data.find(b"e-") >= 0)
            and bool(_FLOAT_PRINTED_OTHERWISE.search(data)))


def record_jsonl_line(record: RecordBase) -> str:
    """:func:`jsonl_text` of :func:`record_json`, serialised from the model itself by
    pydantic-core (no dict made on the way): what ``timeline show -f jsonl`` writes."""
    try:
        data = record_to_json(record)
    except PydanticSerializationError:
        data = None
    if data is None or (_has_coordinates(record) and _printed_otherwise(data)):
        return jsonl_text(record_json(record))
    return _escape_unsafe(f'{data[:-1].decode()},"span":{_span_json(record.span)}}}')


def _has_coordinates(record: RecordBase) -> bool:
    """Whether the record holds a float: only a location's coordinates are floats
    (tests/test_fast_paths.py checks the models say so). Looking is cheaper than searching
    every line's bytes for a float printed otherwise."""
    location = record.location
    return location is not None and (location.lat is not None or location.lon is not None)


def _span_json(span: TimeSpan) -> str:
    """:func:`span_dict` as compact JSON; every part is ASCII without quotes or backslashes
    (ISO text, a precision, an IANA name or offset). A precision is a StrEnum, written as
    its text; keyed on one, a dict would call the enum's hash, written in Python."""
    start, end = span_texts(span)
    return (f'{{"start":"{start}","end":"{end}","precision":"{span.precision}",'
            f'"zone":"{zone_label(span.zone)}"}}')


def record_json_item(record: RecordBase) -> str:
    """One record as an item of :func:`write_json`'s list (see :func:`write_json_pieces`)."""
    return indented_items([record_json(record)])


def write_lines(lines: Iterable[str], out: TextIO, batch: int = 1000) -> None:
    """``lines`` (each without its line end), each ended, a thousand at a time."""
    for chunk in _chunks(lines, batch):
        out.write("\n".join(chunk) + "\n")
