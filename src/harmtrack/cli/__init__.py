"""The `harmtrack` command, a thin skin over the library.

Exit codes: 0 all went well, 1 some inputs failed, 2 usage error.
"""

from harmtrack.cli import audit as _audit  # noqa: F401
from harmtrack.cli import documents as _documents  # noqa: F401  (registers its commands)
from harmtrack.cli import extract as _extract  # noqa: F401
from harmtrack.cli import gazetteer as _gazetteer  # noqa: F401
from harmtrack.cli import incidents as _incidents  # noqa: F401
from harmtrack.cli import serve as _serve  # noqa: F401
from harmtrack.cli import users as _users  # noqa: F401
from harmtrack.cli import zones as _zones  # noqa: F401
from harmtrack.cli.app import app

__all__ = ["app"]
