"""The ``python -m spatial`` command line: migrations, loaders, sample data."""
import click

from spatial.settings import current as settings
from spatial.boundaries import BoundaryError, load_boundaries
from spatial.migrate import migrate
from spatial.growth.imports import import_measurements, import_village_counts
from spatial.importer.cli import import_options, moves_option, print_history, run_import
from spatial.importer.registry import import_facilities, import_households
from spatial.importer.report import IMPORT_KINDS
from spatial.sample import no_household_data, load_sample


@click.group()
def cli():
    """Sasaran: penargetan spasial untuk pengentasan kemiskinan."""


@cli.command("migrate")
def migrate_command():
    """Apply database migrations and SQL functions."""
    migrate()
    click.echo("skema basis data mutakhir")


@cli.command("load-boundaries")
@click.argument("path")
def load_boundaries_command(path):
    """Load village boundaries from GeoJSON, GeoPackage or Shapefile."""
    try:
        report = load_boundaries(path)
    except BoundaryError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{report.read} fitur dibaca: {len(report.inserted)} baru, {len(report.updated)} diubah, "
               f"{report.unchanged} tetap, {len(report.rejected)} ditolak")
    for kode, nama in report.repaired:
        click.echo(f"  diperbaiki (ST_MakeValid): {kode} {nama}")
    for position, raw_code, nama, reason in report.rejected:
        click.echo(f"  ditolak: fitur ke-{position} ({nama!r}, kode {raw_code!r}): {reason}", err=True)


@cli.command("import-households")
@import_options
@moves_option
@click.option("--mark-inactive", "--tandai-nonaktif", "mark_inactive", is_flag=True,
              help="Full re-import: households of the file's kabupaten absent from it become inactive.")
@click.option("--confirm-deactivate", "--konfirmasi-nonaktif", "confirm_deactivate", type=int, default=None,
              help="With --mark-inactive: the number of households to mark inactive, required when it is "
                   "more than 10% of a kabupaten (the refusal names it).")
def import_households_command(path, dry_run, mapping, rejects, user, quiet, mark_inactive, **options):
    """Import households (CSV or XLSX in the documented format)."""
    run_import(import_households, path, dry_run, mapping, rejects, user, quiet, mark_inactive=mark_inactive, **options)


@cli.command("import-facilities")
@import_options
@moves_option
def import_facilities_command(path, dry_run, mapping, rejects, user, quiet, **options):
    """Import facilities (CSV or XLSX in the documented format)."""
    run_import(import_facilities, path, dry_run, mapping, rejects, user, quiet, **options)


@cli.command("import-growth")
@import_options
def import_growth_command(path, dry_run, mapping, rejects, user, quiet, **options):
    """Import child measurements from the posyandu (CSV or XLSX, e-PPGBM-like; docs/stunting.md)."""
    run_import(import_measurements, path, dry_run, mapping, rejects, user, quiet, **options)


@cli.command("import-growth-counts")
@import_options
def import_growth_counts_command(path, dry_run, mapping, rejects, user, quiet, **options):
    """Import village counts of measured and stunted children per month (docs/stunting.md)."""
    run_import(import_village_counts, path, dry_run, mapping, rejects, user, quiet, **options)


@cli.command("import-history")
@click.option("--kind", type=click.Choice(IMPORT_KINDS), default=None)
@click.option("--limit", default=20, show_default=True)
def import_history_command(kind, limit):
    """List recent imports (file, hash, who, when, counts)."""
    print_history(kind, limit)


@cli.command("load-sample")
@click.option("--if-empty", is_flag=True, help="Only when no household data has been loaded yet.")
@click.option("--households", default=None, type=int, help="Number of synthetic households.")
@click.option("--seed", default=None, type=int)
def load_sample_command(if_empty, households, seed):
    """Load the bundled sample (Lampung Barat + synthetic households)."""
    if if_empty and not no_household_data():
        click.echo("data sudah ada; sampel tidak dimuat ulang")
        return
    load_sample(households or settings().sample_households, seed if seed is not None else settings().sample_seed,
                echo=click.echo, show_progress=True)


@cli.command("optimise")
def optimise_command():
    """Cluster households on their geometry and refresh statistics (after a large import)."""
    from spatial.maintenance import optimise_households
    click.echo(f"rumah_tangga dikelompokkan menurut lokasi dan dianalisis ulang dalam {optimise_households():.1f} detik")


from spatial.user_cli import create_admin_command, create_user_command  # noqa: E402  (accounts, issue #8)

cli.add_command(create_admin_command)
cli.add_command(create_user_command)

from spatial.analysis.cli import analyse_command  # noqa: E402  (spatial analyses, issue #4)

cli.add_command(analyse_command)

from spatial.areas.cli import (import_areas_command, token_create_command, token_list_command,  # noqa: E402
                               token_revoke_command)  # (priority areas and agency tokens, issue #7)

for _command in (token_create_command, token_list_command, token_revoke_command, import_areas_command):
    cli.add_command(_command)

from spatial.targeting.cli import targeting_commands  # noqa: E402  (tepat sasaran, issue #24)

for _command in targeting_commands:
    cli.add_command(_command)
