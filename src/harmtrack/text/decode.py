"""Bytes to Unicode: byte-order marks, declared charsets, detection, and mojibake repair."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from harmtrack.errors import TextExtractionError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Keep typographic quotes and the like: evidence quotes must read as the source wrote them.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    explain=False,
)

_SNIFF = 8192


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with how it was decoded."""

    text: str
    encoding: str
    repaired: bool  # mojibake or broken bytes were repaired


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """True when the bytes are very unlikely to be text in any encoding without a BOM."""
    head = data[:_SNIFF]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None, *, name: str = "input") -> DecodedText:
    """Decode ``data`` to text; raise TextExtractionError naming ``name`` when it is not text."""
    if not data.strip():
        raise TextExtractionError(f"{name}: empty input (no text)")
    encoding = _bom_encoding(data)
    text = _try(data, encoding) if encoding else None
    if text is None:
        if looks_binary(data):
            raise TextExtractionError(
                f"{name}: looks like binary data, not text",
                hint="Harmtrack reads .txt, .html, .pdf and .jsonl record files.",
            )
        for candidate in (declared, "utf-8"):
            if candidate and (text := _try(data, candidate)) is not None:
                encoding = candidate.lower()
                break
    repaired = False
    if text is None:
        best = from_bytes(data[: 4 * 1024 * 1024]).best()
        if best is not None and best.encoding:
            encoding = best.encoding
            text = _try(data, best.encoding)
        if text is None:
            # Mostly UTF-8 with a few broken bytes: keep what is readable, mark it repaired.
            encoding, text, repaired = "utf-8", data.decode("utf-8", errors="replace"), True
    fixed = ftfy.fix_text(text, config=_FTFY_CONFIG)
    return DecodedText(fixed, encoding or "utf-8", repaired or fixed != text)
