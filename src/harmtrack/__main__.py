"""Allow ``python -m harmtrack``."""

from harmtrack.cli import app

app(prog_name="harmtrack")
