"""Every import kind reads its cells one way: the check query reads the view imp_baris, in which
the kind's number and amount columns are already read (importer/registry.py), never the raw
staging table."""
import re

import pytest

from spatial.growth.imports import MEASUREMENTS, VILLAGE_COUNTS
from spatial.importer.registry import FACILITY_KIND, HOUSEHOLD_KIND
from spatial.sqlfiles import query
from spatial.targeting.recipients import RECIPIENT_KIND

KINDS = (HOUSEHOLD_KIND, FACILITY_KIND, MEASUREMENTS, VILLAGE_COUNTS, RECIPIENT_KIND)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.schema.kind)
def test_the_check_reads_typed_cells_of_its_own_columns(kind):
    schema = kind.schema
    typed = schema.numbers + schema.amounts
    assert typed, "every kind has a column read as a number"
    assert set(typed) <= set(schema.columns)
    assert not set(schema.numbers) & set(schema.amounts)
    text = query(kind.check)
    assert re.search(r"\bFROM imp_baris m\b", text)
    assert not re.search(r"\bFROM imp_mentah\b", text)
    assert "sasaran_angka(m." not in text and "sasaran_rupiah(m." not in text
    for column in typed:
        assert "SELECT m.*" in text or f"m.{column}" in text, f"{kind.check} does not read the number column {column}"
