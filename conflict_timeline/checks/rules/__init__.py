"""The rules of `timeline check`, one module per rule.

A module here that defines ``RULE`` is a rule: adding one is adding a module, touching no
other. Modules whose name starts with ``_`` are shared helpers, not rules.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ..findings import FAMILIES, Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, by family (pause, time, duplicate, number, reference), then code."""
    rules = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, Rule):
            rules.append(rule)
    codes = [r.code for r in rules]
    duplicated = sorted({c for c in codes if codes.count(c) > 1})
    if duplicated:  # a programming error, caught by the tests
        raise RuntimeError(f"rule codes used twice: {', '.join(duplicated)}")
    families = list(FAMILIES)
    return tuple(sorted(rules, key=lambda r: (families.index(r.code[0]), r.code)))
