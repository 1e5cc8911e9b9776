"""Stunting lokus by evidence: the proposal ranks each kabupaten's villages on measured prevalence
where there are measurements and on the registry proxy only where there are none, and says for
every village which figure it used and why it is (or is not) on the list.

The rule lives in ``[lokus]`` of ``stunting_config.toml`` and is shown to users in words
(:func:`rule_text`). Decisions use the full figures; the words shown to a user hold only the
numbers that user may see (a suppressed figure is stated as above or below the threshold).
"""
import datetime as dt

from spatial.growth.indicators import load_config, periods, village_figures
from spatial.sqlfiles import Connection

MEASURED, PROXY = "terukur", "proksi"
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def _number(value) -> str:
    return f"{float(value):.1f}".replace(".", ",")


def _month(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def rule_text(config: dict | None = None) -> str:
    """The lokus rule in plain Bahasa Indonesia, with the configured numbers."""
    rule = (config or load_config())["lokus"]
    return (f"Desa yang punya data pengukuran anak diusulkan bila prevalensi stunting yang dihaluskan (Empirical "
            f"Bayes) mencapai {_number(rule['ambang_prevalensi'])} %. Hanya desa yang sama sekali belum punya data "
            f"pengukuran memakai proksi registri (rumah tangga dengan balita yang tanpa air minum layak, tanpa "
            f"sanitasi layak atau desil 1-2) dan diusulkan bila proksi itu mencapai {_number(rule['ambang_proksi'])} %. "
            f"Di setiap kabupaten desa terukur didahulukan, masing-masing diurutkan menurut angkanya; paling banyak "
            f"{rule['jumlah_usulan']} desa usulan per kabupaten dicentang.")


def reference_month(conn: Connection, tahun: int, wilayah: str | None) -> dt.date | None:
    """The newest month with figures up to the end of ``tahun`` (the newest of all for a later year)."""
    months = periods(conn, wilayah)
    return next((m for m in months if m.year <= tahun), None)


def evidence(conn: Connection, tahun: int, wilayah: str | None, full: bool) -> tuple[dict, dt.date | None]:
    """``{kode_desa: {bukti, nilai, diusulkan, urutan, bukti_teks}}`` for the villages of ``wilayah``,
    and the month the figures are of. ``full``: the user may see unsuppressed figures."""
    config = load_config()
    rule = config["lokus"]
    month = reference_month(conn, tahun, wilayah)
    decided = {r["kode_desa"]: r for r in village_figures(conn, month, wilayah, True, config)} if month else {}
    shown = ({r["kode_desa"]: r for r in village_figures(conn, month, wilayah, False, config)}
             if month and not full else decided)
    out = {}
    for code, row in decided.items():
        if row["diukur"]:
            value, limit = row["persen_stunting_eb"], rule["ambang_prevalensi"]
            text = _measured_text(shown[code], value >= limit, limit)
            out[code] = {"bukti": MEASURED, "nilai": value, "diusulkan": value >= limit, "bukti_teks": text}
        else:
            out[code] = {"bukti": PROXY, "nilai": None, "diusulkan": False, "bukti_teks": None}
    return out, month


def _measured_text(row: dict, above: bool, limit: float) -> str:
    side = "≥" if above else "<"
    when = _month(row["periode"]) + (" (data lama)" if row["data_lama"] else "")
    source = "rekap desa" if row["sumber"] == "agregat" else "data anak"
    if row["persen_stunting_eb"] is None:
        return (f"Terukur, {when}, {source}: prevalensi stunting {'di atas' if above else 'di bawah'} ambang "
                f"{_number(limit)} %; angkanya tidak ditampilkan (kurang dari 5 anak).")
    return (f"Terukur, {when}, {source}: stunting {_number(row['persen_stunting_eb'])} % dihaluskan "
            f"({row['stunting']} dari {row['diukur']} anak, {_number(row['persen_stunting'])} %) {side} ambang "
            f"{_number(limit)} %.")


def rank(rows: list[dict], found: dict, config: dict | None = None) -> list[dict]:
    """Rank the lokus proposal rows (areas/lokus_proposal: kode_desa, kode_kab, risiko_stunting,
    rumah_tangga, ...) by evidence within each kabupaten: sets ``bukti``, ``bukti_teks``,
    ``diusulkan``, ``usul`` (ticked while the kabupaten has fixed none) and ``peringkat``."""
    rule = (config or load_config())["lokus"]
    for row in rows:
        item = found.get(row["kode_desa"]) or {"bukti": PROXY, "nilai": None, "diusulkan": False, "bukti_teks": None}
        row.update(item)
        if item["bukti"] == PROXY:
            share = 100.0 * float(row["risiko_stunting"]) / row["rumah_tangga"] if row["rumah_tangga"] else 0.0
            row["nilai"], row["diusulkan"] = round(share, 1), share >= rule["ambang_proksi"]
            row["bukti_teks"] = (f"Tanpa data pengukuran: proksi {_number(share)} % rumah tangga berisiko stunting "
                                 f"{'≥' if row['diusulkan'] else '<'} ambang {_number(rule['ambang_proksi'])} %.")
    ordered = sorted(rows, key=lambda r: (r["kode_desa"][:5], not r["diusulkan"], r["bukti"] != MEASURED,
                                          -(r["nilai"] or 0.0), r["kode_desa"]))
    place: dict[str, int] = {}
    for row in ordered:
        place[row["kode_desa"][:5]] = place.get(row["kode_desa"][:5], 0) + 1
        row["peringkat"] = place[row["kode_desa"][:5]]
        row["usul"] = row["diusulkan"] and row["peringkat"] <= rule["jumlah_usulan"]
    return ordered
