"""One error model for everything a user can be refused.

A ``SasaranError`` carries the message for the user (Bahasa Indonesia, the msgid of the
translation catalogue: write it as ``N_("... %(name)s ...")`` with its values as keyword
arguments, so pybabel extracts it and the web app shows it in the user's language), the HTTP
status and a short machine-readable ``code``. Code below the web layer raises these; the one
handler in the app factory (``webgis.errors``) turns them into a JSON body for API clients or a
flashed message / error page for people; command-line tools print ``str(error)``. Views have no
``except`` blocks of their own for them. Values are shown as they are, except a ``Text`` (a
marked word such as a file kind), a ``Message`` and an error (the reason of another refusal),
which are translated too, also in a list (errors joined by "; ", texts by ", "), and a ``Number``,
written in the language's format (``1.856`` / ``1,856``). A ``Message`` is a marked message with
values that refuses nothing (a text a service composes for the user).

The classes say what went wrong, the status follows from the class:

=================  ======  ===========================================================
``InvalidInput``   400     a value in the request is wrong (also a ``ValueError``)
``Forbidden``      403     the user may not do this (role, region scope)
``NotFound``       404     the object does not exist or lies outside the user's region
``Conflict``       409     the request clashes with the current state (closed programme)
``TooLarge``       413     an upload over a limit
=================  ======  ===========================================================

Feature errors (``AreaError``, ``SelectionError``, ``UploadError``, ``ImportFileError``,
``BoundaryError``) are ``InvalidInput`` with a code of their own (``SelectionError``: 409, the
programme's rules or state refuse the action).
"""
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from spatial import formatting


def N_(message: str) -> str:
    """Mark a fixed message for translation (extracted by pybabel; translated where it is shown)."""
    return message


class Text(str):
    """A marked text used as a value of a message (``Text(N_("dokumen PDF"))``): translated with it."""


class Number:
    """A number used as a value of a message (``Number(9568.2, digits=0)``): written in the format of
    the language the message is shown in (spatial.formatting: ``9.568`` in Bahasa Indonesia,
    ``9,568`` in English), at most ``digits`` decimals."""

    def __init__(self, value: float | int | Decimal, digits: int = 1):
        self.value = value
        self.digits = digits

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.digits!r})"


class Message:
    """A marked message with its values that refuses nothing (``Message(N_("... %(name)s ..."),
    name=value)``): a text a service composes for the user, such as the evidence of a lokus proposal.
    Shown like a refusal's message: ``translated(gettext, locale)``, ``str()`` in Bahasa Indonesia."""

    def __init__(self, message: str, **params: Any):
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return self.translated(lambda text: text)

    def __repr__(self) -> str:
        return f"Message({self.message!r}, {self.params!r})"

    def translated(self, gettext: Callable[[str], str], locale: str = "id") -> str:
        """The message in the language of ``gettext`` (numbers in the format of ``locale``)."""
        return _filled(self.message, self.params, gettext, locale)


class SasaranError(Exception):
    """A refusal with a message for the user, an HTTP status and a code."""
    status: int = 400
    code: str = "permintaan_tidak_valid"

    def __init_subclass__(cls, status: int | None = None, code: str | None = None, **kwargs: Any):
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status
        if code is not None:
            cls.code = code

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None, **params: Any):
        super().__init__(message)
        self.message = message
        self.params = params
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        """The message in Bahasa Indonesia with its values (command line, logs)."""
        return self.translated(lambda text: text)

    def translated(self, gettext: Callable[[str], str], locale: str = "id") -> str:
        """The message in the language of ``gettext`` (numbers in the format of ``locale``)."""
        return _filled(self.message, self.params, gettext, locale)


def _filled(message: str, params: dict, gettext: Callable[[str], str], locale: str) -> str:
    """``message`` in the language of ``gettext`` with ``params`` filled in."""
    text = gettext(message)
    if not params:
        return text
    shown = {name: _shown(value, gettext, locale) for name, value in params.items()}
    try:
        return text % shown
    except (KeyError, ValueError, TypeError):  # a translation with other placeholders: show the source
        return message % shown


def _shown(value: Any, gettext: Callable[[str], str], locale: str) -> Any:
    """A ``Text``, a ``Message`` or an error translated, a ``Number`` written for ``locale``; a list
    of texts or errors translated item by item, errors joined by "; ", texts by ", "; any other
    value as it is."""
    if isinstance(value, Text):
        return gettext(value)
    if isinstance(value, Number):
        return formatting.number(value.value, locale, value.digits)
    if isinstance(value, SasaranError | Message):
        return value.translated(gettext, locale)
    if isinstance(value, list) and value and all(isinstance(item, Text | SasaranError) for item in value):
        separator = "; " if isinstance(value[0], SasaranError) else ", "
        return separator.join(_shown(item, gettext, locale) for item in value)
    return value


class InvalidInput(SasaranError, ValueError, status=400, code="masukan_tidak_valid"):
    """A value in the request is wrong."""


class Forbidden(SasaranError, status=403, code="tidak_diizinkan"):
    """The user may not do this: role or region scope."""


class NotFound(SasaranError, status=404, code="tidak_ditemukan"):
    """The object does not exist, or lies outside the user's region."""


class Conflict(SasaranError, status=409, code="konflik"):
    """The request clashes with the current state."""


class TooLarge(SasaranError, status=413, code="terlalu_besar"):
    """An upload over a limit."""


# Feature errors: invalid input of one feature, with a code of its own.
class AreaError(InvalidInput, code="kawasan_tidak_valid"):
    """A priority area, lokus or export filter refused."""


class SelectionError(InvalidInput, status=409, code="seleksi_ditolak"):
    """A beneficiary-selection action refused by the programme's rules or state."""


class UploadError(InvalidInput, code="unggahan_ditolak"):
    """An uploaded file refused (type, size, structure)."""


class ImportFileError(InvalidInput, code="berkas_impor_ditolak"):
    """A registry file that cannot be imported at all (the data officer reads the message)."""


class BoundaryError(InvalidInput, code="batas_wilayah_ditolak"):
    """A boundary file that cannot be loaded at all (unreadable, no code column)."""
