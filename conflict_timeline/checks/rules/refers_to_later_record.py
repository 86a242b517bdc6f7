"""T001: a statement that speaks about a record which began only after it was made."""

from __future__ import annotations

from collections.abc import Iterator

from ...records import Negotiation, Pause, RecordBase, Stance, Statement, TimeSpan
from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import span_text


def earliest_existence(referent: RecordBase, stance: Stance | None) -> tuple[TimeSpan, str] | None:
    """When ``referent`` can first be spoken about, and how to say it; None when a
    statement may rightly precede it (it announces what is to come)."""
    if isinstance(referent, Pause):
        if referent.declared_span is not None:
            return referent.declared_span, "was announced"
        if stance is Stance.ANNOUNCES:
            return None
        return referent.span, "opens its window"
    if isinstance(referent, Negotiation) and stance is Stance.ANNOUNCES:
        return None
    return referent.span, "begins"


def check(timeline: Timeline) -> Iterator[Finding]:
    for statement in timeline.statements:
        for ref in dict.fromkeys(statement.refers_to):
            referent = timeline.by_id.get(ref)
            if referent is None or referent is statement:
                continue
            known = earliest_existence(referent, statement.stance)
            if known is None:
                continue
            span, verb = known
            if span.start_ts >= statement.span.end_ts:
                yield _finding(statement, referent, span, verb)


def _finding(statement: Statement, referent: RecordBase, span: TimeSpan, verb: str) -> Finding:
    return RULE.finding(
        f"statement by {statement.speaker} refers to {referent.id}, which {verb} only after "
        "the statement was made",
        (statement.id, referent.id),
        f"The statement was made within {span_text(statement.span)}; {referent.id} {verb} "
        f"no earlier than {span_text(span)}. A statement cannot speak about what had not yet "
        "happened: one of the two times, or the reference, is wrong.",
        {"statement_span": span_text(statement.span), "referent_from": span_text(span)})


RULE = Rule(
    code="T001",
    name="refers-to-later-record",
    severity=Severity.ERROR,
    summary="A statement refers to a record that began only after the statement was made.",
    explanation="""\
An anachronism: a statement's `refers_to` names a record whose span starts after the
statement's own span has ended — it speaks about something that had not happened yet.

Only a certain contradiction is reported: the referred record's earliest start must be at or
after the latest moment the statement can have been made, with both spans compared as
instants (so 29 January in Washington and 29 January in Kyiv overlap; nothing is compared by
calendar date). When a record may be spoken about begins:

- a pause: when it was announced (`declared_on`), which may well precede its window; without
  `declared_on`, when its window opens — unless the statement is the one that `announces` it;
- a negotiation the statement `announces`: never an anachronism (talks are scheduled ahead);
- anything else: the start of its span.

Example: a statement dated 2026-01-28 that refers to a strike on 2026-01-30.""",
    check=check,
)
