"""Recipient lists of social programmes for the synthetic registry (issue #24), with planted
targeting errors, written beside ``households.csv``:

- ``penerima_<program>.csv``: one row per recipient family (each programme in its own office's
  spelling: PKH with the documented headers, BPNT as a Kemensos export with "NIK KPM", "Nama KPM",
  "Kode Wilayah", "Tahap", "Nominal" and programme names in words);
- ``recipients_truth.json``: per row the family it really is and how the app must link it, the
  villages of the planted errors, and per row the planted error.

Who receives: a family eligible by the programme's rule (spatial/targeting/programs.toml) with
probability ``COVERAGE``; an ineligible one rarely (``LEAK_NEAR`` just above the rule's desil,
``LEAK_FAR`` otherwise). Planted, in villages chosen by the seed: one village per programme where
well-off families (desil 8-10) were added (inclusion), one where most eligible families were left
out (exclusion), families that are not in the registry, the same NIK listed again in another
village, rows with only a name (spelled otherwise: titles, old spelling), and rows whose NIK was
mistyped (a name match the app must hold for review, never link).
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd

from rapidfuzz import fuzz, process

from spatial.targeting.names import normalise_name
from spatial.targeting.programs import programs

PROGRAMS = ("pkh", "bpnt", "blt_dd")
PERIOD = "2026"
COVERAGE, LEAK_NEAR, LEAK_FAR = 0.8, 0.03, 0.003
PLANTED_RICH = 20          # well-off families added in the inclusion village
EXCLUDED_COVERAGE = 0.15   # coverage of the eligible in the exclusion village
SHARES = {"nik_only": 0.10, "name_only": 0.03, "nik_typo": 0.01, "unregistered": 0.01, "duplicate": 0.005}
FAKE_PREFIX = "1899"       # NIKs of a kabupaten code that does not exist: never in the registry
TYPO_PREFIX = "1800"       # a mistyped kabupaten digit ("00" is no kabupaten: never in the registry either)
COLUMNS = {
    "pkh": ("program", "periode", "id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "alamat", "nilai"),
    "bpnt": ("Jenis Bantuan", "Tahap", "No KK", "NIK KPM", "Nama KPM", "Kode Wilayah", "Alamat", "Nominal"),
    "blt_dd": ("program", "periode", "id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "alamat", "nilai"),
}
PROGRAM_WORDS = {"pkh": "PKH", "bpnt": "Program Sembako", "blt_dd": "BLT Dana Desa"}


def eligible(households: pd.DataFrame, program) -> pd.Series:
    """The programme's rule on the generated households (True/False; NA when the data decide it
    not), written out again in pandas so the tests can compare the app's figures with it."""
    desil = households["desil"]
    ok = (desil <= program.desil_maks).astype("boolean").mask(desil.isna())
    if program.salah_satu:
        flags = {"balita": households["jumlah_balita"] > 0, "lansia": households["ada_lansia"] == 1,
                 "disabilitas": households["ada_disabilitas"] == 1,
                 "kepala_perempuan": households["kepala_perempuan"] == 1}
        columns = {"balita": "jumlah_balita", "lansia": "ada_lansia", "disabilitas": "ada_disabilitas",
                   "kepala_perempuan": "kepala_perempuan"}
        anyone = np.zeros(len(households), dtype=bool)
        unknown = np.zeros(len(households), dtype=bool)
        for component in program.salah_satu:
            anyone |= flags[component].fillna(False).to_numpy(dtype=bool)
            unknown |= households[columns[component]].isna().to_numpy()
        component_ok = pd.array(np.where(anyone, True, np.where(unknown, pd.NA, False)), dtype="boolean")
        ok = ok & component_ok
    if program.status_rumah:
        status = households["status_rumah"]
        ok = ok & pd.array(np.where(status.isna(), pd.NA, status.isin(program.status_rumah)), dtype="boolean")
    return ok


def read_households(path: Path) -> pd.DataFrame:
    """The columns of households.csv the lists need (yes/no as 0/1, empty as NA)."""
    columns = ["id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "alamat", "desil", "jumlah_balita",
               "ada_lansia", "ada_disabilitas", "kepala_perempuan", "status_rumah"]
    frame = pd.read_csv(path, usecols=columns, dtype={"id_keluarga": str, "nik_kepala": str, "kode_desa": str})
    for column in ("desil", "jumlah_balita", "ada_lansia", "ada_disabilitas", "kepala_perempuan"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def _respell(rng, names: np.ndarray) -> list:
    """Names as another office writes them: a title, the old spelling, or the words swapped."""
    out = []
    for name, how in zip(names, rng.integers(0, 3, len(names))):
        words = str(name).split()
        if how == 0:
            out.append("H. " + " ".join(w.title() for w in words))
        elif how == 1:
            out.append(" ".join(words).replace("U", "OE", 1).replace("J", "DJ", 1) + ", S.Pd")
        else:
            out.append(", ".join(reversed(words)) if len(words) > 1 else "Bpk. " + words[0])
    return out


def _distinct_names(households: pd.DataFrame, chosen: pd.DataFrame) -> np.ndarray:
    """Per chosen row: its name stands apart in its village (no other head scores 90 or more), so
    a list that gives only the name can be told apart by anyone, and by the matcher."""
    names = households.assign(norm=households["nama_kepala"].map(normalise_name)).groupby("kode_desa")["norm"]
    wanted = set(chosen["kode_desa"])
    by_village = {village: group.to_numpy() for village, group in names if village in wanted}
    out = np.zeros(len(chosen), dtype=bool)
    for i, (village, name) in enumerate(zip(chosen["kode_desa"], chosen["nama_kepala"])):
        scores = process.cdist([normalise_name(name)], by_village[village], scorer=fuzz.token_sort_ratio)[0]
        out[i] = np.sort(scores)[-2] < 90 if len(scores) > 1 else True
    return out


def planted_villages(rng, households: pd.DataFrame) -> list:
    """The larger quarter of the villages (enough households for the planted errors to show), in a
    seeded order."""
    sizes = households.groupby("kode_desa").size().sort_values(ascending=False, kind="stable")
    large = np.array(sorted(sizes.index[:max(2 * len(PROGRAMS), len(sizes) // 4)]))
    return list(rng.permutation(large))


def make_list(households: pd.DataFrame, code: str, seed: int, villages: list) -> tuple[pd.DataFrame, dict]:
    """The recipient list of one programme (any code of programs.toml) and its truth (see the module doc)."""
    position = list(programs()).index(code)
    rng = np.random.default_rng([seed, 24, position])
    program = programs()[code]
    ok = eligible(households, program)
    desil = households["desil"].to_numpy(dtype=float)
    exclusion_village, inclusion_village = villages[(2 * position) % len(villages)], villages[(2 * position + 1) % len(villages)]
    chance = np.where(ok.fillna(False), COVERAGE,
                      np.where(desil <= program.desil_maks + 2, LEAK_NEAR, LEAK_FAR))
    chance[ok.isna().to_numpy()] = LEAK_NEAR
    in_exclusion = households["kode_desa"].to_numpy() == exclusion_village
    chance[in_exclusion & ok.fillna(False).to_numpy()] = EXCLUDED_COVERAGE
    receives = rng.random(len(households)) < chance
    rich = np.flatnonzero((households["kode_desa"].to_numpy() == inclusion_village) & (desil >= 8) & ~receives)
    planted_rich = rng.choice(rich, size=min(PLANTED_RICH, len(rich)), replace=False)
    receives[planted_rich] = True
    chosen = households[receives].copy()
    chosen["benar"] = chosen["id_keluarga"]
    chosen["tertaut"] = chosen["id_keluarga"]
    chosen["tanam"] = np.where(chosen.index.isin(planted_rich), "inklusi_desil", "")
    kind = rng.choice(["full", *SHARES], size=len(chosen), p=[1 - sum(SHARES.values()), *SHARES.values()])
    name_only = np.flatnonzero(kind == "name_only")
    kind[name_only[~_distinct_names(households, chosen.iloc[name_only])]] = "full"
    chosen["id_out"] = np.where(kind == "full", chosen["id_keluarga"], "")
    chosen["nik_out"] = np.where(np.isin(kind, ["full", "nik_only", "duplicate"]), chosen["nik_kepala"], "")
    chosen["nama_out"] = chosen["nama_kepala"]
    name_only = kind == "name_only"
    chosen.loc[name_only, "nama_out"] = _respell(rng, chosen.loc[name_only, "nama_kepala"].to_numpy())
    typo = kind == "nik_typo"
    chosen.loc[typo, "nik_out"] = [TYPO_PREFIX + n[4:] for n in chosen.loc[typo, "nik_kepala"]]
    chosen.loc[typo, "tertaut"] = None  # a name match with another NIK: held for review
    unregistered = kind == "unregistered"
    chosen.loc[unregistered, "nik_out"] = [FAKE_PREFIX + n[4:] for n in chosen.loc[unregistered, "nik_kepala"]]
    chosen.loc[unregistered, "nama_out"] = [f"{n} ALIAS" for n in chosen.loc[unregistered, "nama_kepala"]]
    chosen.loc[unregistered, ["benar", "tertaut"]] = None
    chosen.loc[unregistered, "tanam"] = "tidak_terdaftar"
    rows = chosen[["id_out", "nik_out", "nama_out", "kode_desa", "alamat", "benar", "tertaut", "tanam"]]
    duplicates = chosen[kind == "duplicate"].copy()
    village_list = np.array(sorted(households["kode_desa"].unique()))
    duplicates["kode_desa"] = village_list[(np.searchsorted(village_list, duplicates["kode_desa"]) + 1)
                                           % len(village_list)]
    duplicates["id_out"], duplicates["tanam"] = "", "nik_ganda_desa"
    table = pd.concat([rows, duplicates[rows.columns]], ignore_index=True)
    table = table.sample(frac=1.0, random_state=int(rng.integers(2**31))).reset_index(drop=True)
    truth = {"program": code, "periode": PERIOD, "desa_eksklusi": exclusion_village,
             "desa_inklusi": inclusion_village,
             "baris": table[["benar", "tertaut", "tanam", "kode_desa"]].astype(object)
             .where(table[["benar", "tertaut", "tanam", "kode_desa"]].notna(), None).to_dict("records")}
    return table, truth


def write_recipients(out: Path, households_path: Path, seed: int) -> dict:
    """Write the lists of PROGRAMS and recipients_truth.json into ``out``; returns the truth."""
    households = read_households(households_path)
    villages = planted_villages(np.random.default_rng([seed, 24]), households)
    truths = {}
    for code in PROGRAMS:
        table, truth = make_list(households, code, seed, villages)
        program = programs()[code]
        cells = pd.DataFrame({
            0: PROGRAM_WORDS[code] if code == "bpnt" else code, 1: PERIOD, 2: table["id_out"], 3: table["nik_out"],
            4: table["nama_out"], 5: table["kode_desa"], 6: table["alamat"], 7: program.nilai_per_periode})
        cells.columns = COLUMNS[code]
        cells.to_csv(out / f"penerima_{code}.csv", index=False, lineterminator="\n", encoding="utf-8")
        truths[code] = truth
    (out / "recipients_truth.json").write_text(json.dumps(truths, ensure_ascii=False) + "\n", encoding="utf-8")
    return truths
