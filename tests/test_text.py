from __future__ import annotations

import pytest

from aggregator.text import html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        (None, ""),
        ("Plain &amp; simple", "Plain & simple"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<p>Line<br>break</p>", "Line\nbreak"),
        ("<div><h2>Head</h2>Body <b>bold</b> text</div>", "Head\n\nBody bold text"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("<p>x</p><script>alert(1)</script><style>p{}</style><p>y</p>", "x\n\ny"),
        ("<p>  spaced\u00a0 out  </p>", "spaced out"),
        ("<p>unclosed <b>tags", "unclosed tags"),
        ("<!-- comment --><p>after</p>", "after"),
    ],
)
def test_html_to_text(html: str | None, text: str) -> None:
    assert html_to_text(html) == text
