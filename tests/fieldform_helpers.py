"""Fill a field verification form as a field worker would (openpyxl, cells found by their header)."""
import io

from openpyxl import load_workbook

from spatial.selection import fieldform


def fill(data: bytes, answers: dict) -> bytes:
    """``answers``: ``{seleksi_id: {header: value}}``, headers as printed (``"Layak (ya/tidak)"``,
    ``"Koreksi luas lantai (m²)"``, ...). Returns the filled workbook."""
    book = load_workbook(io.BytesIO(data))
    sheet = book[fieldform.SHEET]
    header = {cell.value: cell.column for cell in sheet[fieldform.HEADER_ROW]}
    key = header["ID Seleksi"]
    for row in sheet.iter_rows(min_row=fieldform.HEADER_ROW + 1):
        seleksi_id = row[key - 1].value
        for name, value in answers.get(seleksi_id, {}).items():
            sheet.cell(row[0].row, header[name], value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ids_in(data: bytes) -> list[int]:
    """The ID Seleksi of every row of a form, in order."""
    sheet = load_workbook(io.BytesIO(data), read_only=True)[fieldform.SHEET]
    rows = list(sheet.iter_rows(min_row=fieldform.HEADER_ROW, values_only=True))
    key = rows[0].index("ID Seleksi")
    return [r[key] for r in rows[1:] if r[key] is not None]
