"""Region scope: a user may be limited to one kabupaten (``18.04``) or kecamatan (``18.04.04``).

Views pass ``region_filter()`` to the ``spatial`` services, whose queries filter with the SQL
function ``dalam_wilayah(kode, wilayah)``::

    rows = call(villages.priority_households, kode_desa, wilayah=region_filter())
    -- and in the service's query file:  WHERE dalam_wilayah(kode_desa, %(wilayah)s)

``dalam_wilayah`` is true for every code when ``wilayah`` is NULL (unscoped user, or anonymous
visitor of public aggregate pages), else when the code is the region or lies inside it.
Single-object routes call ``in_scope(kode)`` and answer 404 outside the scope.
"""
from flask_login import current_user

from spatial.codes import within
from spatial.privacy import nik_for_role, personal_fields_allowed


def region_filter() -> str | None:
    """The signed-in user's region code prefix (``18.04.04``), or None when unscoped."""
    if current_user and current_user.is_authenticated:
        return current_user.region or None
    return None


def in_scope(code: str | None) -> bool:
    """True when the region/village ``code`` is inside the user's scope (always when unscoped)."""
    return within(code, region_filter())


def current_role() -> str | None:
    """Role of the signed-in user, None for anonymous visitors."""
    return current_user.role if current_user and current_user.is_authenticated else None


def may_see_personal() -> bool:
    """True when the user may see names, addresses and exact household points (admin, perkim)."""
    return personal_fields_allowed(current_role())


def shown_nik(nik: str | None) -> str | None:
    """The NIK as the current user may see it: full (admin, perkim), masked, or None."""
    return nik_for_role(nik, current_role())
