from __future__ import annotations

from pathlib import Path

from harmtrack.text.boilerplate import strip_furniture
from harmtrack.text.metadata import read_header


def test_strip_furniture_removes_the_seed_breadcrumb(seed_path: Path) -> None:
    text = seed_path.read_text()
    cleaned = strip_furniture(text, read_header(text).title)
    assert "Home press releases" not in cleaned
    assert cleaned.endswith("from these continued massacres.")


def test_strip_furniture_removes_separated_breadcrumbs_and_share_bars() -> None:
    text = (
        "Home › News › Syria\nTitle of the report\n\nBody line one.\nBody line two.\n"
        "Share this:\nPrint"
    )
    assert strip_furniture(text) == "Title of the report\n\nBody line one.\nBody line two."


def test_strip_furniture_keeps_body_lines_that_start_with_home() -> None:
    text = "Title\n\nHome to 20,000 people, the town was shelled.\nHomes were destroyed."
    assert strip_furniture(text) == text
