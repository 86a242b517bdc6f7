"""One test module per rule: a minimal record set that triggers it, and near misses that
must not."""

from conflict_timeline.timeline import Timeline

from ..conftest import record


def run(rule, *records):
    return list(rule.check(Timeline(records)))


def strike(**fields):
    base = dict(id="s", by="Russia", when="2026-01-30T03:00/2026-01-30T04:00",
                targets=["energy"], location={"region": "Kyiv"})
    return record("strike", **{**base, **fields})


def pause(**fields):
    base = dict(id="p", claimed_by="A", binds=["Russia"], when="2026-01-29/P7D")
    return record("pause", **{**base, **fields})


def statement(**fields):
    base = dict(id="st", speaker="Someone", when="2026-01-30")
    return record("statement", **{**base, **fields})
