"""Profil Desa: one village on the map, its indicators against the kabupaten average, charts of
its households (desil, water, sanitation, house materials; Chart.js served locally) and, for
admin/perkim, its top priority households."""
import html
import json

import folium
from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from spatial import villages
from spatial.analysis import score_reasons
from webgis import audit, formats
from webgis.analysis_labels import pocket_figures
from webgis.database import call, connection
from webgis.indicators import INDICATORS, indicator_payload
from webgis.scope import in_scope
from webgis.maps import FACILITY_GROUPS, FACILITY_TYPE_LABELS, page_config_base
from webgis.mapkit import base_map, fit_extent, render_parts
from webgis.tiles import may_see_points

blueprint = Blueprint("profil", __name__, url_prefix="/desa")

TOP_HOUSEHOLDS = 20
INCOMPLETE_HOUSEHOLDS = 200
CHARTS = {
    "desil": _l("Sebaran desil kesejahteraan"),
    "sumber_air_minum": _l("Sumber air minum"),
    "fasilitas_bab": _l("Fasilitas buang air besar"),
    "jenis_atap": _l("Bahan atap"),
    "jenis_dinding": _l("Bahan dinding"),
    "jenis_lantai": _l("Bahan lantai"),
}

# Registry category values (spatial.codelists) as chart labels in the user's language.
CATEGORY_LABELS = {
    "air kemasan": _l("air kemasan"), "air isi ulang": _l("air isi ulang"), "ledeng": _l("ledeng"),
    "sumur bor/pompa": _l("sumur bor/pompa"), "sumur terlindung": _l("sumur terlindung"),
    "sumur tak terlindung": _l("sumur tak terlindung"), "mata air terlindung": _l("mata air terlindung"),
    "mata air tak terlindung": _l("mata air tak terlindung"), "air sungai/danau": _l("air sungai/danau"),
    "air hujan": _l("air hujan"), "lainnya": _l("lainnya"), "tidak diisi": _l("tidak diisi"),
    "sendiri": _l("sendiri"), "bersama": _l("bersama"), "mck komunal": _l("mck komunal"), "umum": _l("umum"),
    "tidak ada": _l("tidak ada"), "beton": _l("beton"), "genteng": _l("genteng"), "seng": _l("seng"),
    "asbes": _l("asbes"), "kayu/sirap": _l("kayu/sirap"), "bambu": _l("bambu"),
    "jerami/ijuk/daun/rumbia": _l("jerami/ijuk/daun/rumbia"), "tembok": _l("tembok"),
    "plesteran anyaman bambu/kawat": _l("plesteran anyaman bambu/kawat"), "kayu/papan": _l("kayu/papan"),
    "anyaman bambu": _l("anyaman bambu"), "batang kayu": _l("batang kayu"), "marmer/granit": _l("marmer/granit"),
    "keramik": _l("keramik"), "parket/vinil/karpet": _l("parket/vinil/karpet"),
    "ubin/tegel/teraso": _l("ubin/tegel/teraso"), "semen/bata merah": _l("semen/bata merah"), "tanah": _l("tanah"),
}


def _charts(kode_desa: str) -> list[dict]:
    rows = call(villages.distributions, kode_desa)
    charts = []
    for key, title in CHARTS.items():
        data = [r for r in rows if r["dimensi"] == key]
        if key == "desil":
            data.sort(key=lambda r: int(r["kategori"]) if r["kategori"].isdigit() else 99)
        charts.append({"id": key, "title": str(title),
                       "labels": [str(CATEGORY_LABELS.get(r["kategori"], r["kategori"])) for r in data],
                       "values": [r["jumlah"] for r in data]})
    return charts


def _indicator_table(kode_desa: str) -> list[dict]:
    """Each indicator of the village beside the figure of its own kabupaten."""
    payload = indicator_payload(wilayah=kode_desa)
    village = payload["desa"][kode_desa]
    table = []
    for key, spec in payload["indicators"].items():
        value, average = village[key], spec["kabupaten"][village["kode_kab"]]
        table.append({"key": key, "label": spec["label"], "satuan": spec["satuan"],
                      "desa": None if value is None else formats.number(value),
                      "kabupaten": None if average is None else formats.number(average),
                      "lebih_buruk": value is not None and average is not None and value > average})
    return table


@blueprint.route("/<kode_desa>")
def village(kode_desa):
    """Profil Desa of the village with Kemendagri code ``kode_desa`` (dotted)."""
    row = call(villages.profile, kode_desa)
    if row is None or not in_scope(kode_desa):
        abort(404)
    fmap = base_map()
    # Leaflet's layer control inserts layer names as HTML: escape the stored name (issue #8).
    folium.GeoJson(json.loads(row["geojson"]), name=html.escape(row["nama"]),
                   style_function=lambda _f: {"color": "#e6550d", "weight": 3, "fillOpacity": 0.08,
                                              "className": "desa-poly"}).add_to(fmap)
    facilities = folium.FeatureGroup(name=_("Fasilitas"), show=True).add_to(fmap)
    groups = {f"fasilitas_{group}": facilities for group in FACILITY_GROUPS}
    folium.LayerControl(collapsed=True).add_to(fmap)
    fit_extent(fmap, row)
    config = page_config_base(fmap, groups)
    config["sources"] = {"fasilitas": url_for("map_api.facilities", kode_desa=kode_desa)}
    config["villageName"] = row["nama"]
    households = incomplete = None
    if may_see_points():
        with connection() as conn:
            households = villages.priority_households(conn, kode_desa, TOP_HOUSEHOLDS)
            incomplete = villages.incomplete_households(conn, kode_desa, INCOMPLETE_HOUSEHOLDS)
        for household in incomplete:
            household["isian"] = ", ".join(score_reasons.missing_words(household["data_tidak_lengkap"], _))
        audit.record("lihat_daftar", "rumah_tangga", kode_desa, {"jumlah": len(households) + len(incomplete)})
    pockets = [pocket_figures(k) for k in call(villages.pockets, kode_desa)]
    return render_template(
        "maps/village_profile.html", village=row, pockets=pockets, map=render_parts(fmap), config=config,
        luas=formats.number(row["luas_km2"], 2),
        data_date=formats.date(row["data_per"], "long") if row["data_per"] else None,
        indicators=_indicator_table(kode_desa), charts=_charts(kode_desa), households=households, incomplete=incomplete,
        facility_labels={k: str(v) for k, v in FACILITY_TYPE_LABELS.items()},
        print_view=request.args.get("cetak") == "1", indicator_keys=list(INDICATORS))
