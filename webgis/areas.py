"""Kawasan Prioritas: draw, import, edit and soft-delete priority areas, with statistics beside
the map. Planners (perencana) and admins edit; every signed-in role reads. A region-scoped user
(``webgis.scope``) sees and edits only areas sharing interior with the region, and statistics
count only the region's households, facilities and villages."""
import json
import tempfile
from pathlib import Path

import folium
from flask import Blueprint, abort, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from folium.plugins import Draw

from spatial.areas import JENIS_KAWASAN
from spatial.areas.geometry import polygon_of
from spatial.areas.importer import import_areas
from spatial.areas.stats import area_stats, saved_area_stats
from spatial.areas.store import area_history, create_area, delete_area, get_area, list_areas, update_area
from spatial.errors import N_, AreaError
from webgis.audit import record
from webgis.auth import authenticated, role_required
from webgis.database import call, connection
from webgis.errors import answers_json
from webgis.mapkit import base_map, render_parts
from webgis.maps import FACILITY_TYPE_LABELS, context_layers
from webgis.scope import region_filter
from webgis.params import int_arg

blueprint = Blueprint("areas", __name__)
EDITORS = ("perencana",)


def kinds() -> dict:
    """Labels of the area kinds, in the interface language."""
    return {"lokus_kemiskinan_ekstrem": _("Lokus kemiskinan ekstrem"), "lokus_stunting": _("Lokus stunting"),
            "zona_air": _("Zona air minum"), "zona_sanitasi": _("Zona sanitasi"), "lainnya": _("Lainnya")}


def _json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400)
    return data


def _area_map():
    fmap = base_map(element_id="peta_kawasan")
    group = folium.FeatureGroup(name=_("Kawasan sedang diedit"))
    group.add_to(fmap)
    context = context_layers(fmap)
    if current_user.has_role(*EDITORS):
        Draw(feature_group=group, show_geometry_on_click=False, position="topleft",
             draw_options={"polyline": False, "circle": False, "marker": False, "circlemarker": False,
                           "rectangle": {"showArea": False}, "polygon": {"allowIntersection": False, "showArea": False}},
             edit_options={"edit": True, "remove": False}).add_to(fmap)
    return fmap, group, context


@blueprint.route("/kawasan")
@authenticated
def index():
    """The area page: map with drawing tools, form, statistics panel and list."""
    fmap, group, context = _area_map()
    parts = render_parts(fmap)
    config = {"mapVar": parts["map_var"], "drawGroup": group.get_name(), "canEdit": current_user.has_role(*EDITORS),
              "kinds": kinds(), "urls": {"list": url_for("areas.api_list"), "stats": url_for("areas.api_stats_geometry"),
                       "villages": url_for("api.villages")},
              "texts": {"saved": _("Kawasan disimpan."), "deleted": _("Kawasan dihapus."),
                        "repaired": _("Geometri memotong dirinya sendiri dan telah diperbaiki (ST_MakeValid)."),
                        "draw_first": _("Gambar poligon di peta terlebih dahulu."),
                        "confirm_delete": _("Hapus kawasan ini? Riwayatnya tetap disimpan."),
                        "households": _("Rumah tangga"), "desil12": _("Desil 1-2"), "rtlh": _("Calon RTLH"),
                        "cost": _("Perkiraan biaya RTLH"), "no_water": _("Tanpa air minum layak"),
                        "no_sanitation": _("Tanpa sanitasi layak"), "toddlers": _("Balita"),
                        "facilities": _("Fasilitas"), "villages": _("Desa tersentuh"),
                        "share": _("bagian luas desa di dalam kawasan"), "none": _("Tidak ada")},
              "facilityTypes": {code: str(label) for code, label in FACILITY_TYPE_LABELS.items()}}
    return render_template("areas/index.html", map=parts, config=config, kinds=kinds(), can_edit=config["canEdit"],
                           context=context)


@blueprint.route("/api/kawasan")
@authenticated
def api_list():
    """Live areas as GeoJSON (properties: attributes and area in ha)."""
    with connection() as conn:
        areas = list_areas(conn, request.args.get("jenis") or None, int_arg("tahun"), region_filter())
    features = [{"type": "Feature", "id": area["id"], "geometry": json.loads(area.pop("geojson")),
                 "properties": {**area, "luas_ha": float(area["luas_ha"])}} for area in areas]
    return jsonify(type="FeatureCollection", features=features)


@blueprint.route("/api/kawasan/<int:area_id>")
@authenticated
def api_get(area_id):
    """One area with its geometry and every version."""
    with connection() as conn:
        area = get_area(conn, area_id, region_filter())
        if area is None:
            abort(404)
        history = area_history(conn, area_id)
    area["geometry"] = json.loads(area.pop("geojson"))
    area["luas_ha"] = float(area["luas_ha"])
    return jsonify(kawasan=area, riwayat=[{**h, "luas_ha": float(h["luas_ha"])} for h in history])


@blueprint.route("/api/kawasan", methods=["POST"])
@role_required(*EDITORS)
def api_create():
    """Create an area from ``{"nama", "jenis", "tahun", "catatan", "geometry"}``."""
    data = _json_body()
    with connection() as conn:
        result = create_area(conn, data, data.get("geometry"), current_user.username, region_filter())
    record("buat", "kawasan_prioritas", result["id"], {"nama": data.get("nama")})
    return jsonify(result), 201


@blueprint.route("/api/kawasan/<int:area_id>", methods=["PUT"])
@role_required(*EDITORS)
def api_update(area_id):
    """Change attributes (and the geometry when ``geometry`` is in the body)."""
    data = _json_body()
    with connection() as conn:
        result = update_area(conn, area_id, data, data.get("geometry"), current_user.username, region_filter())
    if result is None:
        abort(404)
    record("ubah", "kawasan_prioritas", area_id, {"versi": result["versi"]})
    return jsonify(result)


@blueprint.route("/api/kawasan/<int:area_id>", methods=["DELETE"])
@role_required(*EDITORS)
def api_delete(area_id):
    """Soft-delete an area (its history stays)."""
    with connection() as conn:
        if not delete_area(conn, area_id, current_user.username, region_filter()):
            abort(404)
    record("hapus", "kawasan_prioritas", area_id)
    return jsonify(ok=True)


@blueprint.route("/api/kawasan/statistik", methods=["POST"])
@authenticated
def api_stats_geometry():
    """Statistics inside a drawn (possibly unsaved) polygon ``{"geometry": ...}``."""
    geometry = polygon_of(_json_body().get("geometry"))
    return jsonify(call(area_stats, geometry, wilayah=region_filter()))


@blueprint.route("/api/kawasan/<int:area_id>/statistik")
@authenticated
def api_stats(area_id):
    """Statistics inside a saved area."""
    return jsonify(call(saved_area_stats, area_id, wilayah=region_filter()))


@blueprint.route("/kawasan/impor", methods=["POST"])
@role_required(*EDITORS)
@answers_json
def import_file():
    """Import areas from an uploaded GeoJSON, KML or zipped Shapefile (all or nothing)."""
    upload = request.files.get("berkas")
    if upload is None or not upload.filename:
        raise AreaError(N_("Pilih berkas terlebih dahulu."))
    defaults = {"jenis": request.form.get("jenis") if request.form.get("jenis") in JENIS_KAWASAN else None,
                "tahun": request.form.get("tahun") or None}
    with tempfile.TemporaryDirectory(prefix="kawasan-up-") as folder:
        path = Path(folder) / "unggahan"
        upload.save(path)
        with connection() as conn:
            result = import_areas(conn, path, current_user.username, defaults, region_filter())
    record("impor", "kawasan_prioritas", None, {"berkas": upload.filename[:200], "jumlah": len(result["disimpan"])})
    return jsonify(result), 201
