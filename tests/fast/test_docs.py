"""The docs name what exists: every file path, module, command and setting they mention is in the
code, and every setting of spatial.settings is documented (docs/operations.md)."""
import importlib
import re
from pathlib import Path

import pytest

from spatial.cli import cli
from spatial.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", ROOT / "DEVELOPERS.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE = re.compile(r"`([^`\n]+)`")
PATH = re.compile(r"^(?:spatial|webgis|sql|tests|bench|data|docs)/[\w./-]*\w$")
DOTTED = re.compile(r"^(spatial|webgis)(\.\w+)+(\(.*\))?$")
COMMAND = re.compile(r"python -m spatial ([a-z][a-z-]+)")
SETTING = re.compile(r"\b(SASARAN_[A-Z_]+|DATABASE_URL)\b")
PLACEHOLDER = re.compile(r"<\w+>|NNNN|\{|\*")
QUERY_FILE = re.compile(r"^[a-z_]+/[a-z0-9_]+\.sql$")


def _spans(path: Path) -> list[str]:
    return CODE.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_paths_named_in_the_docs_exist(doc):
    missing = [span for span in _spans(doc) if PATH.match(span) and not PLACEHOLDER.search(span)
               and not (ROOT / span).exists()]
    missing += [span for span in _spans(doc) if QUERY_FILE.match(span)
                and not (ROOT / "sql" / "queries" / span).exists() and not (ROOT / "sql" / span).exists()]
    assert missing == []


def _resolves(dotted: str) -> bool:
    parts = dotted.split("(")[0].split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_modules_and_functions_named_in_the_docs_exist(doc):
    missing = [span for span in _spans(doc) if DOTTED.match(span) and not _resolves(span)]
    assert missing == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_commands_named_in_the_docs_exist(doc):
    missing = sorted({c for c in COMMAND.findall(doc.read_text(encoding="utf-8")) if c not in cli.commands})
    assert missing == []


def test_every_setting_is_documented_and_every_documented_one_exists():
    variables = {name for name, _default, _meaning in Settings.describe()}
    named = set().union(*(SETTING.findall(doc.read_text(encoding="utf-8")) for doc in DOCS))
    assert sorted(variables - set(SETTING.findall((ROOT / "docs/operations.md").read_text()))) == []
    unknown = named - variables - {"SASARAN_PG_PORT", "SASARAN_PG_VERSION", "SASARAN_PG_FSYNC", "SASARAN_SKIP_LINT"}
    assert sorted(unknown) == []


def test_every_document_is_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [doc.name for doc in sorted((ROOT / "docs").glob("*.md")) if f"(docs/{doc.name})" not in readme] == []


LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_relative_links_and_images_in_the_docs_resolve(doc):
    targets = [t for t in LINK.findall(doc.read_text(encoding="utf-8")) if "://" not in t and not t.startswith("mailto:")]
    assert [t for t in targets if not (doc.parent / t).exists()] == []
