"""The one interface every export format implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from ...records import RecordBase


class Exporter(Protocol):
    """One export format: records (already in timeline order) to the file's whole text,
    or its bytes for a binary format (Parquet)."""

    name: ClassVar[str]  # the value of `timeline export --format`
    summary: ClassVar[str]  # one line for --help and the README
    suffix: ClassVar[str]  # the usual file name ending, e.g. ".ics"

    def render(self, records: Sequence[RecordBase]) -> str | bytes: ...
