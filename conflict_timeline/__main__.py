"""`python -m conflict_timeline` and the `timeline` script."""

import gc


def run() -> None:
    # Start-up (Typer, pydantic, the record models) makes tens of thousands of objects that
    # live as long as the process: the cyclic collector would walk them again and again, a
    # tenth of a short command's time. It is off until a command's work begins
    # (cli.common.load and resume_collector switch it back on).
    gc.disable()
    from .pattern_cache import patterns_kept

    with patterns_kept():  # before Typer is imported: it compiles patterns as it loads
        from .cli import main

        main()


if __name__ == "__main__":
    run()
