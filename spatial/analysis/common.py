"""Small helpers shared by the analyses: parameters with defaults, progress."""
from spatial.errors import N_, InvalidInput

KIND_NAMES = {int: N_("bilangan bulat"), float: N_("angka"), str: N_("teks"), bool: N_("ya/tidak")}


def merge_parameters(defaults: dict, given: dict | None) -> dict:
    """Defaults overridden by ``given`` (unknown keys rejected, values cast to the default's type);
    InvalidInput naming the parameter otherwise."""
    given = {k: v for k, v in (given or {}).items() if v is not None and v != ""}
    unknown = set(given) - set(defaults)
    if unknown:
        raise InvalidInput(N_("Parameter tidak dikenal: %(nama)s"), nama=", ".join(sorted(unknown)))
    merged = dict(defaults)
    for key, value in given.items():
        kind = type(defaults[key])
        if kind is bool and isinstance(value, str):
            value = value.strip().lower() in ("1", "ya", "true", "on")
        try:
            merged[key] = kind(value)
        except (TypeError, ValueError):
            raise InvalidInput(N_("Parameter %(nama)s harus %(jenis)s: %(nilai)s"), nama=key,
                               jenis=KIND_NAMES.get(kind, kind.__name__), nilai=str(value)[:50]) from None
    return merged


def no_progress(label: str, fraction: float) -> None:
    """Progress callback that ignores reports (label of the step, fraction done 0..1)."""
