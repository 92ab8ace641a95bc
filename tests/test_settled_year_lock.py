"""After a year is settled, the records its report is computed from no longer move: activities
and management-support records are refused in forms, services, imports and bulk loads, like
money records; an open year is unaffected."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dure.budget import services as budget_services
from dure.budget.tests.factories import program_in
from dure.core.imports import ImportRejected, get_importer, run_import
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.programs import services as program_services
from dure.programs.models import Activity
from dure.support import services as support_services
from dure.support.models import Engagement, EngagementSession, SupportType

pytestmark = pytest.mark.django_db
DAY = datetime.date(2017, 5, 23)
PROGRAM = "공공 시장 확대 지원"
REFUSED = "2017년은 정산이 마감되어 이 기록을 등록·수정·삭제할 수 없습니다"


@pytest.fixture
def settled(metro_admin):
    center = Center.objects.get(code="SEOUL")
    fiscal_year = ensure_fiscal_year(year=2017)
    program = program_in(center, fiscal_year, PROGRAM)
    kind = program_services.ensure_activity_kind(center=center, name="방문영업")
    activity = program_services.record_activity(
        center=center, program=program, kind=kind, date=DAY, headcount=3
    )
    engagement = support_services.record_engagement(
        center=center, program=program, support_type=SupportType.ACCOUNTING, starts_on=DAY
    )
    session = support_services.log_session(
        engagement=engagement, by=metro_admin, held_on=DAY, hours=2, summary="장부 정리"
    )
    budget_services.settle_year(center=center, fiscal_year=fiscal_year, settled_by=metro_admin)
    return {
        "center": center,
        "program": program,
        "kind": kind,
        "activity": activity,
        "engagement": engagement,
        "session": session,
    }


def test_activities_of_a_settled_year_cannot_be_added_changed_or_deleted(settled):
    with pytest.raises(ValidationError, match=REFUSED):
        program_services.record_activity(
            center=settled["center"], program=settled["program"], kind=settled["kind"], date=DAY
        )
    with pytest.raises(ValidationError, match=REFUSED):
        program_services.update_activity(activity=settled["activity"], headcount=30)
    with pytest.raises(ValidationError, match=REFUSED):
        program_services.delete_activity(activity=settled["activity"])
    with pytest.raises(ValidationError, match=REFUSED):
        program_services.bulk_record_activities(
            activities=[
                Activity(
                    center=settled["center"],
                    program=settled["program"],
                    kind=settled["kind"],
                    date=DAY,
                )
            ]
        )
    stored = Activity.objects.get()
    assert stored.headcount == 3


def test_the_delete_screen_says_why_and_keeps_the_record(client, settled, metro_admin):
    client.force_login(metro_admin)
    pk = settled["activity"].pk
    response = client.post(reverse("programs:activity_delete", args=[pk]), follow=True)
    assert REFUSED in response.content.decode()
    assert Activity.objects.filter(pk=pk).exists()
    engagement = settled["engagement"]
    response = client.post(reverse("support:engagement_delete", args=[engagement.pk]), follow=True)
    assert REFUSED in response.content.decode()
    assert Engagement.objects.filter(pk=engagement.pk).exists()


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (
            "activities",
            "일자,사업명,활동유형,사업자등록번호,기관명,자치구,인원,금액,비고\n"
            f"2017-06-01,{PROGRAM},방문영업,,,,2,,\n",
        ),
        (
            "engagements",
            "기업명,사업자등록번호,컨설팅구분,담당기관,담당컨설턴트,과제유형,시작일,종료일,사업명\n"
            f",,회계지원,,,,2017-06-01,,{PROGRAM}\n",
        ),
    ],
)
def test_an_import_into_a_settled_year_is_refused_by_row(settled, kind, text):
    before = (Activity.objects.count(), Engagement.objects.count())
    importer = get_importer(kind)(center=settled["center"], year=2017)
    with pytest.raises(ImportRejected) as refused:
        run_import(importer, text.encode(), f"{kind}.csv")
    assert any(line.startswith("2행") and REFUSED in line for line in refused.value.lines)
    assert (Activity.objects.count(), Engagement.objects.count()) == before


def test_engagements_and_their_sessions_are_locked_too(settled, metro_admin):
    with pytest.raises(ValidationError, match=REFUSED):
        support_services.update_engagement(engagement=settled["engagement"], task_type="정정")
    with pytest.raises(ValidationError, match=REFUSED):
        support_services.log_session(
            engagement=settled["engagement"], by=metro_admin, held_on=DAY, hours=1, summary="추가"
        )
    with pytest.raises(ValidationError, match=REFUSED):
        support_services.remove_session(session=settled["session"], by=metro_admin)
    assert EngagementSession.objects.count() == 1


def test_a_district_record_under_a_settled_metropolitan_program_is_locked(settled):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    with pytest.raises(ValidationError, match=REFUSED):
        program_services.record_activity(
            center=gangdong, program=settled["program"], kind=settled["kind"], date=DAY
        )


def test_the_next_open_year_takes_records(settled):
    program = program_in(settled["center"], ensure_fiscal_year(year=2018), PROGRAM)
    activity = program_services.record_activity(
        center=settled["center"],
        program=program,
        kind=settled["kind"],
        date=datetime.date(2018, 2, 1),
        notes="2017년 방문영업 누락분 정정",
    )
    assert activity.pk is not None


def test_a_correction_in_the_open_year_names_the_settled_record_and_both_show_it(
    client, settled, metro_admin
):
    program = program_in(settled["center"], ensure_fiscal_year(year=2018), PROGRAM)
    original = settled["activity"]
    with pytest.raises(ValidationError, match="2017년보다 뒤의 연도"):
        program_services.record_activity(
            center=settled["center"],
            program=settled["program"],
            kind=settled["kind"],
            date=DAY,
            corrects=original,
        )
    later = program_services.record_activity(
        center=settled["center"], program=program, kind=settled["kind"], date=DAY.replace(2018)
    )
    client.force_login(metro_admin)
    response = client.post(
        reverse("programs:activity_edit", args=[later.pk]),
        {
            "date": "2018-02-01",
            "program": program.pk,
            "kind": settled["kind"].pk,
            "headcount": "2",
            "notes": "2017년 방문영업 인원 정정",
            "corrects": str(original.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Activity.objects.get(corrects=original)
    assert correction.program.area.fiscal_year.year == 2018
    settled_page = client.get(reverse("programs:activity_detail", args=[original.pk]))
    assert (
        reverse("programs:activity_detail", args=[correction.pk]) in settled_page.content.decode()
    )
    later_page = client.get(reverse("programs:activity_detail", args=[correction.pk]))
    assert "2017년 정산 뒤 정정" in later_page.content.decode()
    assert Activity.objects.get(pk=original.pk).headcount == 3


def test_an_open_years_record_is_corrected_in_place_not_by_a_correction(settled):
    program = program_in(settled["center"], ensure_fiscal_year(year=2018), PROGRAM)
    open_record = program_services.record_activity(
        center=settled["center"],
        program=program,
        kind=settled["kind"],
        date=datetime.date(2018, 1, 5),
    )
    with pytest.raises(ValidationError, match="정산이 마감된 연도의 기록이어야"):
        program_services.record_activity(
            center=settled["center"],
            program=program,
            kind=settled["kind"],
            date=datetime.date(2018, 1, 6),
            corrects=open_record,
        )


def test_a_manual_figure_of_a_settled_year_cannot_change(client, settled, metro_admin):
    from dure.programs.tests.factories import activity_indicator

    indicator = activity_indicator(settled["program"])
    with pytest.raises(ValidationError, match=REFUSED):
        program_services.record_manual_figure(
            indicator=indicator, value=12, evidence="협약서", recorded_by=metro_admin
        )
    client.force_login(metro_admin)
    response = client.post(
        reverse("programs:indicator_manual", args=[indicator.pk]),
        {"value": "12", "evidence": "협약서"},
        follow=True,
    )
    assert REFUSED in response.content.decode()
    indicator.refresh_from_db()
    assert not indicator.is_manual


def test_market_records_of_a_settled_year_are_refused_one_by_one_and_in_bulk(settled):
    from dure.market import services as market_services
    from dure.market.models import Visit
    from dure.programs.records import services as record_services
    from dure.registry import services as registry_services

    institution, _ = registry_services.ensure_institution(
        name="서울시교육청", center=settled["center"]
    )
    with pytest.raises(ValidationError, match=REFUSED):
        market_services.record_visit(
            center=settled["center"],
            program=settled["program"],
            date=DAY,
            institution=institution,
            segment="공공기관",
        )
    loaded = Visit(
        center=settled["center"],
        program=settled["program"],
        date=DAY,
        institution=institution,
        segment="공공기관",
        reconstructed=True,
    )
    with pytest.raises(ValidationError, match=REFUSED):
        record_services.bulk_record([loaded])
    assert not Visit.objects.exists()


def test_attendance_of_a_settled_year_is_refused_and_completion_stays(metro_admin):
    from dure.education import services as education_services
    from dure.education.tests.factories import DAY as COURSE_DAY
    from dure.education.tests.factories import course_with_sessions

    course, sessions, (person,) = course_with_sessions(sessions=1)
    budget_services.settle_year(
        center=course.center, fiscal_year=ensure_fiscal_year(year=2017), settled_by=metro_admin
    )
    with pytest.raises(ValidationError):
        education_services.set_attendance(course=course, present={sessions[0].pk: [person.pk]})
    with pytest.raises(ValidationError):
        education_services.enrol(course=course, person_name="늦은 신청", enrolled_on=COURSE_DAY)
    person.refresh_from_db()
    assert not person.completed
    assert course.enrolments.count() == 1
