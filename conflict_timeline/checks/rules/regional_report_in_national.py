"""D002: a regional command's report inside a national report's window, naming the same
weapon model: the two may count the same weapons."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator

from ...records import Strike
from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import listing, span_text

NATIONAL, REGIONAL = "national", "regional"


def report_level(record: object) -> str | None:
    """``national`` or ``regional`` from a ``level:`` tag (the missile-attacks importer
    writes one on every report of the Air Force or a regional air command), else None."""
    for tag in getattr(record, "tags", None) or ():
        if tag in ("level:national", "level:regional"):
            return tag[6:]
    return None


def covering_national_reports(strikes: Iterable[Strike]) -> dict[str, list[Strike]]:
    """For each regional report, the national reports of the same party whose window
    overlaps its own (only regional reports with at least one are keys). The national
    reports are sorted by start once, so each regional report meets only its neighbours."""
    national, regional = [], []
    for strike in strikes:
        level = report_level(strike)
        if level == NATIONAL:
            national.append(strike)
        elif level == REGIONAL:
            regional.append(strike)
    national.sort(key=lambda s: (s.span.start_ts, s.span.end_ts, s.id))
    starts = [s.span.start_ts for s in national]
    longest = max((s.span.end_ts - s.span.start_ts for s in national), default=0.0)
    covered: dict[str, list[Strike]] = {}
    for report in regional:
        span, party = report.span, _party(report)
        first = bisect_left(starts, span.start_ts - longest)
        last = bisect_left(starts, span.end_ts)
        found = [n for n in national[first:last]
                 if n.span.overlaps(span) and _party(n) == party]
        if found:
            covered[report.id] = found
    return covered


def _party(strike: Strike) -> str:
    return (strike.by or "").casefold()


def _models(strike: Strike) -> dict[str, str]:
    names = (" ".join(w.model.split()) for w in strike.weapons if w.model)
    return {name.casefold(): name for name in names if name}


def check(timeline: Timeline) -> Iterator[Finding]:
    strikes = {s.id: s for s in timeline.strikes}
    for report_id, nationals in covering_national_reports(strikes.values()).items():
        report = strikes[report_id]
        models = _models(report)
        matches = [(n, [models[m] for m in models if m in _models(n)]) for n in nationals]
        matches = [(n, shared) for n, shared in matches if shared]
        if matches:
            yield _finding(report, matches)


def _finding(report: Strike, matches: list[tuple[Strike, list[str]]]) -> Finding:
    ids = [n.id for n, _ in matches]
    shared = list(dict.fromkeys(m for _, models in matches for m in models))
    return RULE.finding(
        f"regional report {report.id} falls in the window of national report"
        f"{'s' if len(ids) > 1 else ''} {listing(ids)} and names the same weapon model "
        f"({', '.join(shared)}): possibly counted twice",
        [report.id, *ids],
        f"The regional report covers {span_text(report.span)}; "
        + "; ".join(f"{n.id} covers {span_text(n.span)} and also counts {', '.join(models)}"
                    for n, models in matches)
        + ". A national summary may include what a regional command reported, or may not: "
        "this is a possible double count, not proof of one. Adding both reports' counts "
        "may count the same weapons twice (`timeline plot` leaves such regional reports "
        "out of its bars by default; see --regional).",
        {"national": ids, "models": shared})


RULE = Rule(
    code="D002",
    name="regional-report-in-national",
    severity=Severity.INFO,
    summary="A regional command's report overlaps a national report's window and names "
            "the same weapon model: possibly the same weapons counted twice.",
    explanation="""\
Ukraine's Air Force posts a national summary of each night's attack; its regional air
commands (South, East, West, Centre) post reports for their own area, often for the same
hours. Whether a national summary includes what a regional command reported is not said in
either post, so adding the two may count the same weapons twice.

This rule finds a strike tagged `level:regional` whose window overlaps the window of a
strike tagged `level:national` by the same party, where both list the same weapon model
(compared without regard to case or spacing). The `level:` tags are written by
`timeline import missile-attacks`; write them on your own records to have them compared.
It is a possible double count, not proof of one: the reports may describe different
weapons of one model. D001 reports strikes that very likely are one event; this rule is
the weaker, structural signal.

Example: the Air Force reports 93 Shahed-136/131 from 18:00 on 4 April to 08:00 on 5
April 2026, and Air Command South reports 12 Shahed-136/131 on 5 April.""",
    check=check,
)
