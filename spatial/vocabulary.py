"""Category values as registry files really write them: one matcher for every code-list column.

A column's :class:`Vocabulary` is data: its valid entries (``spatial/codelists.py``), the answer
numbers of the BPS/DTKS questionnaire and the synonyms other offices and forms write
(``spatial/codelist_synonyms.toml``), and, where a code list carries a meaning that must never be
inverted (improved vs unimproved water or sanitation, a working vs a broken facility), the meaning
group of each entry. Importers of any kind of file (households, facilities, later posyandu or
programme lists) declare their columns here and share :class:`Matcher`.

Matching, in order, of a cell after :func:`normalise` (case, spaces, ``_``/``-``, punctuation
around slashes): the user's value mapping; the entry itself; the answer number (``3``,
``3. Seng``); a synonym; the same words or compound components in another order; one component
of a compound entry (``papan`` -> ``kayu/papan``) when exactly one entry has it. Anything else is
unknown: the importer keeps the row with the attribute empty and a warning, and :meth:`Matcher.suggest`
offers the nearest entry of the same meaning, or nothing.
"""
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from spatial import codelists
from spatial.errors import N_, ImportFileError
from spatial.targeting.programs import program_codes

SYNONYMS_PATH = Path(__file__).with_name("codelist_synonyms.toml")
# Words that turn a value into its opposite: a suggestion must have one exactly when the value has.
NEGATIONS = frozenset({"tak", "tanpa", "bukan", "non", "belum", "kurang"})
# Cells that say "unknown": empty, like a blank cell (normalised; "-" and "?" normalise to "").
UNKNOWN = frozenset({"tak tahu", "tak diketahui", "n/a", "na", "nan", "null", "none"})
_SAME_WORD = {"tidak": "tak", "tdk": "tak", "gak": "tak", "nggak": "tak"}
_NUMBER = re.compile(r"^0*(\d{1,3})(?:[.,]0+)?$")     # the raw cell: "3", "03", "3.0"
_NUMBERED = re.compile(r"^0*(\d{1,3}) (.+)$")         # the normalised cell: "3. Seng" -> "3 seng"
EMPTY = "kosong"           # a mapping to this (or to "") means: unknown, leave the attribute empty
MAX_SUGGEST_LENGTH = 80    # longer cells are free text: no edit-distance suggestion


def normalise(value) -> str:
    """Canonical form of a cell for matching: ``' Kayu / Papan '`` -> ``kayu/papan``,
    ``MCK_Komunal`` -> ``mck komunal``, ``Sumur tidak terlindung`` -> ``sumur tak terlindung``."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)).lower()
    text = re.sub(r"[_\-]+", " ", text)
    text = re.sub(r"[^\w/]+", " ", text)
    text = re.sub(r"\s*/\s*", "/", text.strip())
    text = re.sub(r"/{2,}", "/", text).strip("/ ")
    return " ".join(_SAME_WORD.get(word, word) for word in text.split())


def _words(text: str) -> frozenset:
    return frozenset(text.replace("/", " ").split())


def _shape(text: str) -> frozenset:
    """The words of each component, in no order: ``bata merah/semen`` == ``semen/bata merah``."""
    return frozenset(frozenset(part.split()) for part in text.split("/"))


@dataclass(frozen=True)
class Match:
    """What a cell means: ``kode`` (an entry, or None = unknown) and how it was recognised
    (``persis``, ``pemetaan``, ``kode``, ``sinonim``, ``urutan``, ``komponen``; ``kosong`` for an
    empty cell; ``tidak_dikenal``)."""
    kode: str | None
    cara: str


@dataclass(eq=False)
class Vocabulary:
    """The valid values of one column and every other way of writing them."""
    column: str
    entries: tuple
    codes: dict = field(default_factory=dict)      # answer number (int) -> entry
    synonyms: dict = field(default_factory=dict)   # normalised synonym -> entry
    groups: dict = field(default_factory=dict)     # entry -> meaning group (may be empty)

    def __post_init__(self):
        for where, targets in (("kode", self.codes.values()), ("sinonim", self.synonyms.values()),
                               ("kelompok", self.groups)):
            unknown = set(targets) - set(self.entries)
            if unknown:
                raise ValueError(f"{self.column}: {where} menunjuk nilai di luar daftar kode: {sorted(unknown)}")

    @cached_property
    def exact(self) -> dict:
        """Normalised entry -> entry."""
        return {normalise(e): e for e in self.entries}

    @cached_property
    def texts(self) -> dict:
        """Every normalised way of writing an entry (entry, synonym, component) -> entry; a
        component shared by two entries is left out (it does not say which)."""
        texts = dict(self.exact)
        components: dict = {}
        for entry in self.entries:
            for part in normalise(entry).split("/") if "/" in entry else ():
                components.setdefault(part, set()).add(entry)
        for part, owners in components.items():
            if len(owners) == 1 and part not in texts:
                texts[part] = next(iter(owners))
        for synonym, entry in self.synonyms.items():
            texts.setdefault(synonym, entry)
        return texts

    @cached_property
    def shapes(self) -> dict:
        """Words and components in no order (entries and synonyms) -> entry."""
        shapes: dict = {}
        for key, entry in list(self.exact.items()) + list(self.synonyms.items()):
            shapes.setdefault(_shape(key), entry)
        return shapes

    @cached_property
    def word_groups(self) -> dict:
        """Words that occur only in the texts of one meaning group -> that group."""
        seen: dict = {}
        for key, entry in self.texts.items():
            if entry in self.groups:
                for word in _words(key):
                    seen.setdefault(word, set()).add(self.groups[entry])
        return {word: next(iter(groups)) for word, groups in seen.items() if len(groups) == 1}


class Matcher:
    """Matches the cells of the columns of one kind of file against their vocabularies.

    ``mapping``: the user's value mapping ``{column: {cell: entry or "kosong"}}`` (cells compared
    after normalisation); it wins over every other rule."""

    def __init__(self, vocabularies: dict, mapping: dict | None = None):
        self.vocabularies = vocabularies
        self.mapping = {}
        for column, values in (mapping or {}).items():
            if column not in vocabularies:
                raise ImportFileError(N_("pemetaan nilai: kolom %(kolom)s tidak memakai daftar kode (pilihan: %(pilihan)s)"),
                                      kolom=repr(column), pilihan=", ".join(vocabularies))
            self.mapping[column] = {normalise(cell): self._target(column, cell, target)
                                    for cell, target in values.items()}

    def _target(self, column: str, cell, target) -> str | None:
        if target is None or normalise(target) in ("", EMPTY):
            return None
        entry = self.vocabularies[column].exact.get(normalise(target))
        if entry is None:
            raise ImportFileError(N_("pemetaan nilai %(kolom)s %(nilai)s: %(sasaran)s tidak ada dalam daftar kode "
                                     "(%(pilihan)s)"), kolom=column, nilai=repr(cell), sasaran=repr(target),
                                  pilihan=", ".join(self.vocabularies[column].entries))
        return entry

    def match(self, column: str, cell) -> Match:
        """The entry a cell of ``column`` stands for (see the module docstring for the order)."""
        vocabulary = self.vocabularies[column]
        text = normalise(cell)
        if not text or text in UNKNOWN:
            return Match(None, "kosong")
        mapped = self.mapping.get(column, {})
        if text in mapped:
            return Match(mapped[text], "pemetaan")
        if text in vocabulary.exact:
            return Match(vocabulary.exact[text], "persis")
        number = _NUMBER.match(str(cell).strip())
        if number:
            entry = vocabulary.codes.get(int(number.group(1)))
            return Match(entry, "kode") if entry else Match(None, "tidak_dikenal")
        numbered = _NUMBERED.match(text)
        if numbered:
            by_number = vocabulary.codes.get(int(numbered.group(1)))
            said = self._by_text(vocabulary, numbered.group(2))
            if by_number and said.kode in (None, by_number):
                return Match(by_number, "kode")
            if said.kode and not by_number and not vocabulary.codes:
                return said
            return Match(None, "tidak_dikenal")
        return self._by_text(vocabulary, text)

    @staticmethod
    def _by_text(vocabulary: Vocabulary, text: str) -> Match:
        if text in vocabulary.exact:
            return Match(vocabulary.exact[text], "persis")
        if text in vocabulary.synonyms:
            return Match(vocabulary.synonyms[text], "sinonim")
        reordered = vocabulary.shapes.get(_shape(text))
        if reordered:
            return Match(reordered, "urutan")
        owner = _component_owner(vocabulary, text)
        if owner:
            return Match(owner, "komponen")
        return Match(None, "tidak_dikenal")

    def suggest(self, column: str, cell) -> str | None:
        """The nearest entry for an unknown cell, or None: first an entry, synonym or component
        whose words the cell contains, then (last resort) a small edit distance; never one whose
        meaning differs from what the cell's own words say (a negation word, or a word found only
        in entries of one meaning group, e.g. ``cubluk`` only among unimproved toilets)."""
        vocabulary = self.vocabularies[column]
        text = normalise(cell)
        if not text or text in UNKNOWN:
            return None
        allowed = _allowed(vocabulary, text)
        texts = {key: entry for key, entry in vocabulary.texts.items() if allowed(key, entry)}
        words = _words(text)
        contained = [(len(_words(key)), entry) for key, entry in texts.items() if _words(key) <= words]
        if contained:
            best = max(size for size, _ in contained)
            entries = {entry for size, entry in contained if size == best}
            return entries.pop() if len(entries) == 1 else None
        if len(text) > MAX_SUGGEST_LENGTH:
            return None
        scored = []
        for key, entry in texts.items():
            limit = max(1, min(len(key), len(text)) // 4)
            distance = _levenshtein(text, key, limit)
            if distance <= limit:
                scored.append((distance, entry))
        if not scored:
            return None
        best = min(distance for distance, _ in scored)
        entries = {entry for distance, entry in scored if distance == best}
        return entries.pop() if len(entries) == 1 else None


def _component_owner(vocabulary: Vocabulary, text: str) -> str | None:
    """The entry a component (or a compound of known components) belongs to, when only one does."""
    texts = vocabulary.texts
    if "/" not in text:
        entry = texts.get(text)
        return entry if entry is not None and text not in vocabulary.synonyms else None
    owners = {texts[part] for part in text.split("/") if part in texts}
    known = sum(part in texts for part in text.split("/"))
    return owners.pop() if len(owners) == 1 and 2 * known >= len(text.split("/")) else None


def _allowed(vocabulary: Vocabulary, text: str):
    """A filter (key, entry) -> bool of the candidates that keep the cell's meaning."""
    negated = bool(_words(text) & NEGATIONS)
    groups = vocabulary.word_groups
    said = {groups[word] for word in _words(text) if word in groups}
    if len(said) > 1:
        return lambda key, entry: False
    group = said.pop() if said else None

    def allowed(key: str, entry: str) -> bool:
        if bool(_words(key) & NEGATIONS) != negated:
            return False
        return group is None or vocabulary.groups.get(entry) == group
    return allowed


def _levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance of two short strings, or limit + 1 as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _groups(entries, improved) -> dict:
    return {entry: "layak" if entry in improved else "tidak_layak" for entry in entries}


# Meaning groups that a suggestion must never cross, from the definitions in codelists.py.
GROUPS = {
    "sumber_air_minum": _groups(codelists.SUMBER_AIR_MINUM, codelists.AIR_MINUM_LAYAK),
    "fasilitas_bab": _groups(codelists.FASILITAS_BAB, codelists.FASILITAS_BAB_LAYAK),
    "jenis_kloset": _groups(codelists.JENIS_KLOSET, codelists.JENIS_KLOSET_LAYAK),
    "pembuangan_tinja": _groups(codelists.PEMBUANGAN_TINJA, codelists.PEMBUANGAN_TINJA_LAYAK),
    "kondisi": _groups(codelists.KONDISI_FASILITAS, codelists.KONDISI_BERFUNGSI),
    "jenis": dict(codelists.FACILITY_TYPES),
    "ya_tidak": {"ya": "ya", "tidak": "tidak"},
}
# Which code list each column of each kind of file uses (the key of codelist_synonyms.toml).
COLUMNS = {
    "rumah_tangga": {**{column: column for column in codelists.HOUSEHOLD_CATEGORIES},
                     **{column: "ya_tidak" for column in codelists.BOOLEAN_COLUMNS}},
    "fasilitas": {"jenis": "jenis", "kondisi": "kondisi"},
    "pengukuran_anak": {"jenis_kelamin": "jenis_kelamin", "cara_ukur": "cara_ukur"},
    "gizi_desa": {},
    "penerima_bantuan": {"program": "program"},
}
ENTRIES = {**codelists.HOUSEHOLD_CATEGORIES, "ya_tidak": codelists.YA_TIDAK,
           "jenis": tuple(codelists.FACILITY_TYPES), "kondisi": codelists.KONDISI_FASILITAS,
           "jenis_kelamin": codelists.JENIS_KELAMIN, "cara_ukur": codelists.CARA_UKUR,
           "program": program_codes()}


@cache
def _table() -> dict:
    with open(SYNONYMS_PATH, "rb") as handle:
        return tomllib.load(handle)


def code_list(name: str, column: str | None = None) -> Vocabulary:
    """The vocabulary of code list ``name`` (a key of ENTRIES), for ``column`` (default: same name)."""
    declared = _table().get(name, {})
    return Vocabulary(
        column=column or name, entries=tuple(ENTRIES[name]),
        codes={int(number): entry for number, entry in declared.get("kode", {}).items()},
        synonyms={normalise(text): entry for text, entry in declared.get("sinonim", {}).items()},
        groups=GROUPS.get(name, {}))


@cache
def vocabularies(kind: str) -> dict:
    """``{column: Vocabulary}`` of the code-list columns of one kind of file (``rumah_tangga``,
    ``fasilitas``, ``pengukuran_anak``, ``gizi_desa``)."""
    return {column: code_list(name, column) for column, name in COLUMNS[kind].items()}
