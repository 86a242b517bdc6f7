"""Words the rules share, so every message names spans, lists and counts the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from ..records import TimeSpan


def span_text(span: TimeSpan) -> str:
    """``[2026-01-29T18:00+02:00, 2026-01-30T08:00+02:00)`` in the record's own zone."""
    start = span.start.astimezone(span.zone).isoformat(timespec="minutes")
    if span.end is None:  # an open window (START/..)
        return f"[{start}, until further notice) ({span.zone_name()})"
    end = span.end.astimezone(span.zone).isoformat(timespec="minutes")
    return f"[{start}, {end}) ({span.zone_name()})"


def listing(items: Iterable[str], empty: str = "none") -> str:
    items = list(items)
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, noun: str, many: str | None = None) -> str:
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def duration_text(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 48:
        return f"{hours:g} hours"
    days = hours / 24
    return f"{days:.1f} days".replace(".0 days", " days")
