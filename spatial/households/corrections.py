"""Corrections of a household's house data found in the field (issue #19): roof, wall and floor
material, floor area and the point. The new value is written to ``rumah_tangga`` and the old one
kept in ``rumah_tangga_koreksi`` with who, when and from which upload and selection.

Values are compared and stored as text in one form (``as_text``), so a preview can say "36,5 ->
24" and applying it can check that nobody changed the value in between."""
from decimal import Decimal

from spatial.sqlfiles import fetch_all, fetch_one, run

MATERIALS = ("jenis_atap", "jenis_dinding", "jenis_lantai")
AREA = "luas_lantai_m2"
POINT = "lokasi"
COLUMNS = MATERIALS + (AREA, POINT)


def as_text(kolom: str, value) -> str | None:
    """The stored form of a value of ``kolom`` (lokasi: ``(lat, lon)`` -> ``'-5.051200, 104.061100'``)."""
    if value is None:
        return None
    if kolom == POINT:
        lat, lon = value
        return None if lat is None or lon is None else f"{float(lat):.6f}, {float(lon):.6f}"
    if kolom == AREA:
        return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"
    return str(value)


def current(conn, kode_prov: str, rt_id: int) -> dict:
    """The correctable values as stored now (text form), the row locked until the transaction ends."""
    row = fetch_one(conn, "households/correction_lock", {"kode_prov": kode_prov, "id": rt_id})
    if row is None:
        return {}
    values = {k: as_text(k, row[k]) for k in MATERIALS + (AREA,)}
    values[POINT] = as_text(POINT, (row["lat"], row["lon"]))
    return values


def correct(conn, kode_prov: str, rt_id: int, changes: dict, expected: dict, oleh: str,
            unggahan_id: int | None = None, seleksi_id: int | None = None) -> tuple[list[dict], list[str]]:
    """Write ``changes`` ``{kolom: new value}`` (lokasi: ``(lat, lon)``) to one household if each
    column still holds the value ``expected[kolom]`` (text form, as the preview saw it).

    Returns (applied ``[{"kolom", "lama", "baru"}]``, columns left alone because they changed
    since the preview)."""
    now = current(conn, kode_prov, rt_id)
    applied, stale = [], []
    for kolom, value in changes.items():
        if kolom not in COLUMNS:
            raise ValueError(f"kolom koreksi tidak dikenal: {kolom}")
        if now.get(kolom) != expected.get(kolom):
            stale.append(kolom)
            continue
        new = as_text(kolom, value)
        if new != now.get(kolom):
            applied.append({"kolom": kolom, "lama": now.get(kolom), "baru": new, "nilai": value})
    if not applied:
        return [], stale
    values: dict = {k: None for k in MATERIALS + (AREA, "lat", "lon")}
    for change in applied:
        if change["kolom"] == POINT:
            values["lat"], values["lon"] = change["nilai"]
        else:
            values[change["kolom"]] = change["nilai"]
    run(conn, "households/correction_apply", {**values, "kode_prov": kode_prov, "id": rt_id})
    fetch_all(conn, "households/correction_insert", {
        "kode_prov": kode_prov, "id": rt_id, "unggahan_id": unggahan_id, "seleksi_id": seleksi_id, "oleh": oleh,
        "kolom": [c["kolom"] for c in applied], "lama": [c["lama"] for c in applied],
        "baru": [c["baru"] for c in applied]})
    return [{k: c[k] for k in ("kolom", "lama", "baru")} for c in applied], stale
