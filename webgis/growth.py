"""Gizi Anak (child growth) pages: village prevalence per month on a map and a table (every signed-in
user, aggregates under the anonymity rule), the children of a village and one child's record
(kesehatan and admin only, audited), and the convergence of poverty and stunting (bivariate map,
ranked table). Figures come from spatial.growth (indicators, convergence, records)."""
import datetime as dt
import json

import folium
from flask import Blueprint, abort, jsonify, render_template, request
from flask_babel import gettext as _

from spatial.growth import convergence, indicators, records
from spatial.privacy import child_records_allowed, mask_nik
from webgis.audit import record
from webgis.auth import authenticated, role_required
from webgis.database import call
from webgis.mapkit import base_map, render_parts
from webgis.scope import current_role, in_scope, region_filter

blueprint = Blueprint("gizi", __name__)
INDICATORS = ("persen_stunting_eb", "persen_stunting", "persen_wasting", "cakupan_registri")
# Prevalence classes of the map (%), WHO/UNICEF 2018 public-health thresholds: <2.5 very low, <10 low,
# <20 medium, <30 high, >=30 very high.
RAMP = ((2.5, "#fff5eb"), (10, "#fdd0a2"), (20, "#fd8d3c"), (30, "#d94801"), (1000, "#7f2704"))
COVERAGE_RAMP = ((50, "#f7fbff"), (70, "#c6dbef"), (85, "#6baed6"), (95, "#2171b5"), (1000, "#08306b"))
SUPPRESSED, NO_DATA = "#d9d9d9", "#ffffff"


def indicator_labels() -> dict:
    """Translated names of the map's indicators."""
    return {"persen_stunting_eb": _("Prevalensi stunting, dihaluskan (Empirical Bayes)"),
            "persen_stunting": _("Prevalensi stunting terukur"), "persen_wasting": _("Prevalensi wasting"),
            "cakupan_registri": _("Cakupan penimbangan (balita registri)")}


def class_labels() -> dict:
    """Translated names of the Permenkes 2/2020 classes (spatial.growth.classes)."""
    return {
        "sangat_pendek": _("Sangat pendek"), "pendek": _("Pendek"), "normal": _("Normal"), "tinggi": _("Tinggi"),
        "sangat_kurang": _("Berat badan sangat kurang"), "kurang": _("Berat badan kurang"),
        "risiko_lebih": _("Risiko berat badan lebih"), "gizi_buruk": _("Gizi buruk"), "gizi_kurang": _("Gizi kurang"),
        "gizi_baik": _("Gizi baik"), "berisiko_gizi_lebih": _("Berisiko gizi lebih"), "gizi_lebih": _("Gizi lebih"),
        "obesitas": _("Obesitas"),
    }


def _period() -> tuple[dt.date | None, list[dt.date]]:
    """The month asked for (``?periode=2026-08``) or the newest with figures, and all months with figures."""
    months = call(indicators.periods, region_filter())
    asked = request.args.get("periode", "")
    try:
        chosen = dt.date.fromisoformat(asked + "-01") if asked else None
    except ValueError:
        chosen = None
    return (chosen or (months[0] if months else None)), months


def _figures(periode: dt.date) -> list[dict]:
    return call(indicators.village_figures, periode, region_filter(), child_records_allowed(current_role()))


def _colour(row: dict, indicator: str) -> str:
    value = row.get(indicator)
    if value is None:
        return SUPPRESSED if row["ditekan"] else NO_DATA
    ramp = COVERAGE_RAMP if indicator.startswith("cakupan") else RAMP
    return next(colour for limit, colour in ramp if float(value) < limit)


def _feature_collection(rows: list[dict], fill) -> dict:
    geometry = call(records.villages_geometry, region_filter())
    features = []
    for row in rows:
        if row["kode_desa"] not in geometry:
            continue
        props = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
        props["warna"], props["data_lama_teks"] = fill(row), _("data lama") if row["data_lama"] else ""
        features.append({"type": "Feature", "id": row["kode_desa"], "properties": props,
                         "geometry": json.loads(geometry[row["kode_desa"]])})
    return {"type": "FeatureCollection", "features": features}


def _village_map(collection: dict, fields: list, element_id: str) -> dict:
    fmap = base_map(element_id=element_id)
    if collection["features"]:
        layer = folium.GeoJson(
            collection, name=_("Desa/kelurahan"),
            style_function=lambda f: {"fillColor": f["properties"]["warna"], "fillOpacity": 0.8, "weight": 3
                                      if f["properties"]["data_lama"] else 1,
                                      "color": "#e6550d" if f["properties"]["data_lama"] else "#555",
                                      "dashArray": "6 4" if f["properties"]["data_lama"] else None},
            tooltip=folium.GeoJsonTooltip(fields=[name for name, _label in fields],
                                          aliases=[label for _name, label in fields]))
        layer.add_to(fmap)
        fmap.fit_bounds(layer.get_bounds())  # type: ignore[arg-type]  # features exist: no None
    return render_parts(fmap)


@blueprint.route("/gizi")
@authenticated
def index():
    """Village figures of one month: map by the chosen indicator, and the table."""
    periode, months = _period()
    indicator = request.args.get("indikator", INDICATORS[0])
    if indicator not in INDICATORS:
        indicator = INDICATORS[0]
    rows = _figures(periode) if periode else []
    collection = _feature_collection(rows, lambda row: _colour(row, indicator))
    fields = [("nama", _("Desa")), ("kode_desa", _("Kode")), ("periode", _("Bulan data")),
              ("diukur", _("Anak diukur")), ("persen_stunting", _("Stunting (%)")),
              ("persen_stunting_eb", _("Stunting dihaluskan (%)")), ("persen_wasting", _("Wasting (%)")),
              ("cakupan_registri", _("Cakupan (%)")), ("data_lama_teks", _("Keterangan"))]
    table = sorted(rows, key=lambda r: (r["persen_stunting_eb"] is None, -(r["persen_stunting_eb"] or 0),
                                        r["kode_desa"]))
    return render_template("growth/index.html", map=_village_map(collection, fields, "peta_gizi"), rows=table,
                           periode=periode, months=months, indicator=indicator, labels=indicator_labels(),
                           ramp=COVERAGE_RAMP if indicator.startswith("cakupan") else RAMP,
                           records=child_records_allowed(current_role()),
                           config=indicators.load_config())


@blueprint.route("/api/gizi/desa")
@authenticated
def api_villages():
    """The village figures of ``?periode=YYYY-MM`` (default: the newest) as GeoJSON, as the user may see them."""
    periode, _months = _period()
    rows = _figures(periode) if periode else []
    return jsonify(_feature_collection(rows, lambda row: _colour(row, INDICATORS[0])))


@blueprint.route("/gizi/desa/<kode_desa>")
@role_required("kesehatan")
def village(kode_desa):
    """The children measured in one village (children's health records; audited)."""
    if not in_scope(kode_desa):
        abort(404)
    children = call(records.village_children, kode_desa, region_filter())
    record("lihat_daftar", "pengukuran_anak", kode_desa, {"jumlah": len(children)})
    for child in children:
        child["nik_tampil"] = mask_nik(child["nik_anak"])
    return render_template("growth/village.html", kode_desa=kode_desa, children=children, class_labels=class_labels())


@blueprint.route("/gizi/anak/<int:measurement_id>")
@role_required("kesehatan")
def child(measurement_id):
    """One child's measurements with z-scores and classes (a child's health record; audited)."""
    rows = call(records.child_history, measurement_id, region_filter())
    record("lihat", "pengukuran_anak", rows[-1]["id_anak"], {"pengukuran": measurement_id})
    return render_template("growth/child.html", rows=rows, child=rows[-1], class_labels=class_labels())


@blueprint.route("/gizi/konvergensi")
@authenticated
def convergence_page():
    """Bivariate map (share of desil 1-2 x stunting prevalence) and the villages high in both."""
    periode, months = _period()
    config = indicators.load_config()
    rows = convergence.classify(_figures(periode), config) if periode else []
    collection = _feature_collection(rows, lambda row: row["warna"])
    fields = [("nama", _("Desa")), ("kode_desa", _("Kode")), ("persen_desil12", _("Desil 1-2 (%)")),
              ("persen_stunting_eb", _("Stunting dihaluskan (%)")), ("kelas_desil", _("Kelas desil 1-2")),
              ("kelas_stunting", _("Kelas stunting")), ("data_lama_teks", _("Keterangan"))]
    return render_template("growth/convergence.html", map=_village_map(collection, fields, "peta_konvergensi"),
                           ranking=convergence.ranking(rows), periode=periode, months=months, colours=convergence.COLOURS,
                           limits=config["bivariat"]["stunting"])
