"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern takes Python's ``re`` about a million instructions; the modules every
command imports hold eighteen, and compiled them all before a command did anything: about
a tenth of the start-up that is this program's own. Most commands use a few of them, or
none (a count written as a range, a TOML error, a number in a spreadsheet cell)."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``: the pattern is compiled on first use, and
    each of its methods is then kept on this object, so a use costs what it costs on the
    compiled pattern itself."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy and pickle asking for protocols it does not have
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        setattr(self, name, value)
        return value

    @cached_property
    def compiled(self) -> re.Pattern:
        return re.compile(*self._source)
