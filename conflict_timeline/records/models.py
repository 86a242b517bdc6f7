"""The record format: one pydantic model per kind, a discriminated union on ``kind``.

The models are the single source of truth for the schema and its validation. A record's
``when`` is validated into a :class:`When` — the text as written, carrying its resolved
:class:`TimeSpan` — so the record dumps back exactly as it was written.
"""

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError, SchemaSerializer, core_schema

from .counts import Count
from .spans import SpanError, TimeSpan, parse_span, zone_from_name
from .validator_cache import record_validation

NonEmptyText = Annotated[str, StringConstraints(min_length=1)]


def _not_a_bool(value: Any) -> Any:
    # pydantic would read true as 1: a yes/no is never a coordinate
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_number", "a number is expected, not {value}",
                                  {"value": str(value).lower()})
    return value



class When(str):
    """ISO 8601 text as the writer wrote it, with the span it resolves to."""

    __slots__ = ("span",)
    span: TimeSpan

    def __new__(cls, text: str, span: TimeSpan) -> "When":
        obj = super().__new__(cls, text)
        obj.span = span
        return obj


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


class _NoItems(list):
    """The one empty list shared by every record that leaves out a list field (actors,
    tags, weapons …): a new one each would be a tenth of a strike's memory. Records are
    read, never changed in place, so changing this one in place raises rather than
    changing every record at once; assign a new list instead."""

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("this empty list is shared by every record without the field: "
                        "assign a new list instead of changing it in place")

    append = extend = insert = pop = remove = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only  # type: ignore[assignment]
    # hashable, as what cannot change may be: pydantic then uses it as the default itself,
    # where it would copy a list for every record (or call a factory, on input and output)
    __hash__ = object.__hash__  # type: ignore[assignment]

    def __reduce__(self) -> str:
        return "_NO_ITEMS"  # pickled (the validator cache) and copied as the one list itself

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return core_schema.list_schema()  # how the JSON schema writes the default: []


_NO_ITEMS = _NoItems()


class _FieldNames(frozenset):
    """The names of a model's fields that were written, shared by every model written
    alike: pydantic gives each model a set of them (728 bytes for a typical strike, over a
    third of its memory), and a million records are written in a few dozen ways. A copy
    is a set of its own again, so ``model_copy(update=…)`` works as before."""

    __slots__ = ()

    def __copy__(self) -> set[str]:
        return set(self)


_SHARED_FIELD_NAMES: dict[frozenset[str], _FieldNames] = {}


class _Model(BaseModel):
    """Records and their parts: assignment makes a model's set of written field names its
    own first, when it is shared (see :func:`share_field_names`)."""

    model_config = ConfigDict(defer_build=True)  # no validator of its own: it has no fields

    def __setattr__(self, name: str, value: Any) -> None:
        if type(self.__pydantic_fields_set__) is _FieldNames:
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


class _Part(_Model):
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


def _resolve_when(value: Any, info: ValidationInfo, what: str, allow_open: bool = False) -> When:
    data = info.data
    if "tz" not in data:  # the record's tz was itself invalid and is reported
        raise PydanticCustomError("when_unresolved", "cannot be resolved: the record's tz is invalid")
    try:
        return _when(value, data["tz"], what, allow_open)
    except SpanError as exc:
        raise PydanticCustomError("when_invalid", "{reason}", {"reason": str(exc)}) from None


@lru_cache(maxsize=1 << 16)
def _when(value: str, tz_name: str | None, what: str, allow_open: bool = False) -> When:
    """Records written on one day or night in one zone share their When (and its span,
    both immutable): large feeds repeat these a lot. Errors are raised, never cached."""
    when = _new_str(When, value)  # When(value, span) without its Python __new__
    when.span = parse_span(value, zone_from_name(tz_name) if tz_name else None, what,
                           allow_open=allow_open)
    return when


_new_str = str.__new__


class RecordBase(_Model):
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
    actors: list[str] = Field(default=_NO_ITEMS)
    location: Location | None = None
    sources: list[Source] = Field(default=_NO_ITEMS)
    tags: list[str] = Field(default=_NO_ITEMS)
    resolved: Any = Field(
        default=None,
        alias="span",
        exclude=True,
        description="Output only (start, end, precision): ignored on input and recomputed",
    )

    # "before", not "plain": pydantic gives a plain validator a serializer made on the fly,
    # which the validator cache (validator_cache) cannot name
    @field_validator("resolved", mode="before")
    @classmethod
    def _forget_span(cls, value: Any) -> None:
        return None  # recomputed from `when`; keeping it would only cost memory

    # only a tz that is written is checked (a file's default tz is written into each of
    # its records by the loader, so a record stands alone): most records of a large feed
    # leave it out, and a check called for each would cost a fortieth of validating it
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
    def _span_of_when(cls, value: str, info: ValidationInfo) -> When:
        return _resolve_when(value, info, "when")

    @property
    def span(self) -> TimeSpan:
        return self.when.span  # type: ignore[attr-defined]


class Strike(RecordBase):
    kind: Literal["strike"]
    by: str | None = Field(default=None, description="who struck")
    targets: list[TargetCategory] = Field(default=_NO_ITEMS)
    target_description: str | None = None
    weapons: list[Weapon] = Field(default=_NO_ITEMS)
    casualties: Casualties | None = None


class Statement(RecordBase):
    kind: Literal["statement"]
    speaker: NonEmptyText
    quote: str | None = None
    venue: str | None = None
    refers_to: list[str] = Field(default=_NO_ITEMS)
    stance: Stance | None = None


class Negotiation(RecordBase):
    kind: Literal["negotiation"]
    parties: list[str] = Field(default=_NO_ITEMS)
    mediators: list[str] = Field(default=_NO_ITEMS)
    topics: list[str] = Field(default=_NO_ITEMS)
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

    # a pause's window, and only a pause's, may be open-ended (START/..)
    @field_validator("when")
    @classmethod
    def _span_of_when(cls, value: str, info: ValidationInfo) -> When:
        return _resolve_when(value, info, "when", allow_open=True)

    @field_validator("declared_on")
    @classmethod
    def _span_of_declared_on(cls, value: str | None, info: ValidationInfo) -> When | None:
        return None if value is None else _resolve_when(value, info, "declared_on")

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
        when = info.data.get("when")
        if when is None:  # `when` (or the tz it is read in) is invalid and reported
            raise PydanticCustomError("when_unresolved", "cannot be resolved")
        from .recurrence import RecurrenceError, read_rule
        try:
            read_rule(value, when.span)
        except RecurrenceError as exc:
            raise PydanticCustomError("when_repeat", "{reason}", {"reason": str(exc)}) from None
        return value

    @property
    def declared_span(self) -> TimeSpan | None:
        return None if self.declared_on is None else self.declared_on.span  # type: ignore[attr-defined]

    @property
    def arrangement_key(self) -> str:
        """The arrangement this record names (an amendment's is its chain's: see
        :mod:`.pause_chains`)."""
        return self.arrangement or self.id


def share_field_names(record: RecordBase) -> None:
    """Gives ``record`` and its parts (location, sources, weapons …) the one shared set of
    names for each way of writing them (see :class:`_FieldNames`): for records held by the
    thousand (the loader's). Done here, not by a post-init hook of the models, so that
    records validated and let go at once (a parallel reader's workers) do not pay for it:
    pydantic-core calling a hook on every model cost a twentieth of validating a record."""
    _share(record)
    for name in _PART_FIELDS[type(record)]:
        part = getattr(record, name)
        if isinstance(part, list):  # sources, weapons (or the shared empty list)
            for item in part:
                _share(item)
        elif part is not None:
            _share(part)


def _share(model: BaseModel) -> None:
    written = frozenset(model.__pydantic_fields_set__)
    shared = _SHARED_FIELD_NAMES.get(written)
    if shared is None:
        shared = _SHARED_FIELD_NAMES[written] = _FieldNames(written)
    object.__setattr__(model, "__pydantic_fields_set__", shared)


# The fields of each kind that hold parts, written out: derived from the annotations at
# import, they cost every start-up 1.4 million instructions (tests/test_fast_paths.py
# derives them and compares, and checks that parts hold no parts)
_PART_FIELDS: dict[type, tuple[str, ...]] = {
    Strike: ("location", "sources", "weapons", "casualties"),
    Statement: ("location", "sources"),
    Negotiation: ("location", "sources"),
    Pause: ("location", "sources", "scope"),
}


Record = Annotated[Union[Strike, Statement, Negotiation, Pause], Field(discriminator="kind")]
KINDS: tuple[str, ...] = ("strike", "statement", "negotiation", "pause")
RECORD_VALIDATION = record_validation(lambda: TypeAdapter(Record), Path(__file__).parent)
RECORD_VALIDATOR = RECORD_VALIDATION.validator
_SERIALIZER = RECORD_VALIDATION.serializer


def record_to_dict(record: RecordBase) -> dict[str, Any]:
    """The record as loadable input: what was written, nothing derived; id and kind first
    (the order the fields are declared in)."""
    # the model's serializer itself: model_dump's Python wrapper costs a quarter as much again
    return _SERIALIZER.to_python(record, mode="json", exclude_defaults=True)


def record_to_json(record: RecordBase) -> bytes:
    """:func:`record_to_dict` as compact JSON, made from the model by pydantic-core in one
    step (raises ``PydanticSerializationError`` for text JSON cannot hold, such as a lone
    surrogate)."""
    serializer = _OWN_SERIALIZERS.get(type(record)) or _own_serializer(type(record))
    return serializer.to_json(record, exclude_defaults=True)


# Each kind's own serializer writes JSON in two thirds of the time the union's takes (6 µs
# against 9 µs a record here); it is built the first time a kind is written this way, since
# the models are built lazily (defer_build) and start-up only builds the union.
_OWN_SERIALIZERS: dict[type, SchemaSerializer] = {}


def _own_serializer(kind: type[RecordBase]) -> SchemaSerializer:
    kind.model_rebuild()
    serializer = _OWN_SERIALIZERS[kind] = kind.__pydantic_serializer__
    return serializer
