"""A workspace's month in the browser: the month's users recorded on the form, shown on the
workspace's page, and the users indicator moving by that many."""

from django.utils import timezone
from playwright.sync_api import expect

from dure.ecosystem.tests.factories import ecosystem_tree, workspace
from dure.programs.services import create_indicator
from tests.personas import PASSWORD


def test_a_months_users_recorded_shown_on_the_workspace_and_counted(
    live_server, login, program_staff
):
    today = timezone.localdate()
    tree = ecosystem_tree(year=today.year)
    lab = workspace(tree.program.center, address="종로구 청계천로 163")
    indicator = create_indicator(
        program=tree.program,
        code="I78",
        name="공간활성화 이용자수",
        unit="명",
        target=200,
        metric_key="ecosystem.workspace_uses",
        aggregation="sum_users",
        parameters={"workspace": [lab.name]},
    )

    page = login(program_staff, PASSWORD)
    page.goto(f"{live_server.url}/programs/indicators/{indicator.pk}/")
    expect(page.locator("#actual")).to_have_text("0명")

    page.goto(f"{live_server.url}/ecosystem/workspace-uses/new/")
    page.get_by_label("사업").select_option(str(tree.program.pk))
    page.get_by_label("공간").select_option(str(lab.pk))
    page.get_by_label("이용자수").fill("31")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("공간 이용 기록을 저장했습니다.")).to_be_visible()

    page.goto(f"{live_server.url}/ecosystem/workspaces/{lab.pk}/")
    expect(page.get_by_text("종로구 청계천로 163")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("31")

    page.goto(f"{live_server.url}/programs/indicators/{indicator.pk}/")
    expect(page.locator("#actual")).to_have_text("31명")
