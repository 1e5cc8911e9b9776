"""Two generated kabupaten for the per-kabupaten tests (issue #18): the real Lampung Barat villages
(18.04) and a copy moved 1.2 degrees east and renumbered 18.98 ("Kabupaten Uji Timur"), with one
synthetic registry generated over both. Databases: both kabupaten together, and each kabupaten
alone (its boundaries, households, facilities and children's measurements only)."""
import csv
import json
from dataclasses import dataclass
from pathlib import Path

from spatial.boundaries import load_boundaries
from spatial.growth.imports import import_measurements
from spatial.migrate import migrate
from spatial.importer.registry import import_facilities, import_households
from spatial.sample import SAMPLE_BOUNDARIES

KAB_A, KAB_B = "18.04", "18.98"
SHIFT_LON = 1.2
B_BBOX = (103.81 + SHIFT_LON - 0.01, -5.36, 104.60 + SHIFT_LON + 0.01, -4.85)  # lon/lat box of 18.98


@dataclass
class TwoKabupaten:
    """URLs of the databases (``both``, ``alone[kab]``) and the generated files."""
    both: str
    alone: dict
    folder: Path


def _moved(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [coordinates[0] + SHIFT_LON, *coordinates[1:]]
    return [_moved(c) for c in coordinates]


def write_boundaries(folder: Path) -> dict:
    """Boundary files: ``both`` (18.04 + 18.98), ``18.04`` and ``18.98`` alone."""
    source = json.loads(SAMPLE_BOUNDARIES.read_text(encoding="utf-8"))
    copy = []
    for feature in source["features"]:
        props = dict(feature["properties"])
        for key in ("kode_desa", "kode_kec", "kode_kab"):
            props[key] = KAB_B + props[key][len(KAB_A):]
        props["nama_kab"] = "Kabupaten Uji Timur"
        copy.append({"type": "Feature", "properties": props,
                     "geometry": {"type": feature["geometry"]["type"],
                                  "coordinates": _moved(feature["geometry"]["coordinates"])}})
    files = {}
    for name, features in (("both", source["features"] + copy), (KAB_A, source["features"]), (KAB_B, copy)):
        path = folder / f"batas_{name}.geojson"
        path.write_text(json.dumps({**source, "features": features}), encoding="utf-8")
        files[name] = path
    return files


def split_csv(path: Path, kab: str, out: Path) -> Path:
    """The rows of ``path`` whose village lies in kabupaten ``kab``."""
    with open(path, encoding="utf-8", newline="") as source, open(out, "w", encoding="utf-8", newline="") as target:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for row in reader if row["kode_desa"].startswith(kab + "."))
    return out


def load(url: str, boundaries: Path, households: Path, facilities: Path, children: Path) -> None:
    """Boundaries, households, facilities and children's measurements into the (migrated) database ``url``."""
    load_boundaries(str(boundaries), url=url, source=boundaries.name)
    import_households(households, url=url)
    import_facilities(facilities, url=url)
    import_measurements(children, url=url)


def build(folder: Path, urls: dict, households: int, seed: int) -> TwoKabupaten:
    """Generate the registry over both kabupaten and fill ``urls`` (``both``, ``18.04``, ``18.98``:
    empty databases) with both, and each kabupaten alone."""
    from spatial.synthetic import generate

    files = write_boundaries(folder)
    generate(files["both"], folder, households=households, seed=seed)
    alone = {}
    for name, url in urls.items():
        migrate(url)
        if name == "both":
            load(url, files["both"], folder / "households.csv", folder / "facilities.csv", folder / "children.csv")
            continue
        load(url, files[name], split_csv(folder / "households.csv", name, folder / f"rt_{name}.csv"),
             split_csv(folder / "facilities.csv", name, folder / f"fasilitas_{name}.csv"),
             split_csv(folder / "children.csv", name, folder / f"anak_{name}.csv"))
        alone[name] = url
    return TwoKabupaten(urls["both"], alone, folder)


KAB_SPLIT = "18.97"


def write_split_boundaries(folder: Path) -> Path:
    """Lampung Barat with its kecamatan from 18.04.15 on renumbered as an adjacent kabupaten 18.97."""
    source = json.loads(SAMPLE_BOUNDARIES.read_text(encoding="utf-8"))
    for feature in source["features"]:
        props = feature["properties"]
        if props["kode_kec"] >= KAB_A + ".15":
            for key in ("kode_desa", "kode_kec", "kode_kab"):
                props[key] = KAB_SPLIT + props[key][len(KAB_A):]
            props["nama_kab"] = "Kabupaten Uji Utara"
    path = folder / "batas_terbelah.geojson"
    path.write_text(json.dumps(source), encoding="utf-8")
    return path


def write_households(path: Path, template_csv: Path, rows: list[dict]) -> Path:
    """A household CSV of ``rows`` (id_keluarga, kode_desa, latitude, longitude, desil, nik_kepala),
    every other column copied from the first row of ``template_csv``."""
    with open(template_csv, encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        first, columns = next(reader), reader.fieldnames
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**first, "tahun_bantuan_rumah": "", **row} for row in rows)
    return path
