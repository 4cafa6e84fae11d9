"""The exceptions Harmtrack raises, each with a stable code and a hint for the user."""

from __future__ import annotations


class HarmtrackError(Exception):
    """Base of every error Harmtrack raises on purpose.

    ``code`` is stable (documented in docs/errors.md); ``hint`` tells the user what to do.
    """

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    def describe(self) -> str:
        """The message and, when there is one, the hint: what a user reads in a report."""
        return f"{self} (hint: {self.hint})" if self.hint else str(self)


class InputError(HarmtrackError):
    """An input (file, URL, record) could not be read or understood."""

    code = "E100"


class FetchError(InputError):
    """A URL could not be fetched safely."""

    code = "E110"


class BlockedAddressError(FetchError):
    """A URL (or a redirect) points at a private, loopback or link-local address."""

    code = "E111"


class FetchTimeoutError(FetchError):
    """A URL took longer than one of the configured time-outs (connect, read or total)."""

    code = "E112"


class TooLargeError(InputError):
    """An input is larger than the configured limit."""

    code = "E120"


class TextExtractionError(InputError):
    """Bytes were read but no text could be taken from them."""

    code = "E130"


class StoreError(HarmtrackError):
    """The database or the archive could not be read or written."""

    code = "E200"


class VocabularyError(HarmtrackError):
    """A vocabulary data file is invalid; the message lists every bad entry."""

    code = "E300"


class GazetteerError(HarmtrackError):
    """A gazetteer file could not be loaded."""

    code = "E400"


class IncidentError(HarmtrackError):
    """An incident operation is not possible: unknown incident or claim, bad field or value."""

    code = "E500"


class AuditError(HarmtrackError):
    """The revisions log does not verify: a row was changed, removed or inserted out of order."""

    code = "E510"


class UserError(HarmtrackError):
    """A user account cannot be added or changed: the name is taken or unknown, a bad role or
    password."""

    code = "E520"


class RequestError(HarmtrackError):
    """An API or page request cannot be served as asked; ``status`` is its HTTP status."""

    code = "E600"
    status = 400


class NotFoundError(RequestError):
    """No such page, resource or record."""

    code = "E601"
    status = 404


class MethodNotAllowedError(RequestError):
    """The address exists but does not take this HTTP method."""

    code = "E602"
    status = 405


class InvalidRequestError(RequestError):
    """A parameter, form field or JSON body is missing or not valid."""

    code = "E603"
    status = 422


class NotAuthenticatedError(RequestError):
    """The request needs a signed-in user (or the user name or password is wrong)."""

    code = "E610"
    status = 401


class ForbiddenError(RequestError):
    """The signed-in user's role does not allow this."""

    code = "E611"
    status = 403


class CsrfError(RequestError):
    """A state-changing request came without the session's CSRF token, or with a wrong one."""

    code = "E612"
    status = 403


class RateLimitedError(RequestError):
    """Too many failed sign-ins from this address or for this user name; wait and retry."""

    code = "E613"
    status = 429

    def __init__(self, message: str, *, retry_after: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class InternalError(RequestError):
    """The server failed on a request; the details are in the server's log."""

    code = "E699"
    status = 500
