"""Records of a large JSON Lines input selected, ordered and written as text side by side.

Each worker validates the records of its pieces (see ``loading.parallel``), keeps those the
filter accepts and writes each as text at once, in the worker; the main process only puts
the texts in order. The order is :func:`~conflict_timeline.timeline.order_key`'s, whatever
piece a record came from.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from ..loading.parallel import Plan, map_pieces
from ..records import RecordBase


def ordered_texts_in_parallel(plan: Plan, keep: Callable[[RecordBase], bool] | None,
                              render: Callable[[RecordBase], str]) -> list[str] | None:
    """``render(record)`` for every record ``keep`` accepts (default: all), in order; None
    when the input holds a problem (the caller then loads it serially, which reports it).
    The texts must not hold NUL (JSON writes it escaped)."""

    def render_piece(records: Iterator[RecordBase]) -> _SortedTexts:
        rendered = []
        for record in records:
            if keep is None or keep(record):
                span = record.span
                rendered.append((span.start_ts, span.end_ts, record.id, render(record)))
        rendered.sort()  # ids are unique: texts are never compared
        return _SortedTexts.of(rendered)

    # each piece is unpacked as it arrives, while the workers read on; its rows are in
    # order, and sorting runs in order merges them (in C, where heapq.merge steps in Python)
    pieces = map_pieces(plan, render_piece, receive=_SortedTexts.items)
    if pieces is None:
        return None
    rows = list(chain.from_iterable(pieces))
    rows.sort()  # ids are unique: texts are never compared
    return [row[3] for row in rows]


@dataclass(frozen=True, slots=True)
class _SortedTexts:
    """A piece's texts in order, with their keys, in a form cheap to send between processes
    (a few large objects, not a tuple and three objects per record)."""

    starts: bytes
    ends: bytes
    ids: list[str]
    texts: str

    @classmethod
    def of(cls, rendered: list[tuple[float, float, str, str]]) -> _SortedTexts:
        starts, ends, ids, texts = zip(*rendered) if rendered else ((), (), (), ())
        return cls(array("d", starts).tobytes(), array("d", ends).tobytes(), list(ids),
                   _SEPARATOR.join(texts))

    def items(self) -> Iterator[tuple[float, float, str, str]]:
        """The (start, end, id, text) of each record, in order; all but the tuples made
        at once."""
        texts = self.texts.split(_SEPARATOR) if self.ids else []
        return zip(_floats(self.starts), _floats(self.ends), self.ids, texts)


_SEPARATOR = "\x00"


def _floats(data: bytes) -> list[float]:
    numbers = array("d")
    numbers.frombytes(data)
    return numbers.tolist()
