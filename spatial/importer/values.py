"""The value step of an import: code-list cells as other offices write them.

The check takes a cell written exactly as an entry or its answer number at once (``imp_daftar``,
one array look-up per cell). The rows holding any other spelling are flagged; their distinct
values are matched here, once each, by :class:`spatial.vocabulary.Matcher` (the user's value
mapping first), stored in ``imp_nilai``; the flagged rows' entries go to the side table
``imp_nilai_baris`` that the ready views read beside the checked rows. A value nothing matches
leaves the attribute empty with a warning and a suggestion of the same meaning.

An importer declares its columns as :class:`ValueColumns`; households and facilities use it, and
so can any later kind of registry file.
"""
import csv
import json
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from psycopg import sql as psql

from spatial.codelists import BOOLEAN_COLUMNS
from spatial.errors import N_, ImportFileError
from spatial.sqlfiles import composed, run
from spatial.vocabulary import Matcher, normalise, vocabularies

REPORT_LIMIT = 500   # distinct values per column kept in the import's summary (most frequent first)


@dataclass(frozen=True)
class ValueColumns:
    """The code-list columns of one kind of file: which are stored as booleans (entry ``ya``) and
    which a row cannot do without (an unknown value rejects the row instead of emptying the cell)."""
    kind: str
    booleans: tuple = ()
    required: tuple = ()

    @property
    def columns(self) -> tuple:
        return tuple(vocabularies(self.kind))


@dataclass
class ValueReport:
    """The distinct values that were not written exactly as an entry: per column, a list of
    ``{"nilai", "jumlah", "kode", "cara", "saran"}``, most frequent first."""
    columns: dict = field(default_factory=dict)

    def unknown(self) -> dict:
        """Only the values nothing matched (what a user still has to map)."""
        return {column: [v for v in values if v["cara"] == "tidak_dikenal"]
                for column, values in self.columns.items()
                if any(v["cara"] == "tidak_dikenal" for v in values)}

    def counts(self) -> dict:
        """Rows per column and way of matching (for the import's summary)."""
        out: dict[str, dict[str, int]] = {}
        for column, values in self.columns.items():
            for value in values:
                out.setdefault(column, {}).setdefault(value["cara"], 0)
                out[column][value["cara"]] += value["jumlah"]
        return out


def fast_forms(matcher: Matcher, column: str) -> dict:
    """The cells of ``column`` the check takes as they are (each entry, its answer numbers) with
    their entries; a cell the user mapped otherwise is left to the value step."""
    vocabulary = matcher.vocabularies[column]
    forms = {entry: entry for entry in vocabulary.entries}
    forms.update({str(number): entry for number, entry in vocabulary.codes.items()})
    mapped = matcher.mapping.get(column, {})
    return {cell: entry for cell, entry in forms.items() if normalise(cell) not in mapped}


def register_lists(conn, spec: ValueColumns, matcher: Matcher) -> None:
    """Fill ``imp_daftar`` with the fast forms of every code-list column (see fast_forms)."""
    for column in spec.columns:
        forms = fast_forms(matcher, column)
        run(conn, "importer/list_add", {"kolom": column, "cepat": list(forms), "kode": list(forms.values())})


def match_values(conn, spec: ValueColumns, matcher: Matcher, clock=None) -> ValueReport:
    """Match the distinct other spellings of the flagged rows and apply them (see the module doc).
    ``clock(step)``: a context manager timing the sub-steps (nilai_cari, nilai_terap)."""
    clock = clock or (lambda step: nullcontext())
    columns = spec.columns
    if not columns:  # a kind of file without code-list columns
        return ValueReport()
    with clock("nilai_cari"):
        found = _distinct_values(conn, matcher, columns)
    if not found:
        conn.execute(_apply_statement(spec, columns, flagged=False))  # the side table, empty
        return ValueReport()
    report, rows = ValueReport(), []
    for column, raw, count in sorted(found, key=lambda row: (row[0], -row[2], row[1])):
        match = matcher.match(column, raw)
        suggestion = matcher.suggest(column, raw) if match.cara == "tidak_dikenal" else None
        rows.append((column, raw, match.kode, match.cara != "tidak_dikenal", suggestion))
        values = report.columns.setdefault(column, [])
        if len(values) < REPORT_LIMIT:
            values.append({"nilai": raw, "jumlah": count, "kode": match.kode, "cara": match.cara, "saran": suggestion})
    with clock("nilai_terap"):
        with conn.cursor().copy("COPY imp_nilai (kolom, mentah, kode, dikenal, saran) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.execute("ANALYZE imp_nilai")
        # a hash join per column: a nested loop would probe imp_nilai's index once per cell
        # (millions of probes for a whole file in other spellings: 37 s at 1M rows, bench/)
        conn.execute("SET LOCAL enable_nestloop = off")
        conn.execute(_apply_statement(spec, columns, flagged=True))
        conn.execute("RESET enable_nestloop")
    return report


def _distinct_values(conn, matcher: Matcher, columns: tuple) -> list:
    """(column, cell, rows) of the cells of the flagged rows that are not fast forms: one pass over
    those rows, one grouping set per column (GROUPING() tells which column a result row is of)."""
    names = [psql.Identifier(c) for c in columns]
    statement = composed("importer/values_distinct", mask=psql.SQL(", ").join(names),
                         cols=psql.SQL(", ").join(names),
                         sets=psql.SQL(", ").join(psql.SQL("({})").format(n) for n in names))
    found = []
    fast = {column: fast_forms(matcher, column) for column in columns}
    for mask, *cells, count in conn.execute(statement).fetchall():
        position = next(i for i in range(len(columns)) if not mask >> (len(columns) - 1 - i) & 1)
        cell, column = cells[position], columns[position]
        if cell is not None and cell.strip() and cell not in fast[column]:
            found.append((column, cell, count))
    return found


def _apply_statement(spec: ValueColumns, columns: tuple, flagged: bool) -> psql.Composed:
    joins: list[psql.Composable] = []
    values: list[psql.Composable] = []
    warn: list[psql.Composable] = []
    reject: list[psql.Composable] = []
    for number, column in enumerate(columns):
        alias, name, literal = psql.Identifier(f"n{number}"), psql.Identifier(column), psql.Literal(column)
        joins.append(psql.SQL("LEFT JOIN imp_nilai {a} ON {a}.kolom = {lit} AND {a}.mentah = m.{c}")
                     .format(a=alias, lit=literal, c=name))
        values.append(psql.SQL("{a}.kode = 'ya' AS {c}" if column in spec.booleans else "{a}.kode AS {c}")
                      .format(a=alias, c=name))
        outcome = "ditolak" if column in spec.required else "dikosongkan"
        # a column the row cannot do without is also refused when the user mapped its cell to kosong
        emptied: psql.Composable = psql.SQL("")
        if column in spec.required:
            emptied = psql.SQL("WHEN {a}.mentah IS NOT NULL AND {a}.kode IS NULL THEN "
                               "format('%s %L dipetakan ke kosong; ditolak (kolom wajib)', {lit}, {a}.mentah) "
                               ).format(a=alias, lit=literal)
        message = psql.SQL(
            "CASE WHEN NOT {a}.dikenal THEN format('%s %L tidak dikenal dalam daftar kode; {o}%s', {lit}, {a}.mentah, "
            "CASE WHEN {a}.saran IS NOT NULL THEN format(' (mungkin %L?)', {a}.saran) ELSE '' END) {e}END"
        ).format(a=alias, lit=literal, o=psql.SQL(outcome), e=emptied)
        (reject if column in spec.required else warn).append(message)
    flag = "m.urutan IN (SELECT urutan FROM imp_cek WHERE nilai_lain)" if flagged else "false"
    return composed("importer/values_apply", flagged=psql.SQL(flag), values=psql.SQL(", ").join(values),
                    warn=psql.SQL(", ").join(warn), reject=psql.SQL(", ").join(reject),
                    joins=psql.SQL("\n  ").join(joins))


HOUSEHOLD_VALUES = ValueColumns("rumah_tangga", booleans=BOOLEAN_COLUMNS)
FACILITY_VALUES = ValueColumns("fasilitas", required=("jenis",))


def read_value_mapping(path) -> dict:
    """A value mapping ``{column: {cell: entry or "kosong"}}`` from JSON or a three-column CSV
    ``kolom,nilai,kode`` (header optional; an empty ``kode`` means kosong)."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                raise ImportFileError(N_('pemetaan nilai %(berkas)s: harus objek JSON '
                                         '{"kolom": {"nilai dalam berkas": "nilai daftar kode"}}'), berkas=path.name)
            return {str(c): {str(k): ("" if v is None else str(v)) for k, v in values.items()}
                    for c, values in data.items()}
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = [r for r in csv.reader(handle) if len(r) >= 2 and r[0].strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(N_("pemetaan nilai %(berkas)s tidak dapat dibaca: %(galat)s"), berkas=path.name,
                              galat=str(exc)) from exc
    if rows and normalise(rows[0][0]) == "kolom":
        rows = rows[1:]
    mapping: dict = {}
    for row in rows:
        mapping.setdefault(row[0].strip(), {})[row[1]] = row[2] if len(row) > 2 else ""
    return mapping


def value_matcher(kind: str, mapping=None) -> Matcher:
    """The matcher of one kind of file with the user's value mapping (dict or file); a mapping
    naming an unknown column or entry raises ImportFileError."""
    if mapping is not None and not isinstance(mapping, dict):
        mapping = read_value_mapping(mapping)
    return Matcher(vocabularies(kind), mapping)
