from conflict_timeline.records import parse_span, zone_from_name
from conflict_timeline.timeline import RecordFilter, filter_records, order_records

from .conftest import record

UTC = zone_from_name("UTC")


def test_order_by_start_then_end_then_id_across_precisions_and_zones():
    records = [
        record(id="month", when="2026-01"),                                   # 1 Jan 00:00 Kyiv
        record(id="minute-utc", when="2026-01-29T22:30Z"),                    # 30 Jan 00:30 Kyiv
        record(id="day", when="2026-01-30"),                                  # 30 Jan 00:00 Kyiv
        record(id="b-same-day", when="2026-01-30"),
        record(id="night", when="2026-01-29T18:00/2026-01-30T08:00"),
        record(id="new-york-day", when="2026-01-29", tz="America/New_York"),  # 29 Jan 07:00 Kyiv
        record(id="minute-early", when="2026-01-30T00:00"),                   # ends before "day"
    ]
    assert [r.id for r in order_records(records)] == [
        "month", "new-york-day", "night", "minute-early", "b-same-day", "day", "minute-utc"]


def test_filters_combine_and_match_as_documented():
    records = [
        record("strike", id="s1", by="Russia", when="2026-01-29T23:00",
               location={"region": "Zaporizhzhia Oblast"}, tags=["drones"]),
        record("strike", id="s2", by="Ukraine", when="2026-01-31"),
        record("statement", id="t1", speaker="Volodymyr Zelensky", when="2026-01-30"),
        record("pause", id="p1", claimed_by="Donald Trump", binds=["Russia"],
               when="2026-01-29/P7D"),
    ]

    def ids(**kw):
        return [r.id for r in filter_records(records, RecordFilter(**kw))]

    assert RecordFilter().keeps_all and ids() == ["s1", "s2", "t1", "p1"]
    assert not RecordFilter(tags=("drones",)).keeps_all
    assert ids(kinds=frozenset({"strike"})) == ["s1", "s2"]
    assert ids(actors=("zelensky",)) == ["t1"]
    assert ids(actors=("russia",)) == ["s1", "p1"]   # binds names a party too
    assert ids(regions=("zaporizhzhia",)) == ["s1"]
    assert ids(tags=("DRONES",)) == ["s1"]
    kyiv = zone_from_name("Europe/Kyiv")
    # --until a day includes that whole day; --since keeps spans that reach the bound
    assert ids(until=parse_span("2026-01-29", kyiv)) == ["s1", "p1"]
    assert ids(since=parse_span("2026-01-31", kyiv)) == ["s2", "p1"]
    assert ids(since=parse_span("2026-01-30", kyiv), until=parse_span("2026-01-30", kyiv),
               kinds=frozenset({"statement", "strike"})) == ["t1"]
    # a bound in UTC: the 23:00 Kyiv strike is the minute [21:00, 21:01) UTC, half-open
    assert ids(since=parse_span("2026-01-29T21:00", UTC), kinds=frozenset({"strike"})) == ["s1", "s2"]
