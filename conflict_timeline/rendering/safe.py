"""Text from records reaches a terminal as text, and a spreadsheet as data.

Rich markup is harmless as long as record text goes into ``rich.text.Text`` objects (never
markup strings); :func:`clean_text` removes what would act on the terminal itself.
:func:`spreadsheet_safe` keeps a CSV cell from being read as a formula."""

from __future__ import annotations

import re
import unicodedata

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
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _skipped(character: str) -> bool:
    """What a spreadsheet may pass over before it looks for a formula: any space (the
    no-break and ideographic spaces too), line breaks, and invisible format characters
    (zero-width space, word joiner, byte-order mark)."""
    return character.isspace() and character not in "\t\r" \
        or unicodedata.category(character) == "Cf"


def _starts_a_formula(text: str) -> bool:
    for character in text:
        if _skipped(character):
            continue
        # a full-width or small form (＝ ＋ － ＠, ﹦ …) is read as the ASCII one by
        # spreadsheets that fold compatibility forms: NFKC says which it stands for
        return unicodedata.normalize("NFKC", character).startswith(FORMULA_TRIGGERS)
    return False


def spreadsheet_safe(cell: str | int | float | None) -> str:
    """A CSV cell's text, which a spreadsheet will show as text and never run as a formula.

    Text beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return — or their
    full-width forms (``＝``, ``＋``, ``－``, ``＠``) — gets a leading single quote, as OWASP's
    CSV-injection guidance says, also after leading spaces of any kind (a no-break space, an
    ideographic space), line breaks or invisible format characters, which some spreadsheets
    skip. The same goes for the text after each ``;`` in the cell: Excel in a semicolon
    locale (uk-UA, de-DE) splits a line there, quotes or not, and the piece after it is a
    cell of its own. Plain numbers (``-33.45``, ``-1e-05``) stay numbers; None is an empty
    cell."""
    if cell is None:
        return ""
    text = str(cell)
    if _PLAIN_NUMBER.fullmatch(text):
        return text
    pieces = text.split(";")
    return ";".join("'" + piece if _starts_a_formula(piece) else piece for piece in pieces)
