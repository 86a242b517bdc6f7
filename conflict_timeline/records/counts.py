"""Counts as reporting gives them: an exact number, a lower bound or a range.

"111 drones", "over 100", "at least 3 killed", "90–120": a count is either a plain integer
(kept as ``int``) or a :class:`CountRange` that remembers how it was written, so a record
dumps back exactly as written. "about 40" is refused on purpose: it names no range, and the
tool will not invent one — the writer says how wide it is (``"35-45"``).

The text forms are regular expressions written once and used twice: by :func:`parse_count`
and, as the JSON Schema's ``pattern``, by every other tool that checks a record. So they
are spelled in what Python's ``re`` and ECMA 262 (the dialect of JSON Schema patterns) read
alike: no inline flags, letters in both cases spelled out, ``[0-9]`` for a digit and one
explicit class for a space (``\\s`` and ``\\d`` differ between the two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError


@dataclass(frozen=True, slots=True)
class CountRange:
    """``[min, max]`` inclusive; ``max`` None means no upper bound ("100+")."""

    min: int
    max: int | None
    written: Any = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        if self.max is None:
            return f"{self.min}+"
        if self.min == 0:
            return f"up to {self.max}"
        if self.min == self.max:
            return str(self.min)
        return f"{self.min}–{self.max}"


CountValue = int | CountRange

_FORMS = ("a whole number (111), a lower bound ('100+', 'over 100', 'at least 100', "
          "{\"min\": 100}), an upper bound ('up to 40') or a range ('90-120', "
          "{\"min\": 90, \"max\": 120})")

# the spaces a count's text may hold around and between its words (tab, no-break space …)
_SPACE = r"[\t\n\v\f\r \u00a0\u2000-\u200a\u202f\u205f\u3000]"
_NUMBER = "([0-9]{1,12})"  # ASCII digits only: what int() reads is what the schema says


def _words(*phrases: str) -> str:
    """An alternation of phrases in any mix of ASCII case, spelled without flags:
    ``at least`` becomes ``[Aa][Tt]<space>+[Ll][Ee][Aa][Ss][Tt]``."""
    def spelled(phrase: str) -> str:
        out = []
        for word in phrase.split(" "):
            out.append("".join(f"[{c.upper()}{c}]" if c.isalpha() and c.isascii()
                               else re.escape(c) for c in word))
        return f"{_SPACE}+".join(out)
    return "(?:" + "|".join(spelled(p) for p in phrases) + ")"


_AT_LEAST = _words("at least", "no fewer than", "not less than", ">=", "≥")
_OVER = _words("over", "more than", "above", ">")
_UP_TO = _words("up to", "at most", "no more than", "<=", "≤")
_TO = "(?:-|–|—|" + _words("to") + ")"
# (form, its bounds from the number(s) it holds); tried in this order
_TEXT_FORMS: tuple[tuple[str, Any], ...] = (
    (_NUMBER, lambda n: (n, n)),
    (f"{_NUMBER}{_SPACE}*\\+", lambda n: (n, None)),
    (f"{_AT_LEAST}{_SPACE}*{_NUMBER}", lambda n: (n, None)),
    (f"{_OVER}{_SPACE}*{_NUMBER}", lambda n: (n + 1, None)),
    (f"{_UP_TO}{_SPACE}*{_NUMBER}", lambda n: (0, n)),
    (f"{_NUMBER}{_SPACE}*{_TO}{_SPACE}*{_NUMBER}", lambda low, high: (low, high)),
)


@cache
def _compiled_forms() -> tuple[tuple[re.Pattern[str], Any], ...]:
    """The text forms compiled, the first time a count is written as text: spelled without
    flags, they are long patterns, and most commands read none."""
    return tuple((re.compile(f"{_SPACE}*{form}{_SPACE}*"), bounds)
                 for form, bounds in _TEXT_FORMS)


# the JSON Schema pattern of every text form; a range's max below its min it cannot see
COUNT_TEXT_PATTERN = ("^" + _SPACE + "*(?:" + "|".join(form for form, _ in _TEXT_FORMS)
                      + ")" + _SPACE + "*$")
_VAGUE = re.compile(r"\s*(?:about|around|approximately|approx\.?|roughly|some|nearly|almost"
                    r"|~|c\.)\s*\d", re.IGNORECASE)


def _invalid(message: str, **values: Any) -> PydanticCustomError:
    return PydanticCustomError("count_invalid", message, values)


def parse_count(value: Any) -> CountValue:
    """An exact count stays an ``int``; bounds and ranges become a CountRange."""
    if isinstance(value, bool):
        raise _invalid("not a count: write {forms}", forms=_FORMS)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return _exact(int(value))
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, dict):
        return _parse_bounds(value)
    raise _invalid("not a count: write {forms}", forms=_FORMS)


def _exact(number: int) -> int:
    if number < 0:
        raise _invalid("a count cannot be negative")
    return number


def _parse_text(text: str) -> CountValue:
    for index, (pattern, bounds) in enumerate(_compiled_forms()):
        match = pattern.fullmatch(text)
        if match:
            if index == 0:
                return int(match.group(1))
            low, high = bounds(*(int(n) for n in match.groups()))
            return _checked_range(low, high, text) if high is not None \
                else CountRange(low, None, text)
    if _VAGUE.match(text):
        raise _invalid("'about' names no range and the tool will not guess one: write the "
                       "range you mean, e.g. '35-45' or {\"min\": 35, \"max\": 45}")
    raise _invalid("not a count: write {forms}", forms=_FORMS)


def _parse_bounds(value: dict) -> CountRange:
    unknown = sorted(str(k) for k in value if k not in ("min", "max"))
    if unknown or not value:
        raise _invalid("a count object has 'min' and/or 'max', e.g. {\"min\": 90, \"max\": 120}")
    numbers = {}
    for key in ("min", "max"):
        bound = value.get(key)
        if bound is None:  # left out, or null: no bound on that side
            continue
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)  # as a count written 111.0 is 111, and JSON Schema says so
        if isinstance(bound, bool) or not isinstance(bound, int):
            raise _invalid("'{key}' must be a whole number", key=key)
        numbers[key] = _exact(bound)
    if not numbers:
        raise _invalid("a count object has 'min' and/or 'max', e.g. {\"min\": 90, \"max\": 120}")
    if "max" not in numbers:
        return CountRange(numbers["min"], None, dict(value))
    return _checked_range(numbers.get("min", 0), numbers["max"], dict(value))


def _checked_range(low: int, high: int, written: Any) -> CountRange:
    if high < low:
        raise _invalid("the range's maximum {high} is below its minimum {low}", low=low, high=high)
    return CountRange(low, high, written)


def _dump_count(value: CountValue) -> Any:
    return value if isinstance(value, int) else value.written


_BOUND = {"type": ["integer", "null"], "minimum": 0}
_NUMBER_BOUND = {"type": "integer", "minimum": 0}
COUNT_JSON_SCHEMA: dict[str, Any] = {
    "description": "A count: " + _FORMS + ". Not checked here: that a range's maximum is "
                   "not below its minimum ('120-90', {\"min\": 5, \"max\": 3}).",
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": COUNT_TEXT_PATTERN},
        {"type": "object", "properties": {"min": _BOUND, "max": _BOUND},
         "minProperties": 1, "additionalProperties": False,
         # a null bound is no bound, so one of them must be a number
         "anyOf": [{"required": ["min"], "properties": {"min": _NUMBER_BOUND}},
                   {"required": ["max"], "properties": {"max": _NUMBER_BOUND}}]},
    ],
}

Count = Annotated[
    CountValue,
    PlainValidator(parse_count),
    PlainSerializer(_dump_count, return_type=Any),
    WithJsonSchema(COUNT_JSON_SCHEMA),
]

def count_bounds(value: CountValue) -> tuple[int, int | None]:
    """``(min, max)`` of a count; ``max`` None: no upper bound."""
    if isinstance(value, int):
        return value, value
    return value.min, value.max


def counts_agree(a: CountValue, b: CountValue) -> bool:
    """Two counts of the same thing agree when some number satisfies both: "over 100" and
    111 agree, "over 100" and 80 do not."""
    (a_low, a_high), (b_low, b_high) = count_bounds(a), count_bounds(b)
    return (a_high is None or b_low <= a_high) and (b_high is None or a_low <= b_high)


def count_total(values: list[CountValue]) -> CountValue:
    """The sum of counts of the same kind (two entries for drones in one record)."""
    if len(values) == 1:
        return values[0]
    low = sum(count_bounds(v)[0] for v in values)
    highs = [count_bounds(v)[1] for v in values]
    if all(isinstance(v, int) for v in values):
        return low
    high = None if None in highs else sum(h for h in highs if h is not None)
    return CountRange(low, high, None)


def count_text(value: CountValue) -> str:
    """The count as a person wrote it ("over 100"), or as its range ("90–120")."""
    if isinstance(value, int):
        return str(value)
    return value.written if isinstance(value.written, str) else str(value)


def describe_count(value: CountValue) -> str:
    """The count for a message: written text quoted ('over 100'), numbers bare."""
    if isinstance(value, CountRange) and isinstance(value.written, str):
        return f"'{value.written}'"
    return count_text(value)


def count_cell(value: CountValue | None) -> int | str | None:
    """For a table cell: a plain integer stays a number, a bound or range becomes its text."""
    return value if value is None or isinstance(value, int) else count_text(value)
