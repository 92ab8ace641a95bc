"""Start-up checks of the metric registry (`manage.py check` and every server start)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from dure.programs.metric_registry import registry_problems


@register()
def metric_registry_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Metric labels are unique and every counting rule's unit family has a unit."""
    return [Error(problem, id="dure.programs.E001") for problem in registry_problems()]
