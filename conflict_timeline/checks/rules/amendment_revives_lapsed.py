"""P008: an "extension" announced after the version it amends had already lapsed."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import span_text


def check(timeline: Timeline) -> Iterator[Finding]:
    for chain in timeline.pause_chains:
        for older, newer in pairwise(chain.versions):
            declared = newer.declared_span
            if declared is None or older.repeat is not None or older.span.end is None:
                continue  # a repeat or an open window does not lapse by itself
            if older.span.end_ts > declared.start_ts:
                continue
            yield RULE.finding(
                f"{newer.id} amends {older.id} after its window had ended: a revival, not "
                "an extension",
                (newer.id, older.id),
                f"{older.id}'s window {span_text(older.span)} was over by the earliest time "
                f"{newer.id} can have been announced, {span_text(declared)}. Between the two "
                "no pause was in force, and the record as written says so: strikes in that gap "
                "get no finding. If the parties renewed it in time, declared_on is wrong; if "
                "the truce really lapsed and was revived, this is right, and the gap is real.",
                {"lapsed": span_text(older.span), "declared_on": span_text(declared)})


RULE = Rule(
    code="P008",
    name="amendment-revives-lapsed",
    severity=Severity.WARNING,
    summary="A pause version was announced after the version it amends had lapsed.",
    explanation="""\
Renewals are announced before the truce runs out (the Yemen truce of April 2022 was renewed on
2 June, the day it would have ended). A new version announced only after the old window was
over is not an extension but a revival: there was a gap with no pause in force, and `check-pause`
gives strikes in that gap no finding. Often it is a typo in `declared_on` or in the old
window's end; sometimes the gap is real, and worth knowing.

Reported when the amended version's window ends at or before the earliest moment the new
version can have been announced. Open windows and repeated windows are not checked (they do
not lapse by themselves).

Example: a truce `2022-04-02T19:00/P2M` and a renewal with `declared_on = "2022-06-05"`.""",
    check=check,
)
