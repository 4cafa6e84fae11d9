from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.errors import TextExtractionError
from harmtrack.text.decode import decode_bytes, looks_binary

SAMPLE = "Russian jets struck the market in Atareb — “over 40” killed; الأتارب"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_decode_unicode_encodings_round_trip(encoding: str) -> None:
    decoded = decode_bytes(SAMPLE.encode(encoding))
    assert decoded.text == SAMPLE
    assert not decoded.repaired


def test_decode_windows_1252_is_detected() -> None:
    text = "The café in Ma’arrat was hit on Monday – witnesses said. " * 5
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text


def test_decode_repairs_mojibake() -> None:
    broken = "The strike on the town’s market".encode().decode("latin-1").encode("utf-8")
    decoded = decode_bytes(broken)
    assert decoded.text == "The strike on the town’s market"
    assert decoded.repaired


def test_decode_invalid_utf8_keeps_the_readable_text() -> None:
    data = b"Atareb market strike killed 40 civilians. " * 3 + b"\xff\xfe\xfa" + b" end"
    decoded = decode_bytes(data)
    assert "Atareb market strike killed 40 civilians." in decoded.text
    assert decoded.text.endswith("end")


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_decode_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(TextExtractionError, match="empty"):
        decode_bytes(data, name="empty.txt")


def test_decode_binary_garbage_is_refused_naming_the_input() -> None:
    garbage = bytes(range(256)) * 40
    assert looks_binary(garbage)
    with pytest.raises(TextExtractionError, match=r"garbage\.bin: looks like binary"):
        decode_bytes(garbage, name="garbage.bin")


def test_decode_keeps_curly_quotes() -> None:
    assert decode_bytes("‘de-escalation zones’".encode()).text == "‘de-escalation zones’"


@given(st.binary(max_size=2000))
def test_decode_arbitrary_bytes_gives_text_or_a_clear_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, name="x")
    except TextExtractionError as exc:
        assert str(exc).startswith("[E130] x:")
    else:
        assert isinstance(decoded.text, str)
