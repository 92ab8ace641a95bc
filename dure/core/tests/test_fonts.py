"""Charts draw Hangul with a Korean face even when matplotlib's font cache was made before the
Korean fonts were installed."""

from __future__ import annotations

import io
import warnings

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from dure.core import fonts

KOREAN_PARTS = fonts.KOREAN_FILES


def _draw(family: str) -> list[str]:
    figure = Figure()
    figure.text(0.1, 0.5, "사회적경제 기업", family=family)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(io.BytesIO(), format="svg")
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_a_cache_without_the_korean_faces_is_mended(monkeypatch):
    stale = [
        entry
        for entry in font_manager.fontManager.ttflist
        if not any(part in entry.fname for part in KOREAN_PARTS)
    ]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    fonts.ensure_korean_font.cache_clear()
    try:
        family = fonts.ensure_korean_font()
        assert family, "scripts/system-packages.sh installs fonts-noto-cjk"
        found = font_manager.findfont(
            font_manager.FontProperties(family=family), fallback_to_default=False
        )
        assert any(part in found for part in KOREAN_PARTS)
        assert _draw(family) == []
    finally:
        fonts.ensure_korean_font.cache_clear()
        font_manager.fontManager._findfont_cached.cache_clear()  # type: ignore[attr-defined]


def test_without_a_korean_face_the_log_says_so(monkeypatch, caplog):
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda: [])
    fonts.ensure_korean_font.cache_clear()
    try:
        assert fonts.ensure_korean_font() == ""
        assert "한글 글꼴이 없습니다" in caplog.text
    finally:
        fonts.ensure_korean_font.cache_clear()


@pytest.mark.parametrize("module", ["dure.registry.charts", "dure.reports.charts"])
def test_the_chart_modules_use_a_face_that_has_hangul(module):
    __import__(module)
    family = fonts.ensure_korean_font()
    assert family and _draw(family) == []
