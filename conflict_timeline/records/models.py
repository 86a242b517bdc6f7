"""The record format: one pydantic model per kind, a discriminated union on ``kind``.

The models are the single source of truth for the schema and its validation. A record's
``when`` is kept as the text the writer wrote, so the record dumps back exactly as written;
its resolved :class:`TimeSpan` is the record's ``span``.
"""

from datetime import tzinfo
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .counts import Count
from .spans import SpanError, TimeSpan, parse_span, zone_from_name

NonEmptyText = Annotated[str, StringConstraints(min_length=1)]
# a new empty list for each record that leaves the field out (a default of [] would be
# deep-copied for each), shown in the JSON Schema as the default it is
_EMPTY_LIST: Any = Field(default_factory=list, json_schema_extra={"default": []})


def _not_a_bool(value: Any) -> Any:
    # pydantic would read true as 1: a yes/no is never a coordinate
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_number", "a number is expected, not {value}",
                                  {"value": str(value).lower()})
    return value



class TargetCategory(StrEnum):
    ENERGY = "energy"
    RESIDENTIAL = "residential"
    CIVILIAN_INFRASTRUCTURE = "civilian_infrastructure"
    MILITARY = "military"
    GOVERNMENT = "government"
    TRANSPORT = "transport"
    OTHER = "other"


class WeaponType(StrEnum):
    DRONE = "drone"
    BALLISTIC_MISSILE = "ballistic_missile"
    CRUISE_MISSILE = "cruise_missile"
    GUIDED_BOMB = "guided_bomb"
    ARTILLERY = "artillery"
    OTHER = "other"


class Stance(StrEnum):
    ANNOUNCES = "announces"
    CONFIRMS = "confirms"
    DISPUTES = "disputes"
    MENTIONS = "mentions"


class Outcome(StrEnum):
    AGREED = "agreed"
    NO_AGREEMENT = "no_agreement"
    ONGOING = "ongoing"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Location(_Part):
    country: str | None = None
    region: str | None = None
    place: str | None = None
    lat: Annotated[float, Field(ge=-90, le=90), BeforeValidator(_not_a_bool)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180), BeforeValidator(_not_a_bool)] | None = None


class Source(_Part):
    name: NonEmptyText
    url: str | None = None
    published: str | None = Field(
        default=None, description="ISO 8601 date or timestamp of publication"
    )


class Weapon(_Part):
    type: WeaponType
    model: str | None = None
    launched: Count | None = None
    intercepted: Count | None = None
    launched_from: str | None = None


class Casualties(_Part):
    killed: Count | None = None
    wounded: Count | None = None


class PauseScope(_Part):
    """What a pause covers; a missing list means no limit on that axis."""

    targets: list[TargetCategory] | None = None
    regions: list[str] | None = None


def _zone_of(data: dict[str, Any]) -> tzinfo | None:
    if "tz" not in data:  # the record's tz was itself invalid and is reported
        raise PydanticCustomError("when_unresolved",
                                  "cannot be resolved: the record's tz is invalid")
    return zone_from_name(data["tz"]) if data["tz"] else None


def _checked_span(value: str, zone: tzinfo | None, what: str, allow_open: bool = False) -> TimeSpan:
    try:
        return parse_span(value, zone, what, allow_open)
    except SpanError as exc:
        raise PydanticCustomError("when_invalid", "{reason}", {"reason": str(exc)}) from None


class RecordBase(BaseModel):
    """Fields every kind has. ``tz`` must come before ``when``: ``when`` is read in it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: NonEmptyText
    kind: str  # each kind's Literal; declared here so that it is written second, after id
    tz: str | None = Field(
        default=None,
        description="IANA zone for times written without an offset (default: the file's tz)",
    )
    when: str = Field(description="ISO 8601 span: timestamp, date, month, start/end, start/P…")
    title: NonEmptyText
    summary: str | None = None
    actors: list[str] = _EMPTY_LIST
    location: Location | None = None
    sources: list[Source] = _EMPTY_LIST
    tags: list[str] = _EMPTY_LIST
    resolved: Any = Field(
        default=None,
        alias="span",
        exclude=True,
        description="Output only (start, end, precision): ignored on input and recomputed",
    )

    # a window that stays open (START/..) is a pause's alone
    _open_when_allowed: ClassVar[bool] = False

    @field_validator("resolved", mode="before")
    @classmethod
    def _forget_span(cls, value: Any) -> None:
        return None  # on input: recomputed from `when`

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                zone_from_name(value)
            except SpanError as exc:
                raise PydanticCustomError("tz_unknown", "{reason}", {"reason": str(exc)}) from None
        return value

    @field_validator("when")
    @classmethod
    def _when_is_a_span(cls, value: str, info: ValidationInfo) -> str:
        _checked_span(value, _zone_of(info.data), "when", cls._open_when_allowed)
        return value

    @model_validator(mode="after")
    def _resolve_spans(self) -> Self:
        # parse_span keeps what it parsed: the field validator's work is not done again.
        # Held in a field, not a private attribute: a field is read as a plain attribute,
        # and the span is read for every comparison of a sort and a sweep.
        self.resolved = parse_span(self.when, self.zone, "when", self._open_when_allowed)
        return self

    @property
    def zone(self) -> tzinfo | None:
        """The zone times written without an offset are read in (the record's tz)."""
        return zone_from_name(self.tz) if self.tz else None

    @property
    def span(self) -> TimeSpan:
        span: TimeSpan = self.resolved
        return span


class Strike(RecordBase):
    kind: Literal["strike"]
    by: str | None = Field(default=None, description="who struck")
    targets: list[TargetCategory] = _EMPTY_LIST
    target_description: str | None = None
    weapons: list[Weapon] = _EMPTY_LIST
    casualties: Casualties | None = None


class Statement(RecordBase):
    kind: Literal["statement"]
    speaker: NonEmptyText
    quote: str | None = None
    venue: str | None = None
    refers_to: list[str] = _EMPTY_LIST
    stance: Stance | None = None


class Negotiation(RecordBase):
    kind: Literal["negotiation"]
    parties: list[str] = _EMPTY_LIST
    mediators: list[str] = _EMPTY_LIST
    topics: list[str] = _EMPTY_LIST
    outcome: Outcome | None = None
    venue: str | None = None


class Pause(RecordBase):
    """One party's reading of a pause, truce, moratorium or ceasefire; or, with ``amends``,
    a new version of one (an extension, a shortening, a new scope, an end)."""

    kind: Literal["pause"]
    claimed_by: NonEmptyText
    declared_on: str | None = Field(default=None, description="when it was announced (a span)")
    binds: list[str] = Field(description="parties whose strikes it restrains")
    scope: PauseScope = Field(default_factory=PauseScope)
    arrangement: str | None = Field(
        default=None, description="key shared by readings of one arrangement"
    )
    amends: str | None = Field(
        default=None, description="id of the pause this record is a new version of")
    repeat: str | None = Field(
        default=None,
        description="RFC 5545 recurrence rule (FREQ=DAILY;COUNT=3): `when` is the first occurrence")

    _declared_span: TimeSpan | None = PrivateAttr(default=None)
    _open_when_allowed: ClassVar[bool] = True

    @field_validator("declared_on")
    @classmethod
    def _declared_on_is_a_span(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            _checked_span(value, _zone_of(info.data), "declared_on")
        return value

    @field_validator("amends")
    @classmethod
    def _amendment_is_announced(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        if not value.strip():
            raise PydanticCustomError("when_amends", "amends must name the id of a pause")
        if "declared_on" in info.data and info.data["declared_on"] is None:
            raise PydanticCustomError(
                "when_amends", "a pause that amends '{amended}' needs declared_on: the moment "
                "the change was announced decides which version was in force",
                {"amended": value})
        if info.data.get("arrangement") is not None:
            raise PydanticCustomError(
                "when_amends", "a pause that amends '{amended}' joins that pause's arrangement: "
                "leave arrangement out", {"amended": value})
        return value

    @field_validator("repeat")
    @classmethod
    def _readable_rule(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        if "when" not in info.data:  # `when` (or the tz it is read in) is invalid and reported
            raise PydanticCustomError("when_unresolved", "cannot be resolved")
        from .recurrence import RecurrenceError, read_rule
        first = _checked_span(info.data["when"], _zone_of(info.data), "when", True)
        try:
            read_rule(value, first)
        except RecurrenceError as exc:
            raise PydanticCustomError("when_repeat", "{reason}", {"reason": str(exc)}) from None
        return value

    @model_validator(mode="after")
    def _resolve_declared_on(self) -> Self:
        if self.declared_on is not None:
            self._declared_span = parse_span(self.declared_on, self.zone, "declared_on")
        return self

    @property
    def declared_span(self) -> TimeSpan | None:
        return self._declared_span

    @property
    def arrangement_key(self) -> str:
        return self.arrangement or self.id


Record = Annotated[Strike | Statement | Negotiation | Pause, Field(discriminator="kind")]
KINDS: tuple[str, ...] = ("strike", "statement", "negotiation", "pause")
RECORD_ADAPTER: TypeAdapter[RecordBase] = TypeAdapter(Record)


def validate_record(data: Any) -> RecordBase:
    """One record from Python data (a parsed JSON object or TOML table); raises pydantic's
    ValidationError, which loading words for people."""
    return RECORD_ADAPTER.validate_python(data)


def record_to_dict(record: RecordBase) -> dict[str, Any]:
    """The record as loadable input: what was written, nothing derived; id and kind first
    (the order the fields are declared in)."""
    return record.model_dump(mode="json", exclude_defaults=True, by_alias=True)
