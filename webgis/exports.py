"""GeoJSON / CSV / GeoPackage exports of every layer, streamed from the database, for users and
agencies (tokens). Every export is written to audit_log."""
import os

from flask import Blueprint, Response, abort, flash, g, render_template, request, send_file
from flask import current_app
from flask_babel import gettext as _
from flask_login import current_user

from spatial.areas.export import csv_chunks, export_filename, geojson_chunks, geopackage_file
from spatial import anonymity
from spatial.areas.layers import LAYERS, filter_params
from spatial.areas.tokens import create_token, list_tokens, revoke_token
from webgis.agency import agency_or_user, requester
from webgis.audit import record
from webgis.auth import authenticated, role_required
from webgis.database import call
from webgis.errors import answers_json
from webgis.params import int_arg
from webgis.scope import region_filter

blueprint = Blueprint("exports", __name__)
FORMATS = {"geojson": "application/geo+json", "csv": "text/csv; charset=utf-8",
           "gpkg": "application/geopackage+sqlite3"}


def readable_layers(who) -> list:
    """Layers the requester may export."""
    return [layer for layer in LAYERS.values() if who.may_read(layer)]


def request_params(who) -> dict:
    """Filter parameters of the request; ``pribadi`` (NIK, name) only for an admin asking for it."""
    pribadi = request.args.get("pribadi") == "1"
    if pribadi and who.role != "admin":
        abort(403)
    return filter_params(request.args.get("kode_kec"), request.args.get("kode_desa"), request.args.get("bbox"),
                         request.args.get("datetime"), None, int_arg("k"), int_arg("sel_m"), pribadi,
                         wilayah=who.wilayah)


@blueprint.route("/ekspor")
@authenticated
def index():
    """The export page: every layer the user may have, with filters."""
    return render_template("areas/exports.html", layers=readable_layers(requester()), k=anonymity.K)


@blueprint.route("/ekspor/<name>.<fmt>")
@agency_or_user
@answers_json
def download(name, fmt):
    """Download one layer as GeoJSON, CSV or GeoPackage, filtered by kecamatan/village/bbox."""
    layer = LAYERS.get(name)
    if layer is None or fmt not in FORMATS:
        abort(404)
    who = g.requester
    if not who.may_read(layer):
        abort(403)
    params = request_params(who)
    filename = export_filename(layer, fmt, params)
    record("ekspor", "lapisan", name, {"format": fmt, "berkas": filename, "pribadi": params["pribadi"],
                                       "filter": {k: params[k] for k in ("kode_kec", "kode_desa", "xmin", "ymin",
                                                                         "xmax", "ymax")},
                                       "k": params["k"]}, user=who.name)
    url = current_app.config["DATABASE_URL"]
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if fmt == "gpkg":
        path, _count = geopackage_file(url, layer, params)
        handle = open(path, "rb")  # noqa: SIM115 - closed by the response
        os.unlink(path)  # the open handle keeps the data until the download ends
        return send_file(handle, mimetype=FORMATS[fmt], as_attachment=True, download_name=filename)
    chunks = geojson_chunks(url, layer, params) if fmt == "geojson" else csv_chunks(url, layer, params)
    return Response(chunks, mimetype=FORMATS[fmt], headers=headers)


@blueprint.route("/ekspor/token", methods=["GET", "POST"])
@role_required("admin")
def tokens():
    """Agency tokens: list, create (the token is shown once) and revoke."""
    new_token = None
    ogc_layers = sorted(name for name, layer in LAYERS.items() if layer.ogc)
    if request.method == "POST" and request.form.get("cabut"):
        token_id = request.form.get("cabut", type=int)
        if token_id is None:
            abort(400)
        if call(revoke_token, token_id, region_filter()):
            record("cabut_token", "token_instansi", token_id)
            flash(_("Token dicabut."), "success")
    elif request.method == "POST":
        new_token = call(create_token, request.form.get("instansi", ""), request.form.getlist("koleksi"),
                         current_user.username, set(ogc_layers), region_filter())
        record("buat_token", "token_instansi", new_token["id"],
               {"instansi": request.form.get("instansi"), "koleksi": request.form.getlist("koleksi")})
    rows = call(list_tokens)
    return render_template("areas/tokens.html", rows=rows, layers=ogc_layers, new_token=new_token)
