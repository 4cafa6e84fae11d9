"""One router per resource of the JSON API; ``responses`` documents each route's errors."""

from __future__ import annotations

from typing import Any

from harmtrack.api.schemas import ErrorBody

_MEANING = {
    401: "Not signed in (E610).",
    403: "Role too low (E611) or CSRF token missing or wrong (E612).",
    404: "No such record (E601).",
    422: "A parameter or body is not valid (E603), or the change cannot be made (E500, E520).",
    429: "Too many failed sign-ins (E613); see Retry-After.",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error responses of a route, each in the one error shape."""
    return {s: {"model": ErrorBody, "description": _MEANING[s]} for s in statuses}
