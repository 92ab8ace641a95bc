"""Navigation entries: each app lists its own in its AppConfig as `navigation`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from dure.core.roles import Capability


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capability: Capability
    order: int = 100
