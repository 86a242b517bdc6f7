from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.source_before_event import RULE

from . import pause, record, run, statement, strike


def source(published):
    return [{"name": "Wire", "published": published}]


def test_source_published_before_the_strike():
    [finding] = run(RULE, strike(sources=source("2026-01-29")))
    assert (finding.code, finding.severity, finding.records) == ("T002", Severity.ERROR, ("s",))
    assert finding.message == "source 1 (Wire) was published before the strike it reports"


def test_same_day_and_later_are_fine():
    # the bundled story: a strike from 18:00 on the 29th, sources dated the 30th
    assert run(RULE, strike(when="2026-01-29T18:00/2026-01-30T08:00", sources=source("2026-01-30"))) == []
    # published the same day the strike began, before its hour: the date cannot say
    assert run(RULE, strike(when="2026-01-30T18:00", sources=source("2026-01-30"))) == []
    # a publication time with an offset, one minute after the strike began
    assert run(RULE, strike(when="2026-01-30T03:00", sources=source("2026-01-30T01:01Z"))) == []


def test_the_same_day_in_two_zones():
    # one instant, 03:00 Kyiv on the 30th (01:00 UTC); a source dated the 29th, read in the
    # record's zone: the 29th in Washington runs to 05:00 UTC on the 30th, so it may report it
    when = "2026-01-30T03:00+02:00"
    assert run(RULE, strike(tz="America/New_York", when=when, sources=source("2026-01-29"))) == []
    # the 29th in Kyiv ended at 22:00 UTC on the 29th, before the strike
    assert len(run(RULE, strike(tz="Europe/Kyiv", when=when, sources=source("2026-01-29")))) == 1


def test_which_records_are_checked():
    assert len(run(RULE, statement(sources=source("2026-01-29")))) == 1
    assert len(run(RULE, pause(declared_on="2026-01-29", sources=source("2026-01-28")))) == 1
    # news of a pause may precede its window; without declared_on nothing is known
    assert run(RULE, pause(when="2026-02-10/P7D", sources=source("2026-01-28"))) == []
    assert run(RULE, record("negotiation", when="2026-02", sources=source("2026-01-28"))) == []
    assert run(RULE, strike(sources=source("last Tuesday"))) == []  # not a date: skipped
