"""Import the recipient lists of social programmes through the shared importer pipeline.

One row per recipient family: programme, period, family id and/or NIK of the head, name,
village, address, amount (README/docs: docs/tepat-sasaran.md). The file gets what household files
get (spatial.importer.registry): sniffed type, column mapping, programme names matched by the one
value matcher (``program`` is a code list whose entries are the codes of ``programs.toml``), row
rejects with reasons, one transaction, upsert, history. Its own steps: the duplicate check after
the value step, the upsert by (programme, period, kabupaten, NIK or family id), and the match of
the added and changed rows to the household registry (spatial.targeting.matching) inside the same
transaction.
"""
from dataclasses import replace

from spatial.db import connect
from spatial.importer.columns import RECIPIENTS
from spatial.importer.registry import ImportOptions, ImportResult, Kind, run_import
from spatial.importer.values import ValueColumns
from spatial.sqlfiles import run
from spatial.targeting.matching import match_pending

RECIPIENT_VALUES = ValueColumns("penerima_bantuan", required=("program",))


def _prepare(conn, clock, options: ImportOptions) -> None:
    with clock("ganda"):
        run(conn, "targeting/recipients_values")
        run(conn, "targeting/recipients_duplicates")


def _merge(conn, clock, options: ImportOptions, checked) -> tuple:
    with clock("gabung"):
        added, changed = run(conn, "targeting/recipients_merge").fetchone() or (0, 0)
        removed = run(conn, "targeting/recipients_replace", {"wilayah": options.wilayah}).rowcount \
            if options.mark_inactive else 0
    with clock("cocok"):
        matched = match_pending(conn)
    clock.details["cocok"] = matched
    return added, changed, checked.rows - checked.rejected - added - changed, removed


def _after(url: str | None, user: str) -> None:
    """Re-run the exclusion hot spots (spatial.targeting.hotspots) for the new lists."""
    from spatial.targeting.hotspots import run_hotspots

    run_hotspots(url, oleh=user)


RECIPIENT_KIND = Kind(RECIPIENTS, RECIPIENT_VALUES, "targeting/recipients_check", _prepare, _merge, _after)


def import_recipients(path, user: str = "sistem", url: str | None = None, *, program: str | None = None,
                      periode: str | None = None, dry_run: bool = False, replace_list: bool = False, mapping=None,
                      values=None, name: str | None = None, progress=None, analyse: bool = False,
                      wilayah: str | None = None) -> ImportResult:
    """Import a recipient list (CSV or XLSX). ``program`` / ``periode``: the programme code and
    period of the whole file when it has no such columns (a cell, where present, wins).
    ``replace_list``: the file is the whole list of its programmes and periods in its kabupaten;
    stored rows it no longer holds are deleted (counted as ``deactivated``). ``wilayah``: the
    importing user's region (rows outside it are rejected). ``analyse``: re-run the exclusion hot
    spots afterwards. Other options as spatial.importer.registry.import_households."""
    options = ImportOptions(dry_run, replace_list, mapping, values, False, name, wilayah=wilayah,
                            given={"program": program, "periode": periode})
    return run_import(path, RECIPIENT_KIND if analyse else replace(RECIPIENT_KIND, after=None), user, url, progress,
                      options)


def rematch(url: str | None = None, program: str | None = None) -> dict:
    """Match every stored recipient row again (after the household registry changed); rows a
    reviewer decided on keep the decision. Returns the counts per way of matching."""
    with connect(url) as conn:
        run(conn, "targeting/match_all", {"program": program})
        return match_pending(conn)
