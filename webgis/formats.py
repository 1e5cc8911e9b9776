"""The one formatter of the web pages (``spatial.formatting``) in the request's language and the
office's time zone: Jinja filters ``angka`` (numbers), ``rupiah``, ``waktu`` (a moment, with WIB /
WITA / WIT) and ``tanggal`` (a date), the same functions for views (``number``, ``moment``, ``date``),
and the configuration of the browser's ``SasaranFormat`` (``format_config``).

Flask-Babel's own ``*format`` filters are removed so that no template formats numbers or times any
other way."""
import datetime
from decimal import Decimal

from flask import Flask, current_app
from flask_babel import get_locale

from spatial import formatting

BABEL_FILTERS = ("datetimeformat", "dateformat", "timeformat", "timedeltaformat", "numberformat",
                 "decimalformat", "currencyformat", "percentformat", "scientificformat")


def _locale() -> str:
    return str(get_locale() or "id")


def timezone() -> str:
    """The office's time zone (``SASARAN_TIMEZONE``)."""
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def number(value: float | int | Decimal | None, digits: int = 1) -> str:
    """A number in the request's language (``1.856``, ``23,4``)."""
    return formatting.number(value, _locale(), digits)


def rupiah(value: float | int | Decimal | None) -> str:
    """An amount of money: ``Rp 20.000.000``."""
    return "–" if value is None else "Rp " + formatting.number(value, _locale(), 0)


def moment(value: datetime.datetime | None) -> str:
    """A moment in the office's time zone with its label (``5 Des 2026 13.09 WIB``)."""
    return formatting.moment(value, timezone(), _locale())


def date(value: datetime.date | datetime.datetime | str | None, form: str = "medium") -> str:
    """A calendar date in the request's language (``5 Des 2026``; ``long``: ``5 Desember 2026``)."""
    return formatting.date(value, timezone(), _locale(), form)


def today() -> datetime.date:
    """Today's date in the office's time zone."""
    return formatting.local(datetime.datetime.now(datetime.UTC), timezone()).date()


def format_config() -> dict:
    """Locale, time zone and its label for ``SasaranFormat`` (static/js/format.js)."""
    return formatting.browser_config(_locale(), timezone())


def init_app(app: Flask) -> None:
    """Register the filters (after Flask-Babel) and drop Flask-Babel's."""
    for name in BABEL_FILTERS:
        app.jinja_env.filters.pop(name, None)
    app.jinja_env.filters.update(angka=number, rupiah=rupiah, waktu=moment, tanggal=date)
    app.jinja_env.globals.update(format_config=format_config)
