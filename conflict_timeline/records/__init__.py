"""Records: the typed data (pydantic models) and the time spans they denote."""

from .counts import (
    CountRange, CountValue, count_bounds, count_cell, count_text, count_total, counts_agree,
    describe_count,
)
from .models import (
    KINDS,
    RECORD_ADAPTER,
    Casualties,
    Location,
    Negotiation,
    Outcome,
    Pause,
    PauseScope,
    Record,
    RecordBase,
    Source,
    Stance,
    Statement,
    Strike,
    TargetCategory,
    Weapon,
    WeaponType,
    record_to_dict,
    validate_record,
)
from .spans import Precision, SpanError, TimeSpan, parse_span, zone_from_name, zone_label

__all__ = [
    "KINDS", "RECORD_ADAPTER", "Casualties", "CountRange", "CountValue", "count_bounds",
    "count_cell", "count_text", "count_total", "counts_agree", "describe_count", "Location", "Negotiation", "Outcome", "Pause",
    "PauseScope", "Precision", "Record", "RecordBase", "Source", "SpanError", "Stance",
    "Statement", "Strike", "TargetCategory", "TimeSpan", "Weapon", "WeaponType",
    "parse_span", "record_to_dict", "validate_record", "zone_from_name", "zone_label",
]
