"""Tepat Sasaran (issue #24): how far each social programme is from its target, per village,
kecamatan and kabupaten (choropleth, ranked tables, hot spots of exclusion), and for the roles
with personal-data rights the list to re-check per village, its worksheet, the outcomes read
back, and the review of name matches. Everyone else sees aggregates with small counts suppressed
(spatial.targeting.accuracy)."""
import io
import secrets
from pathlib import Path

import folium
from flask import Blueprint, Response, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_login import current_user
from werkzeug.utils import secure_filename

from spatial.errors import N_, InvalidInput
from spatial.privacy import full_nik_allowed, mask_nik, personal_fields_allowed
from spatial.targeting import accuracy, hotspots, matching, recheck, unmatched
from spatial.targeting.programs import explain, programs
from spatial.uploads import require_kind
from webgis.audit import record
from webgis.auth import authenticated, role_required
from webgis.database import connection
from webgis.mapkit import base_map, render_parts
from webgis.scope import region_filter

blueprint = Blueprint("tepat_sasaran", __name__)
INDICATORS = {
    "galat_eksklusi": _l("Galat eksklusi: layak tetapi tidak menerima"),
    "galat_inklusi": _l("Galat inklusi: menerima tetapi tidak layak"),
    "cakupan": _l("Cakupan: keluarga layak yang menerima"),
    "kebocoran": _l("Kebocoran anggaran ke penerima yang tidak layak"),
}
RAMP = ((0.1, "#fee5d9"), (0.2, "#fcae91"), (0.35, "#fb6a4a"), (0.5, "#de2d26"), (1.01, "#a50f15"))


def _personal() -> bool:
    return personal_fields_allowed(current_user.role)


def _choice(conn) -> tuple[str, str, list]:
    """The programme and period asked for (default: the first programme with a list, its latest
    period) and every programme/period of the user's region."""
    available = accuracy.periods(conn, region_filter())
    code = request.args.get("program") or (available[0]["program"] if available else next(iter(programs())))
    accuracy.program_of(code)
    periods = [row["periode"] for row in available if row["program"] == code]
    periode = request.args.get("periode") or (periods[0] if periods else "")
    return code, periode, available


def _legend() -> list[tuple[str, str]]:
    """(label, colour) of the choropleth's classes, from RAMP."""
    classes, lower = [], 0
    for limit, colour in RAMP:
        upper = round(limit * 100)
        classes.append((f"< {upper} %" if not lower else f"≥ {lower} %" if limit > 1 else f"{lower}–{upper} %", colour))
        lower = upper
    return classes


def _colour(value, indicator: str) -> str:
    if value is None:
        return "#cccccc"
    share = 1 - value if indicator == "cakupan" else value
    return next(colour for limit, colour in RAMP if share < limit)


def _map(features: dict, clusters: dict, indicator: str) -> dict:
    fmap = base_map(element_id="peta_sasaran")
    if features["features"]:
        layer = folium.GeoJson(
            features, name=str(INDICATORS[indicator]),
            style_function=lambda f: {"color": "#555", "weight": 1, "fillOpacity": 0.7,
                                      "fillColor": _colour(f["properties"].get(indicator), indicator)},
            tooltip=folium.GeoJsonTooltip(fields=["nama", "kode_desa", indicator, "sasaran", "penerima"],
                                          aliases=[_("Desa"), _("Kode"), str(INDICATORS[indicator]), _("Keluarga layak"),
                                                   _("Penerima")]))
        layer.add_to(fmap)
        (south, west), (north, east) = layer.get_bounds()
        fmap.fit_bounds([[south or 0, west or 0], [north or 0, east or 0]])
    if clusters["features"]:
        folium.GeoJson(clusters, name=_("Titik panas eksklusi"),
                       style_function=lambda f: {"color": "#2c7fb8", "weight": 3, "fillOpacity": 0.15},
                       tooltip=folium.GeoJsonTooltip(fields=["sasaran", "salah_keluar", "p_value"],
                                                     aliases=[_("Keluarga layak"), _("Tidak menerima"),
                                                              _("Nilai p")])).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    return render_parts(fmap)


@blueprint.route("/tepat-sasaran/")
@authenticated
def index():
    """Choropleth, ranked villages, kecamatan and kabupaten of one programme and period."""
    indicator = request.args.get("indikator", "galat_eksklusi")
    if indicator not in INDICATORS:
        raise InvalidInput(N_("indikator harus salah satu dari: %(pilihan)s"), pilihan=", ".join(INDICATORS))
    with connection() as conn:
        code, periode, available = _choice(conn)
        report = accuracy.report(conn, code, periode, region_filter(), _personal())
        features = accuracy.village_features(conn, report["desa"], region_filter())
        clusters = hotspots.layer(conn, code, periode, region_filter())
    program = programs()[code]
    return render_template("targeting/index.html", report=report, ranked=accuracy.ranked(report["desa"], indicator),
                           program=program,
                           rule=explain(program, gettext=_), available=available, indicators=INDICATORS, indicator=indicator,
                           map=_map(features, clusters, indicator), clusters=clusters["features"],
                           personal=_personal(), reasons=accuracy.REASONS, programs=programs(), legend=_legend(),
                           scan=hotspots.DEFAULTS)


@blueprint.route("/api/tepat-sasaran")
@authenticated
def api_report():
    """JSON of the same figures (villages, kecamatan, kabupaten; published counts only for roles
    without personal-data rights)."""
    with connection() as conn:
        code, periode, _available = _choice(conn)
        return jsonify(accuracy.report(conn, code, periode, region_filter(), _personal()))


@blueprint.route("/api/tepat-sasaran/eksklusi")
@authenticated
def api_hotspots():
    """GeoJSON of the exclusion hot spots of one programme and period (aggregates)."""
    with connection() as conn:
        code, periode, _available = _choice(conn)
        return jsonify(hotspots.layer(conn, code, periode, region_filter()))


def _shown(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["nik"] = row["nik"] if full_nik_allowed(current_user.role) else mask_nik(row["nik"])
    return rows


def _recheck_list(kode_desa: str, action: str) -> tuple:
    """The village, chosen programme, period, periods available and list to re-check of one village
    in the user's region, the reading recorded in the audit log as ``action``."""
    with connection() as conn:
        place = recheck.village(conn, kode_desa, region_filter())
        code, periode, available = _choice(conn)
        rows = _shown(recheck.items(conn, kode_desa, code, periode))
    record(action, "cek_ulang", kode_desa, {"program": code, "periode": periode, "baris": len(rows)})
    return place, code, periode, available, rows


@blueprint.route("/tepat-sasaran/desa/<kode_desa>")
@role_required("perkim")
def village(kode_desa):
    """The list to re-check of one village (personal data: audited)."""
    place, code, periode, available, rows = _recheck_list(kode_desa, "lihat_daftar")
    return render_template("targeting/village.html", place=place, rows=rows, program=programs()[code],
                           periode=periode, available=available, proposals=recheck.PROPOSALS,
                           reasons=recheck.REASON_WORDS, outcomes=recheck.OUTCOMES)


@blueprint.route("/tepat-sasaran/desa/<kode_desa>/lembar.xlsx")
@role_required("perkim")
def worksheet(kode_desa):
    """The worksheet of one village for the village operator (XLSX; personal data: audited)."""
    place, code, periode, _available, rows = _recheck_list(kode_desa, "ekspor")
    buffer = io.BytesIO()
    recheck.write_worksheet(rows, place, buffer, gettext=_, locale=str(get_locale()))
    name = f"cek_ulang_{code}_{periode}_{kode_desa.replace('.', '')}.xlsx"
    return Response(buffer.getvalue(), headers={"Content-Disposition": f"attachment; filename={secure_filename(name)}"},
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@blueprint.route("/tepat-sasaran/tidak-ditemukan.xlsx")
@role_required("perkim")
def unmatched_report():
    """Recipients of one programme and period not found in the registry (XLSX; personal data: audited)."""
    with connection() as conn:
        code, periode, _available = _choice(conn)
        rows = _shown(unmatched.unmatched(conn, code, periode, region_filter()))
    record("ekspor", "penerima_bantuan", None, {"program": code, "periode": periode, "tidak_ditemukan": len(rows)})
    buffer = io.BytesIO()
    title = _("Penerima %(program)s periode %(periode)s yang tidak ditemukan di registri",
              program=programs()[code].nama, periode=periode)
    unmatched.write_unmatched(rows, title, buffer, gettext=_)
    return Response(buffer.getvalue(), mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": "attachment; filename="
                             + secure_filename(f"tidak_ditemukan_{code}_{periode}.xlsx")})


@blueprint.route("/tepat-sasaran/lembar", methods=["POST"])
@role_required("perkim")
def worksheet_upload():
    """Read a filled worksheet back: the outcome of each line (audited)."""
    uploaded = request.files.get("lembar")
    back = request.form.get("kembali") or url_for("tepat_sasaran.index")
    if not back.startswith("/") or back.startswith("//"):
        back = url_for("tepat_sasaran.index")
    if uploaded is None or not uploaded.filename:
        flash(_("Pilih lembar yang sudah diisi terlebih dahulu."), "warning")
        return redirect(back)
    folder = Path(current_app.config["IMPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"lembar-{secrets.token_hex(8)}"
    uploaded.save(path)
    try:
        path = path.rename(path.with_suffix("." + require_kind(path, ("csv", "xlsx"))))  # openpyxl reads the suffix
        with connection() as conn:
            result = recheck.read_outcomes(conn, path, current_user.username, region_filter(), name=uploaded.filename)
    finally:
        path.unlink(missing_ok=True)
    record("impor_cek_ulang", "cek_ulang", None, {"dicatat": result.recorded, "masalah": len(result.problems)})
    flash(_("%(n)s hasil pemeriksaan dicatat, %(kosong)s baris belum diisi.", n=result.recorded, kosong=result.blank),
          "success")
    for row, problem in result.problems[:20]:
        flash(_("Baris %(baris)s: %(masalah)s", baris=row, masalah=problem), "warning")
    return redirect(back)


@blueprint.route("/tepat-sasaran/tinjau")
@role_required("perkim")
def review_list():
    """The name + village matches waiting for a reviewer (personal data: audited)."""
    with connection() as conn:
        rows = matching.pending(conn, region_filter())
    record("lihat_daftar", "penerima_bantuan", None, {"tinjau": len(rows)})
    for row in rows:
        for key in ("nik_daftar", "nik_registri"):
            row[key] = row[key] if full_nik_allowed(current_user.role) else mask_nik(row[key])
    return render_template("targeting/review.html", rows=rows)


@blueprint.route("/tepat-sasaran/tinjau/<int:penerima_id>", methods=["POST"])
@role_required("perkim")
def review_decide(penerima_id):
    """A reviewer links (diterima) or unlinks (ditolak) one name + village match."""
    decision = request.form.get("keputusan", "")
    if decision not in ("diterima", "ditolak"):
        raise InvalidInput(N_("keputusan harus diterima atau ditolak"))
    with connection() as conn:
        matching.review(conn, penerima_id, decision, current_user.username, region_filter())
    record("tinjau_cocok", "penerima_bantuan", penerima_id, {"keputusan": decision})
    return redirect(url_for("tepat_sasaran.review_list"))
