"""The level of each report the missile-attacks importer makes: the Air Force's national
summary or a regional air command's report, so that neither `plot` nor `check` adds the two
without saying so."""

from conflict_timeline.importers import import_paths
from conflict_timeline.importers.missile_attacks import COLUMNS

HEADER = ",".join(COLUMNS)


def _row(source, start="2026-04-04 18:00", end="2026-04-05 08:00"):
    cells = dict.fromkeys(COLUMNS, "")
    cells.update(time_start=start, time_end=end, model="Shahed-136/131", launched="10.0",
                 destroyed="8.0", source=source, target="Ukraine")
    return ",".join(cells[c] for c in COLUMNS)


def test_each_report_records_its_level(tmp_path):
    path = tmp_path / "attacks.csv"
    path.write_text("\n".join([HEADER, _row("kpszsu/posts/pfbidA"),
                               _row("PvKPivden/posts/pfbidB", "2026-04-05", "2026-04-05"),
                               _row("pvkshid/posts/pfbidC", "2026-04-05", "2026-04-05"),
                               _row("PvkZahid/posts/pfbidD", "2026-04-05", "2026-04-05"),
                               _row("GeneralStaff.ua/posts/pfbidE")]) + "\n", encoding="utf-8")
    records = import_paths("missile-attacks", [path]).records
    levels = {next(t for t in r.tags if t.startswith("reporter:")):
              [t for t in r.tags if t.startswith("level:")] for r in records}
    assert levels == {
        "reporter:kpszsu": ["level:national"],
        "reporter:PvKPivden": ["level:regional"],
        "reporter:pvkshid": ["level:regional"],
        "reporter:PvkZahid": ["level:regional"],
        "reporter:GeneralStaff.ua": [],  # neither the Air Force nor one of its commands
    }
