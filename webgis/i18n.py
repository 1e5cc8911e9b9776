"""Languages: Bahasa Indonesia by default, English on request (Flask-Babel)."""
from flask import Blueprint, redirect, request, session, url_for
from flask_babel import Babel, get_locale

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

blueprint = Blueprint("i18n", __name__)


def select_locale() -> str:
    """The user's chosen language (session), else Indonesian."""
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else "id"


def init_app(app) -> None:
    """Attach Flask-Babel with the session-based locale selector."""
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, get_locale=get_locale)


@blueprint.route("/bahasa/<code>")
def switch_language(code):
    """Switch the interface language and go back to the page the user came from."""
    if code in LANGUAGES:
        session["lang"] = code
    target = request.referrer if request.referrer and request.referrer.startswith(request.host_url) else None
    return redirect(target or url_for("maps.dashboard"))
