"""Whether pydantic's plugins are off, read as pydantic reads ``PYDANTIC_DISABLE_PLUGINS``.

Kept apart from the CLI and the records so both can ask without importing the other."""

import os


def pydantic_plugins_disabled() -> bool:
    """True when pydantic loads no plugin at all (a list of names disables only those)."""
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true")
