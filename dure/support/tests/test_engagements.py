"""Management-support engagements: imported and entered once, counted by the plan's indicators,
and shown only to whom the access door lets through."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from dure.core.imports import ImportRejected, get_importer, run_import
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.programs.models import Indicator, Program
from dure.programs.results import indicator_results, with_report_relations
from dure.registry.models import Enterprise, Financial
from dure.registry.tests.factories import AgencyFactory, EnterpriseFactory, ExpertFactory
from dure.support.models import Engagement, SupportType
from dure.support.tests.factories import program_in

HEADER = "기업명,사업자등록번호,컨설팅구분,담당기관,담당컨설턴트,과제유형,시작일,종료일,사업명\n"
PROGRAM = "컨설팅 및 일상 경영 지원"


def _import(center: Center, text: str):
    importer = get_importer("engagements")(center=center)
    return run_import(importer, text.encode("utf-8"), "engagements.csv")


@pytest.fixture
def support_setup(metropolitan_center):
    program_in(metropolitan_center, ensure_fiscal_year(year=2017), PROGRAM)
    agency = AgencyFactory(name="소셜벤처파트너스서울")
    expert = ExpertFactory(name="김혜준", agency=agency)
    enterprise = EnterpriseFactory(name="잔치활성화협동조합")
    return agency, expert, enterprise


def test_a_file_of_engagements_is_saved_with_its_references_and_a_rerun_changes_nothing(
    support_setup, metropolitan_center, tmp_path
):
    agency, expert, enterprise = support_setup
    text = (
        HEADER
        + f",{enterprise.business_number},사업개발컨설팅,소셜벤처파트너스서울,김혜준,"
        + f"비즈니스모델 진단,2017.5.23,2017년 8월 31일,{PROGRAM}\n"
        + f"잔치활성화협동조합,,멘토링,,,사업계획서,20170601,,{PROGRAM}\n"
    )
    path = tmp_path / "engagements.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_records", "engagements", str(path), "--center", "SEOUL", stdout=out)
    assert "새로 등록 2건" in out.getvalue()
    consulting = Engagement.objects.get(support_type=SupportType.BUSINESS)
    assert (consulting.enterprise, consulting.agency, consulting.expert) == (
        enterprise,
        agency,
        expert,
    )
    assert consulting.ends_on == datetime.date(2017, 8, 31)
    mentoring = Engagement.objects.get(support_type=SupportType.MENTORING)
    assert mentoring.enterprise == enterprise and mentoring.expert is None
    again = io.StringIO()
    call_command("import_records", "engagements", str(path), "--center", "SEOUL", stdout=again)
    assert "변경 없음 2건" in again.getvalue()
    assert Engagement.objects.count() == 2


def test_bad_rows_name_row_and_column_and_nothing_is_saved(support_setup, metropolitan_center):
    text = (
        HEADER
        + f",,회계지원,,,,2017-03-02,,{PROGRAM}\n"
        + f",,우주여행,,,,2017-03-02,,{PROGRAM}\n"
        + f",,회계지원,,,,2017-03-02,2017-03-01,{PROGRAM}\n"
        + f",,회계지원,,,,2018-03-02,,{PROGRAM}\n"
        + ",,회계지원,없는 기관,,,2017-03-02,,없는 사업\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        _import(metropolitan_center, text)
    assert rejected.value.lines == [
        "3행 [컨설팅구분]: ‘우주여행’은(는) 지원구분이 아닙니다("
        + ", ".join(SupportType.values)
        + ").",
        "4행 [종료일]: 종료일은 시작일과 같거나 늦어야 합니다.",
        f"5행 [사업명]: 2018년 사업에 ‘{PROGRAM}’이(가) 없습니다.",
        "6행 [사업명]: 2017년 사업에 ‘없는 사업’이(가) 없습니다.",
        "6행 [담당기관]: ‘없는 기관’은(는) 이 센터의 명부에 없는 협력기관입니다.",
    ]
    assert not Engagement.objects.exists()


def test_another_centers_enterprise_is_answered_like_one_that_does_not_exist(
    gangdong_center, gwanak_center
):
    program_in(gangdong_center, ensure_fiscal_year(year=2017), PROGRAM)
    elsewhere = EnterpriseFactory(center=gwanak_center)
    own = EnterpriseFactory(center=gangdong_center)
    missing = "1018100003"
    assert not Enterprise.objects.filter(business_number=missing).exists()
    messages = []
    for number in (str(elsewhere.business_number), missing):
        with pytest.raises(ImportRejected) as rejected:
            _import(gangdong_center, HEADER + f",{number},회계지원,,,,2017-03-02,,{PROGRAM}\n")
        messages.append(rejected.value.lines[0].replace(number, "N"))
    assert messages[0] == messages[1]
    assert "명부에 없는 사업자등록번호" in messages[0]
    result = _import(
        gangdong_center, HEADER + f",{own.business_number},회계지원,,,,2017-03-02,,{PROGRAM}\n"
    )
    assert result.created == 1
    assert Engagement.objects.get().enterprise == own


def test_an_indicator_counts_engagements_by_type_and_channel(metropolitan_center):
    plan = (
        "구분,사업명,지표명,단위,목표,지표 산식,집계방식,조건,세부목표\n"
        f'경영 지원,{PROGRAM},법률지원사업,건,50,경영지원 기록,건수,"지원구분=법률지원; '
        '방식=유선,서면",\n'
        f"경영 지원,{PROGRAM},법률지원 기업,개,10,경영지원 기록,기업수,지원구분=법률지원,\n"
        f"경영 지원,{PROGRAM},일상 지원,건,10,경영지원 기록,건수,,회계[지원구분=회계지원] 5\n"
    )
    run_import(
        get_importer("programs")(center=metropolitan_center, year=2017),
        plan.encode(),
        "plan.csv",
    )
    enterprise = EnterpriseFactory()
    rows = [
        f",{enterprise.business_number},법률지원,,,계약서,2017-03-02,,{PROGRAM}",
        f",{enterprise.business_number},법률지원,,,분쟁대응,2017-04-02,,{PROGRAM}",
        f",,법률지원,,,법령해석,2017-05-02,,{PROGRAM}",
        f",,회계지원,,,,2017-05-02,,{PROGRAM}",
    ]
    text = (
        HEADER.rstrip("\n")
        + ",방식\n"
        + "\n".join(
            f"{row},{channel}"
            for row, channel in zip(rows, ["유선", "서면", "컨설팅", "방문"], strict=True)
        )
    )
    _import(metropolitan_center, text + "\n")
    indicators = list(with_report_relations(Indicator.objects.order_by("pk")))
    results = indicator_results(indicators)
    by_name = {i.name: results[i.pk] for i in indicators}
    assert by_name["법률지원사업"].actual == 2
    assert by_name["법률지원 기업"].actual == 1
    assert by_name["일상 지원"].actual == 4
    assert [b.actual for b in by_name["일상 지원"].breakdowns] == [1]


@pytest.mark.django_db
def test_staff_enter_an_engagement_and_the_door_holds(
    client, support_setup, program_staff, other_district_staff, funder, expert, member
):
    _, _, enterprise = support_setup
    client.force_login(program_staff)
    program_id = Program.objects.get(name=PROGRAM).pk
    response = client.post(
        reverse("support:engagement_create"),
        {
            "program": program_id,
            "support_type": SupportType.STRATEGY,
            "enterprise_text": enterprise.business_number,
            "starts_on": "2017-04-03",
            "status": "완료",
            "task_type": "중장기 전략",
        },
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert engagement.enterprise == enterprise
    detail = reverse("support:engagement_detail", args=[engagement.pk])
    edit = reverse("support:engagement_edit", args=[engagement.pk])
    assert client.get(detail).status_code == 200
    assert "중장기 전략" in client.get(reverse("support:engagement_list")).content.decode()

    client.force_login(other_district_staff)
    assert client.get(detail).status_code == 404
    assert client.get(edit).status_code == 404
    assert "중장기 전략" not in client.get(reverse("support:engagement_list")).content.decode()

    client.force_login(funder)
    assert client.get(detail).status_code == 200
    assert client.get(edit).status_code == 403
    for refused in (expert, member):
        client.force_login(refused)
        assert client.get(detail).status_code == 403
    client.logout()
    assert client.get(detail).status_code == 302


def test_the_form_refuses_an_enterprise_the_center_cannot_see_like_an_unknown_one(
    client, gangdong_center, gwanak_center, district_staff
):
    program_in(gangdong_center, ensure_fiscal_year(year=2017), PROGRAM)
    elsewhere = EnterpriseFactory(center=gwanak_center, name="관악의 기업")
    client.force_login(district_staff)
    program_id = Program.objects.get(name=PROGRAM).pk
    answers = []
    for text in (elsewhere.name, "어디에도 없는 기업"):
        response = client.post(
            reverse("support:engagement_create"),
            {
                "program": program_id,
                "support_type": SupportType.ACCOUNTING,
                "enterprise_text": text,
                "starts_on": "2017-04-03",
                "status": "완료",
            },
        )
        assert response.status_code == 200
        answers.append(response.context["form"].errors["enterprise_text"][0].replace(text, "X"))
    assert answers[0] == answers[1]
    assert not Engagement.objects.exists()


def test_legal_support_is_counted_by_issue_type_and_by_revenue_band(metropolitan_center):
    plan = (
        "구분,사업명,지표명,단위,목표,지표 산식,집계방식,조건,세부목표\n"
        f"경영 지원,{PROGRAM},법률 이슈별,건,10,경영지원 기록,건수,지원구분=법률지원,"
        '"계약서[과제유형=계약서] 1; 분쟁[과제유형=분쟁대응] 1"\n'
        f"경영 지원,{PROGRAM},법률 매출별,건,10,경영지원 기록,건수,지원구분=법률지원,"
        '"소규모[매출 구간=1억 미만] 1; 중간[매출 구간=1억~3억] 1; '
        '대규모[매출 구간=3억 이상] 1; 미상[매출 구간=매출 정보 없음] 1"\n'
    )
    run_import(
        get_importer("programs")(center=metropolitan_center, year=2017), plan.encode(), "plan.csv"
    )
    small, middle, large, unknown = (EnterpriseFactory.create() for _ in range(4))
    for enterprise, revenue in ((small, 50_000_000), (middle, 250_000_000), (large, 900_000_000)):
        Financial.objects.create(enterprise=enterprise, year=2016, revenue_won=revenue)
    Financial.objects.create(enterprise=unknown, year=2015, revenue_won=900_000_000)
    rows = [
        (small, "계약서"),
        (large, "계약서"),
        (large, "분쟁대응"),
        (middle, "법령해석"),
        (unknown, "계약서"),
    ]
    text = HEADER + "".join(
        f",{enterprise.business_number},법률지원,,,{issue},2017-03-02,,{PROGRAM}\n"
        for enterprise, issue in rows
    )
    _import(metropolitan_center, text)
    indicators = list(with_report_relations(Indicator.objects.order_by("pk")))
    results = indicator_results(indicators)
    by_name = {i.name: results[i.pk] for i in indicators}
    assert [b.actual for b in by_name["법률 이슈별"].breakdowns] == [3, 1]
    assert [b.actual for b in by_name["법률 매출별"].breakdowns] == [1, 1, 2, 1]
