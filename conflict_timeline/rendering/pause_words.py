"""Words for a pause's window as announced: its repeat, its version, its clause."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from ..checks.pause import PauseFinding
from ..records import Pause
from .labels import span_label

_FREQUENCY = {"DAILY": ("daily", "days"), "WEEKLY": ("weekly", "weeks"),
              "MONTHLY": ("monthly", "months"), "YEARLY": ("yearly", "years"),
              "HOURLY": ("hourly", "hours")}
_DAYS = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}


def _parts(rule: str) -> dict[str, str]:
    """The rule's NAME=VALUE parts, for wording only (dateutil has read and checked it)."""
    body = rule.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    return {k.upper(): v for k, _, v in (p.partition("=") for p in body.split(";") if p)}


def repeat_words(pause: Pause) -> str:
    """"daily 08:00–19:00 from 15 Jun 2024, until further notice"; "weekly on Fri …, 3 times"."""
    assert pause.repeat is not None
    parts = _parts(pause.repeat)
    span = pause.span
    zone = span.zone
    start = span.start.astimezone(zone)
    end = span.end.astimezone(zone)  # type: ignore[union-attr]
    often, unit = _FREQUENCY.get(parts.get("FREQ", ""), (parts.get("FREQ", "").lower(), ""))
    interval = int(parts.get("INTERVAL", "1") or 1)
    words = often if interval == 1 else f"every {interval} {unit}"
    if "BYDAY" in parts:
        words += " on " + ", ".join(_DAYS.get(d[-2:], d) for d in parts["BYDAY"].split(","))
    clock = f"{start:%H:%M}–{end:%H:%M}"
    if end - start >= timedelta(days=1):
        clock = f"{start:%H:%M} for {(end - start).days} days"
    words += f" {clock} from {start.day} {start:%b %Y}"
    if "COUNT" in parts:
        words += f", {parts['COUNT']} times"
    elif "UNTIL" in parts:
        until = _until(parts["UNTIL"], zone)
        words += f", until {until}"
    else:
        words += ", until further notice"
    return f"{words} ({span.zone_name()})"


def _until(text: str, zone: tzinfo) -> str:
    try:
        if "T" in text:
            moment = datetime.strptime(text.rstrip("Z"), "%Y%m%dT%H%M%S")
            if text.endswith("Z"):
                moment = moment.replace(tzinfo=UTC).astimezone(zone)
            return f"{moment.day} {moment:%b %Y} {moment:%H:%M}"
        moment = datetime.strptime(text, "%Y%m%d")
        return f"{moment.day} {moment:%b %Y}"
    except ValueError:
        return text


def window_words(pause: Pause, zone: tzinfo | None = None) -> str:
    """A pause's window as announced: its repeat in words, or its span."""
    return repeat_words(pause) if pause.repeat else span_label(pause.span, zone)


def clause_words(finding: PauseFinding) -> str:
    """"Israel's clause, from 19:00" where the reading has several clauses; else ""."""
    window = finding.window
    if window is None or window.clauses < 2:
        return ""
    pause = finding.pause
    start = pause.span.start.astimezone(pause.span.zone)
    who = " and ".join(pause.binds) or "nobody"
    return f"{who}'s clause, from {start:%H:%M} on {start.day} {start:%b}"


def occurrence_words(finding: PauseFinding) -> str:
    """The occurrence of a repeat the strike fell in (or the ones it overlaps)."""
    window = finding.window
    if window is None or window.occurrence is None:
        return ""
    if len(finding.occurrences) > 1:
        return "occurrences " + ", ".join(str(i + 1) for i in finding.occurrences)
    zone = finding.pause.span.zone
    start = datetime.fromtimestamp(window.start_ts, zone)
    end = datetime.fromtimestamp(window.end_ts, zone)
    return (f"occurrence {window.occurrence + 1}: {start.day} {start:%b %Y} "
            f"{start:%H:%M}–{end:%H:%M}")
