"""``python -m spatial``: the Sasaran command line."""
from spatial.cli import cli

cli()
