"""Export layers: what each is, where its SQL lives, who may have it, and the filtered query.

Each layer is one query ``exports/<name>`` (``SOURCES``) yielding ``fid, kode_desa, waktu, geom,
props``; ``exports/filtered`` wraps it with the filters (village/kecamatan, bbox, datetime,
property equality). The layer list is the allow-list: names from a request are looked up here and
never reach SQL text.
"""
import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field

from psycopg import sql as psql

from spatial import anonymity, sqlfiles
from spatial.areas import AreaError, N_
from spatial.privacy import PERSONAL_ROLES

GRID_CELL_M = 1000  # asked for by default; served as the nearest level at least this big (1,223 m)

# Property types of the published schemas (OGC API schema/queryables, GeoPackage export). Every
# integer is published as 64-bit: counts and rupiah sums of a district pass 2^31, and a client that
# guesses 32 bits from a first page silently clips them. Decimals are rounded in the layer's SQL to
# at most 6 places, so a Shapefile's 15 fixed decimals hold them exactly.
TEXT, INTEGER, DECIMAL, BOOLEAN = "string", "integer", "number", "boolean"


def typed(text: str, kind: str) -> dict:
    """``{name: kind}`` for the space-separated property names of ``text`` (declaration helper)."""
    return dict.fromkeys(text.split(), kind)


@dataclass(frozen=True)
class Layer:
    """One export layer / OGC API collection."""
    name: str
    title: str
    description: str
    geometry: str
    properties: tuple
    roles: tuple = ()             # roles that may export it; () = every signed-in user
    ogc: bool = True              # offered in OGC API Features (agencies: aggregates only)
    temporal: bool = False        # waktu is meaningful (datetime filter)
    fields: dict = field(default_factory=dict)  # every property of ``props`` -> TEXT/INTEGER/DECIMAL/BOOLEAN, in order
    extra: dict = field(default_factory=dict)


_AGG_PROPS = ("jumlah", "desil12", "desil1", "tanpa_air_layak", "tanpa_sanitasi_layak", "dengan_balita", "ditekan", "k")
# grid cells: households each count covers (sums of published base cells, spatial/anonymity.py)
_COVERED = tuple(f"{name}_dari" for name in ("desil12", "desil1", "tanpa_air_layak", "tanpa_sanitasi_layak", "dengan_balita"))
_AGG_FIELDS = {**typed("k jumlah desil12 desil1 tanpa_air_layak tanpa_sanitasi_layak dengan_balita", INTEGER),
               "ditekan": TEXT}

LAYERS = {layer.name: layer for layer in (
    Layer("desa", "Desa dan indikator", "Batas desa dengan indikator kemiskinan, RTLH, air, sanitasi dan stunting",
          "MultiPolygon", ("kode_desa", "nama", "jenis", "kode_kec", "rumah_tangga", "desil12", "persen_desil12",
                           "rtlh", "tanpa_air_layak", "tanpa_sanitasi_layak", "risiko_stunting"),
          fields={**typed("kode_desa nama jenis kode_kec", TEXT), "luas_ha": DECIMAL, "rumah_tangga": INTEGER,
                  "desil12": INTEGER, "persen_desil12": DECIMAL, "rtlh": INTEGER, "biaya_rtlh": INTEGER,
                  "tanpa_air_layak": INTEGER, "persen_tanpa_air_layak": DECIMAL, "tanpa_sanitasi_layak": INTEGER,
                  "persen_tanpa_sanitasi_layak": DECIMAL, "risiko_stunting": INTEGER,
                  "persen_risiko_stunting": DECIMAL}),
    Layer("kecamatan", "Kecamatan", "Batas kecamatan", "MultiPolygon", ("kode_kec", "nama", "kode_kab"),
          fields={**typed("kode_kec nama kode_kab", TEXT), "jumlah_desa": INTEGER}),
    Layer("kantong", "Kantong kemiskinan", "Kantong kemiskinan dari analisis terakhir tiap kabupaten", "MultiPolygon",
          ("kode_kab", "kantong_id", "run_id", "rumah_tangga", "rumah_tangga_miskin", "persen_miskin"), temporal=True,
          fields={"kode_kab": TEXT, **typed("kantong_id run_id rumah_tangga rumah_tangga_miskin anggota_kab_lain",
                                            INTEGER), "persen_miskin": DECIMAL, "desa": TEXT, "luas_ha": DECIMAL,
                  "metode": TEXT, **typed("risiko_relatif llr p_value", DECIMAL), "radius_m": INTEGER}),
    Layer("hotspot", "Titik panas (Gi*)", "Sel grid Getis-Ord Gi* dari analisis terakhir tiap kabupaten", "Polygon",
          ("kode_kab", "sel_id", "run_id", "kelas"), temporal=True,
          fields={"kode_kab": TEXT, **typed("sel_id run_id rumah_tangga miskin", INTEGER),
                  **typed("rasio gi_z p_value", DECIMAL), "kelas": TEXT}),
    Layer("celah", "Celah layanan", "Klaster rumah tangga tanpa layanan air/sanitasi", "MultiPolygon",
          ("kode_kab", "layanan", "klaster_id", "run_id", "rumah_tangga"), temporal=True,
          fields={**typed("kode_kab layanan", TEXT), **typed("klaster_id run_id rumah_tangga", INTEGER), "desa": TEXT}),
    Layer("lokasi", "Kandidat lokasi", "Kandidat lokasi sarana air/sanitasi", "Point",
          ("kode_kab", "layanan", "kandidat_id", "terpilih", "kode_desa"), temporal=True,
          fields={**typed("kode_kab layanan", TEXT), **typed("kandidat_id run_id", INTEGER), "terpilih": BOOLEAN,
                  **typed("urutan cakupan tambahan kumulatif", INTEGER), "kode_desa": TEXT}),
    Layer("fasilitas", "Fasilitas", "Fasilitas umum: air, sanitasi, kesehatan, sekolah", "Point",
          ("id_fasilitas", "jenis", "nama", "kode_desa", "kondisi", "berfungsi"), temporal=True,
          fields={**typed("id_fasilitas jenis nama kode_desa kondisi", TEXT), "berfungsi": BOOLEAN,
                  "kapasitas_kk": INTEGER}),
    Layer("kawasan", "Kawasan prioritas", "Kawasan prioritas yang ditetapkan perencana", "MultiPolygon",
          ("kawasan_id", "nama", "jenis", "tahun", "versi"), temporal=True,
          fields={"kawasan_id": INTEGER, **typed("nama jenis", TEXT), "tahun": INTEGER, "catatan": TEXT, "versi": INTEGER,
                  "luas_ha": DECIMAL}),
    Layer("lokus", "Desa lokus", "Desa lokus kemiskinan ekstrem dan stunting per tahun", "MultiPolygon",
          ("tahun", "jenis", "kode_desa", "nama"), temporal=True,
          fields={"tahun": INTEGER, **typed("jenis kode_desa nama alasan", TEXT)}),
    Layer("program", "Seleksi program", "Jumlah penerima program per desa dan status (tanpa data pribadi)",
          "MultiPolygon", ("program_id", "program", "tahun", "sumber", "kode_desa"), temporal=True,
          fields={"program_id": INTEGER, "program": TEXT, "tahun": INTEGER, **typed("sumber kode_desa nama_desa", TEXT),
                  **typed("jumlah usulan terverifikasi ditetapkan selesai", INTEGER)}),
    Layer("gizi_desa", "Gizi anak per desa",
          "Anak diukur, stunting dan wasting per desa (bulan data terakhir) dengan k-anonimitas; tanpa data per anak",
          "MultiPolygon", ("kode_desa", "nama", "periode", "sumber", "diukur", "stunting", "persen_stunting", "ditekan", "k"),
          temporal=True,
          fields={**typed("kode_desa nama periode sumber terakhir_ukur", TEXT),
                  **typed("k diukur stunting sangat_pendek dinilai_bbtb wasting", INTEGER),
                  **typed("persen_stunting persen_wasting", DECIMAL), "ditekan": TEXT}),
    Layer("rumah_tangga_desa", "Rumah tangga per desa", "Agregat rumah tangga per desa dengan k-anonimitas",
          "MultiPolygon", ("kode_desa", "nama", *_AGG_PROPS), fields={**typed("kode_desa nama", TEXT), **_AGG_FIELDS}),
    Layer("rumah_tangga_grid", "Rumah tangga per sel grid", "Agregat rumah tangga per sel grid dengan k-anonimitas",
          "Polygon", ("sel_m", *_AGG_PROPS, *_COVERED),
          fields={"sel_m": INTEGER, **_AGG_FIELDS, **typed(" ".join(_COVERED), INTEGER)}),
    Layer("rumah_tangga", "Rumah tangga (titik)", "Titik rumah tangga; NIK dan nama hanya untuk admin atas permintaan",
          "Point", ("id_keluarga", "kode_desa", "desil", "kualitas_lokasi", "rtlh", "memenuhi_syarat"),
          roles=PERSONAL_ROLES, ogc=False, temporal=True,
          fields={**typed("id_keluarga kode_desa", TEXT), **typed("desil jumlah_anggota jumlah_balita", INTEGER),
                  "kualitas_lokasi": TEXT, **typed("air_layak sanitasi_layak", BOOLEAN), "skor_rtlh": DECIMAL,
                  **typed("rtlh memenuhi_syarat", BOOLEAN), **typed("nik_kepala nama_kepala alamat", TEXT)}),
)}

# The query of each layer (names written out so the query-file check can see them).
SOURCES = {
    "desa": "exports/desa",
    "kecamatan": "exports/kecamatan",
    "kantong": "exports/kantong",
    "hotspot": "exports/hotspot",
    "celah": "exports/celah",
    "lokasi": "exports/lokasi",
    "fasilitas": "exports/fasilitas",
    "kawasan": "exports/kawasan",
    "lokus": "exports/lokus",
    "program": "exports/program",
    "gizi_desa": "exports/gizi_desa",
    "rumah_tangga_desa": "exports/rumah_tangga_desa",
    "rumah_tangga_grid": "exports/rumah_tangga_grid",
    "rumah_tangga": "exports/rumah_tangga",
}

FEATURE = ("json_build_object('type', 'Feature', 'id', src.fid, 'geometry', ST_AsGeoJSON(src.geom, 6)::json, "
           "'properties', src.props)::text")
COUNT = "count(*)"
COUNTED_FEATURE = FEATURE + ", count(*) OVER ()"  # a page's features, each with the number matched
EXTENT = ("ST_XMin(ST_Extent(src.geom)), ST_YMin(ST_Extent(src.geom)), ST_XMax(ST_Extent(src.geom)), "
          "ST_YMax(ST_Extent(src.geom)), min(src.waktu), max(src.waktu)")
CSV_COLUMNS = ("src.fid, src.props::text, ST_X(ST_PointOnSurface(src.geom)), ST_Y(ST_PointOnSurface(src.geom))")
WKB_COLUMNS = "src.fid, src.props::text, ST_AsBinary(src.geom)"
PAGE = "ORDER BY src.fid LIMIT %(limit)s OFFSET %(offset)s"
ONE = "AND src.fid = %(fid)s"
KODE_KEC = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
KODE_DESA = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")


def query(layer: Layer, columns: str, tail: str = "") -> psql.Composed:
    """The filtered query of ``layer`` selecting ``columns`` (one of the fragments above)."""
    return sqlfiles.composed("exports/filtered", source=psql.SQL(sqlfiles.query(SOURCES[layer.name])),
                             columns=psql.SQL(columns), tail=psql.SQL(tail))


def parse_bbox(text: str | None) -> tuple | None:
    """``"xmin,ymin,xmax,ymax"`` (WGS 84) to floats; None when empty; AreaError when malformed."""
    if not text:
        return None
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError as exc:
        raise AreaError(N_("bbox harus berupa empat angka: xmin,ymin,xmax,ymax.")) from exc
    if len(values) == 6:  # 3D bbox: keep x/y
        values = (values[0], values[1], values[3], values[4])
    if len(values) != 4 or not all(math.isfinite(v) for v in values) or values[0] > values[2] or values[1] > values[3]:
        raise AreaError(N_("bbox harus berupa empat angka: xmin,ymin,xmax,ymax."))
    return values


def _instant(text: str, end: bool) -> dt.datetime | None:
    if text in ("", ".."):
        return None
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
            return moment.replace(tzinfo=dt.UTC)
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise AreaError(N_("datetime tidak sah: %(nilai)s"), nilai=text) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def parse_datetime(text: str | None) -> tuple:
    """An OGC datetime (instant, ``a/b``, ``../b``, ``a/..``) to ``(t0, t1)``; a date covers its day."""
    if not text:
        return None, None
    if "/" in text:
        start, end = text.split("/", 1)
        return _instant(start, False), _instant(end, True)
    return _instant(text, False), _instant(text, True)


def filter_params(kode_kec=None, kode_desa=None, bbox=None, datetime=None, props: dict | None = None,
                  k: int | None = None, sel_m: int | None = None, pribadi: bool = False, geom: str | None = None,
                  wilayah: str | None = None) -> dict:
    """Bound parameters of ``export_filtered.sql`` from request values (checked here).

    ``k`` may raise the anonymity threshold, never lower it; ``sel_m`` (grid cell) is rounded up to
    a level of the one cell hierarchy (``spatial.anonymity``)."""
    if kode_kec and not KODE_KEC.match(kode_kec):
        raise AreaError(N_("Kode kecamatan harus seperti 18.04.04."))
    if kode_desa and not KODE_DESA.match(kode_desa):
        raise AreaError(N_("Kode desa harus seperti 18.04.04.2002."))
    box = parse_bbox(bbox) if isinstance(bbox, (str, type(None))) else tuple(bbox)
    t0, t1 = parse_datetime(datetime)
    k = anonymity.K if k is None else int(k)
    if k < anonymity.K:
        raise AreaError(N_("k tidak boleh kurang dari %(k)s."), k=anonymity.K)
    size = GRID_CELL_M if sel_m is None else int(sel_m)
    if not 1 <= size <= 100_000:
        raise AreaError(N_("Ukuran sel grid harus 1 sampai 100.000 meter."))
    level = anonymity.level_for_size(size)
    return {"kode_kec": kode_kec or None, "kode_desa": kode_desa or None,
            "xmin": box[0] if box else None, "ymin": box[1] if box else None,
            "xmax": box[2] if box else None, "ymax": box[3] if box else None,
            "t0": t0, "t1": t1, "props": json.dumps(props) if props else None,
            "k": k, "sel_m": round(anonymity.cell_m(level)), "tingkat": level, "dasar": anonymity.BASE_LEVEL,
            **anonymity.bbox_cells(box, level), "pribadi": bool(pribadi), "geom": geom, "wilayah": wilayah}

