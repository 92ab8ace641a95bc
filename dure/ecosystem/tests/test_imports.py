"""지역 및 협동 기반 files: every record type imports, a bad row is refused by row and column
with nothing saved, and a file imported again changes nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from dure.core.imports import ImportRejected, ImportResult, get_importer, run_import
from dure.core.models import Center
from dure.ecosystem import models, services
from dure.ecosystem.tests.factories import DAY, ecosystem_tree, workspace
from dure.registry import services as registry_services
from dure.registry.tests.factories import valid_business_number

pytestmark = pytest.mark.django_db

PROGRAM = "공동 작업장 조성 관리"
FIRM = valid_business_number(601)
ECOSYSTEM_MODELS = (
    models.Project,
    models.Output,
    models.SpecialZone,
    models.ZoneSupport,
    models.Meeting,
    models.VillageSupport,
    models.LevelUpSupport,
    models.WorkspaceActivity,
    models.WorkspaceUse,
    models.WorkspaceMembership,
    models.SectorGrant,
)


@pytest.fixture
def center(db) -> Center:
    """The metropolitan center with its program, a firm, a sector body, a workspace, a project
    and a special zone."""
    tree = ecosystem_tree()
    center = tree.program.center
    registry_services.create_enterprise(center=center, name="마을무지개", business_number=FIRM)
    registry_services.ensure_institution(name="서울자활기업협회", center=center)
    workspace(center)
    services.record_project(
        center=center, program=tree.program, date=DAY, track="franchising", title="본사 체계"
    )
    services.record_special_zone(
        center=center, program=tree.program, date=DAY, district="성동구", title="소셜패션"
    )
    return center


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def _import(kind: str, header: list[str], rows: list[list[Any]], center: Center) -> ImportResult:
    importer = get_importer(kind)(center=center, user=None, year=2017)
    return run_import(importer, _csv(header, rows), f"{kind}.csv")


def _saved() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ECOSYSTEM_MODELS}


HEAD = ["일자", "사업명"]
ROW = ["2017-05-23", PROGRAM]
SAMPLES: dict[str, tuple[list[str], list[Any], Any, dict[str, Any]]] = {
    "ecosystem_projects": (
        ["분야 구분", "과제명", "차수", "참여기업"],
        ["협동비즈니스", "공동판매", "1차", FIRM],
        models.Project,
        {"title": "공동판매", "round": "1차"},
    ),
    "ecosystem_outputs": (
        ["성과물 구분", "성과물", "과제명"],
        ["모델", "본사 모델", "본사 체계"],
        models.Output,
        {"kind": "model", "project__title": "본사 체계"},
    ),
    "ecosystem_special_zones": (
        ["특구 사업명", "자치구"],
        ["청년 클러스터", "강북구"],
        models.SpecialZone,
        {"district": "강북구"},
    ),
    "ecosystem_zone_supports": (
        ["지원 구분", "예비특구"],
        ["컨설팅", "성동"],
        models.ZoneSupport,
        {"kind": "consulting", "zone__district": "성동구", "district": "성동구"},
    ),
    "ecosystem_meetings": (
        ["회의 구분", "형식", "참여인원"],
        ["민관정책협의회 정기회의", "회의", "14"],
        models.Meeting,
        {"series": "policy_council", "participants": 14},
    ),
    "ecosystem_village_supports": (
        ["지원 구분", "일상지원 유형", "기업"],
        ["일상지원", "회계지원", "마을무지개"],
        models.VillageSupport,
        {"daily_kind": "accounting", "enterprise__name": "마을무지개"},
    ),
    "ecosystem_levelup_supports": (
        ["마을기업", "지원유형", "지원금액"],
        [FIRM, "홍보마케팅", "3,000,000"],
        models.LevelUpSupport,
        {"support_type": "marketing", "amount_won": 3_000_000},
    ),
    "ecosystem_workspace_activities": (
        ["공간", "활동 구분", "내용"],
        ["소셜디자인 기술혁신랩", "교육·워크숍", "장비 기초 교육"],
        models.WorkspaceActivity,
        {"kind": "program", "title": "장비 기초 교육"},
    ),
    "ecosystem_workspace_uses": (
        ["공간", "이용자수"],
        ["소셜디자인 기술혁신랩", "31"],
        models.WorkspaceUse,
        {"users": 31},
    ),
    "ecosystem_memberships": (
        ["공간", "회원"],
        ["소셜디자인 기술혁신랩", "적정기술공방"],
        models.WorkspaceMembership,
        {"member_name": "적정기술공방"},
    ),
    "ecosystem_grants": (
        ["지원 기관", "부문", "지원금액"],
        ["서울자활기업협회", "자활기업", "30,000,000"],
        models.SectorGrant,
        {"sector": "self_sufficiency", "amount_won": 30_000_000},
    ),
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_kind_imports_and_a_second_import_changes_nothing(center, kind):
    header, cells, model, expected = SAMPLES[kind]
    before = model.objects.count()
    _import(kind, HEAD + header, [ROW + cells], center)
    assert model.objects.count() == before + 1
    assert model.objects.filter(**expected).exists()
    _import(kind, HEAD + header, [ROW + cells], center)
    assert model.objects.count() == before + 1


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_saved(center):
    before = _saved()
    rows = [
        ["2017-05-23", PROGRAM, "민관정책협의회 정기회의", "회의"],
        ["2017-05-23", PROGRAM, "반상회", "회의"],
        ["2018-01-02", PROGRAM, "민관정책협의회 글로벌분과", ""],
    ]
    with pytest.raises(ImportRejected) as rejected:
        _import("ecosystem_meetings", ["일자", "사업명", "회의 구분", "형식"], rows, center)
    lines = rejected.value.lines
    assert any(line.startswith("3행 [회의 구분]") and "반상회" in line for line in lines)
    assert any(line.startswith("4행 [일자]") and "회계연도" in line for line in lines)
    assert any(line.startswith("4행 [형식]") for line in lines)
    assert _saved() == before


def test_a_workspace_or_zone_that_is_not_recorded_is_refused(center):
    before = _saved()
    with pytest.raises(ImportRejected) as rejected:
        _import(
            "ecosystem_workspace_uses",
            ["일자", "사업명", "공간", "이용자수"],
            [["2017-05-31", PROGRAM, "없는 공간", "3"], ["2017-06-30", PROGRAM, "", "-1"]],
            center,
        )
    lines = rejected.value.lines
    assert any(line.startswith("2행 [공간]") and "없는 공간" in line for line in lines)
    assert any(line.startswith("3행 [공간]") for line in lines)
    assert any(line.startswith("3행 [이용자수]") for line in lines)
    with pytest.raises(ImportRejected) as rejected:
        _import(
            "ecosystem_zone_supports",
            ["일자", "사업명", "지원 구분", "예비특구"],
            [["2017-05-23", PROGRAM, "컨설팅", "도봉구"]],
            center,
        )
    assert any("2행 [예비특구]" in line and "도봉구" in line for line in rejected.value.lines)
    assert _saved() == before


def test_an_unknown_enterprise_is_refused_and_never_created(center):
    with pytest.raises(ImportRejected) as rejected:
        _import(
            "ecosystem_levelup_supports",
            ["일자", "사업명", "마을기업", "지원유형"],
            [["2017-05-23", PROGRAM, "없는기업", "사업개발"]],
            center,
        )
    assert any(
        line.startswith("2행 [마을기업]") and "명부에 없는 기업" in line
        for line in rejected.value.lines
    )
    assert not models.LevelUpSupport.objects.exists()


def test_workspaces_import_and_a_second_file_updates_them(center):
    header = ["공간명", "공간 구분", "소재지", "면적(m²)", "개소일"]
    rows = [["세운상가 지역재생리빙랩", "지역재생리빙랩", "중구 을지로 157", "33", "2016-05-01"]]
    _import("ecosystem_workspaces", header, rows, center)
    space = models.Workspace.objects.get(name="세운상가 지역재생리빙랩")
    assert space.area_m2 == Decimal("33.0") and space.kind == "living_lab"
    rows[0][3] = "33.5"
    _import("ecosystem_workspaces", header, rows, center)
    space.refresh_from_db()
    assert space.area_m2 == Decimal("33.5")
    assert models.Workspace.objects.filter(name="세운상가 지역재생리빙랩").count() == 1


def test_a_workspace_with_a_bad_area_is_refused_with_nothing_saved(center):
    before = models.Workspace.objects.count()
    with pytest.raises(ImportRejected) as rejected:
        _import(
            "ecosystem_workspaces",
            ["공간명", "공간 구분", "면적(m²)"],
            [["창신숭인 허브", "사회적경제 허브", "26"], ["성수 랩", "지역재생리빙랩", "넓음"]],
            center,
        )
    assert any(
        line.startswith("3행 [면적(m²)]") and "넓음" in line for line in rejected.value.lines
    )
    assert models.Workspace.objects.count() == before
