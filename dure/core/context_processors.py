"""The navigation by module, filtered by what the user's role may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from dure.core.roles import Capability, has_capability


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: Capability
    section: str


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("사회적경제기업", "registry:enterprise_list", Capability.VIEW_REGISTRY, "registry"),
    NavItem("변경 이력", "core:audit_log", Capability.REVIEW_AUDIT_LOG, "core"),
    NavItem("개인정보 접근기록", "core:access_log", Capability.REVIEW_ACCESS_LOG, "core"),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    current = request.resolver_match.namespace if request.resolver_match else ""
    items = [
        {"label": item.label, "url": reverse(item.url_name), "active": item.section == current}
        for item in NAVIGATION
        if has_capability(user, item.capability)
    ]
    return {"navigation": items}
