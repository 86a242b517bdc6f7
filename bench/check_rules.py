"""How long `timeline check`'s rules take on a large synthetic record (loading excluded).

    python bench/check_rules.py [STRIKES]      # default 100000

Strikes: one party per record (mostly Russia), a report window of 2–14 hours somewhere in
2025, one of 25 regions, a drone and/or missile entry with counts (some as ranges), and every
tenth strike reported twice (a second source, same window, "N+" count) so the duplicate rules
have clusters to find. Plus one pause arrangement with two readings per month and a statement
per hundred strikes referring to a strike. Prints the seconds per rule and in total.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta

from conflict_timeline.checks.rules import all_rules
from conflict_timeline.records import validate_record
from conflict_timeline.timeline import Timeline

REGIONS = [f"Region {i}" for i in range(25)]


def synthetic(strikes: int, seed: int = 1) -> list:
    rng = random.Random(seed)
    raw = []
    start_of_year = datetime(2025, 1, 1)
    for i in range(strikes):
        start = start_of_year + timedelta(minutes=rng.randrange(365 * 24 * 60))
        end = start + timedelta(hours=rng.randint(2, 14))
        when = f"{start:%Y-%m-%dT%H:%M}/{end:%Y-%m-%dT%H:%M}"
        drones = rng.randint(5, 150)
        base = {"kind": "strike", "tz": "Europe/Kyiv", "when": when, "title": f"attack {i}",
                "by": "Russia" if rng.random() < 0.95 else "Ukraine",
                "targets": [rng.choice(["energy", "residential", "military"])],
                "location": {"country": "Ukraine", "region": rng.choice(REGIONS)},
                "weapons": [{"type": "drone", "launched": drones,
                             "intercepted": rng.randint(0, drones)}]}
        raw.append({**base, "id": f"s{i}"})
        if i % 10 == 0:
            copy = {**base, "id": f"s{i}-news",
                    "weapons": [{"type": "drone", "launched": f"{drones - drones % 10}+"}]}
            raw.append(copy)
        if i % 100 == 0:
            raw.append({"id": f"st{i}", "kind": "statement", "tz": "Europe/Kyiv",
                        "when": f"{end:%Y-%m-%d}", "title": "comment", "speaker": "Official",
                        "refers_to": [f"s{i}"], "stance": "confirms"})
    for month in range(1, 13):
        for reader, scope in (("A", {}), ("B", {"targets": ["energy"]})):
            raw.append({"id": f"p{month}{reader}", "kind": "pause", "tz": "Europe/Kyiv",
                        "when": f"2025-{month:02d}-10/P5D", "declared_on": f"2025-{month:02d}-09",
                        "title": "pause", "claimed_by": reader, "binds": ["Russia"],
                        "arrangement": f"pause-{month}", "scope": scope})
    return [validate_record(r) for r in raw]


def main() -> None:
    strikes = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    records = synthetic(strikes)
    began = time.perf_counter()
    timeline = Timeline(records)
    print(f"{len(records)} records; index built in {time.perf_counter() - began:.2f} s")
    total = 0.0
    for rule in all_rules():
        began = time.perf_counter()
        found = sum(1 for _ in rule.check(timeline))
        took = time.perf_counter() - began
        total += took
        print(f"{rule.code} {rule.name:30} {found:7d} findings  {took:6.2f} s")
    print(f"all rules: {total:.2f} s")


if __name__ == "__main__":
    main()
