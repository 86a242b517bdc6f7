import json
import re

import pytest

from conflict_timeline.cli.check import CheckFormat
from conflict_timeline.records import record_to_dict

from .conftest import EVENTS, record, write_json

STORY = [
    ("P004", "warning", ["pause-2026-01-cold-ua", "pause-2026-01-cold-us"]),
    ("P002", "warning", ["strike-2026-01-30-overnight", "pause-2026-01-cold-us"]),
    ("P003", "info", ["strike-2026-01-30-overnight", "pause-2026-01-cold-us", "pause-2026-01-cold-ua"]),
]


def test_the_story_gives_exactly_the_findings_it_implies(run):
    result = run("check", str(EVENTS), "--format", "json")
    assert result.exit_code == 0, result.stderr  # warnings and info only
    findings = json.loads(result.stdout)
    assert [(f["code"], f["severity"], f["records"]) for f in findings] == STORY
    readings, strike, dependence = findings
    assert readings["message"] == (
        "readings of cold-weather-pause-2026-01 disagree on targets: Volodymyr Zelensky says it "
        "covers energy only; Donald Trump says it covers any target")
    assert strike["message"] == (
        "strike possibly inside the pause as described by Donald Trump (pause-2026-01-cold-us): "
        "it may have begun before the pause was announced")
    assert dependence["message"] == (
        "the verdict depends on whose reading of cold-weather-pause-2026-01 is taken: possibly "
        "violates Donald Trump's; outside the scope of Volodymyr Zelensky's")
    assert strike["locations"][1]["location"] == "record 2 (line 28)"
    assert strike["details"]["verdict"] == "possible_violation"
    assert result.stderr.strip() == ("3 findings in 10 records (18 rules checked): 0 errors, "
                                     "2 warnings, 1 info")


def test_text_groups_by_record_and_by_rule(run):
    by_record = " ".join(run("check").stdout.split())
    assert by_record.index("pause-2026-01-cold-ua pause") < by_record.index("⚠ warning P004 readings-disagree")
    assert by_record.index("strike-2026-01-30-overnight strike Overnight attack") < by_record.index(
        "⚠ warning P002 possible-pause-violation") < by_record.index("ℹ info P003")
    assert "events/pause-2026-01.toml: record 4 (line 67)" in by_record
    by_rule = " ".join(run("check", "--group-by", "rule").stdout.split())
    assert by_rule.index("P002 possible-pause-violation ⚠ warning 1") < by_rule.index(
        "P003 verdict-depends-on-reading ℹ info 1") < by_rule.index("P004 readings-disagree")


def test_statistics(run):
    result = run("check", "--statistics", "-f", "json")
    assert json.loads(result.stdout) == [
        {"code": "P002", "rule": "possible-pause-violation", "severity": "warning", "count": 1},
        {"code": "P003", "rule": "verdict-depends-on-reading", "severity": "info", "count": 1},
        {"code": "P004", "rule": "readings-disagree", "severity": "warning", "count": 1}]
    text = run("check", "--statistics").stdout
    assert [line.split()[:3] for line in text.splitlines()] == [
        ["count", "code", "rule"], ["1", "P002", "possible-pause-violation"],
        ["1", "P003", "verdict-depends-on-reading"], ["1", "P004", "readings-disagree"]]


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_format_works(run, fmt):
    result = run("check", "--format", fmt.value)
    assert result.exit_code == 0 and "P002" in result.stdout and "P004" in result.stdout
    stats = run("check", "--format", fmt.value, "--statistics")
    assert stats.exit_code == 0 and "P003" in stats.stdout


def test_jsonl_is_one_finding_per_line(run):
    lines = run("check", "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["P004", "P002", "P003"]


def test_select_and_ignore_on_the_command_line(run):
    out = run("check", "-f", "jsonl", "--select", "P00", "--ignore", "P003,P004").stdout
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["P002"]
    result = run("check", "--select", "Q")
    assert result.exit_code == 2 and "no rule matches 'Q'" in result.stderr


def test_exit_status(run, tmp_path):
    records = [record("strike", id="s", by="Russia", when="2026-01-30T03:00", targets=["energy"]),
               record("pause", id="p", when="2026-01-29/P7D", declared_on="2026-01-29")]
    path = write_json(tmp_path / "v.json", [record_to_dict(r) for r in records])
    assert run("check", str(path)).exit_code == 1            # P001 is an error
    assert run("check", str(path), "--exit-zero").exit_code == 0
    assert run("check", str(path), "--ignore", "P001").exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_text("[")
    result = run("check", str(bad), "--exit-zero")
    assert result.exit_code == 2 and "invalid JSON" in result.stderr and result.stdout == ""


def test_github_annotations_locate_and_escape(run, tmp_path):
    lines = run("check", "-f", "github", "--concise").stdout.splitlines()
    assert lines[0].startswith("::warning file=events/pause-2026-01.toml,line=67,"
                               "title=P004 readings-disagree::readings of")
    # a JSON record is located by the line it starts on
    assert lines[2].startswith("::notice file=events/attack-2026-01-30.json,line=4,title=P003 ")
    hostile = record("statement", id="st", speaker="X\n::error::forged, 100%", refers_to=["p"],
                     stance="disputes")
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(record_to_dict(r)) for r in
                              [hostile, record("pause", id="p", claimed_by="Y")]) + "\n")
    [line] = run("check", str(path), "-f", "github", "--select", "R002").stdout.splitlines()
    assert line.startswith(f"::warning file={path},line=1,title=R002 disputed-reading-missing::")
    assert "X%0A::error::forged, 100%25 disputes" in line and "\n" not in line


def test_markdown_escapes_record_text(run, tmp_path):
    hostile = record("statement", id="st", speaker="<b>X</b> | [link](http://x)",
                     refers_to=["p"], stance="disputes")
    path = write_json(tmp_path / "a.json", [record_to_dict(r) for r in
                                            [hostile, record("pause", id="p", claimed_by="Y")]])
    out = run("check", str(path), "-f", "markdown").stdout
    assert "\\<b\\>X\\</b\\> \\| \\[link\\](http://x) disputes" in out
    assert "| ⚠ warning | R002 disputed-reading-missing | st, p |" in out
    assert "### Details" in out


def test_terminal_text_is_cleaned(run, tmp_path):
    hostile = record("statement", id="st", speaker="X\x1b[31m", refers_to=["nope"])
    path = write_json(tmp_path / "a.json", [record_to_dict(hostile)])
    result = run("check", str(path))
    assert result.exit_code == 1 and "\x1b[31m" not in result.stdout and "X\\x1b[31m" in result.stdout


def test_rules_lists_and_explains(run):
    listing = run("rules")
    assert listing.exit_code == 0
    lines = [line.split()[:4] for line in listing.stdout.splitlines()]
    assert lines[0] == ["code", "name", "severity", "summary"]
    assert ["P002", "possible-pause-violation", "⚠", "warning"] in lines
    assert ["P", "pause", "family"] in lines and ["D", "duplicate", "family"] in lines
    assert sum(1 for line in lines if line and re.fullmatch(r"[PTDNR]\d{3}", line[0])) == 18
    one = run("rules", "p002")
    assert one.exit_code == 0
    text = " ".join(one.stdout.split())
    assert text.startswith("P002 possible-pause-violation (pause family) ⚠ warning")
    assert "it may have begun before the pause was announced" in text
    assert run("rules", "readings-disagree").stdout.startswith("P004 readings-disagree")
    as_json = json.loads(run("rules", "D001", "-f", "json").stdout)
    assert as_json["code"] == "D001" and "never merges records silently" in " ".join(as_json["explanation"].split())
    assert len(json.loads(run("rules", "-f", "json").stdout)) == 18
    missing = run("rules", "Z999")
    assert missing.exit_code == 2 and "no rule 'Z999'" in missing.stderr


def test_check_reads_standard_input(run):
    strike = record("strike", id="s", when="2026-01-01/2026-01-31")
    result = run("check", "-", "-f", "jsonl", input=json.dumps(record_to_dict(strike)) + "\n")
    [finding] = [json.loads(line) for line in result.stdout.splitlines()]
    assert finding["code"] == "T003" and finding["locations"][0]["file"] == "<stdin>"
