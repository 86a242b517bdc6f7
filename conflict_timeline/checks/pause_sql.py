"""check-pause in the engine, for records in Parquet: the strikes stay in the engine.

The pauses are few and carry the hard semantics, so they are read through the models and
expanded in Python by :func:`~.pause.pause_windows` (over the strikes' range, which the
engine gives) into a small table of windows. Then :data:`PAIRS_QUERY`, the one query of
this check, joins the strikes to the windows — their spans overlap and the window's version
may be in force when the strike began — and classifies each pair: how the spans lie
(relation), whether the version binds the party and covers the targets and the region
(coverage), whether the strike may predate the announcement, and the version's standing.
It is plain SQL over the Parquet columns, so that a cluster engine can run it over the same
files (docs/scale.md says how, and which few functions differ).

A finding is one strike against one clause (chain of versions): the pairs are grouped so.
Its words depend on the strike only through a few values (who struck, what, where; the
pattern of windows it meets), so they are made once per distinct combination, its
*signature*, by :func:`~.pause.finding_from_facts` on one strike that has it — the same
function, and so the same words, as the plain path — and the engine joins them to every
finding with that signature (see :mod:`..rendering.pause_report`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Pause, RecordBase, Strike
from .pause import (
    _SEVERITY,
    Coverage,
    PauseFinding,
    PauseWindow,
    Relation,
    ScopeTest,
    Standing,
    StrikeAssessment,
    Verdict,
    VerdictTally,
    WindowFacts,
    dependence_words,
    find_strikes_in_pauses,
    finding_from_facts,
    party_coverage,
    pause_windows,
    readings_of,
    region_coverage,
    strike_assessment,
    target_coverage,
)

if TYPE_CHECKING:
    from ..loading.parquet import ParquetSource

# The columns this check reads of a strike, whose values the engine checks row by row
# before it runs (a pause is read whole, through the models, and validated as it is read)
STRIKE_COLUMNS = frozenset({"id", "kind", "tz", "when", "span_start", "span_end",
                            "span_precision", "span_zone", "title", "by", "targets",
                            "location", "sources"})

# The one query: every (strike, window) pair that overlaps while the window's version may be
# in force, classified. `strikes` is the Parquet file's strike rows (span_start_ts and
# span_end_ts: POSIX seconds, an open end +inf); `pause_windows` the window table;
# `folded_names` each distinct name a strike gives (who struck, its region) as Python folds
# it (str.strip().casefold()), so that names compare exactly as on the plain path.
PAIRS_QUERY = """
WITH overlapping AS MATERIALIZED (
    SELECT s.row_number AS strike_row, s.span_start_ts AS strike_start,
           s.span_end_ts AS strike_end, w.window_no
    FROM strikes AS s
    JOIN pause_windows AS w
      ON s.span_start_ts < w.end_ts AND w.start_ts < s.span_end_ts
     AND s.span_start_ts >= w.declared_from_ts AND s.span_start_ts < w.in_force_until_ts
), pairs AS (
    SELECT o.strike_row, o.strike_start, o.strike_end, s."by" AS strike_by,
           s.targets AS strike_targets, s.location.region AS strike_region, w.*
    FROM overlapping AS o
    JOIN pause_windows AS w ON w.window_no = o.window_no
    JOIN strikes AS s ON s.row_number = o.strike_row
)
SELECT p.strike_row, p.window_no, p.window_id, p.version_id, p.reading_id, p.arrangement,
       p.start_ts AS window_start, p.occurrence,
       CASE WHEN p.strike_start >= p.start_ts AND p.strike_end <= p.end_ts THEN 'inside'
            WHEN p.strike_end <= p.end_ts THEN 'straddles_start'
            WHEN p.strike_start >= p.start_ts THEN 'straddles_end'
            ELSE 'covers_window' END AS relation,
       CASE WHEN p.strike_start < p.in_force_from_ts THEN 'may_not_yet_be_announced'
            WHEN p.strike_start >= p.next_declared_from_ts THEN 'may_be_superseded'
            ELSE 'in_force' END AS standing,
       CASE WHEN array_length(p.binds_folded) = 0 THEN 'not_covered'
            WHEN p.strike_by IS NULL OR p.strike_by = '' THEN 'unknown'
            WHEN list_contains(p.binds_folded, fb.folded) THEN 'covered'
            ELSE 'not_covered' END AS party,
       CASE WHEN p.scope_targets IS NULL THEN 'covered'
            WHEN coalesce(array_length(p.strike_targets), 0) = 0 THEN 'unknown'
            WHEN list_has_any(p.scope_targets, p.strike_targets) THEN 'covered'
            ELSE 'not_covered' END AS targets,
       CASE WHEN p.regions_folded IS NULL THEN 'covered'
            WHEN p.strike_region IS NULL OR p.strike_region = '' THEN 'unknown'
            WHEN list_contains(p.regions_folded, fr.folded) THEN 'covered'
            ELSE 'not_covered' END AS region,
       coalesce(p.strike_start < p.announced_until_ts, false) AS predates,
       coalesce(p.strike_end <= p.announced_from_ts, false) AS ended_before,
       p.strike_by,
       CASE WHEN p.scope_targets IS NULL THEN NULL ELSE p.strike_targets END AS targets_key,
       CASE WHEN p.regions_folded IS NULL THEN NULL ELSE p.strike_region END AS region_key
FROM pairs AS p
LEFT JOIN folded_names AS fb ON fb.name = p.strike_by
LEFT JOIN folded_names AS fr ON fr.name = p.strike_region
"""

# The pairs grouped into findings (one strike, one clause): the facts in the order the
# plain path weighs them, and the signature that decides the finding's verdict and words
# (all but the strike's own values: who struck, what, where, which are worded apart).
_FINDINGS = """
CREATE TEMP TABLE pause_findings AS
WITH counted AS (
    SELECT *, count(*) OVER (PARTITION BY strike_row, reading_id) AS facts_count
    FROM pause_pairs)
SELECT strike_row, reading_id, arrangement,
       [{'window_no': window_no, 'version_id': version_id, 'occurrence': occurrence,
         'window_start': window_start}] AS facts,
       strike_by,
       [{'version_id': version_id, 'targets_key': targets_key,
         'region_key': region_key}] AS keys,
       {'reading_id': reading_id,
        'pattern': [{'version_id': version_id, 'relation': relation, 'standing': standing,
                     'party': party, 'targets': targets, 'region': region}],
        'predates': predates, 'ended_before': ended_before} AS signature
FROM counted WHERE facts_count = 1
UNION ALL
SELECT strike_row, reading_id, any_value(arrangement),
       list({'window_no': window_no, 'version_id': version_id, 'occurrence': occurrence,
             'window_start': window_start} ORDER BY window_start, window_id),
       any_value(strike_by),
       list({'version_id': version_id, 'targets_key': targets_key,
             'region_key': region_key} ORDER BY window_start, window_id),
       {'reading_id': reading_id,
        'pattern': list({'version_id': version_id, 'relation': relation,
                         'standing': standing, 'party': party, 'targets': targets,
                         'region': region} ORDER BY window_start, window_id),
        'predates': bool_or(predates), 'ended_before': bool_or(ended_before)}
FROM counted WHERE facts_count > 1 GROUP BY strike_row, reading_id
"""

_SIGNATURES = """
CREATE TEMP TABLE pause_signatures AS
SELECT row_number() OVER (ORDER BY min(strike_row)) AS signature_no, signature,
       min(strike_row) AS representative
FROM pause_findings GROUP BY signature
"""


class EngineFindings:
    """check-pause's findings on one Parquet file, left in the engine.

    Tables (temporary, on ``source.connection``): ``pause_windows`` (the window table,
    ``window_no`` its row in :attr:`windows`), ``pause_pairs`` (:data:`PAIRS_QUERY`),
    ``pause_findings`` (one row per finding: ``strike_row``, ``reading_id``, ``facts``,
    ``signature``, and after :meth:`_word` ``signature_no``), ``pause_verdicts`` (per
    signature: ``verdict``, ``severity``, ``pause_id`` — the version reported — and
    ``basis_version``, whose first window is the finding's), ``pause_dependences``
    (per strike and arrangement whose readings disagree: ``words`` after the title).
    :attr:`counts` and :attr:`strikes` are known at once; :meth:`assessments` makes
    the findings as objects, strike by strike, for the text report."""

    def __init__(self, source: ParquetSource, pauses: list[Pause]):
        self.source = source
        self.connection = source.connection
        self.pauses = {p.id: p for p in pauses}
        self.readings = readings_of(pauses)
        self.windows: list[PauseWindow] = []
        self.signature_findings: dict[int, PauseFinding] = {}
        self.counts: dict[Verdict, int] = {v: 0 for v in Verdict}
        self.strikes = 0
        low, high = aggregate_row(
            self.connection, "SELECT min(span_start_ts), max(span_end_ts) FROM strikes")
        self.empty = low is None or not pauses
        if self.empty:
            return
        self.windows = pause_windows(pauses, (low, high))
        self._register_windows()
        self._register_folded_names()
        self.connection.execute(f"CREATE TEMP TABLE pause_pairs AS {PAIRS_QUERY}")
        self.connection.execute(_FINDINGS)
        self.connection.execute(_SIGNATURES)
        self._keep_strikes()
        self._word()

    # -- the tables the query reads

    def _register_windows(self) -> None:
        w = self.windows
        columns: dict[str, tuple[str, list[Any]]] = {
            "window_no": ("INTEGER", list(range(len(w)))),
            "window_id": ("VARCHAR", [x.window_id for x in w]),
            "version_id": ("VARCHAR", [x.version_id for x in w]),
            "reading_id": ("VARCHAR", [x.reading_id for x in w]),
            "arrangement": ("VARCHAR", [x.arrangement for x in w]),
            "occurrence": ("INTEGER", [x.occurrence for x in w]),
            "start_ts": ("DOUBLE", [x.start_ts for x in w]),
            "end_ts": ("DOUBLE", [x.end_ts for x in w]),
            "declared_from_ts": ("DOUBLE", [x.declared_from_ts for x in w]),
            "in_force_from_ts": ("DOUBLE", [x.in_force_from_ts for x in w]),
            "next_declared_from_ts": ("DOUBLE", [x.next_declared_from_ts for x in w]),
            "in_force_until_ts": ("DOUBLE", [x.in_force_until_ts for x in w]),
            "announced_from_ts": ("DOUBLE", [x.announced_from_ts for x in w]),
            "announced_until_ts": ("DOUBLE", [x.announced_until_ts for x in w]),
            "binds_folded": ("VARCHAR[]", [_folded(x.binds) for x in w]),
            "scope_targets": ("VARCHAR[]", [None if x.scope_targets is None
                                            else [str(t) for t in x.scope_targets] for x in w]),
            "regions_folded": ("VARCHAR[]", [None if x.scope_regions is None
                                             else _folded(x.scope_regions) for x in w]),
        }
        register_table(self.connection, "pause_windows", columns)

    def _register_folded_names(self) -> None:
        names = [row[0] for row in self.connection.execute(
            'SELECT DISTINCT "by" FROM strikes WHERE "by" IS NOT NULL UNION '
            "SELECT DISTINCT location.region FROM strikes WHERE location.region IS NOT NULL"
        ).fetchall()]
        register_table(self.connection, "folded_names", {
            "name": ("VARCHAR", names),
            "folded": ("VARCHAR", [n.strip().casefold() for n in names])})

    # -- words, once per signature

    def _word(self) -> None:
        rows = self.connection.execute(
            "SELECT signature_no, representative, signature.reading_id FROM pause_signatures"
        ).fetchall()
        wanted = {(rep, reading) for _, rep, reading in rows}
        strikes = self._strikes_at(sorted({rep for rep, _ in wanted}))
        facts = self._facts_of(wanted)
        verdicts: dict[str, list[Any]] = {k: [] for k in (
            "signature_no", "verdict", "severity", "pause_id", "basis_version")}
        for number, rep, reading in rows:
            finding = finding_from_facts(strikes[rep], facts[rep, reading], self.pauses)
            if finding is None:
                continue  # a version reached only by one the strike cannot be weighed by
            self.signature_findings[number] = finding
            verdicts["signature_no"].append(number)
            verdicts["verdict"].append(finding.verdict.value)
            verdicts["severity"].append(_SEVERITY[finding.verdict])
            verdicts["pause_id"].append(finding.pause.id)
            verdicts["basis_version"].append(
                finding.window.version_id if finding.window else finding.pause.id)
        register_table(self.connection, "pause_verdicts", {
            "signature_no": ("BIGINT", verdicts["signature_no"]),
            "verdict": ("VARCHAR", verdicts["verdict"]),
            "severity": ("INTEGER", verdicts["severity"]),
            "pause_id": ("VARCHAR", verdicts["pause_id"]),
            "basis_version": ("VARCHAR", verdicts["basis_version"])})
        self.connection.execute(
            "CREATE TEMP TABLE pause_numbered AS SELECT f.*, g.signature_no FROM pause_findings "
            "AS f JOIN pause_signatures AS g ON f.signature = g.signature")
        self.connection.execute("DROP TABLE pause_findings")
        self.connection.execute("ALTER TABLE pause_numbered RENAME TO pause_findings")
        self._word_dependences()
        for verdict, count in self.connection.execute(
                "SELECT v.verdict, count(*) FROM pause_findings AS f JOIN pause_verdicts AS v "
                "USING (signature_no) GROUP BY v.verdict").fetchall():
            self.counts[Verdict(verdict)] = count
        (self.strikes,) = aggregate_row(
            self.connection, "SELECT count(DISTINCT strike_row) FROM pause_findings "
            "JOIN pause_verdicts USING (signature_no)")

    def explanations(self) -> dict[str, tuple[list[str], list[Any], list[str]]]:
        """Each scope test's explanation, once per version and value it is made of: for
        ``party``, ``targets`` and ``region``, the version ids, the values (who struck,
        what, where, as the pairs give them: ``strike_by``, ``targets_key``,
        ``region_key``) and the explanations."""
        first: dict[str, PauseWindow] = {}
        for window in self.windows:
            first.setdefault(window.version_id, window)
        out = {}
        for axis, column, word in (
                ("party", "strike_by", lambda w, v: party_coverage(w.binds, v)),
                ("targets", "targets_key",
                 lambda w, v: target_coverage(w.scope_targets, tuple(v or ()))),
                ("region", "region_key", lambda w, v: region_coverage(w.scope_regions, v))):
            rows = self.connection.execute(
                f"SELECT DISTINCT version_id, {column} FROM pause_pairs").fetchall()
            out[axis] = ([v for v, _ in rows], [value for _, value in rows],
                         [word(first[v], value).explanation for v, value in rows])
        return out

    def _word_dependences(self) -> None:
        """Where an arrangement has several readings, the readings' verdicts on each strike,
        worded once per distinct combination."""
        several = [a for a, readings in self.readings.items() if len(readings) > 1]
        register_table(self.connection, "pause_arrangements_read", {
            "arrangement": ("VARCHAR", several)})
        self.connection.execute("""
            CREATE TEMP TABLE pause_verdict_sets AS
            SELECT f.strike_row, f.arrangement,
                   list({'reading_id': f.reading_id, 'verdict': v.verdict}
                        ORDER BY f.reading_id) AS verdicts
            FROM pause_findings AS f JOIN pause_verdicts AS v USING (signature_no)
            WHERE f.arrangement IN (SELECT arrangement FROM pause_arrangements_read)
            GROUP BY f.strike_row, f.arrangement""")
        keys = self.connection.execute(
            "SELECT DISTINCT arrangement, verdicts FROM pause_verdict_sets").fetchall()
        table: dict[str, list[Any]] = {"arrangement": [], "verdicts": [], "words": []}
        for arrangement, verdicts in keys:
            words = dependence_words({v["reading_id"]: Verdict(v["verdict"]) for v in verdicts},
                                     self.readings[arrangement])
            if words is not None:
                table["arrangement"].append(arrangement)
                table["verdicts"].append(verdicts)
                table["words"].append(words)
        register_table(self.connection, "pause_dependence_words", {
            "arrangement": ("VARCHAR", table["arrangement"]),
            "verdicts": ("STRUCT(reading_id VARCHAR, verdict VARCHAR)[]", table["verdicts"]),
            "words": ("VARCHAR", table["words"])})
        self.connection.execute("""
            CREATE TEMP TABLE pause_dependences AS
            SELECT s.strike_row, s.arrangement, d.words
            FROM pause_verdict_sets AS s JOIN pause_dependence_words AS d
              ON s.arrangement = d.arrangement AND s.verdicts = d.verdicts""")

    def _keep_strikes(self) -> None:
        """The rows of the strikes with findings (``pause_strike_rows``: their fields, span
        columns and row number), read from the file once for every later use."""
        from ..records.columns import record_columns, sql_name

        fields = ", ".join(sql_name(c.name) for c in record_columns() if c.field)
        self.connection.execute(f"""
            CREATE TEMP TABLE pause_strike_rows AS
            SELECT row_number, span_start, span_end, span_precision, span_zone, span_start_ts,
                   span_end_ts, {fields}
            FROM strikes WHERE row_number IN (SELECT strike_row FROM pause_findings)""")

    # -- through the models, where objects are needed

    def _strikes_at(self, rows: Sequence[int]) -> dict[int, Strike]:
        """The strikes at these rows of the file, made through the models."""
        from ..records import validate_record
        from ..records.columns import data_of

        out: dict[int, Strike] = {}
        for row_number, values in _rows_of(self.source, "pause_strike_rows", rows):
            record = validate_record(data_of(values))
            assert isinstance(record, Strike)
            out[row_number] = record
        return out

    def _facts_of(self, wanted: Iterable[tuple[int, str]],
                  ) -> dict[tuple[int, str], list[WindowFacts]]:
        """The facts of these (strike row, chain) findings, from the query's pairs: the
        engine's classification, and the scope tests worded by the plain path's functions."""
        wanted = set(wanted)
        rows = _select_rows(self.connection, [row for row, _ in wanted], """
            SELECT strike_row, reading_id, window_no, relation, standing, party, targets,
                   region, predates, strike_by, targets_key, region_key
            FROM pause_pairs WHERE strike_row IN (SELECT row_number FROM wanted_rows)
            ORDER BY strike_row, window_start, window_id""")
        out: dict[tuple[int, str], list[WindowFacts]] = {}
        for (strike_row, reading, window_no, relation, standing, party, targets, region,
             predates, by, targets_key, region_key) in rows:
            if (strike_row, reading) not in wanted:
                continue
            window = self.windows[window_no]
            tests = (
                _as_classified(party_coverage(window.binds, by), party),
                _as_classified(target_coverage(window.scope_targets, tuple(targets_key or ())),
                               targets),
                _as_classified(region_coverage(window.scope_regions, region_key), region))
            out.setdefault((strike_row, reading), []).append(WindowFacts(
                window, Relation(relation), tests, predates, Standing(standing)))
        return out

    def assessments(self) -> Iterator[StrikeAssessment]:
        """Every strike's assessment, in the order of the plain path (by span, then id),
        made a batch of strikes at a time."""
        if self.empty:
            return
        ordered = [row for (row,) in self.connection.execute("""
            SELECT f.strike_row FROM (SELECT DISTINCT strike_row FROM pause_findings) AS f
            JOIN pause_strike_rows AS s ON s.row_number = f.strike_row
            ORDER BY s.span_start_ts, s.span_end_ts, s.id""").fetchall()]
        for at in range(0, len(ordered), 2_000):
            rows = ordered[at:at + 2_000]
            strikes = self._strikes_at(rows)
            findings = self.connection.execute(
                "SELECT strike_row, reading_id FROM pause_findings "
                "WHERE list_contains($1, strike_row)", [rows]).fetchall()
            facts = self._facts_of(findings)
            by_strike: dict[int, list[PauseFinding]] = {}
            for (strike_row, _reading), of_finding in facts.items():
                found = finding_from_facts(strikes[strike_row], of_finding, self.pauses)
                if found is not None:
                    by_strike.setdefault(strike_row, []).append(found)
            for row in rows:
                assessment = strike_assessment(strikes[row], by_strike.get(row, ()),
                                               self.readings)
                if assessment is not None:
                    yield assessment

    @property
    def loaded(self) -> tuple[int, int]:
        """(strikes, pause readings) weighed."""
        (strikes,) = aggregate_row(self.connection, "SELECT count(*) FROM strikes")
        return strikes, len(self.pauses)

    def close(self) -> None:
        self.source.close()


def _as_classified(test: ScopeTest, coverage: str) -> ScopeTest:
    """The test as worded, with the engine's coverage (the two are one rule; a difference
    would be a defect, which the differential test looks for)."""
    if test.coverage.value == coverage:
        return test
    return ScopeTest(test.axis, Coverage(coverage), test.explanation)


def _folded(names: Iterable[str]) -> list[str]:
    return [n.strip().casefold() for n in names]


def register_table(connection: Any, table: str,
                   columns: Mapping[str, tuple[str, list[Any]]]) -> None:
    """A small temporary table made from Python lists, one per column."""
    names = list(columns)
    typed = ", ".join(f"unnest(${i + 1}::{sql_type}[]) AS {name}"
                      for i, (name, (sql_type, _)) in enumerate(columns.items()))
    values = [columns[n][1] for n in names]
    if not values or not values[0]:
        definition = ", ".join(f"{n} {columns[n][0]}" for n in names)
        connection.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({definition})")
        return
    connection.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {typed}", values)


def aggregate_row(connection: Any, query: str) -> tuple[Any, ...]:
    """The row of an aggregate query without GROUP BY: SQL gives it exactly one, even over
    no rows, so the driver's "no row" (None) cannot happen here."""
    row = connection.execute(query).fetchone()
    assert row is not None, "an aggregate query without GROUP BY gives one row"
    return row


def _select_rows(connection: Any, rows: Iterable[int], query: str) -> list[tuple]:
    register_table(connection, "wanted_rows", {"row_number": ("BIGINT", sorted(set(rows)))})
    return connection.execute(query).fetchall()


def _rows_of(source: ParquetSource, view: str, rows: Sequence[int]) -> Iterator[tuple[int, dict]]:
    """The field columns of these rows of ``view``, by row number."""
    from ..records.columns import record_columns, sql_name

    names = [c.name for c in record_columns() if c.field]
    selected = ", ".join(sql_name(n) for n in names)
    for values in _select_rows(source.connection, rows, f"""
            SELECT row_number, {selected} FROM {view}
            WHERE row_number IN (SELECT row_number FROM wanted_rows)"""):
        # the query selects exactly these columns after row_number
        yield values[0], dict(zip(names, values[1:], strict=True))


# ---------------------------------------------------------------------------------------
# the two paths, chosen by the input


@dataclass
class ModelFindings:
    """check-pause's findings on records loaded through the models (the plain path):
    :attr:`counts` and :attr:`strikes` are known once :meth:`assessments` is consumed."""

    records: list[RecordBase]
    tally: VerdictTally | None = field(default=None, init=False)

    def assessments(self) -> Iterator[StrikeAssessment]:
        self.tally = VerdictTally(find_strikes_in_pauses(self.records))
        return iter(self.tally)

    @property
    def loaded(self) -> tuple[int, int]:
        """(strikes, pause readings) weighed."""
        pauses = sum(isinstance(r, Pause) for r in self.records)
        return sum(isinstance(r, Strike) for r in self.records), pauses

    @property
    def counts(self) -> dict[Verdict, int]:
        return self.tally.counts if self.tally else {v: 0 for v in Verdict}

    @property
    def strikes(self) -> int:
        return self.tally.strikes if self.tally else 0

    def close(self) -> None:
        pass


def runs_in_engine(paths: Sequence[str | Path], selected: bool = False) -> bool:
    """Whether check-pause on ``paths`` runs in the engine: one Parquet file, all of whose
    strikes are weighed (a selection of them is made through the models)."""
    return not selected and len(paths) == 1 and str(paths[0]).lower().endswith(".parquet") \
        and Path(paths[0]).is_file()


def assess_sources(paths: Sequence[str | Path], load: Any = None,
                   selected: bool = False) -> EngineFindings | ModelFindings:
    """check-pause's findings on the records in ``paths``: in the engine for one Parquet
    file, else through the models (``load(paths, keep)`` loads them: the loader's
    :func:`~..loading.load_records`, by default; ``selected``: it keeps only some of the
    strikes). InputError for bad input."""
    if runs_in_engine(paths, selected):
        return _in_engine(paths[0])
    if load is None:
        from ..loading import load_records as load
    # statements and negotiations are checked while loading, then let go
    return ModelFindings(load(paths, keep=lambda r: isinstance(r, (Strike, Pause))))


def _in_engine(path: str | Path) -> EngineFindings:
    """The pauses read through the models (located problems, as every reader gives them),
    their chains checked as the loader checks them; then the engine's work."""
    import duckdb

    from ..errors import InputError, InputProblem
    from ..loading.parquet import ParquetSource
    from ..loading.readers import ParsedFile, RawEntry
    from ..loading.validation import validated_entry
    from ..records.columns import data_of
    from ..records.pause_chains import chain_problems

    source = ParquetSource(path, columns=STRIKE_COLUMNS)
    try:
        numbers = [r for (r,) in source.connection.execute(
            "SELECT row_number FROM pauses ORDER BY row_number").fetchall()]
        rows = dict(_rows_of(source, "pauses", numbers))
        parsed = ParsedFile(source.name)
        pauses, places = [], {}
        for number in numbers:
            record = validated_entry(parsed, RawEntry(data_of(rows[number]), f"row {number}"))
            if isinstance(record, Pause):
                pauses.append(record)
                places[record.id] = _Origin(source.name, f"row {number}")
        if parsed.problems:
            raise InputError(parsed.problems)
        amended = sorted({p.amends for p in pauses if p.amends is not None})
        others = {i for (i,) in source.connection.execute(
            "SELECT id FROM records WHERE kind <> 'pause' AND list_contains($1, id)",
            [amended]).fetchall()} if amended else set()
        problems = chain_problems(pauses, places, others)
        if problems:
            raise InputError([InputProblem(*p) for p in problems])
        return EngineFindings(source, pauses)
    except duckdb.Error as exc:
        source.close()
        from ..engine import engine_message
        from ..errors import TimelineError

        raise TimelineError(f"the engine could not weigh the strikes: "
                            f"{engine_message(exc)}") from None
    except BaseException:
        source.close()
        raise


@dataclass(frozen=True)
class _Origin:
    file: str
    location: str


