"""Stunting lokus by evidence: the proposal ranks each kabupaten's villages on measured prevalence
where there are measurements and on the registry proxy only where there are none, and says for
every village which figure it used and why it is (or is not) on the list.

The rule lives in ``[lokus]`` of ``stunting_config.toml`` and is shown to users in words
(:func:`rule_text`). Decisions use the full figures; the words shown to a user hold only the
numbers that user may see (a suppressed figure is stated as above or below the threshold).
"""
import datetime as dt

from spatial.errors import N_, Message, Number, Text
from spatial.growth.indicators import load_config, periods, village_figures
from spatial.sqlfiles import Connection

MEASURED, PROXY = "terukur", "proksi"
MONTHS = (N_("Januari"), N_("Februari"), N_("Maret"), N_("April"), N_("Mei"), N_("Juni"), N_("Juli"),
          N_("Agustus"), N_("September"), N_("Oktober"), N_("November"), N_("Desember"))


def _month(day: dt.date, old: bool) -> Message:
    if old:
        return Message(N_("%(bulan)s %(tahun)s (data lama)"), bulan=Text(MONTHS[day.month - 1]), tahun=day.year)
    return Message(N_("%(bulan)s %(tahun)s"), bulan=Text(MONTHS[day.month - 1]), tahun=day.year)


def rule_text(config: dict | None = None) -> Message:
    """The lokus rule in plain words (Bahasa Indonesia, translated where shown), with the configured numbers."""
    rule = (config or load_config())["lokus"]
    return Message(N_(
        "Desa yang punya data pengukuran anak diusulkan bila prevalensi stunting yang dihaluskan (Empirical Bayes) "
        "mencapai %(prevalensi)s %%. Hanya desa yang sama sekali belum punya data pengukuran memakai proksi registri "
        "(rumah tangga dengan balita yang tanpa air minum layak, tanpa sanitasi layak atau desil 1-2) dan diusulkan "
        "bila proksi itu mencapai %(proksi)s %%. Di setiap kabupaten desa terukur didahulukan, masing-masing "
        "diurutkan menurut angkanya; paling banyak %(jumlah)s desa usulan per kabupaten dicentang."),
        prevalensi=Number(rule["ambang_prevalensi"]), proksi=Number(rule["ambang_proksi"]),
        jumlah=rule["jumlah_usulan"])


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


def _measured_text(row: dict, above: bool, limit: float) -> Message:
    when = _month(row["periode"], row["data_lama"])
    source = Text(N_("rekap desa")) if row["sumber"] == "agregat" else Text(N_("data anak"))
    if row["persen_stunting_eb"] is None:
        if above:
            return Message(N_("Terukur, %(bulan)s, %(sumber)s: prevalensi stunting di atas ambang %(ambang)s %%; "
                              "angkanya tidak ditampilkan (kurang dari 5 anak)."),
                           bulan=when, sumber=source, ambang=Number(limit))
        return Message(N_("Terukur, %(bulan)s, %(sumber)s: prevalensi stunting di bawah ambang %(ambang)s %%; "
                          "angkanya tidak ditampilkan (kurang dari 5 anak)."),
                       bulan=when, sumber=source, ambang=Number(limit))
    return Message(N_("Terukur, %(bulan)s, %(sumber)s: stunting %(dihaluskan)s %% dihaluskan (%(stunting)s dari "
                      "%(diukur)s anak, %(persen)s %%) %(sisi)s ambang %(ambang)s %%."),
                   bulan=when, sumber=source, dihaluskan=Number(row["persen_stunting_eb"]), stunting=Number(row["stunting"], 0),
                   diukur=Number(row["diukur"], 0), persen=Number(row["persen_stunting"]), sisi="≥" if above else "<",
                   ambang=Number(limit))


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
            row["bukti_teks"] = Message(
                N_("Tanpa data pengukuran: proksi %(proksi)s %% rumah tangga berisiko stunting %(sisi)s ambang "
                   "%(ambang)s %%."),
                proksi=Number(share), sisi="≥" if row["diusulkan"] else "<", ambang=Number(rule["ambang_proksi"]))
    ordered = sorted(rows, key=lambda r: (r["kode_desa"][:5], not r["diusulkan"], r["bukti"] != MEASURED,
                                          -(r["nilai"] or 0.0), r["kode_desa"]))
    place: dict[str, int] = {}
    for row in ordered:
        place[row["kode_desa"][:5]] = place.get(row["kode_desa"][:5], 0) + 1
        row["peringkat"] = place[row["kode_desa"][:5]]
        row["usul"] = row["diusulkan"] and row["peringkat"] <= rule["jumlah_usulan"]
    return ordered
