"""Text from records reaches a terminal as text: no escape sequences, no bidi tricks.

Rich markup is harmless as long as record text goes into ``rich.text.Text`` objects (never
markup strings); this module removes what would act on the terminal itself."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, BEL, backspace, CR, …) except tab and newline, DEL, and the
# bidirectional overrides/isolates that can make text read differently than it is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str | None, single_line: bool = True) -> str:
    """``text`` with terminal-acting characters shown as visible escapes (``\\x1b``)."""
    if not text:
        return ""
    cleaned = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xff
                          else f"\\x{ord(m.group()):02x}", text)
    if single_line:
        cleaned = cleaned.replace("\n", " ").replace("\t", " ")
    return cleaned
