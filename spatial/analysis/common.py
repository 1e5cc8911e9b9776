"""Small helpers shared by the analyses: parameters with defaults, SQL execution, progress."""
from spatial.sqlfiles import sql


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


def run_sql(conn, name: str, params: dict | None = None):
    """Execute ``sql/analysis/<name>`` with bound parameters, one statement at a time (a file may
    hold several, each ending with ``;`` at the end of a line); returns the last cursor."""
    statements = [s for s in sql(f"analysis/{name}").split(";\n") if _has_code(s)]
    cur = None
    for statement in statements:
        cur = conn.execute(statement, params if "%(" in statement else None)
    return cur


def _has_code(text: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in text.splitlines())


def fetch_dicts(conn, name: str, params: dict | None = None) -> list[dict]:
    """Rows of ``sql/analysis/<name>`` as dicts."""
    cur = run_sql(conn, name, params)
    names = [c.name for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def no_progress(label: str, fraction: float) -> None:
    """Progress callback that ignores reports (label of the step, fraction done 0..1)."""
