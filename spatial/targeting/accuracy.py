"""Targeting accuracy of a programme in one period, per village, kecamatan and kabupaten.

Per village (``sasaran_ketepatan`` in sql/functions/095_bantuan.sql; docs/tepat-sasaran.md):

- ``sasaran``: active households eligible by the programme's rule; ``tidak_lengkap``: those whose
  data decide nothing (counted apart, never as an error);
- ``penerima``: recipient rows counted in the village; ``tepat``: eligible and receiving;
  ``salah_masuk``: receiving without being eligible (desil above the rule, no component, other
  tenure, not in the registry, household no longer active, listed twice or in two villages);
  ``tidak_dinilai``: receiving, eligibility unknown;
- ``salah_keluar``: eligible, not receiving;
- rates: ``galat_eksklusi`` = salah_keluar / sasaran, ``galat_inklusi`` = salah_masuk /
  (salah_masuk + tepat), ``cakupan`` = tepat / sasaran, ``kebocoran`` = rupiah to salah_masuk /
  rupiah to all recipients.

Roles without personal-data rights get the published counts only (the one anonymity rule,
``sasaran_terbit`` with ``spatial.anonymity.K``); a kecamatan or kabupaten then adds only
published village counts, and a rate only over the villages whose parts are all published, so
no two answers can be subtracted to reveal a suppressed village.
"""
from spatial import anonymity
from spatial.errors import N_, NotFound
from spatial.sqlfiles import fetch_all, fetch_rows
from spatial.targeting.programs import programs, sql_rules

COUNTS = ("rumah_tangga", "sasaran", "tidak_lengkap", "penerima", "tepat", "tidak_dinilai", "salah_masuk",
          "salah_keluar", "nilai_total", "nilai_bocor")
# inclusion-error reasons, in the order of the tables
REASONS = {
    "desil_di_atas_batas": N_("desil di atas batas program"),
    "tanpa_komponen": N_("tidak punya komponen yang disyaratkan"),
    "status_rumah_lain": N_("status rumah tidak sesuai syarat"),
    "tidak_terdaftar": N_("tidak ditemukan di registri"),
    "tidak_aktif": N_("rumah tangga tidak aktif lagi (pindah, meninggal, pecah KK)"),
    "nik_ganda_desa": N_("NIK yang sama menerima di desa lain"),
    "penerima_ganda": N_("tercatat dua kali di desa yang sama"),
}
RATES = {
    "galat_eksklusi": (("salah_keluar",), ("sasaran",)),
    "galat_inklusi": (("salah_masuk",), ("salah_masuk", "tepat")),
    "cakupan": (("tepat",), ("sasaran",)),
    "kebocoran": (("nilai_bocor",), ("nilai_total",)),
}
LEVELS = {"kecamatan": ("kode_kec", "nama_kec"), "kabupaten": ("kode_kab", "nama_kab")}


def program_of(code: str):
    """The programme ``code`` of programs.toml; NotFound otherwise."""
    found = programs().get(code)
    if found is None:
        raise NotFound(N_("Program %(program)s tidak dikenal."), program=code)
    return found


def periods(conn, wilayah: str | None) -> list[dict]:
    """Programmes and periods with recipient rows in the region (newest period first per programme)."""
    return fetch_all(conn, "targeting/periods", {"wilayah": wilayah})


def _parameters(code: str, periode: str, wilayah: str | None) -> dict:
    rule = sql_rules([program_of(code).kode])[0]
    return {"program": code, "periode": periode, "desil_maks": rule["desil_maks"], "komponen": rule["komponen"],
            "status_rumah": rule["status_rumah"], "nilai": rule["nilai"], "wilayah": wilayah, "k": anonymity.K}


def rates(counts: dict) -> dict:
    """The rates of one row of counts (None where a part is missing or the denominator is 0)."""
    out = {}
    for name, (top, bottom) in RATES.items():
        parts = [counts.get(c) for c in top + bottom]
        below = sum(counts[c] for c in bottom) if None not in parts else 0
        out[name] = round(sum(counts[c] for c in top) / below, 4) if below else None
    return out


def villages(conn, code: str, periode: str, wilayah: str | None, personal: bool) -> list[dict]:
    """One row per village of the region with recipients or households: code, names, the counts
    (published ones only unless ``personal``), the inclusion reasons (``personal`` only) and the rates."""
    rows = fetch_all(conn, "targeting/villages", _parameters(code, periode, wilayah))
    out = []
    for row in rows:
        counts = {c: row[c] for c in COUNTS} if personal else {c: row["terbit"].get(c) for c in COUNTS}
        item = {key: row[key] for key in ("kode_desa", "nama", "kode_kec", "nama_kec", "kode_kab", "nama_kab")}
        item.update(counts)
        item["alasan"] = {r: row[r] for r in REASONS} if personal else None
        item.update(rates(counts))
        out.append(item)
    return out


def roll_up(rows: list[dict], level: str) -> list[dict]:
    """Kecamatan or kabupaten rows from village rows: sums of the (published) counts, and each rate
    over the villages whose parts of it are all known."""
    code_key, name_key = LEVELS[level]
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row[code_key], []).append(row)
    out = []
    for code, members in groups.items():
        item = {"kode": code, "nama": members[0][name_key], "desa": len(members)}
        item.update({c: sum(r[c] for r in members if r[c] is not None) for c in COUNTS})
        item["ditekan"] = sum(any(r[c] is None for c in COUNTS) for r in members)
        for name, (top, bottom) in RATES.items():
            known = [r for r in members if all(r[c] is not None for c in top + bottom)]
            below = sum(r[c] for r in known for c in bottom)
            item[name] = round(sum(r[c] for r in known for c in top) / below, 4) if below else None
            item[f"{name}_desa"] = len(known)  # villages the rate covers (all of them unless counts are hidden)
        if members[0]["alasan"] is not None:
            item["alasan"] = {reason: sum(r["alasan"][reason] for r in members) for reason in REASONS}
        out.append(item)
    return sorted(out, key=lambda item: item["kode"])


def report(conn, code: str, periode: str, wilayah: str | None, personal: bool) -> dict:
    """Villages, kecamatan and kabupaten of one programme and period (see the module doc)."""
    rows = villages(conn, code, periode, wilayah, personal)
    return {"program": code, "periode": periode, "desa": rows, "kecamatan": roll_up(rows, "kecamatan"),
            "kabupaten": roll_up(rows, "kabupaten"), "k": None if personal else anonymity.K}


def village_features(conn, rows: list[dict], wilayah: str | None) -> dict:
    """The village rows of a report as a GeoJSON FeatureCollection on the villages' display outlines."""
    shapes = dict(fetch_rows(conn, "targeting/village_shapes", {"desa": [r["kode_desa"] for r in rows],
                                                                "wilayah": wilayah}))
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": shapes[row["kode_desa"]],
         "properties": {k: v for k, v in row.items() if k != "alasan"}}
        for row in rows if row["kode_desa"] in shapes]}


def ranked(rows: list[dict], indicator: str) -> list[dict]:
    """Village rows worst first by ``indicator`` (coverage: lowest first). A village whose rate
    rests on fewer than k households (a 1-of-1 says little) comes after those ranked, as does one
    without the rate."""
    top, bottom = RATES[indicator]

    def key(row):
        base = sum(row[c] or 0 for c in bottom)
        value = row[indicator]
        if value is None or base < anonymity.K:
            return (1, 0.0)
        return (0, value if indicator == "cakupan" else -value)
    return sorted(rows, key=key)
