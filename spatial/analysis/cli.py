"""``python -m spatial analyse [all|pockets|hotspots|gaps|scores|siting] [--wilayah KODE]``: runs per
kabupaten, in parallel, with one progress line per kabupaten."""
import json
import threading
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from spatial.analysis import ANALYSES, ORDER, plan, run

GROUPS = {
    "all": ORDER,
    "pockets": ("kantong",),
    "hotspots": ("hotspot", "lisa"),
    "gaps": ("celah",),
    "scores": ("skor",),
    "siting": ("lokasi",),
}
COLUMNS = (TextColumn("{task.fields[kab]:<32.32}"), TextColumn("{task.description:<34.34}"), BarColumn(),
           TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn())


@contextmanager
def progress_display(kinds, quiet: bool = False):
    """A rich progress display on stderr with one line per kabupaten; yields ``progress_for(kab)``,
    the callback ``(jenis, label, fraction)`` of that kabupaten's runs (fraction None: run ended)."""
    lock = threading.Lock()
    with Progress(*COLUMNS, console=Console(stderr=True, quiet=quiet), disable=quiet) as bar:
        lines: dict[str, tuple] = {}

        def progress_for(kab):
            with lock:
                if kab.kode_kab not in lines:
                    task = bar.add_task("antri", total=float(len(kinds)), kab=f"{kab.kode_kab} {kab.nama}")
                    lines[kab.kode_kab] = (task, {})
            task, done = lines[kab.kode_kab]

            def report(jenis, label, fraction):
                with lock:
                    done[jenis] = 1.0 if fraction is None else min(float(fraction), 0.99)
                    finished = sum(1 for v in done.values() if v >= 1.0)
                    text = "selesai" if finished == len(kinds) else f"{jenis}: {label}"
                    bar.update(task, description=text, completed=sum(done.values()))
            return report
        yield progress_for


def parse_parameters(which: str, params) -> dict:
    """``-p name=value`` options -> {jenis: {name: value}} for the kinds of group ``which``."""
    given = dict(p.split("=", 1) for p in params)
    unknown = set(given) - {k for j in GROUPS[which] for k in ANALYSES[j].defaults}
    if unknown:
        raise click.BadParameter(f"parameter tidak dikenal: {', '.join(sorted(unknown))}", param_hint="--param")
    return {j: {k: v for k, v in given.items() if k in ANALYSES[j].defaults} for j in GROUPS[which]}


@click.command("analyse")
@click.argument("which", type=click.Choice(list(GROUPS)), default="all")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Parameter of the analysis (repeatable), e.g. -p eps_m=250 -p k=5.")
@click.option("--wilayah", "-w", default=None, metavar="KODE",
              help="Kabupaten (18.04) or province (18: each of its kabupaten); default every kabupaten with data.")
@click.option("--paralel", "workers", type=click.IntRange(1, 64), default=None,
              help="Runs at the same time (default SASARAN_ANALISIS_PARALEL or the CPU cores).")
@click.option("--user", "--oleh", "user", default="sistem", show_default=True, help="Who runs it.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def analyse_command(which, params, wilayah, workers, user, quiet):
    """Run spatial analyses (pockets, hot spots, gaps, RTLH scores, siting) per kabupaten; results go to PostGIS."""
    kinds = GROUPS[which]
    try:
        planned = plan(kinds, parse_parameters(which, params), wilayah, oleh=user)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    with progress_display(kinds, quiet) as progress_for:
        results = run(planned, workers=workers, progress_for=progress_for)
    for result in results:
        click.echo(f"{result.kode_kab} {result.jenis:<7} run {result.run_id}: {result.status} "
                   f"{json.dumps(result.ringkasan, default=str)}")
    failed = [r for r in results if r.status != "selesai"]
    if failed:
        raise click.ClickException(f"{len(failed)} dari {len(results)} run gagal")
