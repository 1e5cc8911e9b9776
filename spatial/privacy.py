"""Personal data (UU 27/2022): NIK masking and the roles allowed to see personal fields.

Other parts call ``mask_nik`` wherever a NIK leaves the database for a role that may not see it
in full, and ``personal_fields_allowed`` / ``full_nik_allowed`` to decide.
"""
import re

# Roles that may see names, addresses and exact household points (admin always may).
PERSONAL_ROLES = ("admin", "perkim")
# Roles that may see a NIK in full (beneficiary verification, SK lists). Everyone else: masked.
FULL_NIK_ROLES = ("admin", "perkim")
# Roles that may see a child's growth record (health data of children: name, NIK, measurements);
# everyone else gets village aggregates under the anonymity rule.
CHILD_RECORD_ROLES = ("admin", "kesehatan")
_DIGITS = re.compile(r"\d+")


def mask_nik(nik: str | None) -> str | None:
    """Keep the region (first 4 digits) and the last 4 digits: ``1804041234560001`` -> ``1804********0001``.

    Spaces or dots inside the NIK are dropped first; a value too short to hide anything is masked
    entirely; ``None``/empty stays as it is.
    """
    if not nik:
        return nik
    digits = "".join(_DIGITS.findall(str(nik))) or str(nik)
    if len(digits) <= 8:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def personal_fields_allowed(role: str | None) -> bool:
    """True when ``role`` may see names, addresses and exact points of households."""
    return role in PERSONAL_ROLES


def child_records_allowed(role: str | None) -> bool:
    """True when ``role`` may see children's growth records (admin, kesehatan)."""
    return role in CHILD_RECORD_ROLES


def full_nik_allowed(role: str | None) -> bool:
    """True when ``role`` may see a NIK unmasked."""
    return role in FULL_NIK_ROLES


def nik_for_role(nik: str | None, role: str | None) -> str | None:
    """The NIK as ``role`` may see it: in full, masked, or not at all (aggregate-only roles)."""
    if not personal_fields_allowed(role):
        return None
    return nik if full_nik_allowed(role) else mask_nik(nik)
