"""Every message a user can read has its English translation, and every refusal of the error model
is a marked message (``N_("...")``), so pybabel finds it and the English catalogue holds it."""
import ast
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "webgis" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
ERROR_BASE = "SasaranError"


def _english() -> dict[str, str]:
    with CATALOGUE.open("rb") as handle:
        return {message.id: message.string for message in read_po(handle) if message.id}


def _marked_messages() -> dict[str, str]:
    """msgid -> first place it is marked, over the Python code and templates of both packages."""
    found: dict[str, str] = {}
    for folder in ("spatial", "webgis"):
        for filename, lineno, message, _comments, _context in extract_from_dir(ROOT / folder, METHODS):
            for msgid in (message if isinstance(message, tuple) else (message,)):
                if msgid:
                    found.setdefault(msgid, f"{folder}/{filename}:{lineno}")
    return found


def _trees():
    for folder in ("spatial", "webgis"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _error_classes(trees) -> set[str]:
    """Names of SasaranError and of every class derived from it, however deep."""
    bases = {}
    for _name, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    errors, grown = {ERROR_BASE}, True
    while grown:
        more = {name for name, parents in bases.items() if parents & errors} - errors
        errors |= more
        grown = bool(more)
    return errors


def test_every_marked_message_has_an_english_translation():
    english = _english()
    missing = [f"{place}: {msgid!r}" for msgid, place in _marked_messages().items() if not english.get(msgid)]
    assert missing == []


def test_every_refusal_is_a_marked_message():
    """The first argument of every error of the model is ``N_("...")`` (or a name holding one)."""
    trees = list(_trees())
    errors = _error_classes(trees)
    assert {"ImportFileError", "UploadError", "SelectionError", "OutsideScope"} <= errors
    unmarked = []
    for name, tree in trees:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            first = node.args[0]
            marked = (isinstance(first, ast.Call) and getattr(first.func, "id", None) == "N_"
                      and isinstance(first.args[0], ast.Constant)) or isinstance(first, ast.Name)
            if called in errors and not marked:
                unmarked.append(f"{name}:{node.lineno}")
    assert unmarked == []
