"""Import sources: the value mapping a user chose for one office's files, saved under the source's
name and offered again for its next file (the web import's value-mapping step)."""
from psycopg.types.json import Jsonb

from spatial.db import connect
from spatial.sqlfiles import fetch_all, fetch_value, run
from spatial.vocabulary import normalise


def sources(kind: str, url: str | None = None) -> list[dict]:
    """The saved sources of one kind of file (``nama``, ``pemetaan_nilai``, who and when)."""
    with connect(url) as conn:
        return fetch_all(conn, "importer/sources_list", {"jenis": kind})


def offered(kind: str, name: str | None, unknown: dict, url: str | None = None) -> dict:
    """For each unknown value ``{column: [{"nilai": ...}, ...]}``, the entry the source's saved
    mapping gives it (``""`` = kosong), or None when it has none: ``{column: [entry or None]}``."""
    saved = saved_mapping(kind, name, url)
    return {column: [saved.get(column, {}).get(normalise(value["nilai"])) for value in values]
            for column, values in unknown.items()}


def saved_mapping(kind: str, name: str | None, url: str | None = None) -> dict:
    """The value mapping saved for a source, ``{column: {cell: entry or ""}}`` (empty when none)."""
    if not name:
        return {}
    with connect(url) as conn:
        return fetch_value(conn, "importer/source_get", {"jenis": kind, "nama": name}) or {}


def save_mapping(kind: str, name: str, mapping: dict, user: str, url: str | None = None) -> dict:
    """Add ``mapping`` to the source's saved one (a cell mapped again takes the new entry); cells
    are saved normalised (spatial.vocabulary.normalise), as the matcher compares them. Returns the
    whole saved mapping."""
    merged = saved_mapping(kind, name, url)
    for column, values in mapping.items():
        merged.setdefault(column, {}).update({normalise(cell): entry for cell, entry in values.items()})
    with connect(url) as conn:
        run(conn, "importer/source_save", {"jenis": kind, "nama": name.strip(), "pemetaan": Jsonb(merged), "oleh": user})
    return merged
