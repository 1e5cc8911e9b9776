"""Small helpers shared by the analyses: parameters with defaults, progress."""


def merge_parameters(defaults: dict, given: dict | None) -> dict:
    """Defaults overridden by ``given`` (unknown keys rejected, values cast to the default's type)."""
    given = {k: v for k, v in (given or {}).items() if v is not None and v != ""}
    unknown = set(given) - set(defaults)
    if unknown:
        raise ValueError(f"parameter tidak dikenal: {', '.join(sorted(unknown))}")
    merged = dict(defaults)
    for key, value in given.items():
        kind = type(defaults[key])
        if kind is bool and isinstance(value, str):
            value = value.strip().lower() in ("1", "ya", "true", "on")
        merged[key] = kind(value)
    return merged


def no_progress(label: str, fraction: float) -> None:
    """Progress callback that ignores reports (label of the step, fraction done 0..1)."""
