"""Builders of 지역 및 협동 기반 records for tests: a year's program and a workspace."""

from __future__ import annotations

import datetime
from typing import Any

from dure.core.models import Center
from dure.ecosystem import services
from dure.ecosystem.models import Workspace, WorkspaceKind
from dure.programs.tests.factories import Tree, build_tree

DAY = datetime.date(2017, 5, 23)


def ecosystem_tree(*, center: Center | None = None, year: int = 2017) -> Tree:
    """A center's year with the 지역 및 협동 기반 area and its program."""
    return build_tree(
        center=center,
        year=year,
        area="지역 및 협동 기반 조성",
        program="공동 작업장 조성 관리",
        program_code="P07",
    )


def workspace(center: Center, name: str = "소셜디자인 기술혁신랩", **fields: Any) -> Workspace:
    fields.setdefault("kind", WorkspaceKind.INNOVATION_LAB)
    return services.save_workspace(center=center, name=name, **fields)
