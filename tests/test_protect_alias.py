"""A name that contains a protected witness's surname goes with it (issue 15, finding 6).

Protecting Oksana Melnyk blacked out "Melnyk" inside her cousin's "Ksenia Melnyk-Ortiz":
the page hid the whole mention, but the stored text and the search index kept "Ksenia"
and "Ortiz", so ``list --search Ksenia`` found the report. The whole mention is now
blacked out and sealed, and unprotecting Oksana brings all of it back.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow

REPORT = """Mothers wait for news from the colony

Recruiters visited Penal Colony No. 3 near Orsk in May 2024, said Oksana Melnyk, whose son
is an inmate. Her cousin Ksenia Melnyk-Ortiz said that about 20 inmates signed contracts.
"""


def test_a_name_containing_the_surname_is_blacked_out_whole_and_restored(cli, write) -> None:
    cli("add", str(write("mothers.txt", REPORT)), "--published", "2024-06-01")
    before = json.loads(cli("show", "1", "--format", "json").stdout)
    key = next(e["id"] for e in before["entities"] if e["name"] == "Oksana Melnyk")
    assert cli("protect", "1", key).exit_code == 0
    shown = cli("show", "1", "--format", "json").stdout
    assert "Ksenia" not in shown and "Ortiz" not in shown and "Melnyk" not in shown
    found = json.loads(cli("list", "--search", "Ksenia", "--format", "json").stdout)
    assert found == [], "search must not find the report by the cousin's first name"
    assert "Penal Colony No. 3" in shown, "the rest of the report stays"
    assert cli("protect", "1", key, "--undo").exit_code == 0
    assert json.loads(cli("show", "1", "--format", "json").stdout) == before
