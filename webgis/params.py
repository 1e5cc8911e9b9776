"""Query parameters parsed strictly: a malformed value is the client's error (400 with the
parameter's name), never a silent default nor a 500 from the database. NUL bytes, NaN, infinity
and integers beyond PostgreSQL's ``integer`` are malformed."""
import math
from collections.abc import Callable
from typing import overload

from flask import request

from spatial.errors import N_, InvalidInput

INT_MAX = 2**31 - 1


@overload
def int_arg(name: str, default: int, low: int = ..., high: int = ...) -> int: ...
@overload
def int_arg(name: str, default: None = None, low: int = ..., high: int = ...) -> int | None: ...


def int_arg(name: str, default: int | None = None, low: int = -INT_MAX, high: int = INT_MAX) -> int | None:
    """Integer parameter ``name`` within ``low..high``, ``default`` when absent or empty."""
    value = _number(name, int, N_("Parameter %(nama)s harus bilangan bulat."))
    if value is None:
        return default
    if not low <= value <= high:
        raise InvalidInput(N_("Parameter %(nama)s harus antara %(a)s dan %(b)s."), nama=name, a=low, b=high)
    return int(value)


def float_arg(name: str, default: float | None = None, low: float = -math.inf) -> float | None:
    """Finite decimal parameter ``name`` (no NaN or infinity) of at least ``low``, ``default`` when
    absent or empty."""
    value = _number(name, float, N_("Parameter %(nama)s harus angka."))
    if value is None:
        return default
    if value < low:
        raise InvalidInput(N_("Parameter %(nama)s paling kecil %(a)s."), nama=name, a=low)
    return value


def _number(name: str, kind: Callable[[str], float], malformed: str) -> float | None:
    """Parameter ``name`` read by ``kind`` (``int`` or ``float``), None when absent or empty;
    ``InvalidInput`` with the message ``malformed`` when it is not a finite number of that kind."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        value = kind(text)
    except ValueError:
        value = math.nan
    if isinstance(value, float) and not math.isfinite(value):  # an int of any size is finite
        raise InvalidInput(malformed, nama=name)
    return value


def _has_nul(value) -> bool:
    """True when a NUL byte is in any string (key or value) of a parsed JSON document."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def check_request():
    """400 before any view runs for input no view can use: a NUL byte in the path, a query or
    form field (PostgreSQL text cannot hold one), or a JSON body nested too deep to parse or
    holding a NUL byte."""
    texts = [request.path, *request.args.keys(), *request.args.values()]
    if request.method != "GET" and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        texts += [*request.form.keys(), *request.form.values()]
    if any("\x00" in text for text in texts):
        raise InvalidInput(N_("Permintaan memuat karakter NUL."))
    if request.is_json and request.content_length != 0:
        try:
            document = request.get_json(silent=True)
        except RecursionError:
            raise InvalidInput(N_("JSON terlalu dalam bersarang.")) from None
        if _has_nul(document):
            raise InvalidInput(N_("Permintaan memuat karakter NUL."))


def init_app(app) -> None:
    """Check every request before its view (``check_request``)."""
    app.before_request(check_request)
