"""Region scope on writes: the one check every service that changes data calls. A user limited to
a kabupaten (``18.04``) or a kecamatan (``18.04.04``) changes only what lies inside it; an
unscoped user (``wilayah`` None) changes anything (the rule itself: ``spatial.codes.within``, in
SQL ``dalam_wilayah``).

Services call ``require`` with the region of the object they change (a village, a programme's
owner region, ...). Objects of the whole deployment (``None``) are for unscoped users only.
``OutsideScope`` is a ``Forbidden`` (403) of the one error model. ``narrowed`` is the part of
the user's region a page asks for (one kabupaten of a province user's region)."""
import re

from spatial.codes import within
from spatial.errors import N_, Forbidden, InvalidInput

REGION = re.compile(r"^\d{2}(\.\d{2}){0,2}$")  # province, kabupaten or kecamatan code


class OutsideScope(Forbidden):
    """A change refused because its object lies outside the user's region."""
    code = "di_luar_wilayah"


def require(wilayah: str | None, kode: str | None, what: str) -> None:
    """Raise ``OutsideScope`` naming ``what`` unless ``kode`` lies inside ``wilayah``."""
    if not within(kode, wilayah):
        raise OutsideScope(N_("%(apa)s di luar wilayah Anda (%(wilayah)s)."), apa=what, wilayah=wilayah)


def narrowed(wilayah: str | None, asked: str | None) -> str | None:
    """The region a user of ``wilayah`` works in when a page asks for ``asked``: ``asked`` when it
    lies inside ``wilayah``, ``wilayah`` when that lies inside ``asked`` (a kecamatan user asking for
    its kabupaten), ``wilayah`` when nothing is asked; InvalidInput for a malformed code and
    ``OutsideScope`` for a region outside the user's."""
    asked = (asked or "").strip() or None
    if asked is None:
        return wilayah
    if not REGION.match(asked):
        raise InvalidInput(N_("Kode wilayah tidak sah: %(kode)s."), kode=asked)
    if within(wilayah, asked):
        return wilayah
    require(wilayah, asked, asked)
    return asked
