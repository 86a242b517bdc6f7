"""Text from records reaches a terminal as text, and a spreadsheet as data.

Rich markup is harmless as long as record text goes into ``rich.text.Text`` objects (never
markup strings); :func:`clean_text` removes what would act on the terminal itself.
:func:`spreadsheet_safe` keeps a CSV cell from being read as a formula."""

from __future__ import annotations

import re


# C0 and C1 controls (ESC, BEL, backspace, CR, …) except tab and newline, DEL; the
# bidirectional marks, embeddings, overrides and isolates that can make text read
# differently than it is stored; line and paragraph separators; the byte-order mark and
# interlinear annotations (invisible); and lone surrogates, which cannot even be encoded.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def visible_escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean_text(text: str | None, single_line: bool = True) -> str:
    """``text`` with terminal-acting characters shown as visible escapes (``\\x1b``)."""
    if not text:
        return ""
    cleaned = UNSAFE_CHARACTERS.sub(lambda m: visible_escape(m.group()), text)
    if single_line:
        cleaned = cleaned.replace("\n", " ").replace("\t", " ")
    return cleaned


# OWASP, "CSV Injection": a cell that begins with one of these can start a formula
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# a plain number is data, not a formula, even with a minus sign (a longitude west of Greenwich)
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


def spreadsheet_safe(cell: str | int | float | None) -> str:
    """A CSV cell's text, which a spreadsheet will show as text and never run as a formula.

    Text beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    single quote, as OWASP's CSV-injection guidance says — also after leading spaces or line
    breaks, which some spreadsheets skip. Plain numbers (``-33.45``, ``-1e-05``) stay
    numbers; None is an empty cell. The CSV writer's quoting does the rest: a separator or
    quote inside a cell cannot start a new one."""
    if cell is None:
        return ""
    text = str(cell)
    if text.lstrip(" \n").startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
