"""T003: a strike or statement whose explicit interval is implausibly long for its kind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import duration_text, span_text

LONGEST = {"strike": timedelta(days=3), "statement": timedelta(days=7)}


def check(timeline: Timeline) -> Iterator[Finding]:
    for record in timeline.records:
        limit = LONGEST.get(record.kind)
        span = record.span
        if limit is None or not span.is_interval:
            continue
        length = timedelta(seconds=span.end_ts - span.start_ts)
        if length > limit:
            kind = record.kind
            yield RULE.finding(
                f"a {kind} lasting {duration_text(length)} (more than {duration_text(limit)})",
                [record.id],
                f"The {kind}'s interval {span_text(span)} is longer than any {kind} plausibly "
                f"lasts. If the time is only known roughly, write it at that precision instead "
                f"(a month as 2026-01): a single value says 'some time in', an interval says "
                f"'all along'. If several events are meant, record them separately.",
                {"length_seconds": length.total_seconds(), "limit_seconds": limit.total_seconds()})


RULE = Rule(
    code="T003",
    name="implausibly-long-span",
    severity=Severity.WARNING,
    summary="A strike or statement has an explicit interval longer than its kind plausibly lasts.",
    explanation="""\
A strike lasting weeks is almost always a data mistake: a month written as an interval, a
wrong end year, or several attacks folded into one record. Limits: a strike longer than 3 days
(the Air Force's longest report windows in the missile-attacks data set are about a day and a
half), a statement longer than 7 days. Negotiations and pauses can rightly last months and
are not checked.

Only explicit intervals (`start/end`, `start/P…`) are checked: a single value at a coarse
precision (`2026-01`) says "some time that month", which is uncertainty, not duration.

Example: a strike with `when = "2026-01-01/2026-01-31"`.""",
    check=check,
)
