"""The record union's validator: built by pydantic from the models, then kept between runs.

pydantic builds a validator in two steps: its Python code turns the models into a *core
schema* (plain data naming the models, their enums and their validator functions), then
pydantic-core compiles that schema. The first step takes about 7 ms for the four kinds (20
million instructions, a sixth of what a short command costs beyond its imports); the second
under 1 ms. So the core schema pydantic
built is kept in the user's cache directory and, while nothing that shapes it has changed,
compiled again from there instead of being rebuilt. The models stay the one definition of
the format: the cache holds only what pydantic made of them, and a change to any module of
``records``, to pydantic, pydantic-core or Python gives a new key, so a stale schema is
never used.

Only with pydantic's plugins off (the CLI's default): a plugin is entitled to see the
validator built. The cache's directory and its switch are ``user_cache``'s. A cache that
cannot be read or written is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

# pickle's C half is all a run needs to read the cache: the pickle module itself, needed
# only to write it, costs every command 3.5 million instructions to import
from _pickle import Unpickler, UnpicklingError

import pydantic_core
from pydantic import VERSION as PYDANTIC_VERSION
from pydantic_core import SchemaSerializer, SchemaValidator

from ..pydantic_plugins import pydantic_plugins_disabled
from ..user_cache import cache_directory, write_whole

CACHE_FORMAT = 1
_PREFIX = "record-validator-"
_FILES_KEPT = 4  # one per installed version a user switches between, within reason


class RecordValidation(NamedTuple):
    validator: Any  # pydantic-core's SchemaValidator, or pydantic's wrapper for plugins
    serializer: SchemaSerializer
    restored: bool  # compiled from the cache rather than built by pydantic


def record_validation(build: Callable[[], Any], package: Path) -> RecordValidation:
    """The validator and serializer of ``build()`` (a pydantic TypeAdapter), restored from
    the cache when it holds the schema of this very ``package`` source."""
    path = _cache_path(package) if pydantic_plugins_disabled() else None
    if path is not None:
        restored = _restore(path)
        if restored is not None:
            return restored
    adapter = build()
    if path is not None:
        _store(path, adapter.validator)
    return RecordValidation(adapter.validator, adapter.serializer, restored=False)


def _cache_path(package: Path) -> Path | None:
    directory = cache_directory()
    if directory is None:
        return None
    key = hashlib.sha256(f"{CACHE_FORMAT} {sys.version} {PYDANTIC_VERSION} "
                         f"{pydantic_core.__version__}".encode())
    try:  # os.listdir, not Path.glob: a glob compiles a regular expression
        for name in sorted(n for n in os.listdir(package) if n.endswith(".py")):
            key.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    except OSError:  # no readable source (a frozen or zipped install): nothing to key on
        return None
    return directory / f"{_PREFIX}{key.hexdigest()[:24]}.pickle"


def _restore(path: Path) -> RecordValidation | None:
    try:
        schema, config = _SchemaUnpickler(io.BytesIO(path.read_bytes())).load()
        return RecordValidation(SchemaValidator(schema, config),
                                SchemaSerializer(schema, config), restored=True)
    # a cache is only ever a shortcut: whatever is wrong with one (not there yet, truncated,
    # written by something else, refused by the unpickler or by pydantic-core), pydantic
    # builds anew
    except Exception:  # noqa: BLE001
        return None


def _store(path: Path, validator: Any) -> None:
    import pickle

    _, (schema, config, *_) = validator.__reduce__()  # what it was compiled from
    try:
        data = pickle.dumps((_without_metadata(schema), config), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):
        return  # a part that cannot be named (a lambda): this schema is rebuilt every run
    if write_whole(path, data):
        _forget_old(path)


def _forget_old(kept: Path) -> None:
    try:  # another run may be forgetting them too
        others = sorted((p for p in kept.parent.glob(f"{_PREFIX}*.pickle") if p != kept),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_FILES_KEPT - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _without_metadata(schema: Any) -> Any:
    """The schema without its ``metadata``: pydantic's notes for making JSON Schema,
    which pydantic-core never reads and which hold functions made on the fly. A field's
    default is kept as it is, the very object (the records' shared empty list)."""
    if type(schema) is dict:
        if not isinstance(schema.get("type"), str):  # a mapping of field names to fields
            return {key: _without_metadata(value) for key, value in schema.items()}
        return {key: value if key == "default" else _without_metadata(value)
                for key, value in schema.items() if key != "metadata"}
    if type(schema) in (list, tuple):
        return type(schema)(_without_metadata(item) for item in schema)
    return schema


class _SchemaUnpickler(Unpickler):
    """Only what a record schema names: the records' own classes and functions, and
    attributes (validator methods) of those classes. A file in the cache directory can then
    call nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name == "getattr":
            return _record_attribute
        if module.startswith("conflict_timeline.records.") and not name.startswith("__"):
            return super().find_class(module, name)
        raise UnpicklingError(f"a record schema does not name {module}.{name}")


def _record_attribute(owner: Any, name: str) -> Any:
    if not (isinstance(owner, type) and owner.__module__.startswith("conflict_timeline.records.")
            and isinstance(name, str) and not name.startswith("__")):
        raise UnpicklingError(f"a record schema does not name {owner!r}.{name}")
    return getattr(owner, name)
