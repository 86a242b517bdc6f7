"""`timeline rules`: the rule list, one rule explained, or both as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from ..checks.findings import Rule
from .findings.text import SEVERITY_LOOK


def render_rules(rules: Sequence[Rule]) -> RenderableType:
    """One table, a heading row per family."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("code", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("summary", overflow="fold")
    family = None
    for rule in rules:
        if rule.family != family:
            family = rule.family
            table.add_row(Text(rule.code[0], style="bold"), Text(f"{family} family", style="bold"))
        label, style = SEVERITY_LOOK[rule.severity]
        table.add_row(rule.code, rule.name, Text(label, style=style), rule.summary)
    return table


def render_rule(rule: Rule) -> RenderableType:
    label, style = SEVERITY_LOOK[rule.severity]
    head = Text(f"{rule.code} {rule.name}", style="bold")
    head.append(f"  ({rule.family} family)  ", style="dim")
    head.append(label, style=style)
    # the explanation is the project's own text, written as Markdown
    return Group(head, Text(rule.summary, style="italic"), Text(""), Markdown(rule.explanation))


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {"code": rule.code, "name": rule.name, "family": rule.family,
            "severity": rule.severity.value, "summary": rule.summary,
            "explanation": rule.explanation}


def write_rules_json(rules: Sequence[Rule], out: TextIO, one: bool = False) -> None:
    items = [rule_dict(r) for r in rules]
    json.dump(items[0] if one else items, out, ensure_ascii=False, indent=2)
    out.write("\n")
