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
