"""Regular expressions compiled once per Python installation, not once per run.

Python compiles a regular expression with Python code (``re._parser``, ``re._compiler``),
some 300,000 to 800,000 instructions a pattern, and keeps the result only while the process
lives. A short command compiles about fifty: Typer's and its Click's, tomllib's, json's,
the records' own. What the compiler makes of a pattern is plain data: the engine's code (a
list of integers), its flags and its group names. So, for the ``timeline`` command, that
data is kept in the cache directory (``user_cache``) and handed straight to the engine in
later runs, which costs some 35,000 instructions a pattern: 34 million fewer for
``timeline show`` on the bundled data, a twentieth of it.

The engine then gets exactly what ``re`` would have given it: the kept code is used only
by the build of Python that made it (the file is keyed on its version and the engine's),
a pattern is looked up by its text and flags, and whatever the engine refuses is compiled
again by ``re``. Only the command turns this on (``__main__``); importing the package from
other code leaves ``re`` alone.
"""

from __future__ import annotations

import _sre
import marshal
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .user_cache import cache_directory, write_whole

CACHE_FORMAT = 1
_KEY = f"{CACHE_FORMAT} {sys.version} {_sre.MAGIC} {_sre.CODESIZE}"
_MOST_KEPT = 1000  # past that (patterns built from input, say), a file starts afresh
_DEBUG = int(re.DEBUG)

_compiler: Any = getattr(re, "_compiler", None)
_parser: Any = getattr(re, "_parser", None)

# what the engine is given: flags, code, groups, name → group, group → name
Compiled = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


@contextmanager
def patterns_kept() -> Iterator[None]:
    """Within it, patterns ``re`` compiles are taken from the cache, and those compiled
    anew are kept on leaving it (a command's ``SystemExit`` too)."""
    path = cache_path()
    if path is None:
        yield
        return
    known = read_patterns(path)
    new: dict[tuple[str | bytes, int], Compiled] = {}
    compile_as_re_does = _compiler.compile

    def compile_kept(pattern: Any, flags: int = 0) -> Any:
        if type(pattern) not in (str, bytes) or flags & _DEBUG:  # DEBUG prints as it goes
            return compile_as_re_does(pattern, flags)
        key = (pattern, int(flags))  # an int, not a RegexFlag, which marshal does not write
        kept = known.get(key)
        if kept is not None:
            try:
                return _sre.compile(pattern, *kept)
            except Exception:  # noqa: BLE001  an entry this engine refuses: compile anew
                pass
        kept = known[key] = new[key] = compiled_parts(pattern, key[1])
        return _sre.compile(pattern, *kept)

    _compiler.compile = compile_kept
    try:
        yield
    finally:
        _compiler.compile = compile_as_re_does
        if new:
            write_patterns(path, known if len(known) <= _MOST_KEPT else new)


def cache_path() -> Path | None:
    """The file of this Python's patterns; None when the cache is off, or when this
    Python's ``re`` is not the one this module knows (not CPython, or reorganised)."""
    if sys.implementation.name != "cpython" or not (
            hasattr(_compiler, "compile") and hasattr(_compiler, "_code")
            and hasattr(_parser, "parse")):
        return None
    directory = cache_directory()
    if directory is None:
        return None
    return directory / f"patterns-{sys.implementation.cache_tag}.marshal"


def compiled_parts(pattern: str | bytes, flags: int) -> Compiled:
    """What ``re._compiler.compile`` hands the engine for ``pattern`` (the same steps)."""
    parsed = _parser.parse(pattern, flags)
    state = parsed.state
    names: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        names[index] = name
    # the opcodes are a subclass of int, which marshal does not write
    code = [int(op) for op in _compiler._code(parsed, flags)]
    return flags | state.flags, code, state.groups - 1, dict(state.groupdict), tuple(names)


def read_patterns(path: Path) -> dict[tuple[str | bytes, int], Compiled]:
    """The kept patterns; none when the file is missing, unreadable or another Python's."""
    try:
        key, patterns = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return patterns if key == _KEY and type(patterns) is dict else {}


def write_patterns(path: Path, patterns: dict[tuple[str | bytes, int], Compiled]) -> None:
    try:
        data = marshal.dumps((_KEY, patterns))
    except ValueError:  # something marshal cannot write: keep nothing rather than fail
        return
    write_whole(path, data)
