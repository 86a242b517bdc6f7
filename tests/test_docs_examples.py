"""The examples in README.md and docs/*.md, run as they are written.

A fenced block marked ```console is a transcript: a line `$ timeline ARGS` is a command, the
lines after it (up to the next `$ ` line or the end of the block) are what it prints. Each
command runs as `python -m conflict_timeline ARGS` in the repository root, with standard input
closed and colours off, and its standard output followed by its standard error is compared
with the transcript:

- word by word: runs of spaces and line ends count as one, so wrapping at another width does
  not fail an example (a horizontal rule of `─` matches one of any length);
- a line holding only `...` or `…` stands for any number of lines, none included;
- a command ending in `; echo $?` is expected to exit with the status on the transcript's last
  line; any other command must exit 0;
- `$ cat PATH` compares the transcript with that file, so an example's input is shown as it is.

Blocks marked ```console-norun (pipes, files written, machine-dependent output) and ```sh are
never run. The convention is described in docs/design.md.
"""
from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
ELLIPSIS = {"...", "…"}
ECHO_STATUS = "; echo $?"
FENCE = re.compile(r"^```console[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
RULE = re.compile(r"^─+$")


@dataclass(frozen=True)
class Example:
    document: Path
    line: int
    command: str
    expected: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.document.relative_to(REPO)}:{self.line}"


def examples_in(document: Path) -> list[Example]:
    text = document.read_text(encoding="utf-8")
    found: list[Example] = []
    for block in FENCE.finditer(text):
        first_line = text.count("\n", 0, block.start(1)) + 1
        command: str | None = None
        command_line = 0
        expected: list[str] = []
        for offset, line in enumerate(block.group(1).splitlines()):
            if line.startswith("$ "):
                if command is not None:
                    found.append(Example(document, command_line, command, tuple(expected)))
                command, command_line, expected = line[2:].strip(), first_line + offset, []
            elif command is None:
                raise AssertionError(
                    f"{document.name}:{first_line + offset}: a console block must start with "
                    f"a '$ ' command line (or be marked console-norun)")
            else:
                expected.append(line)
        if command is not None:
            found.append(Example(document, command_line, command, tuple(expected)))
    return found


EXAMPLES = [example for document in DOCUMENTS for example in examples_in(document)]


def words(lines: list[str] | tuple[str, ...]) -> list[str]:
    return [word for line in lines for word in line.split()]


def same_word(expected: str, actual: str) -> bool:
    return expected == actual or bool(RULE.match(expected) and RULE.match(actual))


def segments(expected: tuple[str, ...]) -> tuple[list[list[str]], bool, bool]:
    """The transcript's words between `...` lines, and whether it opens or ends with one."""
    parts: list[list[str]] = [[]]
    for line in expected:
        if line.strip() in ELLIPSIS:
            parts.append([])
        else:
            parts[-1].extend(line.split())
    opens = bool(expected) and expected[0].strip() in ELLIPSIS
    ends = bool(expected) and expected[-1].strip() in ELLIPSIS
    return parts, opens, ends


def find(part: list[str], actual: list[str], start: int) -> int:
    """Index in ``actual`` at or after ``start`` where ``part`` begins, or -1."""
    for at in range(start, len(actual) - len(part) + 1):
        if all(same_word(e, a) for e, a in zip(part, actual[at:at + len(part)])):
            return at
    return -1


def matches(expected: tuple[str, ...], actual_text: str) -> bool:
    actual = words(actual_text.splitlines())
    parts, opens, ends = segments(expected)
    if len(parts) == 1:
        return len(parts[0]) == len(actual) and all(map(same_word, parts[0], actual))
    position = 0
    for index, part in enumerate(parts):
        first, last = index == 0, index == len(parts) - 1
        if first and not opens:
            if find(part, actual, 0) != 0:
                return False
            position = len(part)
        elif last and not ends:
            at = len(actual) - len(part)
            if at < position or find(part, actual, at) != at:
                return False
        else:
            at = find(part, actual, position)
            if at < 0:
                return False
            position = at + len(part)
    return True


def run_timeline(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"FORCE_COLOR", "CLICOLOR_FORCE", "PAGER"}}
    env.update(NO_COLOR="1", COLUMNS="80", PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "conflict_timeline", *arguments], cwd=REPO,
                          env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_the_documents_hold_examples_to_run():
    documents = {example.document.name for example in EXAMPLES}
    assert "README.md" in documents
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_example(example: Example):
    command, expected = example.command, example.expected
    wants_status = command.endswith(ECHO_STATUS)
    if wants_status:
        command = command[: -len(ECHO_STATUS)]
    argv = shlex.split(command)
    if argv[0] == "cat" and len(argv) == 2 and not wants_status:
        actual = (REPO / argv[1]).read_text(encoding="utf-8")
        status = 0
    elif argv[0] == "timeline":
        result = run_timeline(argv[1:])
        actual = result.stdout + result.stderr
        status = result.returncode
    else:
        pytest.fail(f"{example.name}: only `timeline …` and `cat FILE` run in a console block; "
                    f"mark it console-norun: {example.command}")
    if wants_status:
        assert expected and expected[-1].strip().isdigit(), (
            f"{example.name}: `; echo $?` needs the exit status as the transcript's last line")
        assert status == int(expected[-1]), f"{example.name}: exit status {status}\n{actual}"
        expected = expected[:-1]
    else:
        assert status == 0, f"{example.name}: exit status {status}\n{actual}"
    if not matches(expected, actual):
        diff = "\n".join(difflib.unified_diff(
            [line.rstrip() for line in expected], [line.rstrip() for line in actual.splitlines()],
            "documented", "printed", lineterm=""))
        pytest.fail(f"{example.name}: `{example.command}` printed otherwise:\n{diff}")


# The comparison itself, so that a lax matcher cannot pass every example unnoticed.

def test_matching_ignores_wrapping_but_not_words():
    printed = "2 findings on 1 strike:\n0 violations,   1 possible violation\n"
    assert matches(("2 findings on 1 strike: 0 violations, 1 possible violation",), printed)
    assert not matches(("2 findings on 1 strike: 1 violation, 1 possible violation",), printed)
    assert not matches(("2 findings on 1 strike:",), printed)


def test_an_ellipsis_stands_for_lines_only_where_it_is():
    printed = "first\nsecond\nthird\nlast\n"
    assert matches(("first", "...", "last"), printed)
    assert matches(("...", "third", "..."), printed)
    assert matches(("first", "…", "second", "third", "last"), printed)
    assert not matches(("second", "...", "last"), printed)
    assert not matches(("first", "...", "third"), printed)
    assert not matches(("first", "...", "fourth", "..."), printed)


def test_a_rule_matches_a_rule_of_another_length_only():
    assert matches(("Thursday 29 January 2026 ─────",), "Thursday 29 January 2026 ──────────\n")
    assert not matches(("Thursday 29 January 2026 ─────",), "Thursday 29 January 2026 -----\n")


# The rules table in the README and docs/rules.md are generated from `timeline rules`: keep
# them in step with the registry.

@pytest.fixture(scope="module")
def rules() -> list[dict]:
    result = run_timeline(["rules", "--format", "json"])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def flat(text: str) -> str:
    return " ".join(text.split())


def rules_table(rules: list[dict]) -> str:
    """The README's rules table, as `timeline rules --format json` gives it."""
    rows = [f"| {r['code']} | {r['name']} | {r['severity']} | {r['summary']} |" for r in rules]
    return "\n".join(["| code | name | severity | summary |", "|---|---|---|---|", *rows])


def rules_sections(rules: list[dict]) -> str:
    """docs/rules.md's sections, one a rule, as `timeline rules CODE` gives them."""
    sections, families = [], []
    for r in rules:
        if r["family"] not in families:
            families.append(r["family"])
            sections.append(f"## {r['code'][0]} — {r['family']}\n")
        sections.append(f"### {r['code']} {r['name']}\n\nSeverity: **{r['severity']}**. "
                        f"{r['summary']}\n\n{r['explanation']}\n")
    return "\n".join(sections)


def test_readme_rules_table_lists_every_rule_as_timeline_rules_does(rules):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = rules_table(rules)
    assert table in readme, f"README.md: replace the rules table with\n{table}"


def test_docs_rules_explains_every_rule_as_timeline_rules_code_does(rules):
    text = flat((REPO / "docs" / "rules.md").read_text(encoding="utf-8"))
    sections = rules_sections(rules)
    assert flat(sections) in text, f"docs/rules.md: replace the rules' sections with\n{sections}"
