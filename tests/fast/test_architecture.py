"""The rules of the layout that a reader relies on, checked on the source (no database)."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_settings_object_reads_the_environment():
    readers = []
    for folder in ("spatial", "webgis", "sql"):
        for name, tree in _modules(folder):
            if name == "spatial/settings.py":
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv") \
                        and isinstance(node.value, ast.Name) and node.value.id == "os":
                    readers.append(f"{name}:{node.lineno}")
    assert readers == []


def test_spatial_does_not_import_the_web_layer():
    offenders = [name for name, tree in _modules("spatial")
                 if any(i == "webgis" or i.startswith("webgis.") for i in _imports(tree))]
    assert offenders == []
