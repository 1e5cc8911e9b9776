"""Every query name written in the code exists under sql/queries/, and every query file is used.

Query names are literal strings such as ``"selection/program_lock"`` (see spatial.sqlfiles). A
name built at run time (an f-string starting with a query folder) would hide its files from this
check, so it fails here too.
"""
import ast
from pathlib import Path

from spatial.sqlfiles import QUERIES_DIR

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("spatial", "webgis", "bench", "tests")
FOLDERS = {p.name for p in QUERIES_DIR.iterdir() if p.is_dir()}
FILES = {p.relative_to(QUERIES_DIR).with_suffix("").as_posix() for p in QUERIES_DIR.rglob("*.sql")}


def _strings():
    """(file, line, text, is_fstring_start) of every string literal in the Python code."""
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    yield path.relative_to(ROOT), node.lineno, node.value, False
                elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                    yield path.relative_to(ROOT), node.lineno, str(node.values[0].value), True


def _looks_like_query(text: str) -> bool:
    head, _, tail = text.partition("/")
    return head in FOLDERS and bool(tail) and all(c.isalnum() or c in "_/" for c in tail)


def test_query_folders_hold_only_sql_files():
    assert FOLDERS, "no query folders found"
    stray = [p.relative_to(QUERIES_DIR).as_posix() for p in QUERIES_DIR.rglob("*")
             if p.is_file() and p.suffix != ".sql"]
    assert stray == []
    assert [p.name for p in QUERIES_DIR.glob("*.sql")] == [], "query files belong in a feature folder"


def test_every_query_name_used_in_code_exists():
    missing = [f"{path}:{line}: {text}" for path, line, text, fstring in _strings()
               if not fstring and _looks_like_query(text) and text not in FILES]
    assert missing == []


def test_no_query_name_is_built_at_run_time():
    built = [f"{path}:{line}: f\"{text}...\"" for path, line, text, fstring in _strings()
             if fstring and text.partition("/")[0] in FOLDERS and "/" in text]
    assert built == []


def test_every_query_file_is_used():
    used = {text for _, _, text, fstring in _strings() if not fstring}
    assert sorted(FILES - used) == []
