"""`timeline check-pause` for people (Rich) and machines (JSON findings)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..checks.pause import (
    DEPENDENCE_OPENING,
    PauseFinding,
    Relation,
    StrikeAssessment,
    Verdict,
    VerdictTally,
)
from ..records import Pause, RecordBase, Source, Strike
from .labels import iso_range, span_label
from .machine import json_text, span_dict, write_json
from .pause_words import clause_words, occurrence_words, window_words
from .safe import clean_text

if TYPE_CHECKING:
    from ..checks.pause_sql import EngineFindings, ModelFindings

VERDICT_LOOK = {
    Verdict.VIOLATION: ("✖ VIOLATION", "bold white on red"),
    Verdict.POSSIBLE_VIOLATION: ("⚠ POSSIBLE VIOLATION", "bold black on yellow"),
    Verdict.OUTSIDE_SCOPE: ("✓ OUTSIDE SCOPE", "bold green"),
}


def print_pause_report(console: Console, assessments: Iterable[StrikeAssessment],
                       zone: tzinfo | None = None) -> dict[Verdict, int]:
    """The report printed strike by strike as the assessments come (a stream of any length
    never sits in memory), then the summary line; returns the verdict counts."""
    tally = VerdictTally(assessments)
    for assessment in tally:
        console.print(Group(*_assessment_parts(assessment, zone)))
    console.print(Text(_summary(tally.counts, tally.strikes), style="bold"))
    return tally.counts


def _assessment_parts(assessment: StrikeAssessment, zone: tzinfo | None) -> list[RenderableType]:
    strike = assessment.strike
    head = Text("Strike ", style="bold red")
    head.append(clean_text(strike.title), style="bold")
    head.append(f"  [{clean_text(strike.id)}]", style="dim")
    parts: list[RenderableType] = [
        head, Padding(Text(span_label(strike.span, zone), style="dim"), (0, 0, 0, 2))]
    for finding in assessment.findings:
        parts.append(Padding(_finding_block(finding, zone), (1, 0, 0, 2)))
    for dependence in assessment.dependences:
        line = Text("→ ", style="bold")
        line.append(clean_text(dependence.sentence), style="bold")
        parts.append(Padding(line, (1, 0, 0, 2)))
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
    return Group(head, Padding(table, (0, 0, 0, 2)))


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


# ---------------------------------------------------------------------------------------
# JSON from either path


def write_pause_json(result: ModelFindings | EngineFindings, out: TextIO) -> None:
    """Every finding as one indented JSON list (as :func:`~.machine.write_json` writes it),
    the same text from the plain path and the engine's."""
    from ..checks.pause_sql import EngineFindings

    if isinstance(result, EngineFindings):
        _write_engine_json(result, out)
    else:
        write_json(findings_json(result.assessments()), out)


# Each finding's text is a template of its signature (worded once, by finding_json on one
# strike that has it) with the strike's own parts filled in by the engine, in this order.
_SLOTS = ("strike", "occurrence_number", "depends_on_reading", "strike_span", "occurrence",
          "strike_sources")
_MARK = "@@timeline-slot:{}@@"
_SLOT_PATTERN = re.compile('"@@timeline-slot:(\\w+)@@"|@@timeline-slot:(occurrence_number)@@')
_BATCH = 2_000


def _template(finding: PauseFinding) -> dict[str, Any]:
    """The finding's JSON text cut at its slots: ``pieces`` (one more than the slots) and
    which of the optional slots it has."""
    item = finding_json(finding, StrikeAssessment(finding.strike, (finding,), ()), ({}, []))
    item["strike"] = _MARK.format("strike")
    item["depends_on_reading"] = _MARK.format("depends_on_reading")
    item["strike_span"] = _MARK.format("strike_span")
    item["sources"]["strike"] = _MARK.format("strike_sources")
    window = finding.window
    if item["occurrence"] is not None:
        item["occurrence"] = _MARK.format("occurrence")
    if (window is not None and window.occurrence is not None
            and finding.relation is not Relation.SPANS_OCCURRENCES):
        written = f"occurrence {window.occurrence + 1} of the repeated window"
        item["reason"] = item["reason"].replace(
            written, f"occurrence {_MARK.format('occurrence_number')} of the repeated window", 1)
    text = json_text(item, indent=2).replace("\n", "\n  ")
    pieces, found, last = [], [], 0
    for match in _SLOT_PATTERN.finditer(text):
        pieces.append(text[last:match.start()])
        found.append(match.group(1) or match.group(2))
        last = match.end()
    pieces.append(text[last:])
    by_slot = dict(zip(found, pieces))
    ordered = [by_slot.get(slot, "") for slot in _SLOTS] + [pieces[-1]]
    return {"pieces": ordered, "has_occurrence_number": "occurrence_number" in found,
            "has_occurrence": "occurrence" in found}


def _engine_json_sql() -> str:
    """The text of each finding, assembled by the engine from its template and its strike's
    columns, in the plain path's order."""
    nl = "\n"
    source_item = (
        f"'{{{nl}          \"name\": ' || timeline_json(x.name)"
        f" || CASE WHEN x.url IS NULL THEN '' ELSE ',{nl}          \"url\": ' || "
        f"timeline_json(x.url) END"
        f" || CASE WHEN x.published IS NULL THEN '' ELSE ',{nl}          \"published\": ' || "
        f"timeline_json(x.published) END || '{nl}        }}'")
    sources = (f"CASE WHEN coalesce(len(s.sources), 0) = 0 THEN '[]' ELSE '[{nl}        ' || "
               f"array_to_string(list_transform(s.sources, lambda x: {source_item}), ',{nl}        ')"
               f" || '{nl}      ]' END")
    occurrence = (
        f"CASE WHEN t.has_occurrence THEN '{{{nl}      \"index\": ' || "
        f"CAST(first.occurrence AS VARCHAR) || ',{nl}      \"start\": ' || o.start_json || "
        f"',{nl}      \"end\": ' || o.end_json || ',{nl}      \"overlapped\": [{nl}        ' || "
        f"array_to_string(list_transform(list_filter(f.facts, lambda x: x.version_id = "
        f"v.basis_version AND x.occurrence IS NOT NULL), lambda x: CAST(x.occurrence AS VARCHAR)), "
        f"',{nl}        ') || '{nl}      ]{nl}    }}' ELSE '' END")
    dependence = ("CASE WHEN d.words IS NULL THEN 'null' ELSE '\"' || "
                  + _sql_text(DEPENDENCE_OPENING) + " || '''' || timeline_json_text(s.title) || "
                  "''' ' || timeline_json_text(d.words) || '\"' END")
    return f"""
        SELECT t.p0 || timeline_json(s.id) || t.p1
            || CASE WHEN t.has_occurrence_number THEN CAST(first.occurrence + 1 AS VARCHAR)
                    ELSE '' END || t.p2
            || {dependence} || t.p3
            || timeline_span_json(s."when", s.tz) || t.p4
            || {occurrence} || t.p5
            || {sources} || t.p6
        FROM (SELECT f.*, list_filter(f.facts, lambda x: x.version_id = v.basis_version)[1] AS first
              FROM pause_findings AS f JOIN pause_verdicts AS v USING (signature_no)) AS f
        JOIN pause_verdicts AS v USING (signature_no)
        JOIN pause_templates AS t USING (signature_no)
        JOIN strikes AS s ON s.row_number = f.strike_row
        LEFT JOIN pause_dependences AS d
          ON d.strike_row = f.strike_row AND d.arrangement = f.arrangement
        LEFT JOIN pause_occurrence_texts AS o ON o.window_no = f.first.window_no
        ORDER BY s.span_start_ts, s.span_end_ts, s.id, v.severity, f.first.window_start,
                 v.pause_id"""


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# Characters a JSON string written by json_text does not keep as they are: the engine writes
# every other string itself, and hands these few to json_text.
_ESCAPED = ("[\\x00-\\x1f\"\\\\\\x7f-\\x9f\\x{061c}\\x{200e}\\x{200f}\\x{2028}\\x{2029}"
            "\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}\\x{feff}\\x{fff9}-\\x{fffb}]")


def _json_functions(connection: Any) -> None:
    from ..records import parse_span, zone_from_name

    def escaped(text: str) -> str:
        return json_text(text)[1:-1]

    def span_json(when: str, tz: str | None) -> str:
        span = parse_span(when, zone_from_name(tz) if tz else None, "when")
        return json_text(span_dict(span), indent=2).replace("\n", "\n    ")

    connection.create_function("timeline_json_escaped", escaped, ["VARCHAR"], "VARCHAR")
    connection.create_function("timeline_span_json", span_json, ["VARCHAR", "VARCHAR"], "VARCHAR",
                               null_handling="special")
    connection.execute(
        "CREATE OR REPLACE TEMP MACRO timeline_json_text(x) AS CASE WHEN regexp_matches(x, "
        f"{_sql_text(_ESCAPED)}) THEN timeline_json_escaped(x) ELSE x END")
    connection.execute("CREATE OR REPLACE TEMP MACRO timeline_json(x) AS CASE WHEN x IS NULL "
                       "THEN 'null' ELSE '\"' || timeline_json_text(x) || '\"' END")


def _write_engine_json(result: EngineFindings, out: TextIO) -> None:
    from ..checks.pause_sql import register_table

    if not result.signature_findings:
        out.write("[]\n")
        return
    connection = result.connection
    templates = {number: _template(f) for number, f in result.signature_findings.items()}
    columns: dict[str, tuple[str, list[Any]]] = {
        "signature_no": ("BIGINT", list(templates))}
    for i in range(len(_SLOTS) + 1):
        columns[f"p{i}"] = ("VARCHAR", [t["pieces"][i] for t in templates.values()])
    for flag in ("has_occurrence_number", "has_occurrence"):
        columns[flag] = ("BOOLEAN", [t[flag] for t in templates.values()])
    register_table(connection, "pause_templates", columns)
    repeated = [(n, w) for n, w in enumerate(result.windows) if w.occurrence is not None]
    zones = [result.pauses[w.version_id].span.zone for _, w in repeated]
    register_table(connection, "pause_occurrence_texts", {
        "window_no": ("INTEGER", [n for n, _ in repeated]),
        "start_json": ("VARCHAR", [json_text(datetime.fromtimestamp(w.start_ts, z).isoformat())
                                   for (_, w), z in zip(repeated, zones)]),
        "end_json": ("VARCHAR", [json_text(datetime.fromtimestamp(w.end_ts, z).isoformat())
                                 for (_, w), z in zip(repeated, zones)])})
    _json_functions(connection)
    cursor = connection.execute(_engine_json_sql())
    opened = False
    while batch := cursor.fetchmany(_BATCH):
        texts = [row[0] for row in batch]
        out.write((",\n  " if opened else "[\n  ") + ",\n  ".join(texts))
        opened = True
    out.write("\n]\n" if opened else "[]\n")
