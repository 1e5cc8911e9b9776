"""Open an import file: sniff its real type (never trust the extension), encoding and delimiter,
find the header, and stream its rows into a staging table with COPY.

CSV in UTF-8 (with or without BOM) or a single-byte Windows encoding goes to PostgreSQL as raw
bytes (``COPY ... FORMAT csv``, no Python work per row); XLSX is read with openpyxl in read-only
streaming mode. Any CSV the fast path refuses (ragged rows, blank lines) is re-read with Python's
csv module, row by row, in the same transaction.
"""
import codecs
import csv
import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from charset_normalizer import from_bytes
from psycopg import sql as psql
from psycopg.copy import LibpqWriter

from spatial.errors import N_, Text
from spatial.importer.columns import REPORT_COLUMNS, ImportFileError, Schema, normalise_header, resolve_columns
from spatial.uploads import UploadError, check_xlsx

CHUNK = 1 << 18
DELIMITERS = (",", ";", "\t")
# Python codec -> PostgreSQL client encoding for the raw COPY path.
PG_ENCODINGS = {"utf-8": "UTF8", "utf-8-sig": "UTF8", "cp1252": "WIN1252", "cp1250": "WIN1250",
                "latin_1": "LATIN1", "iso8859_15": "LATIN9"}
NOT_CSV = ((b"%PDF", Text(N_("dokumen PDF"))), (b"\x89PNG", Text(N_("gambar PNG"))),
           (b"\xff\xd8\xff", Text(N_("gambar JPEG"))), (b"GIF8", Text(N_("gambar GIF"))),
           (b"\x1f\x8b", Text(N_("arsip gzip"))), (b"Rar!", Text(N_("arsip RAR"))), (b"7z\xbc\xaf", Text(N_("arsip 7z"))),
           (b"MZ", Text(N_("program Windows"))), (b"\x7fELF", Text(N_("program"))))
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SCAN_ROWS = 10


@dataclass
class Source:
    """An inspected import file, ready to be staged."""
    path: Path
    name: str
    kind: str                    # "csv" or "xlsx"
    size: int
    sha256: str
    header: list                 # header cells as in the file
    columns: list                # canonical column (or None) per header cell
    header_rows: int = 1         # rows above the first data row (spreadsheet row of data row n = n + header_rows)
    encoding: str | None = None  # Python codec (CSV)
    delimiter: str | None = None
    skip_bytes: int = 0          # BOM
    notes: list = field(default_factory=list)

    @property
    def pg_encoding(self) -> str | None:
        """Client encoding for raw COPY, or None when the file must be decoded in Python."""
        return PG_ENCODINGS.get(self.encoding or "") if self.kind == "csv" else None


def _scan(path: Path):
    """One pass over the file: SHA-256, whether it is valid UTF-8, whether it holds NUL bytes."""
    digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")()
    utf8, nul, first_bad = True, False, None
    offset = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
            nul = nul or b"\x00" in block
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as exc:
                    utf8, first_bad = False, offset + max(exc.start, 0)
            offset += len(block)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8, first_bad = False, max(offset - 4, 0)
    return digest.hexdigest(), utf8, nul, first_bad


def _guess_single_byte(path: Path, first_bad: int) -> str:
    """Encoding of a file that is not UTF-8 (charset-normalizer on its start and around the first bad byte)."""
    with open(path, "rb") as handle:
        sample = handle.read(256 * 1024)
        handle.seek(max(first_bad - 4096, 0))
        sample += b"\n" + handle.read(16384)
    best = from_bytes(sample, cp_isolation=["cp1252", "latin_1", "cp1250", "iso8859_15", "utf_16"]).best()
    encoding = best.encoding if best else "cp1252"
    if encoding in ("latin_1", "iso8859_15", "cp1250"):
        # These code pages differ from Windows-1252 only in a few letters; registry exports
        # from Indonesian offices are Windows-1252 (old Excel) whenever that decodes.
        try:
            sample.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            pass
    return encoding


def _sniff_kind(path: Path, size: int, display: str) -> str:
    if size == 0:
        raise ImportFileError(N_("%(berkas)s: berkas kosong (0 byte). Pilih berkas CSV atau XLSX yang berisi data."),
                              berkas=display)
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                workbook = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            workbook = False
        if workbook:
            try:
                check_xlsx(path)
            except UploadError as exc:
                raise ImportFileError(N_("%(berkas)s: %(alasan)s"), berkas=display, alasan=exc) from exc
            return "xlsx"
        raise ImportFileError(N_("%(berkas)s: berkas ZIP ini bukan buku kerja Excel (.xlsx). Unggah CSV atau XLSX."),
                              berkas=display)
    if head.startswith(OLE_MAGIC):
        raise ImportFileError(N_("%(berkas)s: format Excel lama (.xls) tidak didukung. "
                                 "Buka di Excel/LibreOffice lalu simpan sebagai .xlsx atau CSV."), berkas=display)
    for magic, label in NOT_CSV:
        if head.startswith(magic):
            raise ImportFileError(N_("%(berkas)s: isi berkas adalah %(jenis)s, bukan CSV atau XLSX "
                                     "(nama berkas tidak menentukan isinya)."), berkas=display, jenis=label)
    return "csv"


def _csv_header(path: Path, encoding: str, skip: int, display: str):
    with open(path, "rb") as handle:
        handle.seek(skip)
        text = handle.read(256 * 1024).decode(encoding, errors="replace")
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise ImportFileError(N_("%(berkas)s: baris pertama kosong; baris pertama harus berisi nama kolom."),
                              berkas=display)
    delimiter = max(DELIMITERS, key=first_line.count)
    if first_line.count(delimiter) == 0:
        raise ImportFileError(N_("%(berkas)s: pemisah kolom tidak dikenali (gunakan koma, titik koma, atau tab)."),
                              berkas=display)
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
    return header, delimiter


def _cell(value):
    """An XLSX cell as the text a CSV export of it would hold."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _open_sheet(path: Path):
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()  # some writers store a wrong <dimension>; read every row
    return book, sheet


def _xlsx_header(path: Path, schema: Schema, mapping: dict | None):
    """Header of the first sheet: the row (among the first ten) that names the most known columns.

    Merged header cells leave the value in the top-left cell only: an empty header cell takes the
    value of the cell above it (a title merged over two header rows)."""
    book, sheet = _open_sheet(path)
    try:
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)]
    finally:
        book.close()
    known = set(schema.columns) | {a for names in schema.aliases.values() for a in names}
    known |= {normalise_header(k) for k in (mapping or {})}
    scores = [sum(normalise_header(c) in known for c in row) for row in rows]
    if not rows or max(scores) == 0:
        return (rows[0] if rows else []), 1
    best = scores.index(max(scores))
    width = max(len(row) for row in rows[:best + 1])
    header = list(rows[best]) + [None] * (width - len(rows[best]))
    if best > 0:
        above = rows[best - 1] + [None] * width
        header = [cell if str(cell or "").strip() else above[i] for i, cell in enumerate(header)]
    return header, best + 1


def inspect(path, schema: Schema, mapping: dict | None = None, name: str | None = None, given=()) -> Source:
    """Sniff, hash and read the header of an import file; raises ImportFileError with a clear message.
    ``given``: required columns whose value the importing user gave for the whole file instead."""
    path = Path(path)
    display = name or path.name
    size = path.stat().st_size
    kind = _sniff_kind(path, size, display)
    if kind == "xlsx":
        digest = _scan(path)[0]
        header, header_rows = _xlsx_header(path, schema, mapping)
        source = Source(path, display, kind, size, digest, header, [], header_rows)
    else:
        with open(path, "rb") as handle:
            bom = handle.read(4)
        if bom.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            digest, encoding, skip = _scan(path)[0], "utf-16", 0
        else:
            digest, utf8, nul, first_bad = _scan(path)
            if nul:
                raise ImportFileError(N_("%(berkas)s: berkas biner (berisi byte NUL), bukan CSV teks. "
                                         "Mungkin berkas lain yang diganti namanya menjadi .csv?"), berkas=display)
            skip = 3 if bom.startswith(codecs.BOM_UTF8) else 0
            encoding = "utf-8" if utf8 else _guess_single_byte(path, first_bad)
        header, delimiter = _csv_header(path, encoding, skip, display)
        source = Source(path, display, kind, size, digest, header, [], 1, encoding, delimiter, skip)
        if encoding not in ("utf-8", "utf-16"):
            source.notes.append(f"pengodean {encoding} (bukan UTF-8) dikonversi")
    header_cells = [str(h).strip() if h is not None else "" for h in source.header]
    if not any(header_cells):
        raise ImportFileError(N_("%(berkas)s: tidak ada baris judul kolom."), berkas=display)
    source.header = header_cells
    source.columns = resolve_columns(header_cells, schema, mapping, given)
    ignored = [h for h, c in zip(header_cells, source.columns)
               if c is None and h and normalise_header(h) not in REPORT_COLUMNS]
    if ignored:
        source.notes.append("kolom diabaikan: " + ", ".join(ignored))
    return source


def iter_rows(source: Source):
    """Data rows as lists of text cells (CSV decoded in Python, or XLSX streamed)."""
    if source.kind == "xlsx":
        book, sheet = _open_sheet(source.path)
        try:
            for row in sheet.iter_rows(min_row=source.header_rows + 1, values_only=True):
                yield [_cell(v) for v in row]
        finally:
            book.close()
        return
    with open(source.path, "rb") as raw:
        raw.seek(source.skip_bytes)
        text = io.TextIOWrapper(raw, encoding=source.encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=source.delimiter or ",")
        next(reader, None)
        yield from reader


def stage(conn, source: Source, table: str, names: list, progress=None) -> None:
    """Fill ``table`` (columns ``names``, one per header cell) with the file's data rows.

    Raw COPY for CSV when possible; on a format error the fast attempt is rolled back to a
    savepoint and the rows are re-read in Python (padded/truncated to the header's width)."""
    target = psql.SQL("COPY {} ({}) FROM STDIN").format(
        psql.Identifier(table), psql.SQL(", ").join(psql.Identifier(n) for n in names))
    report = progress or (lambda done, total: None)
    if source.pg_encoding:
        options = psql.SQL(" WITH (FORMAT csv, HEADER true, DELIMITER {}, ENCODING {})").format(
            psql.Literal(source.delimiter), psql.Literal(source.pg_encoding))
        try:
            with conn.transaction():
                # LibpqWriter: synchronous writes, so a slow server holds back the reader
                # (the default queued writer would buffer up to ~128 MB in this process)
                cursor = conn.cursor()
                with cursor.copy(target + options, writer=LibpqWriter(cursor)) as copy, \
                        open(source.path, "rb") as handle:
                    handle.seek(source.skip_bytes)
                    done = source.skip_bytes
                    for block in iter(lambda: handle.read(CHUNK), b""):
                        copy.write(block)
                        done += len(block)
                        report(done, source.size)
            return
        except (psycopg.errors.BadCopyFileFormat, psycopg.errors.CharacterNotInRepertoire,
                psycopg.errors.UntranslatableCharacter):
            source.notes.append("baris dengan jumlah sel berbeda atau baris kosong: dibaca ulang per baris")
            # the failed attempt consumed row numbers: sequences ignore the rollback
            conn.execute(psql.SQL("TRUNCATE {} RESTART IDENTITY").format(psql.Identifier(table)))
    width = len(names)
    cursor = conn.cursor()
    with cursor.copy(target, writer=LibpqWriter(cursor)) as copy:
        for number, row in enumerate(iter_rows(source), start=1):
            copy.write_row((row + [None] * width)[:width])
            if number % 20000 == 0:
                report(min(number, source.size), None)
    report(source.size, source.size)
