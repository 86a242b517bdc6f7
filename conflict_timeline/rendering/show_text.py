"""`timeline show` for people: grouped by day, precision visible, colour per kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import tzinfo
from itertools import groupby

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..records import Pause, RecordBase
from ..timeline import actor_names
from .labels import group_label, span_label
from .pause_words import window_words
from .safe import clean_text

KIND_STYLES = {"strike": "bold red", "pause": "bold green", "statement": "cyan",
               "negotiation": "magenta"}


def render_show(records: Sequence[RecordBase], zone: tzinfo | None = None,
                rules: bool = True) -> RenderableType:
    """``rules``: headings drawn as a rule across the width (a terminal), else a line."""
    parts: list[RenderableType] = []
    for heading, group in groupby(records, key=lambda r: group_label(r.span, zone)):
        title = Text(heading, style="bold")
        parts.append(Rule(title, align="left") if rules else Text("── ").append_text(title))
        parts.append(_day_table(list(group), zone))
    parts.append(Text(footer(records), style="dim"))
    return Group(*parts)


def _day_table(records: list[RecordBase], zone: tzinfo | None) -> Table:
    """Per record: its kind, then a block of time, headline and who/where/id — so a long
    time label or headline wraps in its own space instead of squeezing the others."""
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("kind", no_wrap=True, min_width=11)
    table.add_column("record", overflow="fold")  # a long word or URL wraps, never cut
    for record in records:
        kind = record.kind  # type: ignore[attr-defined]
        block = Text()  # no base style: it would dim the headline too
        block.append(_time_words(record, zone), style="dim")
        block.append("\n")
        block.append(clean_text(record.title), style="bold")
        details = [d for d in (", ".join(actor_names(record)), _place(record)) if d]
        block.append("\n" + " · ".join(clean_text(d) for d in details) if details else "\n")
        block.append(f"{'  ' if details else ''}[{clean_text(record.id)}]", style="dim")
        table.add_row(Text(kind, style=KIND_STYLES.get(kind, "")), block)
    return table


def _time_words(record: RecordBase, zone: tzinfo | None) -> str:
    """The record's time; a pause's window with its repeat in words, and for a later
    version, the pause it amends."""
    if not isinstance(record, Pause):
        return span_label(record.span, zone)
    words = window_words(record, zone)
    if record.amends:
        words += f" — amends {record.amends}"
        if record.declared_span is not None:
            words += f", declared {span_label(record.declared_span, zone)}"
    return words


def _place(record: RecordBase) -> str:
    loc = record.location
    if loc is None:
        return ""
    return ", ".join(p for p in (loc.place, loc.region, loc.country) if p)


def footer(records: Sequence[RecordBase]) -> str:
    counts = Counter(r.kind for r in records)  # type: ignore[attr-defined]
    n = len(records)
    detail = ", ".join(f"{c} {k}{'s' if c != 1 else ''}" for k, c in sorted(counts.items()))
    return f"{n} record{'s' if n != 1 else ''}" + (f": {detail}" if detail else "")


def print_show(console: Console, records: Sequence[RecordBase], zone: tzinfo | None) -> None:
    console.print(render_show(records, zone, rules=console.is_terminal))
