"""Cells written to CSV/XLSX exports: neutralise spreadsheet formula injection."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return ``value`` unchanged unless it is text a spreadsheet would run as a formula;
    such text gets a leading apostrophe so Excel/LibreOffice show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
