from __future__ import annotations

import pytest

from harmtrack.errors import TextExtractionError
from harmtrack.text.pdf import pdf_to_text
from tests.pdfs import make_pdf


def test_pdf_text_and_info() -> None:
    pdf = pdf_to_text(make_pdf([["Russian jets struck Atareb."], ["Page two."]], title="Atareb"))
    assert "Russian jets struck Atareb." in pdf.text
    assert "Page two." in pdf.text
    assert pdf.pages == 2
    assert pdf.title == "Atareb"
    assert pdf.created_at is not None and pdf.created_at.date().isoformat() == "2017-11-13"


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.9])
def test_pdf_truncated_file_is_refused(cut: float) -> None:
    data = make_pdf([["Some text in a PDF that will be cut."]])
    with pytest.raises(TextExtractionError, match=r"broken\.pdf"):
        pdf_to_text(data[: int(len(data) * cut)], name="broken.pdf")


def test_pdf_without_text_layer_is_refused() -> None:
    with pytest.raises(TextExtractionError, match="no text layer"):
        pdf_to_text(make_pdf([[]]), name="scan.pdf")
