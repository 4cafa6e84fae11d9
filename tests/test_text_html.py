from __future__ import annotations

import pytest

from harmtrack.errors import TextExtractionError
from harmtrack.text.html import html_to_text

PARAGRAPH = "Russian jets fired vacuum missiles on a popular market in the town of Atareb. " * 4
PAGE = f"""<!doctype html><html><head><title>Massacre in Atareb | Syrian Coalition</title>
<meta property="og:site_name" content="Syrian Coalition">
<meta property="article:published_time" content="2017-11-14T11:25:00+00:00"></head>
<body><nav><a href="/">Home</a> › <a href="/press">press releases</a></nav>
<article><h1>Massacre in Atareb</h1><p>{PARAGRAPH}</p><p>The Coalition calls on the UN Security
Council to act.</p></article><footer>Copyright Syrian Coalition. All rights reserved.</footer>
</body></html>""".encode()


def test_html_main_text_without_navigation_or_footer() -> None:
    page = html_to_text(PAGE)
    assert "vacuum missiles" in page.text
    assert "press releases" not in page.text
    assert "All rights reserved" not in page.text
    assert page.sitename == "Syrian Coalition"
    assert (
        page.published_at is not None
        and page.published_at.isoformat() == "2017-11-14T11:25:00+00:00"
    )
    assert page.published_precision == "minute"


def test_html_script_only_page_is_refused() -> None:
    with pytest.raises(TextExtractionError, match=r"page\.html"):
        html_to_text(b"<html><body><script>alert(1)</script></body></html>", name="page.html")


def test_html_deeply_nested_page_fails_cleanly_or_gives_text() -> None:
    deep = (
        b"<html><body>" + b"<div>" * 50_000 + b"deep text" + b"</div>" * 50_000 + b"</body></html>"
    )
    try:
        page = html_to_text(deep, name="deep.html")
    except TextExtractionError as exc:
        assert "deep.html" in str(exc)
    else:
        assert "deep text" in page.text
