"""Counts as reporting gives them: an exact number, a lower bound or a range.

"111 drones", "over 100", "at least 3 killed", "90–120": a count is either a plain integer
(kept as ``int``) or a :class:`CountRange` that remembers how it was written, so a record
dumps back exactly as written. "about 40" is refused on purpose: it names no range, and the
tool will not invent one — the writer says how wide it is (``"35-45"``).
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic_core import PydanticCustomError, core_schema



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
_NUMBER = r"(\d{1,12})"
_TEXT_FORMS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(rf"{_NUMBER}\s*\+"), lambda n: (n, None)),
    (re.compile(rf"(?:at least|no fewer than|not less than|>=|≥)\s*{_NUMBER}"), lambda n: (n, None)),
    (re.compile(rf"(?:over|more than|above|>)\s*{_NUMBER}"), lambda n: (n + 1, None)),
    (re.compile(rf"(?:up to|at most|no more than|<=|≤)\s*{_NUMBER}"), lambda n: (0, n)),
)
_RANGE = re.compile(rf"{_NUMBER}\s*(?:-|–|—|to)\s*{_NUMBER}")
_VAGUE = re.compile(r"(?:about|around|approximately|approx\.?|roughly|some|nearly|almost|~|c\.)\s*\d")


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
    folded = " ".join(text.strip().casefold().split())
    if folded.isdigit():
        return int(folded)
    for pattern, bounds in _TEXT_FORMS:
        match = pattern.fullmatch(folded)
        if match:
            low, high = bounds(int(match.group(1)))
            return CountRange(low, high, text)
    match = _RANGE.fullmatch(folded)
    if match:
        return _checked_range(int(match.group(1)), int(match.group(2)), text)
    if _VAGUE.match(folded):
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
        if bound is None:
            continue
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


class _CountFormat:
    """How pydantic reads, writes and describes a count: with :func:`parse_count`, as it
    was written, and as a JSON Schema ``anyOf`` of the forms. Written as pydantic's two
    hooks rather than its ``PlainValidator`` and ``PlainSerializer`` markers, which make
    the same schema but cost every command 8 million instructions to import."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return core_schema.no_info_plain_validator_function(
            parse_count, json_schema_input_schema=core_schema.any_schema(),
            serialization=core_schema.plain_serializer_function_ser_schema(
                _dump_count, info_arg=False, return_schema=core_schema.any_schema()))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "description": "'100+', 'over 100', 'at least 3', 'up to 40', '90-120'"},
            {"type": "object", "properties": {"min": {"type": "integer", "minimum": 0},
                                              "max": {"type": "integer", "minimum": 0}},
             "additionalProperties": False},
        ]}


Count = Annotated[CountValue, _CountFormat()]


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
