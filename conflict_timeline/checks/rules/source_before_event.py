"""T002: a source published before the event it reports could have happened."""

from __future__ import annotations

from collections.abc import Iterator

from ...records import Pause, RecordBase, SpanError, Statement, Strike, TimeSpan, parse_span
from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import span_text


def reported_from(record: RecordBase) -> TimeSpan | None:
    """The earliest a report of ``record`` can appear; None where a report may come first
    (a negotiation is reported while scheduled; a pause without declared_on has no known
    announcement)."""
    if isinstance(record, (Strike, Statement)):
        return record.span
    if isinstance(record, Pause):
        return record.declared_span
    return None


def check(timeline: Timeline) -> Iterator[Finding]:
    for record in timeline.records:
        event = reported_from(record)
        if event is None:
            continue
        for index, source in enumerate(record.sources):
            if not source.published:
                continue
            try:
                published = parse_span(source.published, record.span.zone, "published")
            except SpanError:
                continue  # not a date; what the record says elsewhere is still checked
            if event.start_ts >= published.end_ts:
                yield RULE.finding(
                    f"source {index + 1} ({source.name}) was published before the "
                    f"{record.kind} it reports",
                    [record.id],
                    f"It was published within {span_text(published)}; "
                    f"the {record.kind} "
                    f"cannot have begun before {span_text(event)}. Either the publication "
                    "date or the record's time is wrong, or the source reports another event.",
                    {"source": index, "published": span_text(published),
                     "event_from": span_text(event)})


RULE = Rule(
    code="T002",
    name="source-before-event",
    severity=Severity.ERROR,
    summary="A source was published before the event it reports could have happened.",
    explanation="""\
An anachronism: a record's source has a `published` date or time that ends before the
record's own span begins, so it cannot report this event.

`published` is read like `when` — a date is that whole day — and, when it has no offset, in
the record's zone. Only a certain contradiction is reported: a source dated 30 January
reporting a strike from 18:00 on 29 January is fine, and so is a source published the same
day in another zone if the two days overlap at all.

Which records are checked: strikes and statements (from the start of their span), and pauses
from their announcement (`declared_on`; news of a pause may precede its window). Negotiations
are not checked — talks are reported while they are being scheduled. A `published` value
that is not an ISO date is skipped.

Example: a strike on 2026-01-30 with a source published 2026-01-29.""",
    check=check,
)
