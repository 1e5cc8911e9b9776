"""``python -m spatial create-admin`` / ``create-user``: accounts from the command line.

The password is prompted twice (hidden) or read from standard input with ``--password-stdin``
(for scripts: ``printf '%s' "$PW" | python -m spatial create-admin budi --password-stdin``).
Real accounts must pass ``spatial.users.password_problems``; weak passwords are refused.
"""
import sys

import click

from spatial.errors import SasaranError
from spatial.users import ROLES, create_account


def _create(username, password_stdin, role, name, region=None, reset=False):
    password = (sys.stdin.readline().rstrip("\r\n") if password_stdin else
                click.prompt("Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi"))
    try:
        user_id = create_account(username, password, role, name=name, kode_wilayah=region, reset=reset)
    except SasaranError as exc:
        raise click.ClickException(str(exc)) from exc
    done = "diatur ulang, semua sesinya berakhir" if reset else "dibuat"
    click.echo(f"{role} {username} {done} (id {user_id})" + (f", wilayah {region}" if region else ""))


@click.command("create-admin")
@click.argument("username")
@click.option("--name", "--nama", "name", default=None, help="Full name shown in the app.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@click.option("--reset", is_flag=True, help="Reset an existing account (new password; its sessions end).")
def create_admin_command(username, name, password_stdin, reset):
    """Create an administrator account with a strong password (``--reset``: an existing one)."""
    _create(username, password_stdin, "admin", name, reset=reset)


@click.command("create-user")
@click.argument("username")
@click.option("--role", "--peran", "role", type=click.Choice(ROLES), required=True)
@click.option("--region", "--wilayah", "region", default=None,
              help="Region scope: kabupaten (18.04) or kecamatan (18.04.04) code; empty = whole deployment.")
@click.option("--name", "--nama", "name", default=None)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@click.option("--reset", is_flag=True, help="Reset an existing account (new password, role, region; its sessions end).")
def create_user_command(username, role, region, name, password_stdin, reset):
    """Create an account of any role, optionally scoped to a kabupaten/kecamatan (``--reset``: an
    existing one; without it an existing user name is refused)."""
    _create(username, password_stdin, role, name, region, reset)
