"""The plan import reads everything about counting from the metric registry: counting rules and
parameters by their labels, breakdowns on any parameter, partners, status and codes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dure.core.imports import ImportRejected
from dure.programs.models import Indicator, IndicatorStatus
from dure.programs.plan_import import import_plan
from dure.programs.tests.factories import build_tree, record

BASE = {
    "구분": "판로 지원",
    "사업명": "공공 시장 확대 지원",
    "단위": "건",
    "지표 산식": "활동 기록",
    "집계방식": "건수",
}


def plan(*rows):
    return [{**BASE, **row} for row in rows]


def problems(rows, center, year=2017):
    with pytest.raises(ImportRejected) as rejected:
        import_plan(rows, center=center, year=year)
    return [str(error) for error in rejected.value.errors]


@pytest.mark.django_db
def test_breakdowns_take_conditions_on_any_parameter_and_the_partner_may_come_later(
    metropolitan_center,
):
    rows = plan(
        {
            "지표코드": "I01",
            "지표명": "방문영업",
            "목표": "10",
            "조건": "활동유형=방문영업",
            "세부목표": "공공[분류=공공] 4; 학교[분류=학교,교육청]; 강동구 3",
            "함께 표시": "I02",
        },
        {
            "지표코드": "I02",
            "지표명": "방문영업",
            "표 구분": "자치구",
            "단위": "명",
            "집계방식": "인원",
            "조건": "활동유형=방문영업",
            "표시": "주요실적",
        },
    )
    import_plan(rows, center=metropolitan_center, year=2017)
    first = Indicator.objects.get(code="I01")
    second = Indicator.objects.get(code="I02")
    assert first.paired_with == second
    assert [(b.label, b.parameters, b.target) for b in first.breakdowns.all()] == [
        ("공공", {"category": ["공공"]}, Decimal(4)),
        ("학교", {"category": ["학교", "교육청"]}, None),
        ("강동구", {"district": ["강동구"]}, Decimal(3)),
    ]
    assert (second.aggregation, second.group, second.in_overview, second.in_detail) == (
        "sum_headcount",
        "자치구",
        False,
        True,
    )
    # Two indicators of one name in one program are told apart by their codes, and the same
    # file again changes nothing.
    again = import_plan(rows, center=metropolitan_center, year=2017)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    # Without its partner named, the row changes: the pair is undone.
    alone = import_plan(
        [*rows[1:], {**rows[0], "함께 표시": ""}], center=metropolitan_center, year=2017
    )
    assert alone.updated == 1
    first.refresh_from_db()
    assert first.paired_with is None


@pytest.mark.django_db
def test_a_changed_indicator_needs_no_counting_rule_but_a_reason(metropolitan_center):
    errors = problems(
        plan({"지표명": "교차마케팅", "지표 산식": "", "집계방식": "", "상태": "사업내용변경"}),
        metropolitan_center,
    )
    assert errors == ["2행 [상태 사유]: 사업내용변경·취소에는 사유가 필요합니다."]
    import_plan(
        plan(
            {
                "지표명": "교차마케팅",
                "지표 산식": "",
                "집계방식": "",
                "상태": "사업내용변경",
                "상태 사유": "기업 수요로 변경",
            }
        ),
        center=metropolitan_center,
        year=2017,
    )
    indicator = Indicator.objects.get(name="교차마케팅")
    assert (indicator.status, indicator.metric_key) == (IndicatorStatus.CHANGED, "")


@pytest.mark.django_db
def test_each_problem_names_its_row_and_column(metropolitan_center):
    errors = problems(
        plan(
            {"지표명": "가", "지표 산식": "없는 산식"},
            {"지표명": "나", "집계방식": "평균"},
            {"지표명": "다", "지표 산식": "", "집계방식": "건수"},
            {"지표명": "라", "세부목표": "공공 4"},
            {"지표명": "마", "세부목표": "공공[색=빨강] 4"},
            {"지표명": "바", "함께 표시": "없는 지표"},
            {"지표명": "사", "목표": "-5"},
            {"지표명": "아", "단위": "천원"},
            {"지표명": "자", "집계방식": "수기", "조건": "활동유형=상담"},
        ),
        metropolitan_center,
    )
    assert errors == [
        "2행 [지표 산식]: ‘없는 산식’은(는) 등록되지 않은 지표 산식입니다.",
        "3행 [집계방식]: ‘활동 기록’에는 집계방식 ‘평균’이(가) 없습니다"
        "(건수, 인원, 금액, 기업수, 기관수, 회당 평균 인원, 수기).",
        "4행 [집계방식]: ‘건수’을(를) 어느 지표 산식으로 셀지 알 수 없습니다. ‘지표 산식’ 열에 "
        "산식 이름(예: 활동 기록)을 적고 집계방식에는 그 산식의 집계(건수, 인원 …)나 ‘수기’를 "
        "적어 주세요.",
        "5행 [세부목표]: ‘공공’이(가) 어떤 조건인지 알 수 없습니다. ‘공공[조건=값] 목표’로 "
        "적어 주세요.",
        "6행 [세부목표]: 조건 ‘색’을(를) 알 수 없습니다(쓸 수 있는 조건: 활동유형, 분류, 자치구, "
        "사업, 세부사업, 기관분류).",
        "7행 [함께 표시]: ‘없는 지표’은(는) 같은 사업의 지표가 아닙니다.",
        "8행 [목표]: 0 이상이어야 합니다: '-5'",
        "9행 [단위]: ‘건수’은(는) 단위 ‘천원’로 나타낼 수 없습니다"
        "(쓸 수 있는 단위: 건, 회, 명, 개, 식, 팀, 개소).",
        "10행 [조건]: 수기 지표에는 조건과 세부목표를 둘 수 없습니다.",
    ]
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_a_kind_the_plan_counts_joins_the_centers_list(metropolitan_center):
    from dure.programs import services

    import_plan(
        plan({"지표명": "자문", "조건": "활동유형=전문가자문"}),
        center=metropolitan_center,
        year=2017,
    )
    assert "전문가자문" in {k.name for k in services.activity_kinds_for(metropolitan_center)}
    tree = build_tree(program="다른 사업", program_code="P09")
    record(tree.program, "전문가자문")
