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
               ": it began while the newer may not yet have been announced; "
               "both give this verdict"))))
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


# ---------------------------------------------------------------------------------------
# JSON from either path


def write_pause_json(result: ModelFindings | EngineFindings, out: TextIO) -> None:
    """Every finding as one indented JSON list (as :func:`~.machine.write_json` writes it),
    the same text from the plain path and the engine's."""
    from ..checks.pause_sql import EngineFindings

    if isinstance(result, EngineFindings):
        import duckdb

        from ..engine import engine_message
        from ..errors import TimelineError

        try:
            _write_engine_json(result, out)
        except duckdb.Error as exc:
            raise TimelineError(f"the engine could not write the findings: "
                                f"{engine_message(exc)}") from None
    else:
        write_json(findings_json(result.assessments()), out)


# Each finding's text is a template of its signature (worded once, by finding_json on one
# strike that has it) with the strike's own parts filled in by the engine, in this order:
# "whole" slots are JSON values, the others the inside of a JSON string.
_SLOTS = ("strike", "party", "targets", "region", "occurrence_number", "party", "targets",
          "region", "depends_on_reading", "strike_span", "occurrence", "strike_sources")
_OPTIONAL = {"occurrence_number", "occurrence"}
_SLOT_PATTERN = re.compile(r'"@@whole:(\w+)@@"|@@inner:(\w+)@@')
_BATCH = 2_000


def _whole(name: str) -> str:
    return f"@@whole:{name}@@"


def _inner(name: str) -> str:
    return f"@@inner:{name}@@"


def _template(finding: PauseFinding) -> dict[str, Any]:
    """The finding's JSON text cut at its slots: ``pieces`` (one before each of
    :data:`_SLOTS`, empty before a slot it lacks, and the rest) and which of the optional
    slots it has."""
    item = finding_json(finding, StrikeAssessment(finding.strike, (finding,), ()), ({}, []))
    item["strike"] = _inner("strike")
    for axis in ("party", "targets", "region"):
        item["scope"][axis]["explanation"] = _inner(axis)
    timing = finding.reasons[0]
    window = finding.window
    if (window is not None and window.occurrence is not None
            and finding.relation is not Relation.SPANS_OCCURRENCES):
        written = f"occurrence {window.occurrence + 1} of the repeated window"
        timing = timing.replace(
            written, f"occurrence {_inner('occurrence_number')} of the repeated window", 1)
    item["reason"] = " ".join([timing, _inner("party"), _inner("targets"), _inner("region"),
                               *finding.reasons[4:]])
    item["depends_on_reading"] = _whole("depends_on_reading")
    item["strike_span"] = _whole("strike_span")
    if item["occurrence"] is not None:
        item["occurrence"] = _whole("occurrence")
    item["sources"]["strike"] = _whole("strike_sources")
    text = json_text(item, indent=2).replace("\n", "\n  ")
    pieces, found, last = [], [], 0
    for match in _SLOT_PATTERN.finditer(text):
        pieces.append(text[last:match.start()])
        found.append(match.group(1) or match.group(2))
        last = match.end()
    ordered, at = [], 0
    for slot in _SLOTS:
        if at < len(found) and found[at] == slot:
            ordered.append(pieces[at])
            at += 1
        else:
            assert slot in _OPTIONAL, f"slot {slot} missing from a template"
            ordered.append("")
    assert at == len(found)
    ordered.append(text[last:])
    return {"pieces": ordered, "has_occurrence_number": "occurrence_number" in found,
            "has_occurrence": "occurrence" in found}


_NL = "\n"
_SOURCE_ITEM = (
    "'{\n          \"name\": ' || timeline_json(x.name)"
    " || CASE WHEN x.url IS NULL THEN '' ELSE ',\n          \"url\": ' || timeline_json(x.url) END"
    " || CASE WHEN x.published IS NULL THEN '' ELSE ',\n          \"published\": ' || "
    "timeline_json(x.published) END || '\n        }'")
_SOURCES = ("CASE WHEN coalesce(len(s.sources), 0) = 0 THEN '[]' ELSE '[\n        ' || "
            f"array_to_string(list_transform(s.sources, lambda x: {_SOURCE_ITEM}), "
            "',\n        ') || '\n      ]' END")
_OCCURRENCE = (
    "CASE WHEN t.has_occurrence THEN '{\n      \"index\": ' || "
    "CAST(f.first.occurrence AS VARCHAR) || ',\n      \"start\": ' || o.start_json || "
    "',\n      \"end\": ' || o.end_json || ',\n      \"overlapped\": [\n        ' || "
    "array_to_string(list_transform(list_filter(f.facts, lambda x: x.version_id = "
    "f.basis_version AND x.occurrence IS NOT NULL), lambda x: CAST(x.occurrence AS VARCHAR)), "
    "',\n        ') || '\n      ]\n    }' ELSE '' END")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _engine_json_sql() -> str:
    """The text of each finding, assembled by the engine from its template and its strike's
    columns, in the plain path's order."""
    dependence = ("CASE WHEN d.words IS NULL THEN 'null' ELSE '\"' || "
                  + _sql_text(DEPENDENCE_OPENING + "'") + " || s.title_text || "
                  + _sql_text("' ") + " || timeline_json_text(d.words) || '\"' END")
    return f"""
        WITH f AS (SELECT * FROM pause_ordered WHERE ordinal >= $1 AND ordinal < $2)
        SELECT t.p0 || s.id_text || t.p1 || ep.words || t.p2 || et.words
            || t.p3 || er.words || t.p4
            || CASE WHEN t.has_occurrence_number THEN CAST(f.first.occurrence + 1 AS VARCHAR)
                    ELSE '' END
            || t.p5 || ep.words || t.p6 || et.words || t.p7 || er.words || t.p8
            || {dependence} || t.p9 || s.span_json || t.p10
            || {_OCCURRENCE} || t.p11 || s.sources_json || t.p12
        FROM f
        JOIN pause_verdicts AS v USING (signature_no)
        JOIN pause_templates AS t USING (signature_no)
        JOIN pause_strike_texts AS s ON s.row_number = f.strike_row
        JOIN pause_party_words AS ep
          ON ep.version_id = f.basis_version AND ep.value IS NOT DISTINCT FROM f.strike_by
        JOIN pause_targets_words AS et
          ON et.version_id = f.basis_version AND et.value IS NOT DISTINCT FROM f.key.targets_key
        JOIN pause_region_words AS er
          ON er.version_id = f.basis_version AND er.value IS NOT DISTINCT FROM f.key.region_key
        LEFT JOIN pause_dependences AS d
          ON d.strike_row = f.strike_row AND d.arrangement = f.arrangement
        LEFT JOIN pause_occurrence_texts AS o ON o.window_no = f.first.window_no
        ORDER BY f.ordinal"""


# The findings in the plain path's order, numbered, stored in that order: the text is made a
# range of numbers at a time, so that only one batch of it is ever sorted or held.
_ORDERED = """
CREATE OR REPLACE TEMP TABLE pause_ordered AS
SELECT row_number() OVER (ORDER BY s.span_start_ts, s.span_end_ts, s.id, v.severity,
                                   f.first.window_start, v.pause_id) AS ordinal, f.*
FROM (SELECT f.*, v.basis_version,
             list_filter(f.facts, lambda x: x.version_id = v.basis_version)[1] AS first,
             list_filter(f.keys, lambda x: x.version_id = v.basis_version)[1] AS key
      FROM pause_findings AS f JOIN pause_verdicts AS v USING (signature_no)) AS f
JOIN pause_verdicts AS v USING (signature_no)
JOIN pause_strike_texts AS s ON s.row_number = f.strike_row
ORDER BY ordinal
"""
_TEXT_BATCH = 20_000


# ---------------------------------------------------------------------------------------
# a strike's span as span_dict writes it, in the engine
#
# `start` and `end` are ISO text in the zone of the value as written: the record's zone, or
# an offset written in `when`. Which of the two, and where in the text the offset is, is
# the same for every `when` of one shape (its digits as 0), so the parser is asked once per
# shape; an IANA zone's offset at an instant comes from Python's zoneinfo, once per day.


def _offset_places(when: str, tz: str | None) -> dict[str, Any] | None:
    """For one `when` of a shape: where the offset of the span's start and end is written
    (``(sign, hours, minutes)``, 1-based places, minutes None when not written;
    ``("utc", 0, 0)`` for Z; None: the record's zone), or None when the shape cannot be read
    so (then Python writes its spans)."""
    from datetime import timezone

    from ..records import parse_span, zone_from_name

    span = parse_span(when, zone_from_name(tz) if tz else None, "when")
    parts, at = [], 0
    for part in when.split("/"):
        parts.append((at, part))
        at += len(part) + 1
    out: dict[str, Any] = {}
    for end, moment in (("start", span.start), ("end", span.end)):
        if moment is None:
            return None
        zone = moment.tzinfo
        if not isinstance(zone, timezone):
            if tz is None or getattr(zone, "key", None) != tz:
                return None
            out[end] = None
            continue
        found = None
        for start, part in (parts if end == "start" else parts[::-1]):
            match = _WRITTEN_OFFSET.search(part.rstrip())
            if match:
                found = (start + match.start(1), match.group(1))
                break
        offset = zone.utcoffset(None)
        if found is None or offset is None or _offset_seconds(found[1]) != offset.total_seconds():
            return None
        place, text = found
        sign = place + 1
        if text in ("Z", "z"):
            out[end] = ("utc", 0, 0)
        else:
            minutes = (None if len(text) == 3 else sign + 4 if ":" in text else sign + 3)
            out[end] = (sign, sign + 1, minutes)
    return out


_WRITTEN_OFFSET = re.compile(r"[Tt ]\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
                             r"([Zz]|[+-]\d{2}(?::?\d{2})?)$", re.ASCII)


def _offset_seconds(text: str) -> int:
    if text in ("Z", "z"):
        return 0
    digits = text[1:].replace(":", "")
    seconds = int(digits[:2]) * 3600 + int(digits[2:4] or 0) * 60
    return -seconds if text[0] == "-" else seconds


def _span_sql() -> str:
    parts = []
    for end, column, day in (("start", "s.span_start", "zs"), ("end", "s.span_end", "ze")):
        p = f"sh.{end}"
        written = (f"CASE WHEN {p}_sign IS NULL THEN 0 ELSE (CASE substr(s.\"when\", {p}_sign, 1) "
                   f"WHEN '-' THEN -1 ELSE 1 END) * (CAST(substr(s.\"when\", {p}_hours, 2) AS "
                   f"INTEGER) * 3600 + coalesce(CAST(substr(s.\"when\", {p}_minutes, 2) AS "
                   f"INTEGER), 0) * 60) END")
        zone = (f"CASE WHEN {day}.change_us IS NULL OR epoch_us({column}) < {day}.change_us "
                f"THEN {day}.before_s ELSE {day}.after_s END")
        offset = f"(CASE WHEN {p}_in_zone THEN {zone} ELSE {written} END)"
        parts.append(f"timeline_iso(epoch_us({column}), {offset})")
    return ("CASE WHEN sh.shape IS NULL THEN timeline_span_json(s.\"when\", s.tz) ELSE "
            f"'{{\n      \"start\": \"' || {parts[0]} || '\",\n      \"end\": \"' || "
            f"{parts[1]} || '\",\n      \"precision\": \"' || s.span_precision || "
            "'\",\n      \"zone\": ' || timeline_json(s.span_zone) || '\n    }' END")


_ISO_MACRO = """
CREATE OR REPLACE TEMP MACRO timeline_iso(us, offset_s) AS (
    lpad(CAST(year(make_timestamp(us + CAST(offset_s AS BIGINT) * 1000000)) AS VARCHAR), 4, '0')
    || strftime(make_timestamp(us + CAST(offset_s AS BIGINT) * 1000000), '-%m-%dT%H:%M:%S')
    || CASE WHEN (us % 1000000 + 1000000) % 1000000 = 0 THEN ''
            ELSE '.' || lpad(CAST((us % 1000000 + 1000000) % 1000000 AS VARCHAR), 6, '0') END
    || CASE WHEN offset_s < 0 THEN '-' ELSE '+' END
    || lpad(CAST(abs(offset_s) // 3600 AS VARCHAR), 2, '0') || ':'
    || lpad(CAST(abs(offset_s) % 3600 // 60 AS VARCHAR), 2, '0')
    || CASE WHEN abs(offset_s) % 60 = 0 THEN ''
            ELSE ':' || lpad(CAST(abs(offset_s) % 60 AS VARCHAR), 2, '0') END)
"""


_STRIKES_FOUND = """
CREATE OR REPLACE TEMP TABLE pause_strikes AS
SELECT s.row_number, s.id, s.title, s."when", s.tz, s.sources, s.span_start, s.span_end,
       s.span_precision, s.span_zone, s.span_start_ts, s.span_end_ts
FROM pause_strike_rows AS s
"""


def _strike_texts(connection: Any, register_table: Any) -> None:
    """The JSON parts of each strike with findings, made once for all its findings
    (``pause_strike_texts``), and what they are made from: the strikes' columns
    (``pause_strikes``, with the ``shape`` of their `when`), how their spans are written
    (``strike_span_shapes``, ``strike_zone_days``)."""
    connection.execute(_STRIKES_FOUND)
    connection.execute("ALTER TABLE pause_strikes ADD COLUMN shape VARCHAR")
    connection.execute(
        """UPDATE pause_strikes SET shape = regexp_replace("when", '[0-9]', '0', 'g')""")
    shapes = connection.execute("""
        SELECT tz IS NULL, shape, any_value("when"), any_value(tz)
        FROM pause_strikes GROUP BY ALL""").fetchall()
    table: dict[str, list[Any]] = {k: [] for k in (
        "no_tz", "shape", "start_in_zone", "start_sign", "start_hours", "start_minutes",
        "end_in_zone", "end_sign", "end_hours", "end_minutes")}
    for no_tz, shape, when, tz in shapes:
        places = _offset_places(when, tz)
        if places is None:
            continue  # written by Python, strike by strike
        table["no_tz"].append(no_tz)
        table["shape"].append(shape)
        for end in ("start", "end"):
            place = places[end]
            table[f"{end}_in_zone"].append(place is None)
            sign, hours, minutes = place if place and place[0] != "utc" else (None, None, None)
            table[f"{end}_sign"].append(sign)
            table[f"{end}_hours"].append(hours)
            table[f"{end}_minutes"].append(minutes)
    types = {"no_tz": "BOOLEAN", "shape": "VARCHAR", "start_in_zone": "BOOLEAN",
             "end_in_zone": "BOOLEAN"}
    register_table(connection, "strike_span_shapes",
                   {k: (types.get(k, "INTEGER"), v) for k, v in table.items()})
    days = connection.execute("""
        SELECT DISTINCT s.tz, floor(epoch_us(x) / 86400000000)::BIGINT
        FROM pause_strikes AS s,
             unnest([s.span_start, s.span_end - INTERVAL 1 MICROSECOND]) AS u(x)
        WHERE s.tz IS NOT NULL""").fetchall()
    zone_days: dict[str, list[Any]] = {k: [] for k in (
        "zone", "day", "before_s", "change_us", "after_s")}
    for zone, day in days:
        for key, value in zip(zone_days, (zone, day, *_day_offsets(zone, day)), strict=True):
            zone_days[key].append(value)
    register_table(connection, "strike_zone_days", {
        "zone": ("VARCHAR", zone_days["zone"]), "day": ("BIGINT", zone_days["day"]),
        "before_s": ("INTEGER", zone_days["before_s"]),
        "change_us": ("BIGINT", zone_days["change_us"]),
        "after_s": ("INTEGER", zone_days["after_s"])})
    connection.execute(f"""
        CREATE OR REPLACE TEMP TABLE pause_strike_texts AS
        SELECT s.row_number, s.span_start_ts, s.span_end_ts, s.id,
               timeline_json_text(s.id) AS id_text, timeline_json_text(s.title) AS title_text,
               {_span_sql()} AS span_json, {_SOURCES} AS sources_json
        FROM pause_strikes AS s
        LEFT JOIN strike_span_shapes AS sh ON sh.no_tz = (s.tz IS NULL) AND sh.shape = s.shape
        LEFT JOIN strike_zone_days AS zs
          ON zs.zone = s.tz AND zs.day = floor(epoch_us(s.span_start) / 86400000000)
        LEFT JOIN strike_zone_days AS ze
          ON ze.zone = s.tz AND ze.day = floor((epoch_us(s.span_end) - 1) / 86400000000)""")


def _day_offsets(name: str, day: int) -> tuple[int, int | None, int]:
    """The zone's UTC offset (seconds) over one UTC day: at its start, the instant (µs) it
    changes, if it does, and after. Zone changes fall on whole seconds, at most one a day."""
    from ..records import zone_from_name

    zone = zone_from_name(name)

    def offset(second: int) -> int:
        moment = datetime.fromtimestamp(second, zone)
        return int(moment.utcoffset().total_seconds())  # type: ignore[union-attr]

    low, high = day * 86400, day * 86400 + 86399
    before, after = offset(low), offset(high)
    if before == after:
        return before, None, after
    while high - low > 1:
        middle = (low + high) // 2
        if offset(middle) == before:
            low = middle
        else:
            high = middle
    return before, high * 1_000_000, after


# Characters a JSON string written by json_text does not keep as they are: the engine writes
# every other string itself, and hands these few to json_text.
_ESCAPED = (r'[\x00-\x1f"\\\x7f-\x9f\x{061c}\x{200e}\x{200f}\x{2028}\x{2029}'
            r"\x{202a}-\x{202e}\x{2066}-\x{2069}\x{feff}\x{fff9}-\x{fffb}]")


def _json_functions(connection: Any) -> None:
    from ..records import parse_span, zone_from_name

    def escaped(text: str) -> str:
        return json_text(text)[1:-1]

    def span_json(when: str, tz: str | None) -> str:
        span = parse_span(when, zone_from_name(tz) if tz else None, "when")
        return json_text(span_dict(span), indent=2).replace("\n", "\n    ")

    connection.create_function("timeline_json_escaped", escaped, ["VARCHAR"], "VARCHAR")
    connection.create_function("timeline_span_json", span_json, ["VARCHAR", "VARCHAR"],
                               "VARCHAR", null_handling="special")
    connection.execute(
        "CREATE OR REPLACE TEMP MACRO timeline_json_text(x) AS CASE WHEN regexp_matches(x, "
        f"{_sql_text(_ESCAPED)}) THEN timeline_json_escaped(x) ELSE x END")
    connection.execute("CREATE OR REPLACE TEMP MACRO timeline_json(x) AS CASE WHEN x IS NULL "
                       "THEN 'null' ELSE '\"' || timeline_json_text(x) || '\"' END")
    connection.execute(_ISO_MACRO)


def _write_engine_json(result: EngineFindings, out: TextIO) -> None:
    from ..checks.pause_sql import aggregate_row, register_table

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
    value_types = {"party": "VARCHAR", "targets": "VARCHAR[]", "region": "VARCHAR"}
    for axis, (versions, values, words) in result.explanations().items():
        register_table(connection, f"pause_{axis}_words", {
            "version_id": ("VARCHAR", versions), "value": (value_types[axis], values),
            "words": ("VARCHAR", [json_text(w)[1:-1] for w in words])})
    repeated = [(n, w) for n, w in enumerate(result.windows) if w.occurrence is not None]
    zones = [result.pauses[w.version_id].span.zone for _, w in repeated]
    register_table(connection, "pause_occurrence_texts", {
        "window_no": ("INTEGER", [n for n, _ in repeated]),
        "start_json": ("VARCHAR", [json_text(datetime.fromtimestamp(w.start_ts, z).isoformat())
                                   for (_, w), z in zip(repeated, zones, strict=True)]),
        "end_json": ("VARCHAR", [json_text(datetime.fromtimestamp(w.end_ts, z).isoformat())
                                 for (_, w), z in zip(repeated, zones, strict=True)])})
    _json_functions(connection)
    _strike_texts(connection, register_table)
    connection.execute(_ORDERED)
    (count,) = aggregate_row(connection, "SELECT count(*) FROM pause_ordered")
    query = _engine_json_sql()
    opened = False
    for low in range(1, count + 1, _TEXT_BATCH):
        cursor = connection.execute(query, [low, low + _TEXT_BATCH])
        while batch := cursor.fetchmany(_BATCH):
            out.write((",\n  " if opened else "[\n  ") + ",\n  ".join(row[0] for row in batch))
            opened = True
    out.write("\n]\n" if opened else "[]\n")
