"""``python -m spatial analyse [all|pockets|hotspots|gaps|scores|siting]`` with a rich progress display."""
import json
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from spatial.analysis import ANALYSES, ORDER, run_analysis

GROUPS = {
    "all": ORDER,
    "pockets": ("kantong",),
    "hotspots": ("hotspot", "lisa"),
    "gaps": ("celah",),
    "scores": ("skor",),
    "siting": ("lokasi",),
}
COLUMNS = (TextColumn("{task.fields[jenis]:<8}"), TextColumn("{task.description:<34}"), BarColumn(),
           TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn())


@contextmanager
def progress_display(quiet: bool = False):
    """A rich progress display on stderr for runs made one after another; yields ``progress_for(jenis)``,
    the callback of the next run's bar (starting a run, or leaving normally, marks the earlier ones done)."""
    with Progress(*COLUMNS, console=Console(stderr=True, quiet=quiet), disable=quiet) as bar:
        def finish_earlier():
            for task in bar.tasks:
                bar.update(task.id, description="selesai", completed=1.0)

        def progress_for(jenis):
            finish_earlier()
            task = bar.add_task("mulai", total=1.0, jenis=jenis)
            return lambda label, fraction: bar.update(task, description=label, completed=fraction)
        yield progress_for
        finish_earlier()


@click.command("analyse")
@click.argument("which", type=click.Choice(list(GROUPS)), default="all")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Parameter of the analysis (repeatable), e.g. -p eps_m=250 -p k=5.")
@click.option("--user", "--oleh", "user", default="sistem", show_default=True, help="Who runs it.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def analyse_command(which, params, user, quiet):
    """Run spatial analyses (pockets, hot spots, gaps, RTLH scores, siting); results go to PostGIS."""
    given = dict(p.split("=", 1) for p in params)
    unknown = set(given) - {k for j in GROUPS[which] for k in ANALYSES[j].defaults}
    if unknown:
        raise click.BadParameter(f"parameter tidak dikenal: {', '.join(sorted(unknown))}", param_hint="--param")
    with progress_display(quiet) as progress_for:
        for jenis in GROUPS[which]:
            mine = {k: v for k, v in given.items() if k in ANALYSES[jenis].defaults}
            try:
                result = run_analysis(jenis, mine, oleh=user, progress=progress_for(jenis))
            except ValueError as exc:
                raise click.ClickException(f"{jenis}: {exc}") from exc
            click.echo(f"{jenis} run {result.run_id}: {json.dumps(result.ringkasan, default=str)}")
