import json

from .conftest import record, write_json
from conflict_timeline.records import record_to_dict


def test_story_report_says_how_sure_the_headline_is(run):
    result = run("check-pause")
    assert result.exit_code == 0, result.stderr  # a possible violation is not a violation
    out = " ".join(result.stdout.split())
    assert "⚠ POSSIBLE VIOLATION the pause as described by Donald Trump" in out
    assert "✓ OUTSIDE SCOPE the pause as described by Volodymyr Zelensky" in out
    assert ("→ The verdict depends on the reading: 'Overnight attack: 111 strike drones and an "
            "Iskander-M ballistic missile; residential building hit in Zaporizhzhia region' "
            "possibly violates the pause as described by Donald Trump; is consistent with the "
            "reading of Volodymyr Zelensky (outside its scope).") in out
    assert "may have begun before that announcement" in out
    assert "Ukrainian Air Force (kpszsu)" in out  # sources cited
    # the summary is a note for the person, on stderr; the report is the data
    assert ("2 findings on 1 strike: 0 violations, 1 possible violation, 1 outside scope"
            in result.stderr)


def test_story_json_findings(run):
    result = run("check-pause", "--format", "json")
    findings = json.loads(result.stdout)
    assert [(f["pause"], f["verdict"], f["relation"]) for f in findings] == [
        ("pause-2026-01-cold-us", "possible_violation", "inside"),
        ("pause-2026-01-cold-ua", "outside_scope", "inside"),
    ]
    us = findings[0]
    assert us["strike"] == "strike-2026-01-30-overnight"
    assert us["arrangement"] == "cold-weather-pause-2026-01"
    assert us["may_predate_announcement"] is True
    assert us["scope"]["targets"]["coverage"] == "covered"
    assert us["strike_span"]["start"] == "2026-01-29T18:00:00+02:00"
    assert us["pause_window"]["start"] == "2026-01-29T00:00:00-05:00"
    assert us["sources"]["strike"][0]["url"].startswith("https://www.facebook.com/kpszsu/")
    assert findings[1]["depends_on_reading"] == us["depends_on_reading"]


def test_exit_status_follows_violations_strict_and_exit_zero(run, tmp_path):
    violation = [record_to_dict(record("strike", id="s", by="Russia",
                                       when="2026-01-30T03:00", targets=["energy"])),
                 record_to_dict(record("pause", id="p", when="2026-01-29/P7D"))]
    path = write_json(tmp_path / "v.json", violation)
    assert run("check-pause", str(path)).exit_code == 1
    assert run("check-pause", str(path), "--exit-zero").exit_code == 0
    assert run("check-pause", "--strict").exit_code == 1          # the story's possible violation
    contradiction = run("check-pause", "--strict", "--exit-zero")
    assert contradiction.exit_code == 2
    assert "--strict and --exit-zero contradict each other" in contradiction.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("[")
    result = run("check-pause", str(bad), "--exit-zero")
    assert result.exit_code == 2 and "invalid JSON" in result.stderr


def test_no_pauses_means_no_findings(run, tmp_path):
    path = write_json(tmp_path / "s.json", [record_to_dict(record("strike"))])
    result = run("check-pause", str(path), "-f", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    text = run("check-pause", str(path))
    assert text.exit_code == 0
    assert text.stderr.splitlines() == [
        "no pause readings were loaded: there is nothing to weigh the 1 strike against (a "
        "pause is a record of kind 'pause')",
        "0 findings on 0 strikes: 0 violations, 0 possible violations, 0 outside scopes"]


def test_urls_are_never_cut_and_tz_applies_to_ranges(run):
    out = run("check-pause", "--tz", "UTC").stdout
    folded = "".join(line.strip() for line in out.splitlines())
    assert ("https://www.facebook.com/kpszsu/posts/"
            "pfbid0wiUs5RZutpLCuhpxLGVhaiN99Fz822Migp1F9ixtTjoGUziqtdQBhY9iHYAwmXgGl") in folded
    assert "[2026-01-29T16:00+00:00, 2026-01-30T06:00+00:00)" in " ".join(out.split())


def test_help_paragraphs_follow_the_terminal_width_not_the_source_lines(run):
    result = run("check-pause", "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    # in the docstring "Scope and" ends a source line; help must not break there
    assert "Scope and party come first" in result.stdout
    assert "Exit status: 0 no violation, 1 at least one violation (with --strict, or a possible_violation)" in result.stdout
