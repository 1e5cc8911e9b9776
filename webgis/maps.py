"""Peta Utama (dashboard): village choropleth with an indicator selector, classed legend, search,
and the layers of the analyses, facilities, priority areas and households (vector tiles).

The page itself stays light: folium builds the map, empty layer groups and the household vector
tile layer; ``static/js/peta.js`` fills the groups from the app's JSON endpoints after load.
"""
import folium
from flask import Blueprint, current_app, render_template, request, url_for
from flask_login import current_user
from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from folium.plugins import VectorGridProtobuf

from spatial import maps as spatial_maps
from spatial.codelists import FACILITY_TYPES
from spatial.memo import Memo
from webgis import formats
from webgis.analysis_labels import property_labels, value_labels
from webgis.database import call
from webgis.indicators import DEFAULT_INDICATOR, INDICATORS
from webgis.scope import region_filter
from webgis.mapkit import base_map, fit_extent, render_parts
from webgis.tiles import POINT_MIN_ZOOM, may_see_points

blueprint = Blueprint("maps", __name__)

# Analysis layers of issue #4: key -> GeoJSON endpoint (used only once the endpoint exists).
ANALYSIS_LAYERS = {
    "kantong": "/api/analisis/kantong",
    "hotspot": "/api/analisis/hotspot",
    "celah": "/api/analisis/celah",
    "lokasi": "/api/analisis/lokasi-usulan",
}
PRIORITY_AREAS = "/api/kawasan"  # priority areas (issue #7), GeoJSON
FACILITY_GROUPS = {"air": "fa-faucet-drip", "sanitasi": "fa-toilet", "kesehatan": "fa-house-medical",
                   "pendidikan": "fa-school"}


FACILITY_TYPE_LABELS = {
    "sumur_bor": _l("Sumur bor"), "hidran_umum": _l("Hidran umum"), "spam": _l("SPAM (perpipaan)"),
    "mck_komunal": _l("MCK komunal"), "ipal_komunal": _l("IPAL komunal"), "posyandu": _l("Posyandu"),
    "puskesmas": _l("Puskesmas"), "pustu": _l("Pustu"), "sekolah": _l("Sekolah"),
}


def layer_labels() -> dict:
    """Translated names of the dashboard's layers (layer control and legend)."""
    return {
        "desa": _("Desa/kelurahan"), "kecamatan": _("Batas kecamatan"), "label": _("Nama desa dan kecamatan"),
        "kantong": _("Kantong kemiskinan"), "hotspot": _("Titik panas (hot spot)"),
        "celah": _("Klaster belum terlayani"), "lokasi": _("Lokasi usulan"),
        "kawasan": _("Kawasan prioritas"), "rumah_tangga": _("Rumah tangga"),
        "fasilitas_air": _("Fasilitas air minum"), "fasilitas_sanitasi": _("Fasilitas sanitasi"),
        "fasilitas_kesehatan": _("Fasilitas kesehatan"), "fasilitas_pendidikan": _("Sekolah"),
    }


def ui_texts() -> dict:
    """Translated strings the page's JavaScript shows (popups, legend, messages)."""
    return {
        "kode": _("Kode"), "kecamatan": _("Kecamatan"), "rumah_tangga": _("Rumah tangga"),
        "profil": _("Profil desa"), "tidak_ada_data": _("Tidak ada data"),
        "belum_tersedia": _("Indikator ini belum tersedia."), "kabupaten": _("Rata-rata kabupaten"),
        "desil": _("Desil"), "skor": _("Skor prioritas"), "nik": _("NIK kepala"), "nama": _("Kepala keluarga"),
        "alamat": _("Alamat"), "anggota": _("Anggota"), "id_keluarga": _("ID keluarga"), "desa": _("Desa"),
        "alasan_skor": _("Alasan skor"), "rincian": _("Rincian & foto"),
        "jenis": _("Jenis"), "kondisi": _("Kondisi"), "kapasitas": _("Kapasitas (KK)"),
        "persen_desil12": _("Desil 1-2"), "tidak_ditemukan": _("Desa tidak ditemukan."),
        "agregat": _("Sel agregat"), "perbesar": _("Perbesar peta untuk melihat titik rumah tangga."),
        "jenis_fasilitas": {key: str(label) for key, label in FACILITY_TYPE_LABELS.items()},
    }


def data_date() -> str | None:
    """Long-format date of the latest household change (e.g. 22 November 2026), or None."""
    latest = call(spatial_maps.latest_household_change)
    return formats.date(latest, "long") if latest else None


def page_config_base(fmap: folium.Map, groups: dict) -> dict:
    """What ``peta.js`` needs on every map page: layer variables, texts, locale, facility icons."""
    from webgis.areas import kinds as area_kinds  # webgis.areas builds its map with context_layers below

    return {
        "map": fmap.get_name(), "groups": {key: group.get_name() for key, group in groups.items()},
        "locale": str(get_locale()), "labels": layer_labels(), "texts": ui_texts(),
        "propertyLabels": property_labels(), "valueLabels": {**value_labels(), **area_kinds()},
        "facilityGroups": FACILITY_GROUPS, "facilityTypes": FACILITY_TYPES,
        "profileUrl": url_for("profil.village", kode_desa="KODE"),
    }


def households_layer(fmap: folium.Map, show: bool = False):
    """The household vector tiles (points or grid cells by role and zoom, see webgis.tiles)."""
    # Options as JavaScript (not a dict): folium's tojavascript would camel-case the keys.
    return VectorGridProtobuf(url_for("tiles.households", z=0, x=0, y=0).replace("/0/0/0.pbf", "/{z}/{x}/{y}.pbf"),
                              layer_labels()["rumah_tangga"], "Sasaran.householdTileOptions()", show=show).add_to(fmap)


def context_sources() -> dict:
    """Endpoints of the context layers every map may show."""
    sources = dict(ANALYSIS_LAYERS)
    sources.update({"desa": url_for("api.villages"), "kecamatan": url_for("map_api.kecamatan"),
                    "fasilitas": url_for("map_api.facilities")})
    return sources


def context_layers(fmap: folium.Map) -> dict:
    """The context under a drawing map (Kawasan, Seleksi): kecamatan outlines and names, pockets,
    hot spots, water and sanitation gaps, facilities and the household grid, in the layer control.
    Returns the ``peta.js`` configuration of ``Sasaran.initContext()``."""
    labels = layer_labels()
    groups = {key: folium.FeatureGroup(name=labels[key], show=key in ("kecamatan", "label")).add_to(fmap)
              for key in ("kecamatan", "label", "kantong", "hotspot", "celah")}
    for group in FACILITY_GROUPS:
        groups[f"fasilitas_{group}"] = folium.FeatureGroup(name=labels[f"fasilitas_{group}"], show=False).add_to(fmap)
    households = households_layer(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    sources = {key: path for key, path in context_sources().items() if key in groups or key in ("desa", "fasilitas")}
    return {**page_config_base(fmap, groups), "sources": sources, "households": households.get_name(),
            "nearest": None, "pointMinZoom": POINT_MIN_ZOOM}


def dashboard_config(fmap: folium.Map, groups: dict, households_layer) -> dict:
    """The dashboard's ``peta.js`` configuration: endpoints of every layer, role (the indicator
    shown first is added per request)."""
    sources = context_sources()
    if current_user.is_authenticated:  # the areas API is for signed-in users
        sources["kawasan"] = PRIORITY_AREAS
    sources["indikator"] = url_for("map_api.indicators")
    return {
        **page_config_base(fmap, groups), "households": households_layer.get_name(), "sources": sources,
        "nearest": url_for("map_api.nearest_household") if may_see_points() else None,
        "pointMinZoom": POINT_MIN_ZOOM, "searchUrl": url_for("map_api.search_villages"),
    }


def _rendered_map(wilayah: str | None = None) -> tuple[dict, dict, str | None]:
    """The folium map of the dashboard rendered (parts, peta.js configuration, data date), fitted to
    the villages of region ``wilayah`` (None = all)."""
    fmap = base_map()
    labels = layer_labels()
    groups = {}
    for key in ("desa", "kecamatan", "label", "kantong", "hotspot", "celah", "lokasi", "kawasan"):
        groups[key] = folium.FeatureGroup(name=labels[key],
                                          show=key in ("desa", "kecamatan", "label", "kantong")).add_to(fmap)
    for group in FACILITY_GROUPS:
        key = f"fasilitas_{group}"
        groups[key] = folium.FeatureGroup(name=labels[key], show=False).add_to(fmap)
    households = households_layer(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    fit_extent(fmap, call(spatial_maps.villages_extent, wilayah))
    return render_parts(fmap), dashboard_config(fmap, groups, households), data_date()


@blueprint.route("/")
def dashboard():
    """Peta Utama: choropleth of village indicators with every analysis layer.

    Building the folium map costs more CPU than anything else on the page, and it depends only on
    the language, the role's rights, sign-in, the user's region, the app's configuration and the
    data: it is rendered once per combination and data version (``spatial.maps.page_version``) and
    kept in the app's memory."""
    wilayah = region_filter()
    key = (str(get_locale()), may_see_points(), current_user.is_authenticated, wilayah,
           call(spatial_maps.page_version))
    pages = current_app.extensions.setdefault("peta_utama", Memo(16))
    parts, config, date = pages.get(key, lambda: _rendered_map(wilayah))
    chosen = request.args.get("indikator")
    config = {**config, "indicator": chosen if chosen in INDICATORS else DEFAULT_INDICATOR}
    return render_template(
        "maps/dashboard.html", map=parts, config=config,
        indicators={key: str(spec[0]) for key, spec in INDICATORS.items()}, data_date=date,
        points_allowed=may_see_points(), print_view=request.args.get("cetak") == "1")
