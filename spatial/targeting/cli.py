"""Command line of tepat sasaran (issue #24): import recipient lists, match them again, the
targeting figures, the worksheets of the list to re-check and their outcomes."""
import click

from spatial.importer.cli import import_options, run_import
from spatial.targeting.programs import program_codes


@click.command("import-recipients")
@import_options
@click.option("--program", type=click.Choice(program_codes()), default=None,
              help="Programme of the whole file when it has no programme column (programs.toml).")
@click.option("--periode", default=None, help="Period of the whole file when it has no period column (e.g. 2026).")
@click.option("--ganti-daftar", "--replace-list", "replace_list", is_flag=True,
              help="The file is the whole list of its programmes and periods in its kabupaten: stored rows it "
                   "no longer holds are deleted.")
def import_recipients_command(path, dry_run, mapping, rejects, user, quiet, **options):
    """Import a recipient list of a social programme (CSV or XLSX) and match it to the registry."""
    from spatial.targeting.recipients import import_recipients

    run_import(import_recipients, path, dry_run, mapping, rejects, user, quiet, **options)


@click.command("match-recipients")
@click.option("--program", type=click.Choice(program_codes()), default=None, help="Only this programme.")
def match_recipients_command(program):
    """Match the stored recipient rows to the household registry again (after a household import)."""
    from spatial.targeting.recipients import rematch

    for how, count in sorted(rematch(program=program).items()):
        click.echo(f"{how}: {count}")


targeting_commands = (import_recipients_command, match_recipients_command)
