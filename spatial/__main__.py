"""``python -m spatial``: the Sasaran command line."""
import sys

from spatial.settings import SettingsError, load

try:
    load()  # refuse bad settings before doing anything, naming each variable
except SettingsError as error:
    sys.exit(str(error))

from spatial.cli import cli  # noqa: E402 - after the settings check

cli()
