"""Intake: announcements with eligibility, members' sign-up and confirmation, the standard
application frozen into each application, documents, review with conflicts, decision."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from dure.core.models import Center, User
from dure.core.roles import Role
from dure.core.services import create_user, ensure_fiscal_year
from dure.registry.models import Designation, DesignationType, Financial, LegalForm, Membership
from dure.registry.tests.factories import (
    AgencyFactory,
    EnterpriseFactory,
    ExpertFactory,
    valid_business_number,
)
from dure.support import services
from dure.support.models import (
    Announcement,
    Application,
    ApplicationStatus,
    Engagement,
    MembershipRequest,
    RequestStatus,
    RuleKind,
    StandardApplication,
    Status,
    SupportType,
)
from dure.support.review import aggregate
from dure.support.tests.factories import program_in

PASSWORD = "correct-horse-2017"
TODAY = timezone.localdate()
COMPLETE = {
    "mission": "지역 돌봄 일자리를 만든다",
    "products": "방문 돌봄 서비스",
    "revenue": 120_000_000,
    "employees": 8,
    "problem": "회계 처리",
    "wanted": "회계 기장 지원",
}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def user(username: str, role: Role, center_code: str = "SEOUL", email: str = "") -> User:
    return create_user(
        username=username,
        password=PASSWORD,
        center=Center.objects.get(code=center_code),
        role=role,
        display_name=username,
        email=email or f"{username}@example.kr",
    )


@pytest.fixture
def program(metropolitan_center):
    return program_in(metropolitan_center, ensure_fiscal_year(year=TODAY.year), "경영 지원")


@pytest.fixture
def enterprise(db):
    found = EnterpriseFactory.create(
        name="돌봄협동조합",
        founded_on=TODAY.replace(year=TODAY.year - 2, day=1),
        legal_form=LegalForm.COOPERATIVE,
        district="마포구",
    )
    Financial.objects.create(enterprise=found, year=TODAY.year - 1, revenue_won=120_000_000)
    return found


@pytest.fixture
def owner(enterprise):
    person = user("owner", Role.MEMBER)
    Membership.objects.create(user=person, enterprise=enterprise)
    return person


def announcement_of(program, title="회계 지원", questions=("회계 담당자는 몇 명입니까?",), **extra):
    fields = {
        "center": program.center,
        "program": program,
        "title": title,
        "body": "창업 초기 기업의 회계를 돕습니다.",
        "support_type": SupportType.ACCOUNTING,
        "published": True,
        "questions": list(questions),
        **extra,
    }
    rules = extra.pop("rules", None) or [
        (RuleKind.FOUNDED_WITHIN, "3"),
        (RuleKind.REVENUE_UNDER, "200,000,000"),
    ]
    fields.pop("rules", None)
    return services.save_announcement(announcement=Announcement(**fields), rules=rules)


@pytest.fixture
def announcement(program):
    return announcement_of(program)


def submitted(announcement, owner, answers=("한 명",), documents=()):
    services.save_standard_application(member=owner, answers=dict(COMPLETE))
    return services.apply(
        announcement=announcement, member=owner, answers=list(answers), documents=documents
    )


# Eligibility


def test_eligibility_rules_read_the_registry_and_say_why(program, enterprise):
    rules = [
        (RuleKind.FOUNDED_WITHIN, "3"),
        (RuleKind.REVENUE_UNDER, "100000000"),
        (RuleKind.LEGAL_FORM, "협동조합, 사회적협동조합"),
        (RuleKind.DISTRICT, "강동구"),
        (RuleKind.DESIGNATION, "인증 사회적기업"),
    ]
    found = announcement_of(program, rules=rules)
    checks = services.eligibility_of(found, enterprise)
    assert [c.met for c in checks] == [True, False, True, False, False]
    assert "120,000,000원" in checks[1].reason
    assert checks[3].reason == "마포구"
    Designation.objects.create(
        enterprise=enterprise,
        kind="certification",
        designation_type=DesignationType.SOCIAL_ENTERPRISE,
        starts_on=TODAY.replace(day=1),
    )
    assert services.eligibility_of(found, enterprise)[4].met


def test_a_missing_registry_figure_is_not_met_and_says_which(program, enterprise):
    enterprise.founded_on = None
    enterprise.save()
    enterprise.financials.all().delete()
    checks = services.eligibility_of(announcement_of(program), enterprise)
    assert [c.met for c in checks] == [False, False]
    assert "설립일이 없습니다" in checks[0].reason
    assert f"{TODAY.year - 1}년 매출액이 없습니다" in checks[1].reason


def test_a_rule_with_an_unknown_value_is_refused(program):
    with pytest.raises(ValidationError, match="알 수 없는 값"):
        announcement_of(program, rules=[(RuleKind.LEGAL_FORM, "주식회사, 비영리법인")])
    assert not Announcement.objects.exists()


def test_a_window_needs_both_dates(program):
    with pytest.raises(ValidationError, match="접수 시작일과 마감일"):
        announcement_of(program, always_open=False, opens_on=TODAY)


# Sign-up and confirmation


def test_sign_up_checks_the_business_number_and_waits_for_the_center(
    client, metropolitan_center, enterprise, program_staff, django_capture_on_commit_callbacks
):
    form = {
        "center": metropolitan_center.pk,
        "business_number": enterprise.business_number[:-1]
        + str((int(enterprise.business_number[-1]) + 1) % 10),
        "enterprise_name": "돌봄협동조합",
        "display_name": "김대표",
        "phone": "010-1234-5678",
        "email": "ceo@example.kr",
        "username": "ceo",
        "password": "a-long-pass-phrase-17",
        "password_again": "a-long-pass-phrase-17",
    }
    response = client.post(reverse("portal:signup"), form)
    assert "검증번호 불일치" in response.content.decode()
    assert not MembershipRequest.objects.exists()
    form["business_number"] = enterprise.business_number
    assert client.post(reverse("portal:signup"), form).status_code == 302
    request = MembershipRequest.objects.get()
    assert request.user.role == Role.MEMBER and request.status == RequestStatus.PENDING
    login = {"username": "ceo", "password": "a-long-pass-phrase-17"}
    assert client.post(reverse("login"), login).status_code == 302
    assert "확인하고 있습니다" in client.get(reverse("portal:home")).content.decode()
    assert client.get(reverse("portal:standard_edit")).status_code == 302

    client.force_login(program_staff)
    page = reverse("support:membership_decide", args=[request.pk])
    assert "ceo@example.kr" in client.get(page).content.decode()
    assert program_staff.personaldataaccess_set.filter(subject_id=str(request.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"action": "approve", "enterprise": enterprise.pk})
    assert response.status_code == 302
    assert Membership.objects.get(user=request.user).enterprise == enterprise
    assert mail.outbox[-1].to == ["ceo@example.kr"]
    assert "승인되었습니다" in mail.outbox[-1].body


def test_staff_link_only_an_enterprise_with_the_same_number(
    metropolitan_center, enterprise, program_staff
):
    request = services.sign_up_member(
        center=metropolitan_center,
        username="ceo",
        password="a-long-pass-phrase-17",
        display_name="김대표",
        email="ceo@example.kr",
        business_number=enterprise.business_number,
        enterprise_name="돌봄",
        phone="010",
    )
    other = EnterpriseFactory.create()
    with pytest.raises(ValidationError, match="같은 번호의 기업"):
        services.decide_membership(
            request=request, by=program_staff, approve=True, enterprise=other
        )
    with pytest.raises(ValidationError, match="사유"):
        services.decide_membership(request=request, by=program_staff, approve=False)
    assert not Membership.objects.exists()


def test_another_centers_staff_never_see_a_sign_up(
    client, gangdong_center, metropolitan_center, district_staff, other_district_staff
):
    request = services.sign_up_member(
        center=gangdong_center,
        username="ceo",
        password="a-long-pass-phrase-17",
        display_name="김대표",
        email="ceo@example.kr",
        business_number=valid_business_number(777),
        enterprise_name="강동 기업",
        phone="010",
    )
    client.force_login(other_district_staff)
    assert client.get(reverse("support:membership_decide", args=[request.pk])).status_code == 404
    client.force_login(district_staff)
    assert client.get(reverse("support:membership_decide", args=[request.pk])).status_code == 200


# The standard application and applying


def test_an_application_freezes_the_standard_application(announcement, owner):
    application = submitted(announcement, owner)
    services.save_standard_application(member=owner, answers={**COMPLETE, "employees": 30})
    application.refresh_from_db()
    assert application.standard["employees"] == 8
    assert StandardApplication.objects.get().answers["employees"] == 30
    assert application.answers == [{"question": "회계 담당자는 몇 명입니까?", "answer": "한 명"}]
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.events.get().message.startswith("‘회계 지원’ 신청을 접수")


def test_two_announcements_reuse_one_standard_application(program, announcement, owner):
    first = submitted(announcement, owner)
    second_call = announcement_of(program, title="경영 멘토링", questions=())
    second = services.apply(announcement=second_call, member=owner, answers=[])
    assert first.standard == second.standard == COMPLETE
    assert StandardApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"published": False}, "접수 기간이 아닌"),
        (
            {
                "always_open": False,
                "opens_on": TODAY - datetime.timedelta(days=30),
                "closes_on": TODAY - datetime.timedelta(days=1),
            },
            "접수 기간이 아닌",
        ),
    ],
)
def test_a_closed_announcement_takes_no_application(announcement, owner, change, message):
    for name, value in change.items():
        setattr(announcement, name, value)
    announcement.save()
    with pytest.raises(ValidationError, match=message):
        submitted(announcement, owner)
    assert not Application.objects.exists()


def test_an_ineligible_enterprise_is_told_which_rule_stops_it(announcement, owner, enterprise):
    enterprise.financials.update(revenue_won=350_000_000)
    with pytest.raises(ValidationError, match="직전 연도 매출액 200,000,000원 미만"):
        submitted(announcement, owner)
    assert not Application.objects.exists()


def test_program_questions_and_the_required_standard_items_must_be_answered(announcement, owner):
    with pytest.raises(ValidationError, match="표준 신청서를 먼저"):
        services.apply(announcement=announcement, member=owner, answers=["한 명"])
    services.save_standard_application(member=owner, answers={"mission": "돌봄"})
    with pytest.raises(ValidationError, match=r"적지 않은 항목.*주요 제품"):
        services.apply(announcement=announcement, member=owner, answers=["한 명"])
    services.save_standard_application(member=owner, answers=dict(COMPLETE))
    with pytest.raises(ValidationError, match="답을 적어야"):
        services.apply(announcement=announcement, member=owner, answers=["  "])
    assert not Application.objects.exists()


def test_the_same_announcement_takes_one_application_per_enterprise(announcement, owner):
    submitted(announcement, owner)
    with pytest.raises(ValidationError, match="이미 신청"):
        services.apply(announcement=announcement, member=owner, answers=["두 명"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "올릴 수 있는 파일은"),
        ("report.pdf", b"MZ\x90\x00 not a pdf", "PDF 형식이 아닙니다"),
        ("page.html", b"<script>alert(1)</script>", "올릴 수 있는 파일은"),
        ("empty.pdf", b"", "빈 파일"),
    ],
)
def test_documents_of_another_type_are_refused_and_nothing_is_saved(
    announcement, owner, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError, match=message):
        submitted(announcement, owner, documents=[("other", upload)])
    assert not Application.objects.exists()


@override_settings(DURE_UPLOAD_MAX_BYTES=1024)
def test_a_document_over_the_size_limit_is_refused(announcement, owner):
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError, match="1KB보다 큽니다"):
        submitted(announcement, owner, documents=[("financial", upload)])


def test_documents_are_served_as_attachments_only_to_who_sees_the_application(
    client, announcement, owner, program_staff, other_district_staff, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    application = submitted(
        announcement, owner, documents=[("financial", SimpleUploadedFile("재무.pdf", PDF))]
    )
    document = application.documents.get()
    client.force_login(owner)
    response = client.get(reverse("portal:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF")
    client.force_login(program_staff)
    assert (
        client.get(reverse("support:application_document", args=[document.pk])).status_code == 200
    )
    stranger = user("stranger", Role.MEMBER)
    Membership.objects.create(user=stranger, enterprise=EnterpriseFactory.create())
    client.force_login(stranger)
    assert client.get(reverse("portal:document", args=[document.pk])).status_code == 404
    client.force_login(other_district_staff)
    assert (
        client.get(reverse("support:application_document", args=[document.pk])).status_code == 404
    )


# Review and decision


@pytest.fixture
def reviewers(metropolitan_center):
    return [
        ExpertFactory.create(
            name=f"심사위원{i}", user=user(f"reviewer{i}", Role.EXPERT), is_reviewer=True
        )
        for i in (1, 2, 3)
    ]


SCORES = {"need": 25, "feasibility": 24, "social_value": 18, "effect": 15}


def test_review_declares_conflicts_first_and_scores_add_up(
    announcement, owner, reviewers, program_staff
):
    application = submitted(announcement, owner)
    reviews = [
        services.assign_reviewer(application=application, expert=e, by=program_staff)
        for e in reviewers
    ]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    first, second, third = reviews
    with pytest.raises(ValidationError, match="먼저 신고"):
        services.submit_review(review=first, by=reviewers[0].user, scores=SCORES, comment="좋음")
    with pytest.raises(PermissionDenied):
        services.declare_conflict(review=first, by=reviewers[1].user, has_conflict=False)
    services.declare_conflict(review=third, by=reviewers[2].user, has_conflict=True, note="이사")
    with pytest.raises(ValidationError, match="이해충돌을 신고한"):
        services.submit_review(review=third, by=reviewers[2].user, scores=SCORES, comment="-")
    for review, expert in ((first, reviewers[0]), (second, reviewers[1])):
        services.declare_conflict(review=review, by=expert.user, has_conflict=False)
    with pytest.raises(ValidationError, match="0점부터 30점까지"):
        services.submit_review(
            review=first, by=reviewers[0].user, scores={**SCORES, "need": 31}, comment="좋음"
        )
    services.submit_review(review=first, by=reviewers[0].user, scores=SCORES, comment="좋음")
    services.submit_review(
        review=second, by=reviewers[1].user, scores={**SCORES, "effect": 20}, comment="매우 좋음"
    )
    result = aggregate(application)
    assert result.reviews == 2
    assert str(result.mean_total) == "84.5"


def test_a_reviewer_the_registry_links_to_the_applicant_is_refused(
    announcement, owner, enterprise, program_staff
):
    application = submitted(announcement, owner)
    agency = AgencyFactory.create(name=enterprise.name, business_number=enterprise.business_number)
    linked = ExpertFactory.create(
        name="이해관계", agency=agency, user=user("linked", Role.EXPERT), is_reviewer=True
    )
    with pytest.raises(ValidationError, match="지원 대상 기업"):
        services.assign_reviewer(application=application, expert=linked, by=program_staff)
    assert not application.reviews.exists()


def test_a_decision_needs_a_review_and_selection_plans_an_engagement(
    announcement, owner, reviewers, program_staff, django_capture_on_commit_callbacks
):
    application = submitted(announcement, owner)
    with pytest.raises(ValidationError, match="제출된 심사가 하나도 없습니다"):
        services.decide_application(
            application=application, by=program_staff, approve=True, reason="적합"
        )
    review = services.assign_reviewer(
        application=application, expert=reviewers[0], by=program_staff
    )
    services.declare_conflict(review=review, by=reviewers[0].user, has_conflict=False)
    services.submit_review(review=review, by=reviewers[0].user, scores=SCORES, comment="좋음")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_application(
            application=application,
            by=program_staff,
            approve=True,
            reason="필요성과 실행 가능성이 높습니다.",
            note="우선 지원",
        )
    application.refresh_from_db()
    engagement = application.engagement
    assert engagement is not None and engagement.status == Status.PLANNED
    assert engagement.support_type == SupportType.ACCOUNTING
    assert engagement.program == announcement.program
    assert mail.outbox[-1].to == ["owner@example.kr"]
    assert "선정되었습니다" in mail.outbox[-1].body
    with pytest.raises(ValidationError, match="이미 결정한"):
        services.decide_application(
            application=application, by=program_staff, approve=False, reason="-"
        )
    assert Engagement.objects.count() == 1


# Access


def test_a_member_sees_only_their_enterprises_applications(client, announcement, owner):
    application = submitted(announcement, owner)
    page = reverse("portal:application_detail", args=[application.pk])
    client.force_login(owner)
    body = client.get(page).content.decode()
    assert "지역 돌봄 일자리" in body and "우선 지원" not in body
    stranger = user("stranger", Role.MEMBER)
    Membership.objects.create(user=stranger, enterprise=EnterpriseFactory.create())
    client.force_login(stranger)
    assert client.get(page).status_code == 404
    pending = user("pending", Role.MEMBER)
    client.force_login(pending)
    assert client.get(page).status_code == 404


def test_a_reviewer_sees_only_what_they_are_assigned(
    client, announcement, owner, reviewers, program_staff
):
    application = submitted(announcement, owner)
    review = services.assign_reviewer(
        application=application, expert=reviewers[0], by=program_staff
    )
    page = reverse("support:review_detail", args=[review.pk])
    client.force_login(reviewers[0].user)
    assert client.get(page).status_code == 200
    client.force_login(reviewers[1].user)
    assert client.get(page).status_code == 404
    assert "돌봄협동조합" not in client.get(reverse("support:my_reviews")).content.decode()


def test_public_pages_show_only_published_announcements(client, program, announcement):
    hidden = announcement_of(program, title="준비 중인 공고", published=False)
    listing = client.get(reverse("portal:announcement_list")).content.decode()
    assert "회계 지원" in listing and "준비 중인 공고" not in listing
    assert client.get(reverse("portal:announcement_detail", args=[hidden.pk])).status_code == 404
    detail = client.get(reverse("portal:announcement_detail", args=[announcement.pk]))
    assert "설립 3년 이내" in detail.content.decode()


def test_the_member_sees_eligibility_before_applying(client, announcement, owner, enterprise):
    enterprise.financials.update(revenue_won=350_000_000)
    client.force_login(owner)
    body = client.get(
        reverse("portal:announcement_detail", args=[announcement.pk])
    ).content.decode()
    assert "미충족" in body and "350,000,000원" in body
    assert reverse("portal:apply", args=[announcement.pk]) not in body


def test_indicators_count_applications_received_and_selected(
    announcement, owner, reviewers, program_staff, metropolitan_center, program
):
    from dure.core.imports import get_importer, run_import
    from dure.programs.models import Indicator
    from dure.programs.results import indicator_results, with_report_relations

    plan = (
        "구분,사업명,지표명,단위,목표,지표 산식,집계방식,조건,세부목표\n"
        f"{program.area.name},{program.name},신청 접수,건,10,지원 신청,건수,,\n"
        f"{program.area.name},{program.name},선정,건,5,지원 신청,건수,상태=선정,\n"
    )
    run_import(
        get_importer("programs")(center=metropolitan_center, year=TODAY.year),
        plan.encode(),
        "plan.csv",
    )
    application = submitted(announcement, owner)
    second = user("owner2", Role.MEMBER)
    other = EnterpriseFactory.create(founded_on=TODAY.replace(year=TODAY.year - 1, day=1))
    Financial.objects.create(enterprise=other, year=TODAY.year - 1, revenue_won=10_000_000)
    Membership.objects.create(user=second, enterprise=other)
    submitted(announcement, second)
    review = services.assign_reviewer(
        application=application, expert=reviewers[0], by=program_staff
    )
    services.declare_conflict(review=review, by=reviewers[0].user, has_conflict=False)
    services.submit_review(review=review, by=reviewers[0].user, scores=SCORES, comment="좋음")
    services.decide_application(
        application=application, by=program_staff, approve=True, reason="적합"
    )

    indicators = list(with_report_relations(Indicator.objects.order_by("pk")))
    results = indicator_results(indicators)
    by_name = {i.name: results[i.pk].actual for i in indicators}
    assert by_name == {"신청 접수": 2, "선정": 1}


def test_only_the_pools_reviewers_are_assigned(announcement, owner, program_staff):
    application = submitted(announcement, owner)
    consultant = ExpertFactory.create(name="컨설턴트", user=user("consultant", Role.EXPERT))
    with pytest.raises(ValidationError, match="심사위원이 아닙니다"):
        services.assign_reviewer(application=application, expert=consultant, by=program_staff)


def test_the_member_applies_on_the_page_with_a_document(
    client, announcement, owner, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    services.save_standard_application(member=owner, answers=dict(COMPLETE))
    client.force_login(owner)
    page = reverse("portal:apply", args=[announcement.pk])
    body = client.get(page).content.decode()
    assert "120,000,000" in body and "회계 담당자는 몇 명입니까?" in body
    response = client.post(
        page,
        {"answer_0": "두 명", "document_plan": SimpleUploadedFile("계획.pdf", PDF)},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:application_detail", args=[application.pk])
    assert application.documents.get().kind == "plan"
    shown = client.get(response["Location"]).content.decode()
    assert "계획.pdf" in shown and "두 명" in shown


def test_an_announcement_is_open_only_within_its_programs_year(metropolitan_center, owner):
    past = program_in(metropolitan_center, ensure_fiscal_year(year=TODAY.year - 1), "지난 사업")
    old = announcement_of(past, title="지난해 공고")
    assert not old.is_open_on(TODAY)
    with pytest.raises(ValidationError, match="접수 기간이 아닌"):
        submitted(old, owner)
    with pytest.raises(ValidationError, match="회계연도"):
        announcement_of(
            past,
            title="창이 넘는 공고",
            always_open=False,
            opens_on=TODAY.replace(year=TODAY.year - 1, month=12, day=1),
            closes_on=TODAY.replace(month=1, day=31),
        )


def test_the_member_keeps_the_profile_that_eligibility_reads(
    client, announcement, owner, enterprise
):
    enterprise.financials.update(revenue_won=350_000_000)
    assert not all(c.met for c in services.eligibility_of(announcement, enterprise))
    client.force_login(owner)
    response = client.post(
        reverse("portal:profile_edit"),
        {
            "representative": "김햇살",
            "address": "서울 마포구",
            "revenue_won": "150000000",
            "employees": "6",
            "vulnerable_employees": "3",
        },
    )
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.representative == "김햇살"
    assert enterprise.financials.get(year=TODAY.year - 1).revenue_won == 150_000_000
    assert all(c.met for c in services.eligibility_of(announcement, enterprise))
    pending = user("pending_member", Role.MEMBER)
    client.force_login(pending)
    assert client.get(reverse("portal:profile_edit")).status_code == 302
    client.force_login(user("staff_two", Role.PROGRAM_STAFF))
    assert client.get(reverse("portal:profile_edit")).status_code == 403
