"""Deterministic synthetic household registry on real village boundaries.

    python -m spatial.synthetic --boundaries data/boundaries/lampung_barat_18.04.geojson \\
        --households 85000 --seed 42 --out DIR [--dirty] [--facilities-per-village 1.0]

Writes ``households.csv`` (HOUSEHOLD_COLUMNS), ``facilities.csv`` (FACILITY_COLUMNS),
``ground_truth.json`` (the planted poverty pockets and service gaps later analyses are tested
against), the children of those households measured at the posyandu (``children.csv``,
``gizi_desa.csv``, ``children_truth.json``: spatial/synthetic/children.py); with ``--dirty`` also
``households_dirty.csv`` and ``dirty_truth.json``; with ``--foreign`` the same rows spelled as other
offices write them (spatial/synthetic/foreign.py); with ``--misplaced`` the same rows with villages
that do not match their points (misplaced.py); the recipient lists of three social programmes with
planted targeting errors (``penerima_*.csv``, ``recipients_truth.json``: spatial/synthetic/recipients.py).
The same seed and parameters give byte-identical
files. Households are generated village by village (one random stream per village) and written in
chunks, so memory stays bounded.
"""
import argparse
import csv
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from spatial.codelists import FACILITY_COLUMNS, HOUSEHOLD_CATEGORIES, HOUSEHOLD_COLUMNS
from spatial.synthetic.children import write_children
from spatial.synthetic.dirty import write_dirty
from spatial.synthetic.facilities import make_facilities
from spatial.synthetic.foreign import write_foreign
from spatial.synthetic.geo import distance_m, load_villages
from spatial.synthetic.households import home_services_layak, village_households
from spatial.synthetic.layout import allocate, plan_layout
from spatial.synthetic.misplaced import write_misplaced
from spatial.synthetic.recipients import write_recipients

CHUNK_ROWS = 100_000
PROGRESS_ABOVE = 100_000
NIK_DATE_CODES = 71 * 1200      # (day incl. +40 for women) x month x year, see synthetic.households._nik
GAP_KINDS = ("air", "sanitasi")   # service_gaps kinds, in the order home_services_layak returns them


def generate(boundaries_path, out_dir, households: int = 85000, seed: int = 42, dirty: bool = False,
             facilities_per_village: float = 1.0, echo=None, foreign: bool = False,
             misplaced: bool = False, recipients: bool = True) -> dict:
    """Write the synthetic registry files into ``out_dir``; returns their paths and counts."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    villages, geoms = load_villages(boundaries_path)
    settlements = plan_layout(villages, geoms, seed)
    counts = allocate(settlements, villages, households, seed)
    paths = {"households": out / "households.csv", "facilities": out / "facilities.csv",
             "ground_truth": out / "ground_truth.json"}
    measured = _write_households(paths["households"], villages, geoms, settlements, counts, seed)
    facilities = make_facilities(villages, geoms, settlements, seed, facilities_per_village)
    _write_facilities(paths["facilities"], facilities)
    truth = _ground_truth(villages, settlements, measured, seed, {
        "boundaries": Path(boundaries_path).name, "households": households, "dirty": dirty,
        "facilities_per_village": facilities_per_village})
    paths["ground_truth"].write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    children = write_children(paths["households"], out, seed)
    paths |= {"children": out / "children.csv", "village_counts": out / "gizi_desa.csv",
              "children_truth": out / "children_truth.json"}
    result: dict[str, Any] = {"paths": paths, "counts": {
        "villages": len(villages), "households": households, "facilities": len(facilities),
        "poverty_pockets": len(truth["poverty_pockets"]), "service_gaps": len(truth["service_gaps"]),
        "gap_settlements": len({gap["settlement"] for gap in truth["service_gaps"]}),
        "without_coordinates": measured["without_coordinates"], "desil_1_2": measured["poor"],
        "child_measurements": children["measurements"]}}
    if dirty:
        paths["households_dirty"], paths["dirty_truth"] = out / "households_dirty.csv", out / "dirty_truth.json"
        result["counts"]["dirty_rows"] = write_dirty(paths["households"], paths["households_dirty"],
                                                     paths["dirty_truth"], villages, geoms, seed)
    if recipients:
        truth = write_recipients(out, paths["households"], seed)
        paths.update({f"penerima_{code}": out / f"penerima_{code}.csv" for code in truth})
        paths["recipients_truth"] = out / "recipients_truth.json"
        result["counts"]["recipients"] = {code: len(t["baris"]) for code, t in truth.items()}
    if foreign:
        for name in ("households_foreign", "facilities_foreign"):
            paths[name] = out / f"{name}.csv"
        paths["foreign_truth"] = out / "foreign_truth.json"
        result["counts"]["foreign_unknown"] = write_foreign(out, seed)["households"]["unknown"]
    if misplaced:
        paths["households_misplaced"] = out / "households_misplaced.csv"
        result["counts"]["misplaced"] = write_misplaced(out, seed)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if echo:
        echo(_summary(result))
    return result


def _write_households(path: Path, villages, geoms, settlements, counts, seed: int) -> dict:
    """Generate the households village by village and write them in chunks; returns per-settlement
    measurements of the planted settlements and overall counts."""
    total = int(counts.sum())
    by_village = settlements.groupby("village").indices
    layout = {column: settlements[column].to_numpy() for column in settlements.columns}
    measured = {"special": {}, "without_coordinates": 0, "poor": 0}
    chunk: list[dict] = []
    chunk_rows, kec = 0, None
    counter = np.zeros(NIK_DATE_CODES, dtype=np.int64)  # NIKs given per birth date, per kecamatan
    with open(path, "w", newline="", encoding="utf-8") as handle, \
            tqdm(total=total, unit="KK", mininterval=1.0, disable=total <= PROGRESS_ABOVE) as progress:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HOUSEHOLD_COLUMNS)
        for v, village in enumerate(villages.itertuples()):
            if village.kode_kec != kec:
                kec, counter = village.kode_kec, np.zeros(NIK_DATE_CODES, dtype=np.int64)
            rows = by_village[v]
            settle = {column: values[rows] for column, values in layout.items()}
            block = village_households(np.random.default_rng([seed, 4, v]), village, geoms[v], settle,
                                       counts[rows], counter)
            _measure(measured, block, settle)
            chunk.append(block)
            chunk_rows += len(block["desil"])
            progress.update(len(block["desil"]))
            if chunk_rows >= CHUNK_ROWS or v == len(villages) - 1:
                writer.writerows(_csv_rows(chunk))
                chunk, chunk_rows = [], 0
    return measured


def _measure(measured: dict, block: dict, settle) -> None:
    """Counts over all households, and households/poor/not-layak shares within each planted
    settlement's radius (households with coordinates only)."""
    located = ~np.isnan(block["lat"])
    measured["without_coordinates"] += int((~located).sum())
    measured["poor"] += int((block["desil"] <= 2).sum())
    specials = np.flatnonzero(settle["kind"] != "")
    if specials.size == 0:
        return
    layak = dict(zip(GAP_KINDS, home_services_layak(block)))
    for s in specials:
        centre = distance_m(block["lon"], block["lat"], settle["lon"][s], settle["lat"][s])
        inside = located & (centre <= settle["radius_m"][s])
        measured["special"][settle["truth_id"][s]] = {
            "households": int(inside.sum()), "poor_share": _share(block["desil"][inside] <= 2),
            "not_layak_share": {kind: _share(~flags[inside]) for kind, flags in layak.items()}}


def _share(flags: np.ndarray) -> float:
    """Share of True values (0 when empty)."""
    return float(flags.mean()) if flags.size else 0.0


def _csv_rows(chunk: list):
    """Rows of text/int cells in HOUSEHOLD_COLUMNS order for a list of village blocks."""
    data = {key: np.concatenate([block[key] for block in chunk]) for key in chunk[0]}
    columns = {
        "latitude": _coordinates(data["lat"]), "longitude": _coordinates(data["lon"]),
        "luas_lantai_m2": [f"{value:g}" for value in data["luas_lantai_m2"].tolist()],
        "tahun_bantuan_rumah": [str(year) if year else "" for year in data["tahun_bantuan_rumah"].tolist()],
    }
    for column, codes in HOUSEHOLD_CATEGORIES.items():
        columns[column] = np.array(codes + ("",), dtype=object)[data[column]].tolist()  # -1 -> empty
    for column in HOUSEHOLD_COLUMNS:
        if column not in columns:
            values = data[column]
            columns[column] = (values.astype(np.int64) if values.dtype == bool else values).tolist()
    return zip(*(columns[c] for c in HOUSEHOLD_COLUMNS))


def _coordinates(values: np.ndarray) -> list:
    """Degrees with 6 decimals; empty when unknown."""
    return ["" if value != value else f"{value:.6f}" for value in values.tolist()]


def _write_facilities(path: Path, facilities) -> None:
    """facilities.csv with FACILITY_COLUMNS, coordinates with 6 decimals."""
    table = facilities.assign(latitude=_coordinates(facilities["latitude"].to_numpy()),
                              longitude=_coordinates(facilities["longitude"].to_numpy()))
    table[list(FACILITY_COLUMNS)].to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def _ground_truth(villages, settlements, measured: dict, seed: int, parameters: dict) -> dict:
    """Planted pockets and gaps with what was actually generated within their radius. A gap
    settlement lacks both services, so it is listed once per kind (``C001-air``, ``C001-sanitasi``)."""
    pockets, gaps = [], []
    for special in settlements[settlements["kind"] != ""].sort_values("truth_id").itertuples():
        found = measured["special"][special.truth_id]
        place = {"lon": round(special.lon, 6), "lat": round(special.lat, 6), "radius_m": round(special.radius_m, 1),
                 "kode_desa": villages.at[special.village, "kode_desa"],
                 "nama_desa": villages.at[special.village, "nama_desa"], "households": found["households"]}
        if special.kind == "kantong":
            pockets.append({"id": special.truth_id} | place | {"poor_share": round(found["poor_share"], 4)})
            continue
        for kind in GAP_KINDS:
            gaps.append({"id": f"{special.truth_id}-{kind}", "kind": kind, "settlement": special.truth_id} | place
                        | {"not_layak_share": round(found["not_layak_share"][kind], 4)})
    return {"seed": seed, "parameters": parameters, "poverty_pockets": pockets, "service_gaps": gaps}


def _summary(result: dict) -> str:
    counts, paths = result["counts"], result["paths"]
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in paths.values())
    lines = [
        f"{counts['households']:,} rumah tangga di {counts['villages']} desa, {counts['facilities']:,} fasilitas "
        f"({result['seconds']} detik)",
        f"desil 1-2: {counts['desil_1_2'] / counts['households']:.1%}; tanpa koordinat: "
        f"{counts['without_coordinates'] / counts['households']:.1%}",
        f"kantong kemiskinan: {counts['poverty_pockets']}; celah layanan: {counts['gap_settlements']} permukiman "
        f"tanpa air dan sanitasi ({counts['service_gaps']} entri)"
        + (f"; baris kotor: {counts['dirty_rows']}" if "dirty_rows" in counts else ""),
        f"pengukuran anak (posyandu): {counts['child_measurements']:,}",
        sizes,
    ]
    return "\n".join(lines)


def main(argv=None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m spatial.synthetic", description=__doc__.split("\n")[0])
    parser.add_argument("--boundaries", required=True, help="village boundaries (GeoJSON/GeoPackage/Shapefile)")
    parser.add_argument("--households", type=int, default=85000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--dirty", action="store_true", help="also write households_dirty.csv and dirty_truth.json")
    parser.add_argument("--foreign", "--kantor-lain", dest="foreign", action="store_true",
                        help="also write households_foreign.csv, facilities_foreign.csv and foreign_truth.json: "
                             "the same rows with code-list values spelled as other offices do")
    parser.add_argument("--misplaced", "--salah-desa", dest="misplaced", action="store_true",
                        help="also write households_misplaced.csv: ~7 %% of the households declare another "
                             "village than the one their point lies in, ~1 %% lie at sea")
    parser.add_argument("--facilities-per-village", type=float, default=1.0,
                        help="facility density (1.0: a water point and an MCK near most settlements, "
                             "about 9 facilities per village)")
    args = parser.parse_args(argv)
    generate(args.boundaries, args.out, args.households, args.seed, args.dirty, args.facilities_per_village,
             echo=print, foreign=args.foreign, misplaced=args.misplaced)

