"""Hypothesis strategies: valid records of every kind (for round trips), and the hostile
text and values that scrapers, spreadsheets and hand edits produce (for fuzzing)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from hypothesis import strategies as st

from conflict_timeline.records import Outcome, Stance, TargetCategory, WeaponType

# Strings that try to act on a terminal or a spreadsheet, or to hide what they are.
HOSTILE_TEXT = [
    "[bold red]fake alert[/]",
    "[link=https://evil.example]click[/link]",
    "\x1b[2J\x1b[Hscreen cleared",
    "\x1b]8;;https://evil.example\x1b\\hyperlink\x1b]8;;\x1b\\",
    "\x1b]8;;https://evil.example\x07hyperlink\x1b]8;;\x07",
    "\x1b]0;new window title\x07",
    "bell\x07",
    "back\x08\x08\x08\x08over",
    "carriage\rreturn",
    "\u202eevil override\u202c",
    "\u2066isolate\u2069 \u200f mark",
    "\x9b31mC1 CSI",
    "nul\x00byte",
    "del\x7fete",
    "line\u2028separator\u2029paragraph\x85next",
    "\ufeffbyte order mark",
    "=HYPERLINK(\"https://evil.example\",\"x\")",
    "+1+2", "-1-2", "@SUM(A1:A2)", "\tcmd", "\rcmd",
    ":smile: :warning:",
    "{0} {x} %s %(x)s",
]

ZONES = ["UTC", "Europe/Kyiv", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
         "Pacific/Chatham", "America/St_Johns", "Etc/GMT+12", "Pacific/Kiritimati",
         "Africa/Casablanca"]

text = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_TEXT))
nonempty_text = text.filter(bool)
optional_text = st.none() | text
text_lists = st.lists(text, max_size=3)


# --- `when` values, always valid ------------------------------------------------------

_PRECISIONS = ["year", "month", "day", "hour", "minute", "second", "fraction"]
_moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31))
_offsets = st.one_of(
    st.just("Z"),
    st.builds(lambda sign, h, m, colon: f"{sign}{h:02d}{':' if colon else ''}{m:02d}",
              st.sampled_from("+-"), st.integers(0, 14), st.sampled_from([0, 30, 45]),
              st.booleans()),
    st.builds(lambda sign, h: f"{sign}{h:02d}", st.sampled_from("+-"), st.integers(0, 14)),
)


def _value_text(moment: datetime, precision: str, offset: str | None) -> str:
    out = f"{moment.year:04d}"
    steps = [("month", f"-{moment.month:02d}"), ("day", f"-{moment.day:02d}"),
             ("hour", f"T{moment.hour:02d}"), ("minute", f":{moment.minute:02d}"),
             ("second", f":{moment.second:02d}"), ("fraction", f".{moment.microsecond:06d}")]
    for name, part in steps:
        out += part
        if name == precision:
            break
    if offset is not None and _PRECISIONS.index(precision) >= _PRECISIONS.index("hour"):
        out += offset
    return out


_values = st.builds(_value_text, _moments, st.sampled_from(_PRECISIONS), st.none() | _offsets)


@st.composite
def _durations(draw) -> str:
    parts = draw(st.lists(st.sampled_from(["Y", "M", "W", "D", "TH", "TM", "TS"]),
                          min_size=1, max_size=3, unique=True))
    amounts = {p: draw(st.integers(1, 400)) for p in parts}
    date = "".join(f"{amounts[u]}{u}" for u in ("Y", "M", "W", "D") if u in amounts)
    clock = "".join(f"{amounts['T' + u]}{u}" for u in ("H", "M", "S") if "T" + u in amounts)
    return "P" + date + (f"T{clock}" if clock else "")


@st.composite
def _start_end(draw) -> str:
    start = draw(_moments)
    # two days apart at least: more than any pair of UTC offsets or daylight-saving change
    end = start + draw(st.timedeltas(min_value=timedelta(days=2), max_value=timedelta(days=900)))
    first = _value_text(start, draw(st.sampled_from(_PRECISIONS)), draw(st.none() | _offsets))
    last = _value_text(end, draw(st.sampled_from(_PRECISIONS)), draw(st.none() | _offsets))
    return f"{first}/{last}"


when_texts = st.one_of(
    _values,
    st.builds(lambda v, d: f"{v}/{d}", _values, _durations()),
    st.builds(lambda d, v: f"{d}/{v}", _durations(), _values),
    _start_end(),
)
# what people type: sometimes with spaces around it, which is kept as written
written_when = st.one_of(when_texts, st.builds(lambda w: f" {w} ", when_texts))


# --- records ---------------------------------------------------------------------------

def _dicts(required: dict, optional: dict):
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def _count_ranges(draw):
    """A count as reporting writes one: a bound or a range, as text or as an object."""
    low = draw(st.integers(0, 10**12 - 1))
    high = draw(st.integers(low, 10**12 - 1))
    forms = [f"{low}+", f"{low} +", f"over {low}", f"More than {low}", f"at least {low}",
             f"≥{low}", f"up to {high}", f"AT MOST  {high}", f"{low}-{high}", f"{low}–{high}",
             f" {low} to {high} ", {"min": low}, {"min": low, "max": high}, {"max": high},
             {"min": low, "max": None}]
    return draw(st.sampled_from(forms))


_counts = st.none() | st.integers(0, 10**40) | _count_ranges()
_locations = st.none() | _dicts({}, {
    "country": optional_text, "region": optional_text, "place": optional_text,
    "lat": st.none() | st.floats(-90, 90, allow_nan=False),
    "lon": st.none() | st.floats(-180, 180, allow_nan=False),
})
_sources = st.lists(_dicts({"name": nonempty_text},
                           {"url": optional_text, "published": optional_text}), max_size=3)
_targets = st.lists(st.sampled_from([t.value for t in TargetCategory]), max_size=3)

COMMON = {"summary": optional_text, "actors": text_lists, "location": _locations,
          "sources": _sources, "tags": text_lists}

KIND_FIELDS = {
    "strike": ({}, {
        "by": optional_text, "targets": _targets, "target_description": optional_text,
        "weapons": st.lists(_dicts({"type": st.sampled_from([w.value for w in WeaponType])},
                                   {"model": optional_text, "launched": _counts,
                                    "intercepted": _counts, "launched_from": optional_text}),
                            max_size=3),
        "casualties": st.none() | _dicts({}, {"killed": _counts, "wounded": _counts}),
    }),
    "statement": ({"speaker": nonempty_text}, {
        "quote": optional_text, "venue": optional_text, "refers_to": text_lists,
        "stance": st.none() | st.sampled_from([s.value for s in Stance]),
    }),
    "negotiation": ({}, {
        "parties": text_lists, "mediators": text_lists, "topics": text_lists,
        "outcome": st.none() | st.sampled_from([o.value for o in Outcome]),
        "venue": optional_text,
    }),
    "pause": ({"claimed_by": nonempty_text, "binds": text_lists}, {
        "declared_on": st.none() | written_when,
        "scope": _dicts({}, {"targets": st.none() | _targets,
                             "regions": st.none() | text_lists}),
        "arrangement": optional_text,
    }),
}


def records(kind: str | None = None):
    """A valid record (as a dict, the way it is written in a file) of ``kind`` or any."""
    if kind is None:
        return st.sampled_from(list(KIND_FIELDS)).flatmap(records)
    required, optional = KIND_FIELDS[kind]
    return _dicts(
        {"id": nonempty_text, "kind": st.just(kind), "tz": st.sampled_from(ZONES),
         "when": written_when, "title": nonempty_text, **required},
        {**COMMON, **optional},
    )


record_lists = st.lists(records(), min_size=1, max_size=8, unique_by=lambda r: r["id"])


# --- hostile values ---------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-10**300, 10**300),
    st.floats(),  # with NaN and ±Infinity, which json.dumps writes as NaN/Infinity
    text, st.sampled_from(["2026-13-45", "9999-12-31T23:59Z/P1D", "0001-01-01", "P", "/",
                           "2026-01-30/2026-01-29", "Europe/../../etc/passwd"]),
)
json_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- records that meet: the material the check rules work on -----------------------------

PARTIES = ["Russia", "Ukraine", "United States", "[bold]Russia[/]", "\u202eUkraine"]
REGIONS = ["Kyiv", "Zaporizhzhia", "Kharkiv", "\x1b[31mDonetsk"]
STORY_WHENS = ["2026-01-29", "2026-01-30", "2026-01-30T03:00", "2026-01-30T01:00/PT3H",
               "2026-01-30T03:15+02:00", "2026-01-29T18:00/2026-01-30T08:00", "2026-01-29/P7D",
               "2026-01", "2026", "2026-02-01/P1D", "2025-12-31T23:00Z/2026-02-05"]
_ONE_NIGHT = STORY_WHENS[4:6]
_STORY_IDS = [f"r{n}" for n in range(8)]
_STORY_COUNTS = [0, 3, 80, 111, "over 100", "90-120", {"min": 200}, "up to 5"]


@st.composite
def _story_record(draw):
    """A valid record of any kind whose time, parties, place and references come from small
    pools, so that strikes fall inside pauses, reports of one night cluster as duplicates
    and statements refer to each other."""
    record = draw(records())
    pick = lambda values: draw(st.sampled_from(values))  # noqa: E731
    record.update(when=pick(STORY_WHENS), tz=pick(["Europe/Kyiv", "UTC"]),
                  actors=draw(st.lists(st.sampled_from(PARTIES), max_size=2)))
    if draw(st.booleans()):
        region = pick(REGIONS)
        record["location"] = {"country": "Ukraine", "region": region,
                              "place": pick([None, f"{region} city"])}
    if record["kind"] == "strike":
        record["by"] = pick(PARTIES)
        if draw(st.booleans()):  # reports of one night that may disagree on the numbers
            record.update(by="Russia", when=pick(_ONE_NIGHT), tz="Europe/Kyiv",
                          location={"country": "Ukraine", "region": "Zaporizhzhia",
                                    "place": "Zaporizhzhia city"},
                          weapons=[{"type": "drone", "launched": pick(_STORY_COUNTS),
                                    "intercepted": pick([None, *_STORY_COUNTS])}],
                          casualties={"killed": pick(_STORY_COUNTS)})
    elif record["kind"] == "pause":
        record.update(claimed_by=pick(PARTIES), arrangement=pick([None, "a", "b"]),
                      binds=draw(st.lists(st.sampled_from(PARTIES), max_size=2)),
                      declared_on=pick([None, *STORY_WHENS]))
        if draw(st.booleans()):
            record["scope"] = {"regions": draw(st.lists(st.sampled_from(REGIONS), max_size=2))}
    elif record["kind"] == "statement":
        record.update(speaker=pick(PARTIES),
                      refers_to=draw(st.lists(st.sampled_from([*_STORY_IDS, "nowhere"]),
                                              max_size=2)))
    if draw(st.booleans()):
        record["sources"] = [{"name": "wire", "published": pick(STORY_WHENS[:4] + ["2025-01-01"])}]
    return record


story_lists = st.lists(_story_record(), min_size=1, max_size=len(_STORY_IDS)).map(
    lambda drawn: [{**record, "id": _STORY_IDS[n]} for n, record in enumerate(drawn)])


# --- tables to import: the right header, rows of real cells and broken ones -------------------

_ODD_CELLS = ["", "NaN", "-1", "1e400", "9" * 30, "2026-01-30", "30.01.2026", "2026-02-30",
              "2026-01-30 25:00", "{}", "{'south': NaN}", "None", "0.5", "-0", "\"", "a,b",
              "=cmd|' /C calc'!A0", "0001-01-01", "9999-12-31 23:59"]


def csv_bytes(header: list[str], good_rows: list[list[str]]):
    """A CSV file an importer might be given: its real header (sometimes cut short or left
    out) over rows taken from real ones with a few cells replaced by hostile text, odd
    numbers and dates in every form; and the usual accidents: a BOM, CRLF line ends, a file
    cut short (quotes left open), another encoding."""
    cell = st.one_of(text, st.sampled_from(_ODD_CELLS))

    @st.composite
    def row(draw) -> list[str]:
        cells = list(draw(st.sampled_from(good_rows)))
        for _ in range(draw(st.integers(0, 3))):
            cells[draw(st.integers(0, len(cells) - 1))] = draw(cell)
        if draw(st.integers(0, 9)) == 0:  # a row too short or too long
            cells = cells[: draw(st.integers(0, len(cells)))] + draw(st.lists(cell, max_size=2))
        return cells

    @st.composite
    def build(draw) -> bytes:
        import csv
        import io

        head = draw(st.sampled_from([header] * 4 + [header[: len(header) // 2], []]))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
        for cells in ([head] if head else []) + draw(st.lists(row(), max_size=5)):
            writer.writerow(cells)
        body = out.getvalue()
        if draw(st.integers(0, 4)) == 0:
            body = body[: draw(st.integers(0, len(body)))]  # cut short, quotes and all
        encoding = draw(st.sampled_from(["utf-8"] * 4 + ["utf-8-sig", "latin-1", "utf-16"]))
        return body.encode(encoding, "replace")

    return build()
