"""P005: a pause whose window is over before it was announced."""

from __future__ import annotations

from collections.abc import Iterator

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import span_text


def check(timeline: Timeline) -> Iterator[Finding]:
    for pause in timeline.pauses:
        declared = pause.declared_span
        if pause.amends is not None:
            continue  # a version that ends the pause may say it ended before it was said
        if declared is not None and pause.span.end_ts <= declared.start_ts:
            yield RULE.finding(
                f"the pause as described by {pause.claimed_by} ends before it was announced",
                [pause.id],
                f"Its window {span_text(pause.span)} is over by the earliest time it can have "
                f"been announced, {span_text(declared)}: either the window or declared_on is "
                "wrong.",
                {"window": span_text(pause.span), "declared_on": span_text(declared)})


RULE = Rule(
    code="P005",
    name="pause-ends-before-declared",
    severity=Severity.ERROR,
    summary="A pause's window ends before the pause was announced.",
    explanation="""\
A pause restrains strikes from its announcement on; a window that is over before the
announcement (`declared_on`) restrains nothing and is almost always a typo — a wrong year or
month, a duration written as P1D for P1M, or `when` and `declared_on` swapped.

Only a certain contradiction is reported: the window must end at or before the earliest
moment the announcement can have been made. A window that began before the announcement
(a retroactive truce) is not a contradiction. A later version (`amends`) is not checked: an
announcement that a truce ended yesterday is an end, not a typo.

Example: `when = "2026-01-01/P7D"`, `declared_on = "2026-01-29"`.""",
    check=check,
)
