from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.refers_to_later_record import RULE

from . import pause, run, statement, strike


def test_statement_about_a_later_strike():
    [finding] = run(RULE, statement(when="2026-01-28", refers_to=["s"]), strike())
    assert (finding.code, finding.severity, finding.records) == ("T001", Severity.ERROR, ("st", "s"))
    assert finding.message == ("statement by Someone refers to s, which begins only after the "
                               "statement was made")


def test_the_same_day_in_two_zones_overlaps():
    # 29 Jan in Kyiv ends at 22:00 UTC; 29 Jan in Washington began at 05:00 UTC: they overlap
    assert run(RULE, statement(when="2026-01-29", refers_to=["p"]),
               pause(tz="America/New_York", when="2026-01-29/P7D", declared_on="2026-01-29")) == []
    # a pause declared the day after the statement is an anachronism, zones or not
    assert len(run(RULE, statement(when="2026-01-29", refers_to=["p"]),
                   pause(declared_on="2026-01-30"))) == 1


def test_pause_windows_may_open_after_the_statement():
    later = dict(when="2026-02-10/P7D")
    # announced ahead: declared_on decides, not the window
    assert run(RULE, statement(refers_to=["p"]), pause(declared_on="2026-01-30", **later)) == []
    # the announcing statement itself, without declared_on
    assert run(RULE, statement(refers_to=["p"], stance="announces"), pause(**later)) == []
    # but merely mentioning a pause whose window opens later, with no announcement recorded
    [finding] = run(RULE, statement(refers_to=["p"], stance="mentions"), pause(**later))
    assert "opens its window only after" in finding.message


def test_adjacent_spans_and_missing_references_are_not_this_rule():
    # the statement's day ends exactly when the strike's day begins: certainly before
    assert len(run(RULE, statement(when="2026-01-29", refers_to=["s"]), strike(when="2026-01-30"))) == 1
    # overlapping: the strike may have begun first
    assert run(RULE, statement(when="2026-01-30", refers_to=["s"]), strike(when="2026-01-30T23:00")) == []
    assert run(RULE, statement(refers_to=["nothing"])) == []  # R001's
