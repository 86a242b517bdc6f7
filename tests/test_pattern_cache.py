"""Compiled regular expressions kept between runs (pattern_cache.py): the engine gets what
``re`` would have given it, the cache is only ever a shortcut, and only the command uses it."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest

from conflict_timeline import pattern_cache
from conflict_timeline.pattern_cache import (
    cache_path, compiled_parts, patterns_kept, read_patterns, write_patterns)

# every kind of thing the compiler handles: literals, sets and ranges (str and bytes),
# named and numbered groups, back references, lookarounds, repeats, flags inline and given
PATTERNS = [
    (r"\d{4}-\d{2}-\d{2}", 0),
    (r"(?P<year>\d{4})(?:-(?P<month>\d{2}))?(?P=year)?", 0),
    (r"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.MULTILINE),
    (r"(?i)zaporizh+ia|kyiv", 0),
    (r"(?<![\w.])-?0\.0000|\de-\d\b", 0),
    (rb"(?<![\w.])-?0\.0000|\de-\d\b", 0),
    (r"P(?!$)(?:(?P<years>\d+)Y)?(?:T(?!$)(?:(?P<hours>\d+)H)?)?", 0),
    (r"""
        \A\s*(?P<sign>[-+]?)   # a sign
        (?P<num>\d*)           # digits
    """, re.VERBOSE),
    (r"[^\x00-\x7f]+|[а-яё]+", re.IGNORECASE | re.UNICODE),
    (r"(a|b)*?c{2,5}+(?>x|y)", 0),
    (r"(?s:.*)\Z", 0),
    (r"(.)\1", re.ASCII),
    ("", 0),
]
SAMPLES = ["2026-01-30", "20262026", "  [[events]]", "KYIV", "x 0.0000 1e-5", "P1YT6H",
           " -12", "Запоріжжя", "abaccc", "aa", "", "ZAPORIZHHIA"]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    re.purge()  # re's own in-process cache would answer before the compiler is asked
    yield tmp_path
    re.purge()


@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_the_engine_gets_what_re_would_give_it(pattern, flags):
    ours = pattern_cache._sre.compile(pattern, *compiled_parts(pattern, flags))
    theirs = re._compiler.compile(pattern, flags)
    # Pattern equality compares the flags, the text and the engine's code itself
    assert ours == theirs
    assert (ours.groups, ours.groupindex, ours.flags) == (theirs.groups, theirs.groupindex,
                                                          theirs.flags)
    for sample in SAMPLES:
        text = sample.encode() if isinstance(pattern, bytes) else sample
        assert [(m.span(), m.groups(), m.lastgroup) for m in ours.finditer(text)] == \
               [(m.span(), m.groups(), m.lastgroup) for m in theirs.finditer(text)]


def test_what_the_command_compiles_is_kept_and_used_again(cache_dir, monkeypatch):
    with patterns_kept():
        first = re.compile(r"kept-(?P<n>\d+)")
    kept = read_patterns(cache_path())
    assert (r"kept-(?P<n>\d+)", 0) in kept

    re.purge()

    def must_not_compile(pattern, flags):
        raise AssertionError(f"compiled {pattern!r} again")

    monkeypatch.setattr(pattern_cache, "compiled_parts", must_not_compile)
    with patterns_kept():
        again = re.compile(r"kept-(?P<n>\d+)")
    assert again == first and again.match("kept-42")["n"] == "42"


def test_leaving_gives_re_its_own_compiler_back(cache_dir):
    own = re._compiler.compile
    with pytest.raises(SystemExit):
        with patterns_kept():
            assert re._compiler.compile is not own
            re.compile("exit-(\\d)")
            raise SystemExit(0)  # how a command ends: the new pattern is kept all the same
    assert re._compiler.compile is own
    assert ("exit-(\\d)", 0) in read_patterns(cache_path())


def test_with_the_cache_off_nothing_is_kept_and_re_is_left_alone(cache_dir, monkeypatch):
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    own = re._compiler.compile
    with patterns_kept():
        assert re._compiler.compile is own
        re.compile("off-(\\d)")
    assert list(cache_dir.iterdir()) == []


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps(42),
                                     marshal.dumps(("another Python's key", {}))])
def test_a_file_that_is_not_this_pythons_is_ignored_and_replaced(cache_dir, content):
    path = cache_path()
    path.write_bytes(content)
    assert read_patterns(path) == {}
    with patterns_kept():
        assert re.compile("fresh-(\\d)").match("fresh-7")[1] == "7"
    assert list(read_patterns(path)) == [("fresh-(\\d)", 0)]


def test_an_entry_the_engine_refuses_is_compiled_anew(cache_dir):
    path = cache_path()
    good = compiled_parts("anew-(\\d)", 0)
    broken = (good[0], [999_999, 1, 2], *good[2:])  # no opcode: the engine's check refuses it
    write_patterns(path, {("anew-(\\d)", 0): broken})
    with patterns_kept():
        compiled = re.compile("anew-(\\d)")
    assert compiled.match("anew-5")[1] == "5"
    assert read_patterns(path)[("anew-(\\d)", 0)] == good


def test_debug_patterns_and_parsed_patterns_go_to_re_itself(cache_dir, capsys):
    with patterns_kept():
        re.compile("dbg", re.DEBUG)  # prints the engine's code as it compiles
    assert "LITERAL" in capsys.readouterr().out
    assert not cache_path().exists() or ("dbg", int(re.DEBUG)) not in read_patterns(cache_path())


def test_the_command_keeps_its_patterns_and_answers_the_same(tmp_path):
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-m", "conflict_timeline", "show", "-f", "jsonl"],
                           capture_output=True, env=env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count(b"\n") == 10
    kept = read_patterns(tmp_path / f"patterns-{sys.implementation.cache_tag}.marshal")
    assert len(kept) > 20  # Typer's, tomllib's, json's and the records' own


def test_a_pattern_re_refuses_is_refused_as_re_refuses_it_and_not_kept(cache_dir):
    with patterns_kept():
        with pytest.raises(re.error, match="missing \\)"):
            re.compile("refused-(\\d")
        re.compile("accepted-(\\d)")
    kept = read_patterns(cache_path())
    assert ("accepted-(\\d)", 0) in kept and ("refused-(\\d", 0) not in kept


def test_flags_given_as_regexflag_are_kept_as_numbers(cache_dir):
    with patterns_kept():
        # what re.compile normalises, a caller of the compiler itself may not
        compiled = re._compiler.compile("flagged-(x)", re.IGNORECASE | re.MULTILINE)
    assert compiled.match("FLAGGED-X")[1] == "X"
    kept = read_patterns(cache_path())
    assert ("flagged-(x)", int(re.IGNORECASE | re.MULTILINE)) in kept
    assert all(type(flags) is int for _, flags in kept)
