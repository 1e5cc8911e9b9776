"""Issue #17: a registry file written by another office (the generator's foreign-office copy: the
same households, code-list values in other spellings, answer numbers, synonyms, components, plus a
few values no list has) imports with no household lost to a spelling."""
import json

import pandas as pd
import psycopg

from spatial.codelists import BOOLEAN_COLUMNS, HOUSEHOLD_CATEGORIES
from spatial.importer.report import rejects
from spatial.importer.registry import import_facilities, import_households

CATEGORY = list(HOUSEHOLD_CATEGORIES) + list(BOOLEAN_COLUMNS)


def _clean(sample_dir, name, key, columns):
    frame = pd.read_csv(sample_dir / f"{name}.csv", dtype=str, keep_default_na=False).set_index(key)[columns]
    for column in BOOLEAN_COLUMNS:
        if column in frame:
            frame[column] = frame[column].map({"1": True, "0": False})
    return frame.replace({"": None})


def _stored(url, table, key, columns):
    with psycopg.connect(url) as conn:
        cursor = conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}")
        return pd.DataFrame(cursor.fetchall(), columns=[key] + columns, dtype=object).set_index(key)


def test_foreign_office_households_all_stored_with_the_clean_values(scratch_db, sample_dir):
    truth = json.loads((sample_dir / "foreign_truth.json").read_text())["households"]
    foreign = pd.read_csv(sample_dir / "households_foreign.csv", dtype=str, keep_default_na=False)
    clean = _clean(sample_dir, "households", "id_keluarga", CATEGORY)
    assert (foreign[CATEGORY].to_numpy() != clean.reset_index()[CATEGORY].fillna("").replace(
        {True: "1", False: "0"}).to_numpy()).mean() > 0.4                       # really spelled otherwise
    result = import_households(sample_dir / "households_foreign.csv", url=scratch_db)
    assert result.rows == truth["rows"] and result.rejected == 0
    assert result.inserted >= 0.99 * truth["rows"]
    stored = _stored(scratch_db, "rumah_tangga", "id_keluarga", CATEGORY).loc[clean.index]
    expected = clean.copy().astype(object)
    for unknown in truth["unknown"]:
        expected.iat[unknown["row"] - 1, CATEGORY.index(unknown["column"])] = None
    differing = (stored.fillna("-").astype(str) != expected.fillna("-").astype(str))
    assert not differing.any().any(), stored[differing.any(axis=1)].head()
    # every unknown value: a warning on its row naming the cell, never a rejection
    _, rejected, warned = rejects(result.import_id, scratch_db)
    warned_rows = {row[-3]: row for row in warned}
    assert not rejected and truth["unknown"]
    for unknown in truth["unknown"]:
        row = warned_rows[unknown["row"] + 1]
        assert "kategori_tidak_valid" in row[-2] and repr(unknown["value"]) in row[-1]
    assert result.reasons == {"kategori_tidak_valid": len({u["row"] for u in truth["unknown"]})}


def test_foreign_office_facilities_all_stored_with_the_clean_values(scratch_db, sample_dir):
    truth = json.loads((sample_dir / "foreign_truth.json").read_text())["facilities"]
    result = import_facilities(sample_dir / "facilities_foreign.csv", url=scratch_db)
    assert (result.rows, result.rejected, result.inserted) == (truth["rows"], 0, truth["rows"])
    clean = _clean(sample_dir, "facilities", "id_fasilitas", ["jenis", "kondisi"])
    stored = _stored(scratch_db, "fasilitas", "id_fasilitas", ["jenis", "kondisi"]).loc[clean.index]
    for unknown in truth["unknown"]:
        clean.iat[unknown["row"] - 1, 1] = None
    assert (stored.fillna("-") == clean.fillna("-")).all().all()
