"""The whole path of management support as the people walk it: a member signs up, the center
confirms them, they write the standard application once and apply to two announcements
without retyping it; two reviewers score (a third, declaring a conflict, is kept out); the
center selects, an expert is matched and logs two sessions; the member sees every step, and
the 경영멘토링 indicator rises by one."""

from __future__ import annotations

from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from dure.core.imports import get_importer, run_import
from dure.core.models import Center, User
from dure.core.roles import Role
from dure.core.services import create_user, ensure_fiscal_year
from dure.programs.models import Indicator
from dure.programs.results import indicator_results, with_report_relations
from dure.registry.models import Financial, LegalForm
from dure.registry.tests.factories import EnterpriseFactory, ExpertFactory
from dure.support import services
from dure.support.models import Announcement, Application, RuleKind, SupportType
from dure.support.tests.factories import program_in
from tests.personas import PASSWORD

TODAY = timezone.localdate()
MEMBER_PASSWORD = "a-long-pass-phrase-17"


def _person(username: str, role: Role) -> User:
    return create_user(
        username=username,
        password=PASSWORD,
        center=Center.objects.get(code="SEOUL"),
        role=role,
        display_name=username,
        email=f"{username}@example.kr",
    )


def _mentoring_actual() -> int | None:
    indicators = list(with_report_relations(Indicator.objects.filter(name="경영멘토링 기업")))
    return indicator_results(indicators)[indicators[0].pk].actual


def test_member_applies_twice_is_reviewed_selected_and_supported(
    live_server, browser: Browser, program_staff, tmp_path: Path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    center = Center.objects.get(code="SEOUL")
    program = program_in(center, ensure_fiscal_year(year=TODAY.year), "경영 지원")
    plan = (
        "구분,사업명,지표명,단위,목표,지표 산식,집계방식,조건,세부목표\n"
        f"{program.area.name},{program.name},경영멘토링 기업,건,10,경영지원 기록,건수,"
        "지원구분=경영멘토링,\n"
    )
    run_import(get_importer("programs")(center=center, year=TODAY.year), plan.encode(), "plan.csv")
    enterprise = EnterpriseFactory.create(
        name="햇살돌봄협동조합",
        legal_form=LegalForm.COOPERATIVE,
        founded_on=TODAY.replace(year=TODAY.year - 1, day=1),
    )
    Financial.objects.create(enterprise=enterprise, year=TODAY.year - 1, revenue_won=90_000_000)
    for title, support_type, question in (
        ("회계 지원", SupportType.ACCOUNTING, "장부는 누가 씁니까?"),
        ("경영 멘토링", SupportType.MENTORING, "멘토에게 바라는 점은?"),
    ):
        services.save_announcement(
            announcement=Announcement(
                center=center,
                program=program,
                title=title,
                body=f"{title} 기업을 모집합니다.",
                support_type=support_type,
                published=True,
                questions=[question],
            ),
            rules=[(RuleKind.FOUNDED_WITHIN, "3")],
        )
    reviewers = [
        ExpertFactory.create(
            name=f"심사위원{i}",
            user=_person(f"reviewer{i}", Role.EXPERT),
            is_reviewer=True,
            is_consultant=False,
        )
        for i in (1, 2, 3)
    ]
    ExpertFactory.create(
        name="한멘토", user=_person("mentor", Role.EXPERT), is_mentor=True, is_consultant=False
    )
    assert _mentoring_actual() == 0

    def as_user(username: str, password: str = PASSWORD) -> Page:
        page = browser.new_context(locale="ko-KR").new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("아이디").fill(username)
        page.get_by_label("비밀번호").fill(password)
        page.get_by_role("button", name="로그인").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    # A member signs up from the public announcements.
    visitor = browser.new_context(locale="ko-KR").new_page()
    visitor.goto(f"{live_server.url}/portal/announcements/")
    expect(visitor.get_by_role("link", name="경영 멘토링")).to_be_visible()
    visitor.get_by_role("link", name="기업 회원 가입").click()
    visitor.get_by_label("가입할 센터").select_option(label=center.name)
    visitor.get_by_label("사업자등록번호").fill(enterprise.business_number)
    visitor.get_by_label("기업명").fill("햇살돌봄")
    visitor.locator("#id_display_name").fill("김햇살")
    visitor.get_by_label("연락처").fill("010-2017-0001")
    visitor.get_by_label("이메일").fill("sun@example.kr")
    visitor.get_by_label("아이디").fill("sunshine")
    visitor.locator("#id_password").fill(MEMBER_PASSWORD)
    visitor.get_by_label("비밀번호 확인").fill(MEMBER_PASSWORD)
    visitor.get_by_role("button", name="가입 신청").click()
    expect(visitor.locator("ul.messages")).to_contain_text("가입 신청을 받았습니다")

    # The center confirms the enterprise.
    staff = as_user(program_staff.username)
    staff.goto(f"{live_server.url}/support/manage/members/")
    staff.get_by_role("row", name="햇살돌봄").get_by_role("link").click()
    staff.get_by_role("button", name="승인하고 기업에 연결").click()
    expect(staff.locator("ul.messages")).to_contain_text("승인했습니다.")

    # The member writes the standard application once and applies to both announcements.
    member = as_user("sunshine", MEMBER_PASSWORD)
    member.get_by_role("navigation", name="메뉴").get_by_role("link", name="기업 포털").click()
    member.get_by_role("link", name="표준 신청서 쓰기").click()
    member.get_by_label("조직 · 설립 목적과 추구하는 사회적 가치").fill("돌봄 일자리")
    member.get_by_label("조직 · 주요 제품·서비스").fill("방문 돌봄")
    member.get_by_label("재무 · 직전 연도 매출액(원)").fill("90000000")
    member.get_by_label("인력 · 고용 인원(명)").fill("6")
    member.get_by_label("지원 필요 사항 · 지금 가장 어려운 점").fill("판로와 조직 운영")
    member.get_by_label("지원 필요 사항 · 받고 싶은 지원과 기대하는 변화").fill("경영 멘토링")
    member.get_by_role("button", name="저장").click()
    expect(member.locator("ul.messages")).to_contain_text("표준 신청서를 저장했습니다")
    evidence = tmp_path / "재무제표.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    for title, question, answer in (
        ("회계 지원", "장부는 누가 씁니까?", "대표가 직접"),
        ("경영 멘토링", "멘토에게 바라는 점은?", "조직 운영 조언"),
    ):
        member.goto(f"{live_server.url}/portal/announcements/")
        member.get_by_role("link", name=title).click()
        expect(member.get_by_text("충족")).to_be_visible()
        member.get_by_role("link", name="신청하기").click()
        member.get_by_label(question).fill(answer)
        member.get_by_label("재무제표").set_input_files(str(evidence))
        member.get_by_role("button", name="신청서 제출").click()
        expect(member.locator("ul.messages")).to_contain_text("신청을 접수했습니다")
        expect(member.get_by_text("돌봄 일자리")).to_be_visible()
    assert Application.objects.filter(enterprise=enterprise).count() == 2
    mentoring = Application.objects.get(announcement__title="경영 멘토링")

    # Three reviewers are assigned; one declares a conflict and is kept out, two score.
    staff.goto(f"{live_server.url}/support/applications/{mentoring.pk}/")
    for reviewer in reviewers:
        staff.get_by_label("심사위원 배정").select_option(label=reviewer.name)
        staff.get_by_role("button", name="배정", exact=True).click()
        expect(staff.locator("ul.messages")).to_contain_text(f"{reviewer.name} 심사위원을")
    conflicted = as_user("reviewer3")
    conflicted.get_by_role("navigation", name="메뉴").get_by_role(
        "link", name="배정된 심사"
    ).click()
    conflicted.get_by_role("link", name="경영 멘토링").click()
    conflicted.get_by_label("있습니다").check()
    conflicted.get_by_label("이해관계 내용(있을 때)").fill("대표와 친족")
    conflicted.get_by_role("button", name="신고").click()
    expect(conflicted.get_by_text("이 신청은 심사하지 않습니다")).to_be_visible()
    expect(conflicted.get_by_role("button", name="심사 제출")).to_have_count(0)
    for username, need in (("reviewer1", "25"), ("reviewer2", "27")):
        reviewer_page = as_user(username)
        reviewer_page.goto(f"{live_server.url}/support/reviews/")
        reviewer_page.get_by_role("link", name="경영 멘토링").click()
        reviewer_page.get_by_label("없습니다").check()
        reviewer_page.get_by_role("button", name="신고").click()
        reviewer_page.get_by_label("지원 필요성 (30점)").fill(need)
        reviewer_page.get_by_label("실행 가능성 (30점)").fill("24")
        reviewer_page.get_by_label("사회적 가치 (20점)").fill("18")
        reviewer_page.get_by_label("기대 효과 (20점)").fill("16")
        reviewer_page.get_by_label("심사 의견").fill("멘토링 효과가 클 것입니다.")
        reviewer_page.get_by_role("button", name="심사 제출").click()
        expect(reviewer_page.locator("ul.messages")).to_contain_text("심사를 제출했습니다.")

    # The center decides with reasons for the applicant and matches an expert.
    staff.reload()
    expect(staff.get_by_text("평균 (심사 2건)")).to_be_visible()
    expect(staff.locator("tfoot")).to_contain_text("84.0")
    staff.get_by_label("선정", exact=True).check()
    staff.get_by_label("신청자에게 알리는 사유").fill("필요성과 실행 가능성이 높습니다.")
    staff.get_by_label("내부 메모(신청자에게 보이지 않음)").fill("심사위원 3 제척")
    staff.get_by_role("button", name="결정 저장").click()
    expect(staff.locator("ul.messages")).to_contain_text("결정을 저장하고 신청 기업에 알렸습니다.")
    staff.get_by_role("link", name="햇살돌봄협동조합").last.click()
    suggestion = staff.locator("ol.suggestions > li", has_text="한멘토")
    suggestion.get_by_role("button", name="이 전문가 배정").click()
    expect(staff.locator("ul.messages")).to_contain_text("한멘토 전문가를 배정했습니다.")

    # The expert logs two sessions of their engagement.
    expert_page = as_user("mentor")
    expert_page.get_by_role("navigation", name="메뉴").get_by_role("link", name="담당 지원").click()
    expert_page.get_by_role("row", name="햇살돌봄협동조합").get_by_role("link").click()
    for summary in ("조직 진단", "운영 규정 정비"):
        expert_page.get_by_label("일자").fill(TODAY.isoformat())
        expert_page.get_by_label("시간").fill("2")
        expert_page.get_by_label("내용").fill(summary)
        expert_page.get_by_role("button", name="회차 기록").click()
        expect(expert_page.locator("ul.messages")).to_contain_text("회차를 기록했습니다.")

    # The member sees each step; the reasons meant for them, not the internal note.
    member.goto(f"{live_server.url}/portal/")
    member.get_by_role("cell", name="경영 멘토링").get_by_role("link").click()
    for step in (
        "신청을 접수했습니다",
        "심사를 시작했습니다",
        "선정되었습니다",
        "담당 전문가가 배정되었습니다: 한멘토",
    ):
        expect(member.locator("ol.timeline")).to_contain_text(step)
    expect(member.get_by_text("필요성과 실행 가능성이 높습니다.").first).to_be_visible()
    expect(member.get_by_text("심사위원 3 제척")).to_have_count(0)
    expect(member.locator("dl.details").first).to_contain_text("한멘토")
    expect(member.get_by_text("진행 회차")).to_be_visible()
    member.goto(f"{live_server.url}/portal/")
    expect(member.get_by_role("row", name="회계 지원")).to_contain_text("접수")
    assert "sun@example.kr" in {address for message in mail.outbox for address in message.to}

    assert _mentoring_actual() == 1
