"""R001: `refers_to` naming a record that is not in the record."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity

SUGGEST_AMONG = 20_000  # a spelling suggestion compares with every id: not in huge data sets


def check(timeline: Timeline) -> Iterator[Finding]:
    for statement in timeline.statements:
        for ref in dict.fromkeys(statement.refers_to):
            if ref in timeline.by_id:
                continue
            close = (difflib.get_close_matches(ref, timeline.by_id, n=1, cutoff=0.8)
                     if len(timeline.by_id) <= SUGGEST_AMONG else [])
            hint = f" Did you mean {close[0]!r}?" if close else ""
            yield RULE.finding(
                f"refers_to names {ref!r}, which is not among the loaded records",
                [statement.id],
                f"Statement {statement.id} by {statement.speaker} refers to {ref!r}, but no "
                f"record with that id was loaded.{hint} If the record lives in another file, "
                "check that file too.",
                {"missing": ref, **({"did_you_mean": close[0]} if close else {})})


RULE = Rule(
    code="R001",
    name="unknown-reference",
    severity=Severity.ERROR,
    summary="A statement's refers_to names a record that does not exist.",
    explanation="""\
`refers_to` links a statement to the records it speaks about, and every check that follows a
reference (anachronisms, disputed readings) relies on it. An id that names no loaded record is
a broken link: a typo, a renamed record, or a file left out of the check.

The message suggests a loaded id that is spelled almost the same. Check the files that hold
the referred records together (`timeline check events/ more/`).

Example: `refers_to = ["pause-2026-01-cold-uss"]` where the record is `pause-2026-01-cold-us`.""",
    check=check,
)
