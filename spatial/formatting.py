"""One clock and one number format for everything people read: pages, popups, spreadsheets.

Times are stored in UTC (``timestamptz``) and shown in the office's time zone
(``SASARAN_TIMEZONE``, default Asia/Jakarta) with its label: WIB (UTC+7), WITA (UTC+8), WIT
(UTC+9), otherwise ``UTC+h``. Numbers follow the language: ``1.856`` and ``23,4`` in Bahasa
Indonesia, ``1,856`` and ``23.4`` in English. The web app's Jinja filters (``angka``, ``waktu``,
``tanggal``) and the browser's ``SasaranFormat`` (static/js/format.js, configured from
:func:`browser_config`) are thin wrappers around these functions.
"""
import datetime
import zoneinfo
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

ZONE_LABELS = {7 * 60: "WIB", 8 * 60: "WITA", 9 * 60: "WIT"}   # offset in minutes -> Indonesian label
BROWSER_LOCALES = {"id": "id-ID", "en": "en-US"}                # the same conventions in Intl.*Format


def number(value: float | int | Decimal | None, locale: str = "id", digits: int = 1) -> str:
    """``value`` with thousands separators and at most ``digits`` decimals (none when they are 0)
    in the conventions of ``locale``; an en dash for None."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=locale)


def zone_label(timezone: str, at: datetime.datetime | None = None) -> str:
    """WIB / WITA / WIT for the Indonesian offsets, ``UTC+5:30`` style otherwise."""
    moment = (at or datetime.datetime.now(datetime.UTC)).astimezone(zoneinfo.ZoneInfo(timezone))
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes in ZONE_LABELS:
        return ZONE_LABELS[minutes]
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def local(value: datetime.datetime | str, timezone: str) -> datetime.datetime:
    """``value`` (aware, naive meaning UTC, or ISO 8601 text as APIs write it) in the office's
    time zone."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(zoneinfo.ZoneInfo(timezone))


def moment(value: datetime.datetime | str | None, timezone: str, locale: str = "id") -> str:
    """Date and time in the office's zone with its label: ``5 Des 2026 13.09 WIB``."""
    if value is None or value == "":
        return "–"
    at = local(value, timezone)
    return f"{format_date(at, 'medium', locale=locale)} {format_time(at, 'short', locale=locale)} " \
           f"{zone_label(timezone, at)}"


def date(value: datetime.date | datetime.datetime | str | None, timezone: str, locale: str = "id",
         form: str = "medium") -> str:
    """A calendar date: ``5 Des 2026`` (``form`` long: ``5 Desember 2026``; a moment is first taken
    to the office's zone; ISO text ``2027-03-01`` is read as a date)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        value = local(value, timezone)
    return format_date(value, form, locale=locale)


def browser_config(locale: str, timezone: str) -> dict:
    """What ``SasaranFormat`` in the browser needs to write the same numbers and times."""
    return {"locale": BROWSER_LOCALES.get(locale, "id-ID"), "timezone": timezone, "zona": zone_label(timezone)}
