"""N001: more weapons intercepted than launched."""

from __future__ import annotations

from collections.abc import Iterator

from ...records import count_bounds, describe_count
from ...timeline import Timeline
from ..findings import Finding, Rule, Severity


def check(timeline: Timeline) -> Iterator[Finding]:
    for strike in timeline.strikes:
        for index, weapon in enumerate(strike.weapons):
            if weapon.launched is None or weapon.intercepted is None:
                continue
            launched_most = count_bounds(weapon.launched)[1]
            intercepted_least = count_bounds(weapon.intercepted)[0]
            if launched_most is not None and intercepted_least > launched_most:
                what = weapon.type.value + (f" ({weapon.model})" if weapon.model else "")
                launched = describe_count(weapon.launched)
                intercepted = describe_count(weapon.intercepted)
                yield RULE.finding(
                    f"weapons[{index}] {what}: intercepted {intercepted} is more than launched "
                    f"{launched}",
                    [strike.id],
                    f"At least {intercepted_least} were intercepted but at most {launched_most} "
                    "launched. One of the counts is wrong, or they come from reports of "
                    "different windows or weapon types.",
                    {"weapon": index, "launched": launched, "intercepted": intercepted})


RULE = Rule(
    code="N001",
    name="intercepted-exceeds-launched",
    severity=Severity.ERROR,
    summary="A weapon entry has more intercepted than launched.",
    explanation="""\
Within one weapon entry of a strike, `intercepted` cannot exceed `launched`. Counts may be
ranges or bounds ("100+", {"min": 90, "max": 120}); only a certain contradiction is reported:
the fewest that can have been intercepted is more than the most that can have been launched.
`launched = "100+"` with `intercepted = 150` is consistent (more than 150 may have been
launched); `launched = 111` with `intercepted = "over 120"` is not.

Example: `{"type": "drone", "launched": 80, "intercepted": 111}` — the two numbers swapped.""",
    check=check,
)
