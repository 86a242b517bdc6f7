"""Deterministic synthetic records for benchmarks: N records in the record format (JSON Lines).

The mix follows the performance brief: 90% strikes spread uniformly over four years, a fixed
number of pause readings (default 100: 33 arrangements of three readings each, windows from
six hours to three days, plus one lone reading), the rest statements and negotiations; `when`
written in every form (minute with offset, naive with `tz`, seconds in UTC, whole days, hours,
night intervals, start/PT…H durations) and mixed offsets. Records come in random order, the
worst case for sorting.

Strikes, statements and negotiations draw from one seeded stream and pauses from another, so
``--pauses 10000`` gives the *same* strikes against more pause readings (the stress case).

    python bench/generate.py --records 1000000 -o bench/data/records-1000000.jsonl
    python bench/generate.py --records 1000 | timeline check-pause -
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

START = datetime(2022, 1, 1, tzinfo=timezone.utc)
YEARS = 4
SPAN_SECONDS = int((datetime(2022 + YEARS, 1, 1, tzinfo=timezone.utc) - START).total_seconds())

KYIV = ZoneInfo("Europe/Kyiv")
NEW_YORK = ZoneInfo("America/New_York")
ZONES = ["Europe/Kyiv", "Europe/Moscow", "UTC", "America/New_York"]
OFFSETS = ["+02:00", "+03:00", "Z", "+00:00", "-05:00", "+04:00"]
REGIONS = ["Kharkiv", "Kyiv", "Odesa", "Dnipropetrovsk", "Zaporizhzhia", "Donetsk", "Sumy",
           "Mykolaiv", "Kherson", "Lviv", "Poltava", "Chernihiv", "Belgorod", "Kursk"]
TARGETS = ["energy", "residential", "civilian_infrastructure", "military", "government",
           "transport", "other"]
WEAPONS = [("drone", "Shahed-136"), ("drone", "Geran-2"), ("ballistic_missile", "Iskander-M"),
           ("cruise_missile", "Kh-101"), ("guided_bomb", "KAB-500"), ("artillery", None)]
SOURCES = ["Ukrainian Air Force", "Regional administration", "Ministry of Defence",
           "Local news", "Telegram channel"]
SPEAKERS = ["Volodymyr Zelensky", "Vladimir Putin", "Donald Trump", "Dmitry Peskov",
            "Andrii Sybiha", "Sergey Lavrov"]


def _moment(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.randrange(SPAN_SECONDS))


def _offset_text(rng: random.Random, moment: datetime, fmt: str) -> str:
    """The moment written with a random UTC offset, so offsets in one file are mixed."""
    offset = rng.choice(OFFSETS)
    if offset == "Z":
        return moment.strftime(fmt) + "Z"
    sign = 1 if offset[0] == "+" else -1
    delta = timedelta(hours=sign * int(offset[1:3]))
    return (moment + delta).strftime(fmt) + offset


def _strike_when(rng: random.Random, moment: datetime) -> tuple[str, str | None]:
    """(when, tz) in one of the forms people write; tz only where the value has no offset."""
    form = rng.random()
    kyiv = moment + timedelta(hours=2)  # wall clock of a naive value read in Europe/Kyiv is close enough
    if form < 0.30:
        return _offset_text(rng, moment, "%Y-%m-%dT%H:%M"), None
    if form < 0.50:
        if _skipped_or_repeated(kyiv):  # refused without an offset: say which instant
            return kyiv.strftime("%Y-%m-%dT%H:%M") + "+02:00", None
        return kyiv.strftime("%Y-%m-%dT%H:%M"), "Europe/Kyiv"
    if form < 0.65:
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + "Z", None
    if form < 0.80:
        start = kyiv.replace(hour=18, minute=0)
        end = start + timedelta(hours=14)
        return f"{start:%Y-%m-%dT%H:%M}+02:00/{end:%Y-%m-%dT%H:%M}+02:00", None
    if form < 0.90:
        return kyiv.strftime("%Y-%m-%d"), rng.choice(ZONES)
    if form < 0.95:
        hours = rng.randint(1, 8)
        if _skipped_or_repeated(kyiv.replace(minute=0)):
            return f"{kyiv:%Y-%m-%dT%H:00}+02:00/PT{hours}H", None
        return f"{kyiv:%Y-%m-%dT%H:00}/PT{hours}H", "Europe/Kyiv"
    return _offset_text(rng, moment, "%Y-%m-%dT%H"), None


def _skipped_or_repeated(wall: datetime, zone: ZoneInfo = KYIV) -> bool:
    """Whether the zone's clocks skip or repeat this wall time (a daylight-saving change):
    such a time is refused without an offset."""
    naive = wall.replace(tzinfo=None)
    return naive.replace(tzinfo=zone, fold=0).utcoffset() != naive.replace(
        tzinfo=zone, fold=1).utcoffset()


def strike(rng: random.Random, number: int) -> dict:
    moment = _moment(rng)
    when, tz = _strike_when(rng, moment)
    region = rng.choice(REGIONS)
    record: dict = {"id": f"s{number:07d}", "kind": "strike", "when": when}
    if tz:
        record["tz"] = tz
    record["title"] = f"Strike, {region}"
    roll = rng.random()
    if roll < 0.85:
        record["by"] = "Russia"
    elif roll < 0.95:
        record["by"] = "Ukraine"
    record["targets"] = rng.sample(TARGETS, rng.choice((1, 1, 1, 2)))
    if rng.random() < 0.3:
        weapon_type, model = rng.choice(WEAPONS)
        weapon: dict = {"type": weapon_type, "launched": rng.randint(1, 60)}
        if model:
            weapon["model"] = model
        record["weapons"] = [weapon]
    if rng.random() < 0.2:
        record["casualties"] = {"wounded": rng.randint(0, 20)}
    record["location"] = {"region": region}
    if rng.random() < 0.3:
        record["sources"] = [{"name": rng.choice(SOURCES)}]
    return record


def statement(rng: random.Random, number: int) -> dict:
    moment = _moment(rng)
    speaker = rng.choice(SPEAKERS)
    if rng.random() < 0.5:
        when, tz = _offset_text(rng, moment, "%Y-%m-%dT%H:%M"), None
    else:
        when, tz = moment.strftime("%Y-%m-%d"), rng.choice(ZONES)
    record = {"id": f"t{number:07d}", "kind": "statement", "when": when}
    if tz:
        record["tz"] = tz
    record.update(title=f"{speaker} on the war", speaker=speaker,
                  stance=rng.choice(["announces", "confirms", "disputes", "mentions"]),
                  sources=[{"name": "News report", "url": f"https://news.example/{number}"}])
    return record


def negotiation(rng: random.Random, number: int) -> dict:
    moment = _moment(rng)
    days = rng.randint(1, 3)
    return {"id": f"n{number:07d}", "kind": "negotiation", "tz": rng.choice(ZONES),
            "when": f"{moment:%Y-%m-%d}/P{days}D", "title": "Talks",
            "parties": ["Ukraine", "Russia"], "mediators": [rng.choice(["United States", "Turkey"])],
            "outcome": rng.choice(["agreed", "no_agreement", "ongoing"])}


READINGS = (  # claimant, binds, scope: three readings of one arrangement that disagree
    ("Kremlin", ["Russia"], {"targets": ["energy"]}),
    ("US administration", ["Russia", "Ukraine"], None),
    ("Ukrainian government", ["Russia"], {"regions": ["Kyiv", "Kharkiv", "Odesa", "Zaporizhzhia"]}),
)


def pauses(rng: random.Random, count: int) -> list[dict]:
    """``count`` pause readings: arrangements of three readings, windows of 6 h to 3 days."""
    out = []
    arrangement = 0
    while len(out) < count:
        arrangement += 1
        moment = _moment(rng).replace(minute=0, second=0)
        hours = rng.randint(6, 72)
        declared = moment - timedelta(hours=rng.randint(1, 48))
        key = f"arr-{arrangement:05d}"
        for reading, (claimant, binds, scope) in enumerate(READINGS):
            if len(out) == count:
                break
            # each side writes the window its own way: a UTC start with hours, a local
            # start with a duration, or a local start and end
            if reading == 0:
                when, tz = f"{moment:%Y-%m-%dT%H:%M}Z/PT{hours}H", "Europe/Moscow"
            elif reading == 1:
                local = moment - timedelta(hours=5)
                offset = "-05:00" if _skipped_or_repeated(local, NEW_YORK) else ""
                when, tz = f"{local:%Y-%m-%dT%H:%M}{offset}/PT{hours}H", "America/New_York"
            else:
                local = moment + timedelta(hours=2)
                end = local + timedelta(hours=hours)
                offsets = ["+02:00" if _skipped_or_repeated(t) else "" for t in (local, end)]
                when = f"{local:%Y-%m-%dT%H:%M}{offsets[0]}/{end:%Y-%m-%dT%H:%M}{offsets[1]}"
                tz = "Europe/Kyiv"
            record = {"id": f"p{len(out):05d}", "kind": "pause", "tz": tz, "when": when,
                      "declared_on": f"{declared:%Y-%m-%d}", "title": f"Pause {key}",
                      "claimed_by": claimant, "binds": binds, "arrangement": key}
            if scope:
                record["scope"] = scope
            out.append(record)
    return out


def ceasefires() -> list[dict]:
    """Ceasefires as they are announced, for the sweep's hard cases: one open-ended, one
    recurring daily for years (until further notice), one renewed twice, one phased into
    two clauses of one reading."""
    kyiv = {"tz": "Europe/Kyiv", "kind": "pause"}
    return [
        {**kyiv, "id": "cf-open", "when": "2025-09-01T12:00/..", "declared_on": "2025-08-31",
         "title": "Energy ceasefire until further notice", "claimed_by": "UN envoy",
         "binds": ["Russia", "Ukraine"], "scope": {"targets": ["energy"]}},
        {**kyiv, "id": "cf-daily", "when": "2022-03-01T10:00/PT4H", "repeat": "FREQ=DAILY",
         "declared_on": "2022-02-28", "title": "Daily humanitarian pause",
         "claimed_by": "ICRC", "binds": ["Russia"], "scope": {"regions": ["Kharkiv"]}},
        {**kyiv, "id": "cf-truce", "when": "2023-04-02T19:00/P2M", "declared_on": "2023-04-01",
         "title": "Two-month truce", "claimed_by": "UN envoy", "binds": ["Russia", "Ukraine"],
         "scope": {"regions": ["Donetsk"]}, "arrangement": "cf-truce"},
        {**kyiv, "id": "cf-truce-renewed", "amends": "cf-truce",
         "when": "2023-04-02T19:00/2023-08-02T19:00", "declared_on": "2023-06-02",
         "title": "Truce renewed", "claimed_by": "UN envoy", "binds": ["Russia", "Ukraine"],
         "scope": {"regions": ["Donetsk"]}},
        {**kyiv, "id": "cf-truce-renewed-again", "amends": "cf-truce-renewed",
         "when": "2023-04-02T19:00/2023-10-02T19:00", "declared_on": "2023-08-02",
         "title": "Truce renewed again", "claimed_by": "UN envoy",
         "binds": ["Russia", "Ukraine"], "scope": {"regions": ["Donetsk"]}},
        {**kyiv, "id": "cf-phase-1", "when": "2025-03-01T00:00/P30D", "declared_on": "2025-02-28",
         "title": "Phased ceasefire: Russia first", "claimed_by": "Mediator",
         "binds": ["Russia"], "arrangement": "cf-phased"},
        {**kyiv, "id": "cf-phase-2", "when": "2025-03-01T12:00/P30D", "declared_on": "2025-02-28",
         "title": "Phased ceasefire: Ukraine twelve hours later", "claimed_by": "Mediator",
         "binds": ["Ukraine"], "arrangement": "cf-phased"},
    ]


def generate(records: int, pause_count: int = 100, seed: int = 2026,
             with_ceasefires: bool = False) -> list[dict]:
    """The records, in random (seeded) order; the strikes are the same with or without
    ceasefires, which stand in for some of the statements."""
    rng = random.Random(seed)
    strikes = round(records * 0.9)
    others = max(records - strikes - pause_count, 0)
    out = [strike(rng, i) for i in range(strikes)]
    for i in range(others):
        out.append(negotiation(rng, i) if rng.random() < 0.2 else statement(rng, i))
    if with_ceasefires:
        extra = ceasefires()
        del out[max(strikes, len(out) - len(extra)):]
        out.extend(extra)
    out.extend(pauses(random.Random(seed + 1), pause_count))
    random.Random(seed + 2).shuffle(out)
    return out


def write_jsonl(records: list[dict], out) -> None:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for start in range(0, len(records), 10_000):
        out.write("".join(dumps(r) + "\n" for r in records[start:start + 10_000]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="how many records")
    parser.add_argument("--pauses", type=int, default=100, help="how many pause readings")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ceasefires", action="store_true",
                        help="add open-ended, recurring (daily for years), renewed and phased "
                        "pauses")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    records = generate(args.records, args.pauses, args.seed, args.ceasefires)
    if args.output:
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(path.suffix + ".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            write_jsonl(records, out)
        temporary.replace(path)
    else:
        write_jsonl(records, sys.stdout)


if __name__ == "__main__":
    main()
