"""``python -m spatial token-create / token-list / token-revoke / import-areas``: agency tokens and
priority areas from the command line."""
import click

from spatial.areas import AreaError
from spatial.areas.importer import import_areas
from spatial.areas.layers import LAYERS
from spatial.areas.tokens import create_token, list_tokens, revoke_token
from spatial.db import connect
from spatial.uploads import UploadError

AGENCY_COLLECTIONS = sorted(name for name, layer in LAYERS.items() if layer.ogc)


@click.command("token-create")
@click.argument("instansi")
@click.option("--collection", "--koleksi", "koleksi", multiple=True, required=True,
              type=click.Choice(AGENCY_COLLECTIONS), help="Collection the agency may read (repeat).")
@click.option("--user", "--oleh", "user", default="admin")
def token_create_command(instansi, koleksi, user):
    """Create a read-only token for an agency; the token is printed once and never stored."""
    try:
        with connect() as conn:
            result = create_token(conn, instansi, list(koleksi), user, set(AGENCY_COLLECTIONS))
    except AreaError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"token {result['id']} untuk {instansi} (simpan sekarang, tidak ditampilkan lagi):")
    click.echo(result["token"])


@click.command("token-list")
def token_list_command():
    """List agency tokens (prefix, scope, last use, revoked)."""
    with connect() as conn:
        for row in list_tokens(conn):
            state = f"dicabut {row['dicabut_pada']:%Y-%m-%d}" if row["dicabut_pada"] else "aktif"
            click.echo(f"{row['id']:>4}  {row['prefiks']}…  {row['instansi']}  [{', '.join(row['koleksi'])}]  {state}")


@click.command("token-revoke")
@click.argument("token_id", type=int)
def token_revoke_command(token_id):
    """Revoke an agency token at once."""
    with connect() as conn:
        if not revoke_token(conn, token_id):
            raise click.ClickException(f"token {token_id} tidak ada atau sudah dicabut")
    click.echo(f"token {token_id} dicabut")


@click.command("import-areas")
@click.argument("path")
@click.option("--kind", "--jenis", "jenis", default=None)
@click.option("--year", "--tahun", "tahun", default=None, type=int)
@click.option("--user", "--oleh", "user", default="cli")
def import_areas_command(path, jenis, tahun, user):
    """Import priority areas from GeoJSON, KML or a zipped Shapefile (all or nothing)."""
    try:
        with connect() as conn:
            result = import_areas(conn, path, user, {"jenis": jenis, "tahun": tahun})
    except (AreaError, UploadError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(result['disimpan'])} kawasan disimpan, {result['diperbaiki']} diperbaiki (ST_MakeValid)")
