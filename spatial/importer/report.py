"""Rejects reports (CSV/XLSX the data officer can fix and import again) and the import history.

A rejects report holds the original cells of each rejected row, and of each row kept with a
warning (an attribute left empty, a point fixed or doubtful), in the file's own column order, then
``status`` (``ditolak`` or ``dimuat``), ``baris`` (row number as the spreadsheet shows it),
``alasan`` (reason codes) and ``keterangan`` (what is wrong, with the nearest valid value for an
unknown category). The importer ignores those columns, so the fixed report can be imported as it is.
"""
import csv
import re
from pathlib import Path

from spatial.db import connect
from spatial.errors import N_, NotFound
from spatial.spreadsheet import safe_cell
from spatial.sqlfiles import fetch_all, run

REPORT_EXTRA = ["status", "baris", "alasan", "keterangan"]
# The kinds of file the registry pipeline imports (impor.jenis).
IMPORT_KINDS = ("rumah_tangga", "fasilitas", "pengukuran_anak", "gizi_desa", "penerima_bantuan")
_PLAIN_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")


def _cell(value):
    """A report cell: formula-injection safe, but a plain number (``-5.02``) stays a number."""
    if isinstance(value, str) and _PLAIN_NUMBER.match(value):
        return value
    return safe_cell(value)


def import_kind(import_id: int, url: str | None = None) -> str:
    """The kind of file (``impor.jenis``) of an import; NotFound when there is no such import."""
    with connect(url) as conn:
        found = run(conn, "importer/kind", {"impor_id": import_id}).fetchone()
    if found is None:
        raise NotFound(N_("Impor #%(id)s tidak ada."), id=import_id)
    return found[0]


def rejects(import_id: int, url: str | None = None, reader: str | None = None,
            wilayah: str | None = None) -> tuple[list, list, list]:
    """Header, rejected rows and rows kept with a warning, of an import's rejects report.

    The report holds other people's original cells (names, NIK, addresses, points): a user scoped
    to a region (``wilayah``) reads only the reports of imports made by ``reader`` themself, made
    under the same region; LookupError otherwise, as for an import that does not exist."""
    with connect(url) as conn:
        header = run(conn, "importer/header", {"impor_id": import_id}).fetchone()
        if header is not None and wilayah is not None and not (header[1] == reader and header[2] == wilayah):
            header = None
        found = run(conn, "importer/rejects_list", {"impor_id": import_id}).fetchall()
    if header is None:
        raise NotFound(N_("Impor #%(id)s tidak ada."), id=import_id)
    rejected: list[list] = []
    warned: list[list] = []
    for header_rows, urutan, ditolak, alasan, keterangan, sel in found:
        status = "ditolak" if ditolak else "dimuat"
        (rejected if ditolak else warned).append(list(sel) + [status, urutan + header_rows, ";".join(alasan), keterangan])
    return list(header[0] or []) + REPORT_EXTRA, rejected, warned


def write_csv(header: list, rows: list, target) -> None:
    """Write a report as UTF-8 CSV with BOM (opens correctly in Excel)."""
    with open(target, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([_cell(h) for h in header])
        for row in rows:
            writer.writerow([_cell(c) for c in row])


def write_xlsx(header: list, rows: list, target, warnings: list | None = None) -> None:
    """Write a report as XLSX: sheet ``Ditolak`` (and ``Peringatan`` when given). Cells are text,
    so NIKs keep their 16 digits."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, body in (("Ditolak", rows), ("Peringatan", warnings)):
        if body is None:
            continue
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        sheet.append([_cell(h) for h in header])
        for row in body:
            sheet.append([None if c is None else str(_cell(c)) for c in row])
    book.save(target)


def write_report(import_id: int, target, url: str | None = None) -> int:
    """Write the report of an import to ``target``: .xlsx with sheets Ditolak and Peringatan, or
    .csv with the rejected rows first, then the warned ones. Returns the rejected count."""
    header, rows, warned = rejects(import_id, url)
    if Path(target).suffix.lower() == ".xlsx":
        write_xlsx(header, rows, target, warned)
    else:
        write_csv(header, rows + warned, target)
    return len(rows)


def history(url: str | None = None, kinds=IMPORT_KINDS, limit: int = 50) -> list[dict]:
    """Recent imports of ``kinds`` (newest first): file, hash, who, when, status and counts."""
    with connect(url) as conn:
        return fetch_all(conn, "importer/history", {"jenis": list(kinds), "batas": limit})
