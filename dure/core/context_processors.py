"""The navigation by module, filtered by what the user's role may open."""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest
from django.urls import reverse

from dure.core.navigation import NavItem
from dure.core.roles import has_capability


def all_navigation() -> list[tuple[str, NavItem]]:
    """(app label, item) for every app that declares navigation, in menu order."""
    items = [
        (config.label, item)
        for config in apps.get_app_configs()
        for item in getattr(config, "navigation", ())
    ]
    return sorted(items, key=lambda pair: pair[1].order)


def _noun(view_name: str) -> tuple[str, str]:
    namespace, _, name = view_name.partition(":")
    return namespace, name.split("_")[0]


def _same_screen(current: str, target: str) -> bool:
    """The menu entry of the page shown: same app and same noun (enterprise_detail → list)."""
    return bool(current) and _noun(current) == _noun(target)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    match = request.resolver_match
    current = match.view_name if match else ""
    visible = [
        (label, item) for label, item in all_navigation() if has_capability(user, item.capability)
    ]
    active = _active_entry(current, visible)
    entries = [
        {"label": item.label, "url": reverse(item.url_name), "active": item is active}
        for _, item in visible
    ]
    return {"navigation": entries}


def _active_entry(current: str, visible: list[tuple[str, NavItem]]) -> NavItem | None:
    """The entry of the same app and noun; else the app's first entry (its home)."""
    for _, item in visible:
        if _same_screen(current, item.url_name):
            return item
    namespace = current.partition(":")[0]
    for _, item in visible:
        if namespace and namespace != "core" and item.url_name.partition(":")[0] == namespace:
            return item
    return None
