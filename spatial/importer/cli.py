"""Command-line front of the importer: options shared by import-households/import-facilities,
a tqdm progress bar, the summary, the rejects report and the import history."""
import getpass
from pathlib import Path

import click
from tqdm import tqdm

from spatial.importer.columns import ImportFileError
from spatial.importer.report import history, write_report
from spatial.importer.registry import overall_percent


def import_options(command):
    """Click options common to both import commands."""
    for option in reversed((
        click.argument("path", type=click.Path(exists=True, dir_okay=False)),
        click.option("--dry-run", "--uji-coba", "dry_run", is_flag=True,
                     help="Check and count only; nothing is changed (the attempt is recorded)."),
        click.option("--mapping", "--pemetaan", "mapping", type=click.Path(exists=True, dir_okay=False),
                     help="Column mapping file: JSON {\"header in file\": \"column\"} or 2-column CSV."),
        click.option("--rejects", "--tolak", "rejects", type=click.Path(dir_okay=False),
                     help="Write the rejects report here (.csv or .xlsx). Default: <file>.ditolak.csv"),
        click.option("--user", "--oleh", "user", default=None, help="Who imports (default: OS user)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
    )):
        command = option(command)
    return command


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
    if result.rejected or result.warned:
        target = Path(rejects) if rejects else Path(path).with_suffix(".ditolak.csv")
        written = write_report(result.import_id, target)
        click.echo(f"laporan penolakan ({written} baris ditolak): {target}")


def print_history(kind, limit):
    """Print the recent imports as a table."""
    rows = history(kind=kind, limit=limit)
    if not rows:
        click.echo("belum ada impor")
    for row in rows:
        counts = row["jumlah"] or {}
        click.echo(f"#{row['id']:<5} {row['mulai']:%Y-%m-%d %H:%M} {row['status']:<9} {row['jenis']:<12} "
                   f"{row['oleh']:<10} {row['nama_file']} sha256 {row['sha256'][:12]} "
                   f"baris {counts.get('baris', '-')} baru {counts.get('ditambah', '-')} "
                   f"diubah {counts.get('diubah', '-')} ditolak {counts.get('ditolak', '-')}")
