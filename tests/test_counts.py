import io

import pytest

from conflict_timeline.errors import InputError
from conflict_timeline.loading import load_records
from conflict_timeline.records import CountRange, count_bounds, counts_agree, record_to_dict

from .conftest import record, write_json


def launched(value):
    return record("strike", weapons=[{"type": "drone", "launched": value}]).weapons[0].launched


@pytest.mark.parametrize("written, bounds", [
    (111, (111, 111)),
    ("111", (111, 111)),
    (111.0, (111, 111)),       # counts written as floats by spreadsheets
    ("100+", (100, None)),
    ("100 +", (100, None)),
    ("at least 3", (3, None)),
    ("Over 100", (101, None)),   # more than 100: 100 itself is not "over 100"
    ("more than 100", (101, None)),
    ("up to 40", (0, 40)),
    ("90-120", (90, 120)),
    ("90–120", (90, 120)),
    ("90 to 120", (90, 120)),
    ({"min": 100}, (100, None)),
    ({"min": 90, "max": 120}, (90, 120)),
    ({"max": 5}, (0, 5)),
    ({"min": 90.0, "max": 120.0}, (90, 120)),  # as 111.0 is 111 (and JSON Schema's integer)
    ("AT\u00a0LEAST\t3", (3, None)),
])
def test_count_forms(written, bounds):
    assert count_bounds(launched(written)) == bounds


def test_plain_integers_stay_integers():
    assert launched(111) == 111 and type(launched(111)) is int


@pytest.mark.parametrize("written, message", [
    ("three", "not a count: write a whole number (111), a lower bound"),
    ("about 40", "'about' names no range and the tool will not guess one: write the range "
                 "you mean, e.g. '35-45'"),
    ("~40", "'about' names no range"),
    (-1, "a count cannot be negative"),
    (True, "not a count"),
    (1.5, "not a count"),
    ("120-90", "the range's maximum 90 is below its minimum 120"),
    ({"min": 5, "max": 2}, "the range's maximum 2 is below its minimum 5"),
    ({"least": 3}, "a count object has 'min' and/or 'max'"),
    ({"min": "3"}, "'min' must be a whole number"),
    ({"min": None, "max": None}, "a count object has 'min' and/or 'max'"),
    # Python's int() reads these, Python's wording leaked ("Value error, invalid literal for
    # int()", "Exceeds the limit (4300 digits)"); ASCII digits only, up to twelve of them
    ("²", "not a count: write a whole number"),
    ("9" * 5000, "not a count: write a whole number"),
    ("１２", "not a count: write a whole number"),
])
def test_bad_counts_are_located_problems(tmp_path, written, message):
    path = write_json(tmp_path / "a.json", [
        {"id": "s", "kind": "strike", "when": "2026-01-30", "title": "t",
         "casualties": {"killed": written}}], tz="UTC")
    with pytest.raises(InputError) as caught:
        load_records([path])
    [problem] = caught.value.problems
    assert problem.field == "casualties.killed" and message in problem.message


def test_agreement_between_counts():
    over_100 = launched("over 100")
    assert counts_agree(over_100, 111) and not counts_agree(over_100, 80)
    assert not counts_agree(over_100, 100)
    assert counts_agree(launched("90-120"), launched("100+"))
    assert not counts_agree(launched("up to 40"), launched("at least 41"))
    assert counts_agree(111, 111) and not counts_agree(111, 110)


def test_ranges_dump_as_written_and_compare_by_value():
    written = ["100+", {"min": 90, "max": 120}, "over 100", 111]
    strike = record("strike", weapons=[{"type": "drone", "launched": w} for w in written])
    assert [w["launched"] for w in record_to_dict(strike)["weapons"]] == written
    assert launched("at least 100") == CountRange(100, None)  # the same count, however written


def test_round_trip_through_show_jsonl(run, tmp_path):
    strike = {"id": "s", "kind": "strike", "tz": "Europe/Kyiv", "when": "2026-01-30", "title": "t",
              "weapons": [{"type": "drone", "launched": "100+", "intercepted": 80},
                          {"type": "cruise_missile", "launched": {"min": 3, "max": 5}}],
              "casualties": {"killed": 2, "wounded": "at least 10"}}
    path = write_json(tmp_path / "a.json", [strike])
    [first] = load_records([path])
    out = run("show", str(path), "--format", "jsonl").stdout
    [again] = load_records(["-"], stdin=io.BytesIO(out.encode()))
    assert record_to_dict(again) == record_to_dict(first) == {**strike, "tz": "Europe/Kyiv"}
    assert (again.weapons, again.casualties) == (first.weapons, first.casualties)
    assert again.weapons[0].launched == CountRange(100, None)


def test_exports_and_plot_data_take_ranges(run, tmp_path):
    from conflict_timeline.rendering.exports.flat import flat_fields
    from conflict_timeline.rendering.plot_data import plot_data

    strike = record("strike", weapons=[{"type": "drone", "launched": "over 100", "intercepted": 80},
                                       {"type": "drone", "launched": 11}],
                    casualties={"killed": {"min": 2, "max": 4}, "wounded": 3})
    row = flat_fields(strike)
    assert row["weapons"] == "drone: over 100 launched, 80 intercepted | drone: 11 launched"
    assert (row["launched"], row["intercepted"], row["killed"], row["wounded"]) == (
        "112+", 80, "2–4", 3)
    [day] = [d for d in plot_data([strike]).days if d.launched]
    assert (day.launched, day.intercepted) == (112, 80)  # what is certain: the lower bounds
    path = write_json(tmp_path / "a.json", [record_to_dict(strike)])
    for fmt in ("csv", "timelinejs", "timesketch", "markdown"):
        result = run("export", str(path), "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert fmt == "markdown" or "over 100 launched" in result.stdout
