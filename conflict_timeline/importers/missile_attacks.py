"""The "Massive Missile Attacks on Ukraine" table (maintainer Petro Ivaniuk, compiled from the
posts of Ukraine's Air Force and its regional air commands; ODC-BY 1.0).

A row is one report window × one weapon model. One strike is made per report window and
reporting post, with that post's weapon rows as its weapons: national and regional reports
of one night stay separate strikes (they may count the same drones; the ``reporter:`` tag
tells them apart, the ``level:`` tag says national or regional command). Times carry no
zone in the table: they are Kyiv local time.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from ..records import SpanError, WeaponType, parse_span, zone_from_name
from .base import (
    Candidate, CellError, CsvRow, ImportSession, count_cell, csv_rows, drop_empty,
    unambiguous_when,
)

ATTRIBUTION = "Petro Ivaniuk, Massive Missile Attacks on Ukraine, from Ukrainian Air Force reports"
LICENCE = "ODC-BY 1.0"
BY = "Russia"  # the data set records attacks on Ukraine by Russia

COLUMNS = (
    "time_start", "time_end", "model", "launch_place", "target", "target_main", "launched",
    "destroyed", "not_reach_goal", "still_attacking", "border_crossing", "is_shahed",
    "num_hit_location", "num_fall_fragment_location", "carrier", "turbojet",
    "turbojet_destroyed", "affected region", "destroyed_details", "launched_details",
    "launch_place_details", "source",
)
REQUIRED = ("time_start", "time_end", "model", "launched", "destroyed", "source")

_D, _B, _C, _G = (WeaponType.DRONE, WeaponType.BALLISTIC_MISSILE, WeaponType.CRUISE_MISSILE,
                  WeaponType.GUIDED_BOMB)
# Names as the table writes them (case-insensitive). S-300/S-400 ('C-300' in the table) fired
# at ground targets fly a ballistic path and the Air Force counts them with the ballistic
# missiles; the Kh-47 Kinzhal is air-launched ballistic; Kub is ZALA's KUB-BLA loitering drone.
WEAPON_TYPES: dict[str, WeaponType] = {
    **dict.fromkeys([
        "shahed-136/131", "shahed-136", "shahed-131", "geran-2", "unknown uav",
        "reconnaissance uav", "orlan-10", "orlan-30", "supercam", "zala", "lancet", "kub",
        "merlin-vr", "mohajer-6", "orion", "forpost", "eleron", "granat-4", "картограф",
        "молнія", "привет-82", "фенікс",
    ], _D),
    **dict.fromkeys([
        "iskander-m", "kn-23", "iskander-m/kn-23", "ballistic missile",
        "intercontinental ballistic missile", "x-47 kinzhal", "kinzhal", "c-300", "c-400",
        "c-300/c-400",
    ], _B),
    **dict.fromkeys([
        "x-101/x-555", "x-101", "x-555", "kalibr", "iskander-k", "x-22", "x-32", "x-35",
        "x-59", "x-69", "x-59/x-69", "x-59mk2", "p-800 oniks", "3m22 zircon", "banderol",
    ], _C),
    **dict.fromkeys(["gbu", "kab", "guided bomb", "guided aerial bomb"], _G),
}

REPORTERS = {
    "kpszsu": "Ukrainian Air Force (kpszsu)",
    "pvkpivden": "Air Command South (PvKPivden)",
    "pvkshid": "Air Command East (pvkshid)",
    "pvkzahid": "Air Command West (PvkZahid)",
    "pvkcenter": "Air Command Centre (PvkCenter)",
    "generalstaff.ua": "General Staff of Ukraine's Armed Forces (GeneralStaff.ua)",
    "cincafu": "Commander-in-Chief of Ukraine's Armed Forces (CinCAFU)",
    "chiefukrdiu": "Ukraine's Defence Intelligence (ChiefUkrDIU)",
}
# The Air Force's own posts sum up the whole country; the regional air commands report their
# area, often the same night, so a regional report may count drones the national one counts.
NATIONAL = frozenset({"kpszsu"})
REGIONAL = frozenset({"pvkpivden", "pvkshid", "pvkzahid", "pvkcenter"})


def report_level(reporter: str) -> str | None:
    """``national`` for the Air Force's command, ``regional`` for a regional air command,
    None for any other account (the General Staff, a regional administration, …)."""
    key = reporter.casefold()
    return "national" if key in NATIONAL else "regional" if key in REGIONAL else None


def weapon_type(model: str) -> WeaponType:
    """The type of a model name; a combined name ("X-101/X-555 and Kalibr") has its parts'
    type when they share one, else ``other``. Unknown names are ``other``."""
    types = {_part_type(part) for part in re.split(r"\s+and\s+", model.strip()) if part}
    return types.pop() if len(types) == 1 else WeaponType.OTHER


def _part_type(name: str) -> WeaponType:
    key = " ".join(name.split()).casefold()
    if key in WEAPON_TYPES:
        return WEAPON_TYPES[key]
    if key.startswith(("kab-", "каб")) or "guided bomb" in key:
        return _G
    if "uav" in key or "shahed" in key or "drone" in key:
        return _D
    if "ballistic" in key:
        return _B
    if "cruise" in key:
        return _C
    return WeaponType.OTHER


_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def report_time(text: str) -> str:
    """``2023-05-16 3:30`` as ISO 8601 ``2023-05-16T03:30``; a date stays a date."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise CellError(f"expected a date or date and time such as 2026-01-29 18:00, got {text!r}")
    year, month, day, hour, minute, second = match.groups()
    try:
        datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                 int(second or 0))
    except ValueError as exc:
        raise CellError(f"{text.strip()!r} is not a real date or time: {exc}") from None
    if hour is None:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}-{day}T{int(hour):02d}:{minute}" + (f":{second}" if second else "")


@dataclass(slots=True)
class _Row:
    line: int
    key: tuple[str, str, str]  # window start, window end, source post
    weapon: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    target: str = ""
    target_main: str = ""
    ok: bool = True


class MissileAttacksImporter:
    name: ClassVar[str] = "missile-attacks"
    summary: ClassVar[str] = ("the 'Massive Missile Attacks on Ukraine' table "
                              "(missile_attacks_daily.csv)")
    default_tz: ClassVar[str] = "Europe/Kyiv"

    def read(self, text: str, session: ImportSession) -> Iterator[Candidate]:
        groups: dict[tuple[str, str, str], list[_Row]] = {}
        for csv_row in csv_rows(text, session, required=REQUIRED):
            row = _read_row(csv_row, session)
            if row is not None:
                groups.setdefault(row.key, []).append(row)
        zone = zone_from_name(session.tz)
        for key, rows in groups.items():
            bad = [r.line for r in rows if not r.ok]
            if bad:
                for row in rows:
                    if row.ok:
                        session.skip(row.line, f"its report also has line {bad[0]}, which "
                                     "cannot be read: a strike is made from whole reports only")
                continue
            candidate = _strike(key, rows, session, zone)
            if candidate is not None:
                yield candidate


def _read_row(row: CsvRow, session: ImportSession) -> _Row | None:
    try:
        start = report_time(row.get("time_start"))
    except CellError as exc:
        return _unreadable(row, session, "time_start", exc)
    try:
        end = report_time(row.get("time_end"))
    except CellError as exc:
        return _unreadable(row, session, "time_end", exc)
    out = _Row(row.line, (start, end, row.get("source")), target=row.get("target"),
               target_main=row.get("target_main"))
    counts: dict[str, int | None] = {}
    for column in ("launched", "destroyed", "not_reach_goal", "still_attacking", "is_shahed",
                   "num_hit_location", "num_fall_fragment_location", "turbojet",
                   "turbojet_destroyed"):
        try:
            counts[column] = count_cell(row.get(column))
        except CellError as exc:
            session.problem(row.line, column, str(exc))
            out.ok = False
    if not out.ok:
        session.skip(row.line, "a value cannot be read (see the problems)")
        return out
    model = " ".join(row.get("model").split())
    if not model:
        session.problem(row.line, "model", "empty: every row names the weapon model it counts")
        session.skip(row.line, "a value cannot be read (see the problems)")
        out.ok = False
        return out
    out.weapon = drop_empty({
        "type": weapon_type(model).value, "model": model, "launched": counts["launched"],
        "intercepted": counts["destroyed"], "launched_from": row.get("launch_place"),
    })
    out.notes = _row_notes(model, row, counts)
    return out


def _unreadable(row: CsvRow, session: ImportSession, column: str, exc: CellError) -> None:
    session.problem(row.line, column, str(exc))
    session.skip(row.line, f"its {column} cannot be read, so it belongs to no report window")
    return None


def _row_notes(model: str, row: CsvRow, counts: dict[str, int | None]) -> list[str]:
    """The row's figures that have no field of their own, as words for the summary."""
    phrases = {
        "launched": "{} launched", "destroyed": "{} destroyed",
        "not_reach_goal": "{} did not reach their targets",
        "still_attacking": "{} still in the air at report time",
        "is_shahed": "{} of them Shaheds", "turbojet": "{} jet-powered",
        "turbojet_destroyed": "{} jet-powered destroyed",
        "num_hit_location": "hits at {} locations",
        "num_fall_fragment_location": "debris fell at {} locations",
    }
    parts = [phrase.format(counts[col]) for col, phrase in phrases.items()
             if counts[col] is not None]
    for column, label in (("target_main", "main target"), ("carrier", "carrier"),
                          ("border_crossing", "crossed the border into"),
                          ("affected region", "regions affected"),
                          ("destroyed_details", "destroyed by area"),
                          ("launched_details", "launched by model"),
                          ("launch_place_details", "launch places by model")):
        value = _cell_words(row.get(column))
        if value:
            parts.append(f"{label}: {value}")
    return [f"{model}: {', '.join(parts)}" if parts else model]


_NAN = re.compile(r"\bnan\b", re.IGNORECASE)


def _cell_words(text: str) -> str:
    """A cell holding Python-literal text (``{'south': 30, 'east': NaN}``, ``['Sumy
    oblast']``) as words, unknown (NaN) values left out; other text as written."""
    text = " ".join(text.split())
    if not text or text[0] not in "{[":
        return text
    try:
        value = ast.literal_eval(_NAN.sub("None", text))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text
    if isinstance(value, dict):
        return ", ".join(f"{k} {_number(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v is not None)
    return text


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _strike(key: tuple[str, str, str], rows: list[_Row], session: ImportSession,
            zone) -> Candidate | None:
    start, end, source = key
    when, widened = unambiguous_when(start if start == end else f"{start}/{end}", zone)
    session.report.widened_rows += len(rows) if widened else 0
    first = rows[0].line
    try:
        parse_span(when, zone)
    except SpanError as exc:
        session.problem(first, "time_end", f"the report window {when} is not a span: {exc}")
        for row in rows:
            session.skip(row.line, "its report window is not a span (see the problems)")
        return None
    reporter, url = source_of(source)
    targets = list(dict.fromkeys(r.target for r in rows if r.target))
    mains = list(dict.fromkeys(r.target_main for r in rows if r.target_main))
    region = targets[0] if len(targets) == 1 and targets[0] != "Ukraine" else None
    data = drop_empty({
        "id": stable_id(key, reporter),
        "kind": "strike",
        "tz": session.tz,
        "when": when,
        "title": _title(rows, reporter),
        "summary": _summary(when, rows, reporter, len(targets) > 1, session.tz),
        "by": BY,
        "target_description": _target_description(rows, targets, mains),
        "weapons": [r.weapon for r in rows],
        "location": drop_empty({"country": "Ukraine", "region": region,
                                "place": mains[0] if len(mains) == 1 else None}),
        "sources": [drop_empty({"name": f"{REPORTERS.get(reporter.casefold(), reporter)} "
                                        f"post, via {ATTRIBUTION} ({LICENCE})",
                                "url": url})],
        "tags": ["air-attack", f"reporter:{reporter}"] + (
            [f"level:{level}"] if (level := report_level(reporter)) else []),
    })
    return Candidate(data, first, {"when": "time_start", "weapons": "model",
                                   "sources": "source", "location": "target"})


def source_of(source: str) -> tuple[str, str | None]:
    """The reporting account and the post's address: the table writes Facebook posts as
    ``kpszsu/posts/pfbid…`` and keeps other addresses whole."""
    if not source:
        return "unknown", None
    if source.startswith(("http://", "https://")):
        path = re.sub(r"^https?://(www\.)?", "", source).split("/")
        account = path[1] if path[0] in ("t.me", "facebook.com") and len(path) > 1 else path[0]
        return account, source
    head, _, rest = source.partition("/")
    if head == "watch":
        return "facebook", f"https://www.facebook.com/{source}"
    if "." in head and not rest.startswith(("posts/", "videos/")):  # a web site's page
        return head, f"https://{source}"
    return head, f"https://www.facebook.com/{source}"


def stable_id(key: tuple[str, str, str], reporter: str) -> str:
    """The same report window and post give the same id on every import."""
    digest = hashlib.sha256("|".join(key).encode("utf-8")).hexdigest()[:10]
    slug = re.sub(r"[^a-z0-9]+", "-", reporter.casefold()).strip("-") or "source"
    return f"mau-{key[0][:10]}-{slug}-{digest}"


def _title(rows: list[_Row], reporter: str) -> str:
    items = [f"{r.weapon['launched']} {r.weapon['model']}" if "launched" in r.weapon
             else r.weapon["model"] for r in rows]
    shown = ", ".join(items[:4]) + (f" and {len(items) - 4} more" if len(items) > 4 else "")
    return f"Air attack: {shown} (reported by {reporter})"


def _summary(when: str, rows: list[_Row], reporter: str, per_row_targets: bool,
             tz: str) -> str:
    start, _, end = when.replace("T", " ").partition("/")
    window = f"from {start} to {end}" if end else f"for {start}"
    notes = []
    for row in rows:
        note = row.notes[0]
        if per_row_targets and row.target:
            note += f", aimed at {row.target}"
        notes.append(note)
    label = REPORTERS.get(reporter.casefold(), reporter)
    zone = "Kyiv time" if tz == "Europe/Kyiv" else tz
    return (f"Report window {window} ({zone}), as reported by {label}. "
            + ". ".join(notes) + ".")


def _target_description(rows: list[_Row], targets: list[str], mains: list[str]) -> str:
    if len(targets) > 1:
        described = "; ".join(f"{r.weapon['model']}: {r.target}" for r in rows if r.target)
    else:
        described = targets[0] if targets else ""
    if mains:
        described += ("; " if described else "") + f"main target: {', '.join(mains)}"
    return described
