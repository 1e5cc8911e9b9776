"""Region scope on writes: the one check every service that changes data calls. A user limited to
a kabupaten (``18.04``) or a kecamatan (``18.04.04``) changes only what lies inside it; an
unscoped user (``wilayah`` None) changes anything (the rule itself: ``spatial.codes.within``, in
SQL ``dalam_wilayah``).

Services call ``require`` with the region of the object they change (a village, a programme's
owner region, ...). Objects of the whole deployment (``None``) are for unscoped users only.
``OutsideScope`` is a ``Forbidden`` (403) of the one error model."""
from spatial.codes import within
from spatial.errors import N_, Forbidden


class OutsideScope(Forbidden):
    """A change refused because its object lies outside the user's region."""
    code = "di_luar_wilayah"


def require(wilayah: str | None, kode: str | None, what: str) -> None:
    """Raise ``OutsideScope`` naming ``what`` unless ``kode`` lies inside ``wilayah``."""
    if not within(kode, wilayah):
        raise OutsideScope(N_("%(apa)s di luar wilayah Anda (%(wilayah)s)."), apa=what, wilayah=wilayah)
