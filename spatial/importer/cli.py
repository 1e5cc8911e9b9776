"""Command-line front of the importer: options shared by the import commands,
a tqdm progress bar, the summary, the rejects report and the import history."""
import getpass
from pathlib import Path

import click
from tqdm import tqdm

from spatial import settings
from spatial.errors import ImportFileError
from spatial.importer.report import IMPORT_KINDS, history, write_report
from spatial.importer.registry import overall_percent


def import_options(command):
    """Click options common to every import command."""
    for option in reversed((
        click.argument("path", type=click.Path(exists=True, dir_okay=False)),
        click.option("--dry-run", "--uji-coba", "dry_run", is_flag=True,
                     help="Check and count only; nothing is changed (the attempt is recorded)."),
        click.option("--mapping", "--pemetaan", "mapping", type=click.Path(exists=True, dir_okay=False),
                     help="Column mapping file: JSON {\"header in file\": \"column\"} or 2-column CSV."),
        click.option("--nilai", "--values", "values", type=click.Path(exists=True, dir_okay=False),
                     help="Value mapping for code-list cells: JSON {\"column\": {\"cell\": \"entry\"}} or CSV "
                          "kolom,nilai,kode (entry \"kosong\" or empty: unknown)."),
        click.option("--rejects", "--tolak", "rejects", type=click.Path(dir_okay=False),
                     help="Write the report of rejected and warned rows here (.csv or .xlsx). "
                          "Default: var/laporan/impor-<id>-<file>.ditolak.csv (never beside the input)."),
        click.option("--user", "--oleh", "user", default=None, help="Who imports (default: OS user)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
    )):
        command = option(command)
    return command


def moves_option(command):
    """--izinkan-pindah, for the kinds whose records may move between kabupaten (households, facilities)."""
    return click.option("--izinkan-pindah", "--allow-moves", "allow_moves", is_flag=True,
                        help="Let a row move a stored record to another kabupaten (refused by default: "
                             "pindah_wilayah).")(command)


class ProgressBar:
    """A tqdm bar in percent across the importer's phases (reading takes most of the time)."""

    def __init__(self, enabled: bool):
        self.bar = tqdm(total=100, unit="%", disable=not enabled, bar_format="{desc:<12} {bar} {n:.0f}% [{elapsed}]")

    def __call__(self, phase, done, total):
        self.bar.set_description_str(phase)
        self.bar.n = overall_percent(phase, done, total)
        self.bar.refresh()

    def close(self):
        self.bar.close()


def run_import(function, path, dry_run, mapping, rejects, user, quiet, **options):
    """Run one import from the command line and print its summary; exit code 1 when it cannot run."""
    bar = ProgressBar(not quiet)
    try:
        result = function(path, user=user or getpass.getuser(), dry_run=dry_run, mapping=mapping, analyse=True,
                          progress=bar, **options)
    except ImportFileError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        bar.close()
    click.echo(result.summary())
    for code, count in sorted(result.reasons.items()):
        click.echo(f"  {code}: {count}")
    for note in result.notes:
        click.echo(f"  catatan: {note}")
    for line in value_lines(result.values):
        click.echo(line)
    if result.rejected or result.warned:
        target = Path(rejects) if rejects else report_path(result.import_id, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        written = write_report(result.import_id, target)
        click.echo(f"laporan ({written} baris ditolak, {result.warned} dengan peringatan): {target}")


def report_path(import_id: int, path) -> Path:
    """Where a report goes when no --rejects is given: under var/, never beside the input file
    (which may be on a read-only share, or be a file the office must not see altered)."""
    return settings.current().report_dir / f"impor-{import_id}-{Path(path).stem}.ditolak.csv"


def value_lines(values: dict) -> list:
    """What the value step recognised or could not, per column, for the summary."""
    lines = []
    for column, found in values.items():
        unknown = [v for v in found if v["cara"] == "tidak_dikenal"]
        matched = sum(v["jumlah"] for v in found if v["cara"] != "tidak_dikenal")
        if matched:
            lines.append(f"  {column}: {matched} sel dengan ejaan lain dikenali")
        for value in unknown:
            hint = f" (mungkin {value['saran']!r}?)" if value["saran"] else ""
            lines.append(f"  {column}: {value['nilai']!r} tidak dikenal, {value['jumlah']} baris dikosongkan{hint}")
    if any(v["cara"] == "tidak_dikenal" for found in values.values() for v in found):
        lines.append("  petakan nilai yang tidak dikenal dengan --nilai pemetaan.json (lihat README)")
    return lines


def print_history(kind, limit):
    """Print the recent imports as a table."""
    rows = history(kinds=[kind] if kind else IMPORT_KINDS, limit=limit)
    if not rows:
        click.echo("belum ada impor")
    for row in rows:
        counts = row["jumlah"] or {}
        click.echo(f"#{row['id']:<5} {row['mulai']:%Y-%m-%d %H:%M} {row['status']:<9} {row['jenis']:<12} "
                   f"{row['oleh']:<10} {row['nama_file']} sha256 {row['sha256'][:12]} "
                   f"baris {counts.get('baris', '-')} baru {counts.get('ditambah', '-')} "
                   f"diubah {counts.get('diubah', '-')} ditolak {counts.get('ditolak', '-')}")
