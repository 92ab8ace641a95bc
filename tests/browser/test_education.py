"""A course in the browser: staff create it, add three sessions, enrol a person, tick the
attendance sheet; completion is computed and the 수료인원 indicator moves from 0 to 1."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from dure.programs.services import create_indicator
from dure.programs.tests.factories import build_tree
from tests.personas import PASSWORD


def test_a_course_with_three_sessions_and_one_graduate(live_server, login, program_staff):
    today = timezone.localdate()
    tree = build_tree(year=today.year, area="주체발굴 및 인재양성", program="아카데미 운영")
    indicator = create_indicator(
        program=tree.program,
        code="I01",
        name="수료인원",
        unit="명",
        target=10,
        metric_key="education.enrolments",
        aggregation="completed",
        parameters={},
    )

    page = login(program_staff, PASSWORD)
    page.goto(f"{live_server.url}/programs/indicators/{indicator.pk}/")
    expect(page.locator("#actual")).to_have_text("0명")

    page.goto(f"{live_server.url}/education/courses/new/")
    page.get_by_label("사업").select_option(str(tree.program.pk))
    page.get_by_label("일자").fill(today.isoformat())
    page.get_by_label("과정명").fill("사회적경제 기초 과정")
    page.get_by_label("분야").select_option("audience")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("교육과정 기록을 저장했습니다.")).to_be_visible()

    for number in range(3):
        day = min(today + datetime.timedelta(days=number), datetime.date(today.year, 12, 31))
        page.get_by_label("일자").fill(day.isoformat())
        page.get_by_label("주제").fill(f"{number + 1}강")
        page.get_by_role("button", name="회차 추가").click()
        expect(page.get_by_text("회차를 추가했습니다.")).to_be_visible()

    page.get_by_label("이름").fill("김수강")
    page.get_by_label("신청일").fill(today.isoformat())
    page.get_by_role("button", name="등록", exact=True).click()
    expect(page.get_by_text("수강생을 등록했습니다.")).to_be_visible()

    ticks = page.locator("input[name=present]")
    expect(ticks).to_have_count(3)
    for index in range(3):
        ticks.nth(index).check()
    page.get_by_role("button", name="출석 저장").click()
    expect(page.get_by_text("출석을 저장했습니다. 수료 1명.")).to_be_visible()

    page.goto(f"{live_server.url}/programs/indicators/{indicator.pk}/")
    expect(page.locator("#actual")).to_have_text("1명")
