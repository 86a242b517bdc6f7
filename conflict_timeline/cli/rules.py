"""`timeline rules`: the rules of `timeline check`, listed or explained one by one."""

from typing import Annotated

import typer

from .application import app
from .common import TextOrJson, fail


@app.command()
def rules(
    code: Annotated[
        str | None,
        typer.Argument(metavar="CODE", hidden=True, show_default=False,
                       help="A rule code (P002) or name (possible-pause-violation) to explain. "
                       "Default: list every rule."),
    ] = None,
    output_format: Annotated[
        TextOrJson,
        typer.Option("--format", "-f", metavar="text|json", help="text: for people; json: code, name, family, "
                     "severity, summary and explanation of each rule."),
    ] = TextOrJson.text,
) -> None:
    """List the rules of `timeline check`, or explain one (as `ruff rule` does).

    CODE is a rule code (P002) or name (possible-pause-violation) to explain; without it,
    every rule is listed.
    """
    import sys

    from ..checks.rules import all_rules
    from ..rendering.rules_text import render_rule, render_rules, write_rules_json
    from .common import stdout_console

    chosen = list(all_rules())
    if code is not None:
        wanted = code.strip()
        chosen = [r for r in chosen if wanted.upper() == r.code or wanted.lower() == r.name]
        if not chosen:
            known = ", ".join(r.code for r in all_rules())
            fail(f"no rule {code!r}: the codes are {known} (`timeline rules` lists them)")
    if output_format is TextOrJson.json:
        write_rules_json(chosen, sys.stdout, one=code is not None)
    elif code is not None:
        stdout_console().print(render_rule(chosen[0]))
    else:
        stdout_console().print(render_rules(chosen))
