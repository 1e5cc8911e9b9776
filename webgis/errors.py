"""The one handler of refusals (``spatial.errors.SasaranError``) and of HTTP errors: a JSON body
``{"error": message, "kode": code}`` for API, tile and OGC clients, a flashed message and a
redirect back for a form, an error page for other pages. Messages are shown in the user's language."""
from collections.abc import Callable

from flask import Flask, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext

from spatial.errors import Message, SasaranError

JSON_PREFIXES = ("/api/", "/tiles/", "/ogc/")
CORRECTABLE = (400, 409, 413)  # statuses of a form the user can fix and send again
JSON_ATTRIBUTE = "answers_json"  # attribute of a view function marked by answers_json


def answers_json(view: Callable) -> Callable:
    """Mark a view outside ``/api/`` that answers in JSON (e.g. a file upload called by a script):
    its refusals are JSON too."""
    setattr(view, JSON_ATTRIBUTE, True)
    return view


def wants_json() -> bool:
    """True for API, tile and OGC requests, views marked ``answers_json`` and clients asking for JSON."""
    view = current_app.view_functions.get(request.endpoint or "")
    return (request.path.startswith(JSON_PREFIXES) or request.is_json
            or getattr(view, JSON_ATTRIBUTE, False) or request.accept_mimetypes.best == "application/json")


def back_url() -> str:
    """The page the form was sent from (same site only), else the page at the form's own address,
    else the dashboard."""
    referrer = request.referrer
    if referrer and referrer.startswith(request.host_url):
        return referrer
    if current_app.url_map.bind("").test(request.path, method="GET"):
        return request.path
    return url_for("maps.dashboard")


def message_of(error: Exception | Message) -> str:
    """The message of an error (or a ``Message`` a service composed) in the user's language; in
    templates the filter ``pesan``."""
    if isinstance(error, SasaranError | Message):
        return error.translated(gettext, str(get_locale() or "id"))
    return gettext(str(error))


def handle(error: SasaranError):
    """Render a refusal: JSON; after a form the user can correct (400, 409, 413) the form's page
    again with the message flashed; otherwise (403, 404) the error page with the status."""
    message = message_of(error)
    if wants_json():
        return jsonify(error=message, kode=error.code), error.status
    if request.method == "POST" and error.status in CORRECTABLE:
        flash(message, "danger")
        return redirect(back_url())
    return render_template("errors/error.html", message=message, status=error.status), error.status


def init_app(app: Flask) -> None:
    """Register the handler for every SasaranError, and the template filter ``pesan``."""
    app.register_error_handler(SasaranError, handle)
    app.add_template_filter(message_of, "pesan")
