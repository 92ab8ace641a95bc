"""A center set up only through the two imports reports the right actuals."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from dure.core.imports import ImportRejected
from dure.core.models import Center
from dure.programs.imports import import_activities
from dure.programs.models import Activity, ActivityKind, Indicator, ProgramArea
from dure.programs.plan_import import ImportRejected as PlanRejected
from dure.programs.plan_import import import_plan
from dure.programs.results import indicator_results, with_report_relations
from dure.registry.models import Institution
from dure.registry.tests.factories import EnterpriseFactory

PLAN = [
    {
        "구분": "판로 지원",
        "사업명": "공공시장 확대지원",
        "세부사업": "공공구매지원단",
        "지표명": "공공기관 방문영업",
        "단위": "건",
        "목표": "650",
        "지표 산식": "활동 기록",
        "집계방식": "건수",
        "조건": "활동유형=방문영업",
    },
    {
        "구분": "판로 지원",
        "사업명": "공공시장 확대지원",
        "세부사업": "공공구매지원단",
        "지표명": "방문 기관수",
        "단위": "개",
        "목표": "",
        "지표 산식": "활동 기록",
        "집계방식": "기관수",
        "조건": "활동유형=방문영업",
    },
    {
        "구분": "판로 지원",
        "사업명": "공공시장 확대지원",
        "세부사업": "",
        "지표명": "교육/설명회 참여인원",
        "단위": "명",
        "목표": "4,000",
        "지표 산식": "활동 기록",
        "집계방식": "인원",
        "조건": "활동유형=교육·설명회",
    },
    {
        "구분": "판로 지원",
        "사업명": "공공시장 확대지원",
        "세부사업": "",
        "지표명": "강동구 계약",
        "단위": "천원",
        "목표": "100",
        "지표 산식": "활동 기록",
        "집계방식": "금액",
        "조건": "활동유형=계약; 자치구=강동",
    },
]


def rows(dicts):
    return [(number, values) for number, values in enumerate(dicts, start=2)]


def activity(**values):
    base = {
        "일자": "2017-05-23",
        "사업명": "공공시장 확대지원",
        "활동유형": "방문영업",
        "사업자등록번호": "",
        "기관명": "",
        "자치구": "",
        "인원": "",
        "금액": "",
        "비고": "",
    }
    base.update(values)
    return base


def actuals(center):
    indicators = list(with_report_relations(Indicator.objects.filter(center=center)))
    results = indicator_results(indicators)
    return {i.name: (results[i.pk].actual, results[i.pk].achievement) for i in indicators}


@pytest.mark.django_db
def test_a_center_set_up_by_the_two_imports_reports_the_right_actuals(gangdong_center):
    enterprise = EnterpriseFactory(center=gangdong_center)
    plan = import_plan(rows(PLAN), center=gangdong_center, year=2017)
    assert plan.created == 4
    assert ActivityKind.objects.filter(center=gangdong_center, name="계약").exists()
    records = [
        activity(기관명="강동구청"),
        activity(기관명="강동구청", 일자="2017.6.1"),
        activity(기관명="천호초등학교"),
        activity(활동유형="교육·설명회", 인원="1,415"),
        activity(활동유형="교육·설명회", 인원="85"),
        activity(
            활동유형="계약",
            자치구="강동구",
            금액="20805000",
            사업자등록번호=enterprise.business_number,
        ),
        activity(활동유형="계약", 자치구="관악구", 금액="1000000"),
    ]
    result = import_activities(rows(records), center=gangdong_center)
    assert result.created == 7
    assert Institution.objects.get(name="강동구청").needs_review
    figures = actuals(gangdong_center)
    assert figures["공공기관 방문영업"][0] == 3
    assert figures["방문 기관수"][0] == 2
    assert figures["교육/설명회 참여인원"] == (1500, 37.5)
    assert figures["강동구 계약"] == (20805, 20805.0)


@pytest.mark.django_db
def test_importing_three_more_matching_activities_adds_exactly_three(gangdong_center):
    import_plan(rows(PLAN), center=gangdong_center, year=2017)
    first = [activity(비고=f"방문 {n}") for n in range(5)]
    import_activities(rows(first), center=gangdong_center)
    before = actuals(gangdong_center)["공공기관 방문영업"][0]
    again = import_activities(rows(first), center=gangdong_center)
    assert (again.created, again.unchanged) == (0, 5)
    more = [*first, activity(비고="추가"), activity(비고="추가"), activity(비고="또 추가")]
    added = import_activities(rows(more), center=gangdong_center)
    assert added.created == 3
    assert actuals(gangdong_center)["공공기관 방문영업"][0] == before + 3


@pytest.mark.django_db
def test_a_bad_plan_is_refused_row_by_row_and_nothing_is_saved(gangdong_center):
    bad = [
        PLAN[0],
        {**PLAN[1], "단위": "마리"},
        {**PLAN[2], "목표": "많이"},
        {**PLAN[3], "집계방식": "평균값", "지표명": "다른 지표"},
        {**PLAN[3], "조건": "색깔=빨강", "지표명": "또 다른 지표"},
        {**PLAN[3], "조건": "자치구=부산진구", "지표명": "셋째 지표"},
    ]
    with pytest.raises(PlanRejected) as rejected:
        import_plan(rows(bad), center=gangdong_center, year=2019)
    problems = [str(error) for error in rejected.value.errors]
    assert problems[0].startswith("3행 [단위]: ‘마리’은(는) 쓸 수 없는 단위입니다(건, 회, 명")
    assert "4행 [목표]: 숫자가 아닙니다: '많이'" in problems
    assert any(p.startswith("5행 [집계방식]:") for p in problems)
    assert any(p.startswith("6행 [조건]: 조건 ‘색깔’") for p in problems)
    assert "7행 [조건]: ‘부산진구’은(는) 서울의 자치구가 아닙니다." in problems
    assert not ProgramArea.objects.exists()
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_an_unknown_business_number_is_an_error_and_nothing_is_saved(gangdong_center):
    import_plan(rows(PLAN), center=gangdong_center, year=2017)
    records = [activity(), activity(사업자등록번호="2208162517", 인원="-3", 일자="2017-13-01")]
    with pytest.raises(ImportRejected) as rejected:
        import_activities(rows(records), center=gangdong_center)
    assert rejected.value.lines == [
        "3행 [일자]: ‘2017-13-01’은(는) 날짜가 아닙니다(예: 2017-05-23).",
        "3행 [사업자등록번호]: 2208162517은(는) 명부에 없는 사업자등록번호입니다.",
        "3행 [인원]: ‘-3’은(는) 0 이상의 정수가 아닙니다.",
    ]
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_plan_imported_twice_changes_nothing_and_a_new_target_is_kept_in_history(
    gangdong_center,
):
    import_plan(rows(PLAN), center=gangdong_center, year=2017)
    again = import_plan(rows(PLAN), center=gangdong_center, year=2017)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    changed = [{**PLAN[0], "목표": "700"}, *PLAN[1:]]
    result = import_plan(rows(changed), center=gangdong_center, year=2017)
    assert result.updated == 1
    indicator = Indicator.objects.get(name="공공기관 방문영업")
    assert indicator.target == 700
    assert indicator.target_changes.get().old_target == 650


@pytest.mark.django_db
def test_the_commands_import_files_and_exit_1_on_problems(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    header = ",".join(PLAN[0])
    lines = [header] + [",".join(row.values()) for row in PLAN[:1]]
    plan.write_text("\n".join(lines), encoding="utf-8")
    call_command(
        "import_records", "programs", str(plan), "--center", "SEOUL-GANGDONG", "--year", "2017"
    )
    assert Indicator.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "\n판로 지원,공공시장,,지표,마리,1,건수,\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import_records", "programs", str(bad), "--center", "SEOUL-GANGDONG", "--year", "2017"
        )
    assert exit_.value.code == 1
    assert "2행 [단위]" in capsys.readouterr().err
    assert Center.objects.get(code="SEOUL-GANGDONG").indicator_set.count() == 1
