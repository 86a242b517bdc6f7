"""What `timeline import` tells a person on stderr: the counts, every skipped row grouped by
reason, every problem; and a progress bar while a long file is read."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console, Group
from rich.text import Text

from ..importers import ImportReport, SkippedRow
from ..importers.base import Progress
from ..records import RecordBase, record_to_dict
from .machine import write_jsonl
from .safe import clean_text

LINES_SHOWN = 10
DETAILS_SHOWN = 3  # of a group's ids or earlier rows


def records_jsonl(records: Sequence[RecordBase]) -> str:
    """Imported records as a JSON Lines file: each line loadable as a record."""
    out = io.StringIO()
    write_jsonl((record_to_dict(r) for r in records), out)
    return out.getvalue()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def import_summary(report: ImportReport) -> Group:
    rows = _plural(report.rows_read, "row")
    files = f" ({clean_text(', '.join(report.files))})" if report.files else ""  # none readable
    headline = (f"imported {_plural(report.records_made, 'record')} from {rows}{files}"
                f"; {_plural(len(report.skipped), 'row')} skipped")
    if report.repeated_rows:
        headline += f" ({_plural(report.repeated_rows, 'repeated row')} skipped)"
    if report.widened_rows:
        headline += (f"; {_plural(report.widened_rows, 'row')} at a time the clocks skipped or "
                     "repeated (a daylight-saving change) kept with a span covering both "
                     "readings")
    if report.unread:
        headline += f"; {_plural(len(report.unread), 'file')} not read: " + clean_text(
            ", ".join(report.unread))
    parts = [Text(headline, style="bold")]
    for reason, rows_skipped in _by_reason(report.skipped).items():
        parts.append(Text(f"  {len(rows_skipped)} × {clean_text(reason)}: "
                          f"{_where(rows_skipped, len(report.files) > 1)}"))
        details = list(dict.fromkeys(r.detail for r in rows_skipped if r.detail))
        if details:
            more = (f" and {len(details) - DETAILS_SHOWN} more" if len(details) > DETAILS_SHOWN
                    else "")
            parts.append(Text(f"    {clean_text('; '.join(details[:DETAILS_SHOWN]))}{more}"))
    parts.extend(Text(f"note: {clean_text(note)}", style="dim") for note in report.notes)
    if report.problems:
        count = len(report.problems)
        written = (f"{report.records_made} other record"
                   f"{'s' if report.records_made != 1 else ''} written"
                   if report.records_made else "no record was left to write")
        unread = set(report.unread)
        on_rows = sum(1 for p in report.problems if p.file not in unread)
        if on_rows and unread:
            left_out = "the files they are in were not read, the rows they are on left out"
        elif unread:
            left_out = ("the file they are in was not read" if len(unread) == 1
                        else "the files they are in were not read")
        else:
            left_out = "the rows they are on were left out"
        parts.append(Text(f"error: {_plural(count, 'problem')} in the input; {left_out}, "
                          f"{written}", style="bold red"))
        parts.extend(Text(f"  {clean_text(str(p))}") for p in report.problems)
    return Group(*parts)


def _by_reason(skipped: list[SkippedRow]) -> dict[str, list[SkippedRow]]:
    grouped: dict[str, list[SkippedRow]] = defaultdict(list)
    for row in skipped:
        grouped[row.reason].append(row)
    return grouped


def _where(rows: list[SkippedRow], name_files: bool) -> str:
    shown = [f"{r.file}:{r.line}" if name_files else str(r.line) for r in rows[:LINES_SHOWN]]
    more = f" and {len(rows) - LINES_SHOWN} more" if len(rows) > LINES_SHOWN else ""
    label = "" if name_files else ("line " if len(rows) == 1 else "lines ")
    return clean_text(label + ", ".join(shown) + more)


@contextmanager
def import_progress(console: Console) -> Iterator[Progress | None]:
    """A Rich progress bar on ``console`` while importing, only when it is a terminal; the
    callback it yields takes (lines done, lines in the file)."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TextColumn("lines"),
             console=console, transient=True) as bar:
        task = bar.add_task("import", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
