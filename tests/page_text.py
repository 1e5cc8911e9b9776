"""Checks of what pages say to people (issue #19): times in the office's zone with their label, no
raw ISO timestamps, numbers in the language's format.

:func:`problems` reads the visible text of a page (codes, ids and form fields left out: elements
``code``, ``.kode``, ``.font-monospace``, inputs and scripts) and returns every piece that breaks a
rule, with its context."""
import re
from html.parser import HTMLParser

LABELS = ("WIB", "WITA", "WIT", "UTC")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
# a run of digits with separators, not glued to letters, '*' (masked NIK) or '_' (file names)
TOKEN = re.compile(r"(?<![\w*/#.,:-])\d(?:[\d.,:]*\d)?(?![\w*])")
CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}(?:\.\d{4})?$")   # Kemendagri 18.04.04 / 18.04.04.2002 (18.04: in a .kode)
TIME = {"id": re.compile(r"^\d{1,2}[.:]\d{2}$"), "en": re.compile(r"^\d{1,2}:\d{2}$")}
AFTER_TIME = re.compile(r"^\s*(?:[AP]M\s*)?(?:" + "|".join(LABELS) + r")\b")
NUMBER = {"id": re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$"), "en": re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")}
YEAR = re.compile(r"^(?:19|20)\d{2}$")
STANDARD = re.compile(r"(?:RFC|EPSG|ISO|SRID)[ :]?$")                 # names of standards: RFC 7946, EPSG:4326
SKIPPED_TAGS = {"script", "style", "code", "kbd", "textarea", "select", "template", "noscript", "title", "head"}
SKIPPED_CLASSES = {"kode", "font-monospace"}


class _Text(HTMLParser):
    """Visible text of an HTML page without the skipped elements."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            self.parts.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES) or (self.stack and self.stack[-1])
        self.stack.append(bool(skipped))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.stack:
            self.stack.pop()
        self.parts.append(" ")

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a person reads on the page (see the module docstring)."""
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts))


def problems(text: str, lang: str) -> list[str]:
    """Every raw ISO timestamp, unlabelled time and number written against ``lang``'s rules."""
    found = [f"ISO: {m.group(0)!r} in {text[max(0, m.start() - 40):m.end() + 20]!r}" for m in ISO.finditer(text)]
    text = ISO.sub(" ", text)
    for match in TOKEN.finditer(text):
        token = match.group(0).rstrip(".,:")
        context = text[max(0, match.start() - 40):match.end() + 25]
        if CODE.match(token) or YEAR.match(token) or STANDARD.search(text[max(0, match.start() - 6):match.start()]):
            continue
        if TIME[lang].match(token):
            if not AFTER_TIME.match(text[match.end():]):
                found.append(f"jam tanpa zona / angka salah: {token!r} in {context!r}")
            continue
        if not NUMBER[lang].match(token):
            found.append(f"angka: {token!r} in {context!r}")
    return found
