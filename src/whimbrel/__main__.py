"""``python -m whimbrel`` runs the command line."""

from .cli import app

app(prog_name="whimbrel")
