"""check-pause over a large JSON Lines input, its pieces validated and weighed side by side.

A strike's findings depend only on the strike and the pause readings, so once the readings
are known each worker can weigh the strikes of its own pieces and write their findings as
text; the main process only puts those texts in time order. The readings are found first
by a scan of the bytes for ``"pause"`` (a few hundred lines among a million, validated by
the models like any other). The workers validate every record and name every reading they
meet, so a reading the scan missed (its kind written with escapes) is noticed, and the
input is then checked the serial way.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from ..errors import InputProblem
from ..loading import _json_lines_records
from ..loading.parallel import GiveUp, Plan, map_pieces
from ..loading.readers import ParsedFile
from ..records import Pause, RecordBase, Strike
from .pause import (PauseWindows, StrikeAssessment, Verdict, VerdictTally,
                    find_strikes_in_pauses)

Render = Callable[[StrikeAssessment], str]

# The report is held whole before it is written (in order, from every piece), so a check
# whose findings would take more text than this is left to the serial check, which writes
# findings as it finds them (10,000 pause readings over a million strikes: 18 GB of JSON).
TEXT_BUDGET = 512 << 20


@dataclass
class RenderedAssessments:
    """Each assessed strike's text, in time order, and the tally of the whole report."""

    pieces: list[str]
    counts: dict[Verdict, int] = field(default_factory=lambda: {v: 0 for v in Verdict})

    @property
    def strikes(self) -> int:
        return len(self.pieces)


def assess_in_parallel(plan: Plan, render: Render) -> RenderedAssessments | None:
    """What :func:`find_strikes_in_pauses` finds in the input of ``plan``, each strike's
    findings made text by ``render`` in the workers. None when the input holds a problem
    (or a reading the scan missed), or when the findings' text would pass
    :data:`TEXT_BUDGET`: the caller then checks it serially, which reports the problem or
    streams the findings."""
    pauses = _pause_readings(plan.paths)
    windows = PauseWindows(pauses)
    text_made = _SharedCount()  # by all workers together, wherever the findings cluster

    def assess_piece(records: Iterator[RecordBase]):
        strikes: list[Strike] = []
        readings_met: list[str] = []
        for record in records:
            if type(record) is Strike:
                if windows.reach(record.span):
                    strikes.append(record)
            elif type(record) is Pause:
                readings_met.append(record.id)
        rendered = []
        tally = VerdictTally(find_strikes_in_pauses(chain(strikes, pauses)))
        size = 0
        for assessment in tally:
            span = assessment.strike.span
            text = render(assessment)
            size += len(text)
            if size > _REPORT_EVERY:
                if text_made.add(size) > TEXT_BUDGET:  # findings by the million: the
                    raise GiveUp                       # serial check streams them
                size = 0
            rendered.append((span.start_ts, span.end_ts, assessment.strike.id, text))
        if text_made.add(size) > TEXT_BUDGET:
            raise GiveUp
        return readings_met, rendered, tally.counts

    results = map_pieces(plan, assess_piece)
    if results is None:
        return None
    if sorted(chain.from_iterable(met for met, _, _ in results)) != sorted(p.id for p in pauses):
        return None
    report = RenderedAssessments(
        [text for *_, text in sorted(chain.from_iterable(rendered for _, rendered, _ in results))])
    for _, _, counts in results:
        for verdict, count in counts.items():
            report.counts[verdict] += count
    return report


# Workers add to the shared count every so many characters, not at every strike
_REPORT_EVERY = 1 << 20


class _SharedCount:
    """A number the forked workers add to together (shared memory, under a lock)."""

    def __init__(self) -> None:
        import multiprocessing

        self._value = multiprocessing.get_context("fork").Value("q", 0)

    def add(self, amount: int) -> int:
        """Adds ``amount``; the total since."""
        with self._value.get_lock():
            self._value.value += amount
            return self._value.value


_READING = b'"pause"'


def _pause_readings(paths: list[str]) -> list[Pause]:
    """The pause readings on the lines that hold ``"pause"`` (lines that do not validate are
    left to the workers, which report them)."""
    readings = []
    for path in paths:
        for line, at_start in _lines_holding(path, _READING):
            parsed = ParsedFile(path)
            problems: list[InputProblem] = []
            for record, _ in _json_lines_records(parsed, (line,), problems, at_start):
                if type(record) is Pause:
                    readings.append(record)
    return readings


def _lines_holding(path: str, word: bytes) -> Iterator[tuple[bytes, bool]]:
    """Each line of ``path`` holding ``word``, and whether it is the file's first."""
    with open(path, "rb") as stream:
        try:
            data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            return
        with data:
            found = data.find(word)
            while found >= 0:
                start = data.rfind(b"\n", 0, found) + 1
                end = data.find(b"\n", found)
                end = len(data) if end < 0 else end + 1
                yield data[start:end], start == 0
                found = data.find(word, end)
