"""Analysis pages (issues #4, #18): one page per analysis with the current result of every
kabupaten of the user's region on a map, the parameters form, the re-run button (perencana/admin;
a kabupaten or a province), plain-language help and the run history; the kabupaten compared."""
import json

import folium
from flask import Blueprint, abort, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user

from spatial.analysis import ANALYSES, results
from spatial.analysis.comparison import kabupaten_comparison
from spatial.analysis.regions import region_choices
from webgis.analysis_labels import CODED, pocket_figures, property_labels, value_labels
from webgis.auth import authenticated
from webgis.database import connection
from webgis.indicators import INDICATORS
from webgis.mapkit import base_map, render_parts
from webgis.scope import region_filter

blueprint = Blueprint("analysis_pages", __name__, url_prefix="/analisis")

# Page -> title, analysis kinds it runs, result layers drawn on its map.
PAGES = {
    "kantong": (_l("Kantong kemiskinan"), ("kantong",), ("kantong",)),
    "hotspot": (_l("Titik panas kemiskinan"), ("hotspot",), ("hotspot",)),
    "celah": (_l("Celah air minum dan sanitasi"), ("celah",), ("celah-desa", "celah")),
    "skor": (_l("Skor prioritas RTLH"), ("skor",), ()),
    "lokasi": (_l("Usulan lokasi sarana baru"), ("lokasi",), ("celah", "lokasi-usulan")),
}
PARAMETER_LABELS = {
    "desil_maks": _l("Miskin = desil 1 sampai"),
    "metode": _l("Metode (scan atau dbscan)"),
    "maks_persen_rt": _l("Lingkaran paling banyak memuat persen rumah tangga kabupaten"),
    "maks_radius_m": _l("Jari-jari lingkaran paling besar (meter)"),
    "replikasi": _l("Jumlah ulangan acak (Monte Carlo)"),
    "eps_m": _l("Jarak ketetanggaan (meter)"),
    "min_titik": _l("Jumlah rumah tangga minimum per kelompok"),
    "buffer_m": _l("Penyangga poligon (meter)"),
    "persen_miskin_min": _l("Persen miskin minimum dalam kantong"),
    "sel_m": _l("Ukuran sel grid (meter)"),
    "min_rt": _l("Rumah tangga minimum per sel/desa"),
    "alpha": _l("Tingkat kesalahan (alpha)"),
    "permutasi": _l("Jumlah permutasi"),
    "seed": _l("Benih acak"),
    "jarak_tetangga_m": _l("Jarak batas desa bertetangga (meter)"),
    "radius_air_m": _l("Jarak layanan air (meter)"),
    "radius_sanitasi_m": _l("Jarak layanan sanitasi (meter)"),
    "tahun_acuan": _l("Tahun acuan (0 = tahun ini)"),
    "biaya_satuan": _l("Biaya per rumah (Rp; 0 = dari konfigurasi)"),
    "ambang_rtlh": _l("Ambang skor RTLH (0 = dari konfigurasi)"),
    "k": _l("Jumlah lokasi baru"),
    "layanan": _l("Layanan (air, sanitasi, keduanya)"),
    "maks_kandidat": _l("Jumlah kandidat maksimum"),
    "bobot_miskin": _l("Bobot rumah tangga miskin"),
    "run_celah": _l("Run analisis celah (0 = terbaru)"),
    "batas_waktu_s": _l("Batas waktu pemecah (detik)"),
}
STYLES = {
    "kantong": lambda f: {"color": "#7a0177", "weight": 2, "fillColor": "#c51b8a", "fillOpacity": 0.35},
    "hotspot": lambda f: _class_style(f, 0.45),
    "celah": lambda f: {"color": "#08519c" if f["properties"]["layanan"] == "air" else "#a63603", "weight": 2,
                        "fillOpacity": 0.3},
    "celah-desa": lambda f: {"color": "#555", "weight": 1, "fillColor": _ramp(f["properties"]["skor_celah"]),
                             "fillOpacity": 0.55},
    "lokasi-usulan": lambda f: {"color": "#08519c" if f["properties"]["layanan"] == "air" else "#a63603",
                                "fillColor": "#31a354", "weight": 3, "fillOpacity": 0.9},
}
HIDDEN_IN_TOOLTIP = ("desa", "metode", "llr", "radius_m", "run_id")
CLASS_COLOURS = {"panas": "#d7301f", "dingin": "#2b8cbe", "tidak_signifikan": "#bbbbbb"}
RAMP = ((20, "#fee5d9"), (40, "#fcae91"), (60, "#fb6a4a"), (80, "#de2d26"), (101, "#a50f15"))


def _class_style(feature, opacity):
    colour = CLASS_COLOURS[feature["properties"]["kelas"]]
    faint = feature["properties"]["kelas"] == "tidak_signifikan"
    return {"color": colour, "weight": 1, "fillColor": colour, "fillOpacity": 0.08 if faint else opacity}


def _ramp(value):
    return next(colour for limit, colour in RAMP if float(value or 0) < limit)


def layer_names() -> dict:
    """Translated names of the result layers."""
    return {"kantong": _("Kantong kemiskinan"), "hotspot": _("Gi* (sel grid)"),
            "celah": _("Klaster tak terlayani"), "celah-desa": _("Peringkat celah desa"),
            "lokasi-usulan": _("Lokasi usulan")}


def result_map(layers: tuple) -> dict:
    """A folium map with the result layers of the current runs (the API's GeoJSON, region-scoped)."""
    fmap = base_map(element_id="peta_analisis")
    bounds = None
    with connection() as conn:
        collections = {name: json.loads(results.layer_geojson(conn, name, wilayah=region_filter())) for name in layers}
    for name, data in collections.items():
        if not data["features"]:
            continue
        fields = _tooltip_fields(data)
        layer = folium.GeoJson(data, name=layer_names()[name], style_function=STYLES[name],
                               marker=folium.CircleMarker() if name == "lokasi-usulan" else None,
                               tooltip=folium.GeoJsonTooltip(fields=fields, aliases=_aliases(fields)))
        layer.add_to(fmap)
        bounds = _union(bounds, layer.get_bounds())
    folium.LayerControl(collapsed=False).add_to(fmap)
    if bounds:
        fmap.fit_bounds(bounds)
    return render_parts(fmap)


def _tooltip_fields(data: dict) -> list:
    """The first eight properties for the tooltip; coded values (kelas, layanan, kuadran) get a
    translated copy ``<name>_teks`` shown in their place (styles still read the codes)."""
    values = value_labels()
    for feature in data["features"]:
        props = feature["properties"]
        for key in CODED:
            if key in props:
                props[f"{key}_teks"] = str(values.get(props[key], props[key]))
        if props.get("metode") == "scan":
            props["peluang_kebetulan_teks"] = chance_text(props.get("p_value"))
    first = data["features"][0]["properties"]
    shown = [k for k in first if k not in HIDDEN_IN_TOOLTIP and not k.endswith("_teks")][:8]
    if "peluang_kebetulan_teks" in first:
        shown = [k for k in shown if k != "p_value"] + ["peluang_kebetulan_teks"]
    return [f"{k}_teks" if k in CODED else k for k in shown]


def chance_text(p_value) -> str:
    """A p-value in plain words: "1 dari 1.000" (the chance of such a cluster arising by chance)."""
    n = pocket_figures({"p_value": p_value, "persen_miskin": 0})["peluang_teks"]
    return "" if n is None else _("1 dari %(n)s", n=n)


def _aliases(fields: list) -> list:
    labels = property_labels()
    return [str(labels.get(f.removesuffix("_teks"), f)) for f in fields]


def _union(a, b):
    """Bounds [[south, west], [north, east]] covering both (either may be None)."""
    if not b or any(v is None for row in b for v in row):
        return a
    if not a:
        return b
    return [[min(a[0][0], b[0][0]), min(a[0][1], b[0][1])], [max(a[1][0], b[1][0]), max(a[1][1], b[1][1])]]


@blueprint.route("/")
@authenticated
def index():
    """List of the analyses with their latest run in the user's region."""
    with connection() as conn:
        latest = {j: next(iter(results.recent_runs(conn, [j], region_filter(), 1)), None) for j in ANALYSES}
    return render_template("analysis/index.html", pages=PAGES, latest=latest)


# Columns of the kabupaten comparison: key -> (label, unit); each also gets a small bar chart.
# The village indicators keep the labels of the map's indicators (webgis.indicators).
COMPARED = {
    "persen_desil12": (INDICATORS["persen_desil12"][0], "%"),
    "rtlh_jumlah": (_l("Backlog RTLH (memenuhi syarat)"), ""),
    "persen_tanpa_air_layak": (INDICATORS["persen_tanpa_air_layak"][0], "%"),
    "persen_tanpa_sanitasi_layak": (INDICATORS["persen_tanpa_sanitasi_layak"][0], "%"),
    "persen_risiko_stunting": (INDICATORS["persen_risiko_stunting"][0], "%"),
    "kantong": (_l("Kantong kemiskinan"), ""),
    "sel_panas": (_l("Sel titik panas (Gi*)"), ""),
    "persen_tak_terlayani_air": (_l("Tak terlayani air"), "%"),
    "persen_tak_terlayani_sanitasi": (_l("Tak terlayani sanitasi"), "%"),
    "lokasi_usulan": (_l("Lokasi sarana usulan"), ""),
}


@blueprint.route("/kabupaten")
@authenticated
def kabupaten():
    """The kabupaten of the user's region side by side: a table and one small bar chart per figure."""
    with connection() as conn:
        rows = kabupaten_comparison(conn, region_filter())
    columns = {key: {"label": str(label), "satuan": unit} for key, (label, unit) in COMPARED.items()}
    charts = [{"id": key, "title": spec["label"], "satuan": spec["satuan"], "labels": [r["nama"] for r in rows],
               "values": [None if r[key] is None else float(r[key]) for r in rows]} for key, spec in columns.items()]
    return render_template("analysis/kabupaten.html", rows=rows, columns=columns, charts=charts)


@blueprint.route("/<jenis>")
@authenticated
def page(jenis):
    """One analysis: map of the result, parameters, re-run (perencana/admin), help, history."""
    if jenis not in PAGES:
        abort(404)
    title, kinds, layers = PAGES[jenis]
    forms = [{"jenis": k, "fields": [{"name": n, "label": PARAMETER_LABELS.get(n, n), "value": v}
                                      for n, v in ANALYSES[k].defaults.items()]} for k in kinds]
    extra = {}
    with connection() as conn:
        history = results.recent_runs(conn, list(kinds), region_filter(), 30)
        regions = region_choices(conn, region_filter())
        if jenis == "celah":
            extra["ranking"] = results.gaps_ranking(conn, region_filter())
        if jenis == "skor":
            extra["backlog"] = results.scores_backlog(conn, region_filter())
        if jenis == "lokasi":
            extra["sites"] = results.selected_sites(conn, region_filter())
        if jenis == "kantong":
            extra["pockets"] = [pocket_figures(row) for row in results.pocket_table(conn, region_filter())]
    can_run = current_user.has_role("perencana") and bool(regions)
    return render_template("analysis/page.html", jenis=jenis, title=title, forms=forms, history=history,
                           map=result_map(layers) if layers else None, can_run=can_run,
                           region=region_filter() or "", regions=regions,
                           run_url={k: url_for("analysis_api.start", jenis=k) for k in kinds}, values=value_labels(),
                           **extra)
