"""The Korean face for server-drawn charts. matplotlib keeps a cache of the system's fonts and
reads it at import; a cache made before the Korean fonts were installed would draw every Hangul
syllable as an empty box, without an error. This finds the face and adds it when the cache
lacks it."""

from __future__ import annotations

import functools
import logging

from matplotlib import font_manager

KOREAN_FONT = "Noto Sans CJK KR"
# What Debian's fonts-noto-cjk and fonts-nanum install (scripts/system-packages.sh).
KOREAN_FILES = ("NotoSansCJK", "NotoSerifCJK", "Nanum")

logger = logging.getLogger(__name__)


def _known() -> set[str]:
    return {entry.name for entry in font_manager.fontManager.ttflist}


@functools.cache
def ensure_korean_font() -> str:
    """The family name of a Korean face matplotlib can draw with, added from the system's font
    files when its cache lacks one; "" (and a warning in the log) when none is installed."""
    for family in (KOREAN_FONT, "Noto Sans CJK JP", "NanumGothic"):
        if family in _known():
            return family
    for path in sorted(font_manager.findSystemFonts()):
        if any(part in path for part in KOREAN_FILES):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    for family in (KOREAN_FONT, "Noto Sans CJK JP", "NanumGothic"):
        if family in _known():
            return family
    logger.warning("한글 글꼴이 없습니다: 그래프의 한글이 빈 상자로 그려집니다 (fonts-noto-cjk).")
    return ""
