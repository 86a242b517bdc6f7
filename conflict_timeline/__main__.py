"""`python -m conflict_timeline` and the `timeline` script."""


def run() -> None:
    from .cli import main

    main()


if __name__ == "__main__":
    run()
