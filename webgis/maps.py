"""Map pages."""
import json

import folium
from flask import Blueprint, render_template
from flask_babel import gettext as _

from webgis.database import fetch_value
from webgis.mapkit import base_map, render_parts

blueprint = Blueprint("maps", __name__)


@blueprint.route("/")
def dashboard():
    """Peta Utama: the district's villages with household counts."""
    villages = json.loads(fetch_value("queries/villages_geojson.sql", {"tolerance": 0.0002, "kode_kab": None}))
    fmap = base_map()
    layer = folium.GeoJson(
        villages, name=_("Desa/kelurahan"),
        style_function=lambda feature: {"color": "#2c3e50", "weight": 1, "fillColor": "#74a9cf", "fillOpacity": 0.35},
        highlight_function=lambda feature: {"weight": 3, "color": "#e67e22"},
        tooltip=folium.GeoJsonTooltip(
            fields=["nama", "kode_desa", "nama_kec", "jumlah_rumah_tangga"],
            aliases=[_("Desa"), _("Kode"), _("Kecamatan"), _("Rumah tangga")], localize=True),
    ).add_to(fmap)
    if villages["features"]:
        fmap.fit_bounds(layer.get_bounds())
    folium.LayerControl(collapsed=False).add_to(fmap)
    return render_template("maps/dashboard.html", map=render_parts(fmap),
                           village_count=len(villages["features"]))
