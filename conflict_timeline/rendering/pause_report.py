"""`timeline check-pause` for people (Rich) and machines (JSON findings)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..checks.pause import PauseFinding, StrikeAssessment, Verdict, VerdictTally
from ..records import Pause, RecordBase, Source, Strike
from .labels import iso_range, span_label
from .pause_words import clause_words, occurrence_words, window_words
from .machine import span_dict
from .safe import clean_text

VERDICT_LOOK = {
    Verdict.VIOLATION: ("✖ VIOLATION", "bold white on red"),
    Verdict.POSSIBLE_VIOLATION: ("⚠ POSSIBLE VIOLATION", "bold black on yellow"),
    Verdict.OUTSIDE_SCOPE: ("✓ OUTSIDE SCOPE", "bold green"),
}


def print_pause_report(console: Console, assessments: Iterable[StrikeAssessment],
                       zone: tzinfo | None = None,
                       summary_console: Console | None = None) -> dict[Verdict, int]:
    """The report printed strike by strike as the assessments come (a stream of any length
    never sits in memory), then the summary line; returns the verdict counts."""
    tally = VerdictTally(assessments)
    for assessment in tally:
        console.print(Group(*_assessment_parts(assessment, zone)))
    (summary_console or console).print(Text(_summary(tally.counts, tally.strikes), style="bold"))
    return tally.counts


def _assessment_parts(assessment: StrikeAssessment, zone: tzinfo | None) -> list[RenderableType]:
    strike = assessment.strike
    head = Text("Strike ", style="bold red")
    head.append(clean_text(strike.title), style="bold")
    head.append(f"  [{clean_text(strike.id)}]", style="dim")
    parts: list[RenderableType] = [
        head, Padding(Text(span_label(strike.span, zone), style="dim"), (0, 0, 0, 2),
                      expand=False)]
    for finding in assessment.findings:
        parts.append(Padding(_finding_block(finding, zone), (1, 0, 0, 2), expand=False))
    for dependence in assessment.dependences:
        line = Text("→ ", style="bold")
        line.append(clean_text(dependence.sentence), style="bold")
        parts.append(Padding(line, (1, 0, 0, 2), expand=False))
    parts.append(Text(""))
    return parts


def _finding_block(finding: PauseFinding, zone: tzinfo | None) -> RenderableType:
    label, style = VERDICT_LOOK[finding.verdict]
    pause = finding.pause
    head = Text(label, style=style)
    head.append("  the pause as described by ", style="")
    head.append(clean_text(pause.claimed_by), style="bold")
    said = [w for w in (finding.version, clause_words(finding)) if w]
    if said:
        head.append(f" ({clean_text(', '.join(said))})", style="")
    head.append(f"  [{clean_text(pause.id)}; arrangement {clean_text(finding.arrangement)}]",
                style="dim")
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")  # a URL or ISO range is never cut short
    table.add_row("window", Text(f"{clean_text(window_words(pause, zone))}  "
                                 f"{iso_range(pause.span, zone)}"))
    occurrence = occurrence_words(finding)
    if occurrence:
        table.add_row("occurrence", Text(occurrence))
    if len(finding.versions_considered) > 1:
        table.add_row("versions", Text(clean_text(
            ", ".join(finding.versions_considered)
            + (f": {finding.version_reason}" if finding.version_reason else
               ": it began while the newer may not yet have been announced; both give this verdict"))))
    table.add_row("strike", Text(f"{span_label(finding.strike.span, zone)}  "
                                 f"{iso_range(finding.strike.span, zone)}"))
    table.add_row("timing", Text(f"{finding.timing.value} in the window "
                                 f"({finding.relation.value}): {finding.reasons[0]}"))
    for test in finding.scope_tests:
        table.add_row(test.axis, Text(f"{test.coverage.value}: {clean_text(test.explanation)}"))
    table.add_row("sources", _sources_text(finding.strike, pause))
    return Group(head, Padding(table, (0, 0, 0, 2), expand=False))


def _sources_text(strike: RecordBase, pause: RecordBase) -> Text:
    text = Text()
    for role, record in (("strike", strike), ("pause", pause)):
        if text:
            text.append("\n")
        cited = "; ".join(_source_words(s) for s in record.sources) or "no source recorded"
        text.append(f"{role}: ", style="dim")
        text.append(clean_text(cited))
    return text


def _source_words(source: Source) -> str:
    words = source.name
    if source.published:
        words += f" ({source.published})"
    if source.url:
        words += f" <{source.url}>"
    return words


def _summary(counts: dict[Verdict, int], strikes: int) -> str:
    total = sum(counts.values())
    parts = [f"{counts[v]} {v.value.replace('_', ' ')}{'s' if counts[v] != 1 else ''}"
             for v in Verdict]
    return (f"{total} finding{'s' if total != 1 else ''} on {strikes} "
            f"strike{'s' if strikes != 1 else ''}: " + ", ".join(parts))


def finding_json(finding: PauseFinding, assessment: StrikeAssessment,
                 strike_parts: tuple[dict, list] | None = None,
                 pause_parts: tuple[dict, list] | None = None) -> dict[str, Any]:
    """One finding for machines. ``strike_parts`` and ``pause_parts`` (span and sources, as
    :func:`_record_parts` gives them) may be passed in when already made."""
    dependence = assessment.dependence_for(finding.arrangement)
    strike_span, strike_sources = strike_parts or _record_parts(finding.strike)
    pause_window, pause_sources = pause_parts or _record_parts(finding.pause)
    return {
        "strike": finding.strike.id,
        "pause": finding.pause.id,
        "reading": finding.reading,
        "versions_considered": list(finding.versions_considered),
        "arrangement": finding.arrangement,
        "claimed_by": finding.pause.claimed_by,
        "verdict": finding.verdict.value,
        "timing": finding.timing.value,
        "relation": finding.relation.value,
        "may_predate_announcement": finding.may_predate_announcement,
        "scope": {t.axis: {"coverage": t.coverage.value, "explanation": t.explanation}
                  for t in finding.scope_tests},
        "reason": finding.reason,
        "depends_on_reading": dependence.sentence if dependence else None,
        "strike_span": strike_span,
        "pause_window": pause_window,
        "occurrence": _occurrence_json(finding),
        "sources": {"strike": strike_sources, "pause": pause_sources},
    }


def _occurrence_json(finding: PauseFinding) -> dict[str, Any] | None:
    """The occurrence of a repeated window weighed (None for a window that does not repeat)."""
    window = finding.window
    if window is None or window.occurrence is None:
        return None
    zone = finding.pause.span.zone
    return {"index": window.occurrence,
            "start": datetime.fromtimestamp(window.start_ts, zone).isoformat(),
            "end": datetime.fromtimestamp(window.end_ts, zone).isoformat(),
            "overlapped": list(finding.occurrences)}


def _record_parts(record: Strike | Pause) -> tuple[dict, list]:
    return span_dict(record.span), [s.model_dump(mode="json", exclude_none=True)
                                    for s in record.sources]


def findings_json(assessments: Iterable[StrikeAssessment],
                  pause_parts: dict[str, tuple[dict, list]] | None = None,
                  ) -> Iterable[dict[str, Any]]:
    """Every finding for machines, in order. A strike's span and sources are made once for
    all its findings, a pause's once for the whole report (kept in ``pause_parts``): with
    many readings a strike has a dozen findings, and a reading thousands."""
    pauses = {} if pause_parts is None else pause_parts
    for assessment in assessments:
        strike_parts = _record_parts(assessment.strike)
        for finding in assessment.findings:
            parts = pauses.get(finding.pause.id)
            if parts is None:
                parts = pauses[finding.pause.id] = _record_parts(finding.pause)
            yield finding_json(finding, assessment, strike_parts, parts)
