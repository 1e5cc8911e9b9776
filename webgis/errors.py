"""The one handler of refusals (``spatial.errors.SasaranError``) and of HTTP errors: a JSON body
``{"error": message, "kode": code}`` for API, tile and OGC clients, a flashed message and a
redirect back for a form, an error page for other pages. Messages are shown in the user's language."""
from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext

from spatial.errors import SasaranError

JSON_PREFIXES = ("/api/", "/tiles/", "/ogc/")


def wants_json() -> bool:
    """True for API, tile and OGC requests and for clients that ask for JSON."""
    return (request.path.startswith(JSON_PREFIXES) or request.is_json
            or request.accept_mimetypes.best == "application/json")


def back_url() -> str:
    """The page the form was sent from (same site only), else the dashboard."""
    referrer = request.referrer
    if referrer and referrer.startswith(request.host_url):
        return referrer
    return url_for("maps.dashboard")


def message_of(error: Exception) -> str:
    """The error's message in the user's language."""
    return error.translated(gettext) if isinstance(error, SasaranError) else gettext(str(error))


def handle(error: SasaranError):
    """Render a refusal: JSON, a flashed message after a form, or the error page."""
    message = message_of(error)
    if wants_json():
        return jsonify(error=message, kode=error.code), error.status
    if request.method == "POST":
        flash(message, "danger")
        return redirect(back_url(), 303)
    return render_template("errors/error.html", message=message, status=error.status), error.status


def init_app(app: Flask) -> None:
    """Register the handler for every SasaranError."""
    app.register_error_handler(SasaranError, handle)
