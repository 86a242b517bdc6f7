"""A Markdown table for reports and pull requests: one row per record, in order.

Record text is made inert: control and bidi characters shown escaped, and every character
Markdown or HTML would act on (``|``, ``*``, ``[``, ``<``, ``&`` …) backslash-escaped, so a
title cannot break the table, inject a link or hide text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import tzinfo
from typing import ClassVar

from ...records import Pause, RecordBase, Source
from ...timeline import actor_names
from ..labels import span_label
from ..pause_words import window_words
from ..safe import UNSAFE_CHARACTERS, clean_text

HEADER = ("When", "Kind", "Title", "Who", "Where", "Sources", "Id")
_ACTIVE = re.compile(r"([\\`*_\[\]<>|&~])")
_SAFE_URL = re.compile(r"https?://[^\s<>]+")


def cell(text: str | None) -> str:
    return _ACTIVE.sub(r"\\\1", clean_text(text))


def _source(source: Source) -> str:
    if source.url and _SAFE_URL.fullmatch(source.url) and not UNSAFE_CHARACTERS.search(source.url):
        return f"[{cell(source.name)}](<{source.url}>)"
    return cell(source.name)


def _where(record: RecordBase) -> str:
    loc = record.location
    if loc is None:
        return ""
    return ", ".join(p for p in (loc.place, loc.region, loc.country) if p)


def table_row(record: RecordBase, zone: tzinfo | None = None) -> str:
    cells = (
        cell(window_words(record, zone) if isinstance(record, Pause) else
             span_label(record.span, zone)),
        cell(record.kind),
        cell(record.title),
        cell(", ".join(actor_names(record))),
        cell(_where(record)),
        "; ".join(_source(s) for s in record.sources),
        cell(record.id),
    )
    return "| " + " | ".join(cells) + " |"


class MarkdownExporter:
    name: ClassVar[str] = "markdown"
    summary: ClassVar[str] = "a Markdown table for reports and pull requests"
    suffix: ClassVar[str] = ".md"

    def __init__(self, zone: tzinfo | None = None):
        self.zone = zone  # the 'When' column's zone; None: each record's own

    def zoned(self, zone: tzinfo) -> MarkdownExporter:
        return MarkdownExporter(zone)

    def render(self, records: Sequence[RecordBase]) -> str:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += [table_row(r, self.zone) for r in records]
        return "\n".join(lines) + "\n"
