"""The report of recipients not found in the household registry: per programme and period, the
rows of the lists that are linked to no household, either not found by family id, NIK or name
(``tidak_ditemukan``) or a name + village match held for review (``ditahan``), as a worksheet the
office can chase (register the family, correct the NIK, or drop the row). Personal data: callers
check the role and audit."""
from spatial.errors import N_
from spatial.sqlfiles import fetch_all
from spatial.spreadsheet import safe_cell

HEADERS = (N_("Kode desa"), N_("Desa"), N_("No. KK"), "NIK", N_("Nama"), N_("Alamat"), N_("Keadaan"),
           N_("Catatan pencocokan"))
STATES = {"tidak_ditemukan": N_("tidak ditemukan di registri"), "ditahan": N_("kecocokan nama ditahan untuk ditinjau")}


def unmatched(conn, program: str, periode: str, wilayah: str | None) -> list[dict]:
    """The unlinked recipient rows of one programme and period in the region (see the module doc)."""
    return fetch_all(conn, "targeting/unmatched_list", {"program": program, "periode": periode, "wilayah": wilayah})


def write_unmatched(rows: list[dict], title: str, target, gettext=lambda text: text) -> None:
    """The report as XLSX: a title line, the header, one line per row (NIKs as text, every text
    cell through safe_cell)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tidak ditemukan"
    sheet.append([safe_cell(title)])
    sheet.append([gettext(h) for h in HEADERS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row["kode_desa"], safe_cell(row["nama_desa"]), safe_cell(row["id_keluarga"]), safe_cell(row["nik"]),
                      safe_cell(row["nama_kepala"]), safe_cell(row["alamat"]), gettext(STATES[row["keadaan"]]),
                      safe_cell(row["catatan_cocok"])])
        sheet.cell(sheet.max_row, 4).number_format = "@"
    for column, width in zip("ABCDEFGH", (14, 22, 20, 19, 26, 28, 30, 30)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    book.save(target)
