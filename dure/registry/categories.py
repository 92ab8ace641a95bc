"""The institution category tree (기관 분류) every center starts with."""

from __future__ import annotations

from typing import Any

CATEGORY_TREE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "공공기관",
        ("서울시 부서", "구청", "동주민센터", "보건소", "공사·공단", "재단", "기타 공공기관"),
    ),
    ("교육청·학교", ("교육청", "교육지원청", "학교(초)", "학교(중)", "학교(고)", "학교(특수)")),
    ("기업", ()),
    ("복지몰", ()),
    ("유통채널", ()),
    ("지원조직", ()),
    ("비영리", ()),
    ("노동조합", ()),
)


def create_institution_categories(category_model: Any) -> None:
    """Create the tree where missing. Takes the model class so that the data migration can pass
    its historical model."""
    for order, (name, children) in enumerate(CATEGORY_TREE, start=1):
        root, _ = category_model.objects.get_or_create(
            parent=None, name=name, defaults={"order": order * 10}
        )
        for child_order, child in enumerate(children, start=1):
            category_model.objects.get_or_create(
                parent=root, name=child, defaults={"order": order * 10 + child_order}
            )
