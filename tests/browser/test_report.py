"""Open the 2017 report, follow a figure to its records, change a target and see its history."""

from django.core.management import call_command
from playwright.sync_api import expect

from tests.personas import PASSWORD


def test_a_figure_leads_to_as_many_records_and_a_target_change_is_kept(
    live_server, login, metro_admin
):
    call_command("load_demo", "--quiet-login")
    page = login(metro_admin, PASSWORD)
    page.get_by_role("navigation", name="메뉴").get_by_role("link", name="성과보고서").click()
    page.get_by_label("회계연도").select_option("2017")
    page.get_by_role("button", name="조회").click()
    expect(page.get_by_role("heading", name="사업 총괄표")).to_be_visible()
    row = page.locator("table.kpi tr", has_text="공공기관 방문영업").first
    figure = row.locator("a.figure").first
    expect(figure).to_have_text("654건")
    figure.click()
    expect(page.get_by_text("모두 654건")).to_be_visible()
    page.get_by_role("link", name="2017년 공공 시장 확대 지원 › 공공기관 방문영업").click()
    expect(page.get_by_role("heading", name="공공기관 방문영업")).to_be_visible()
    page.get_by_label("새 목표").fill("700")
    page.get_by_label("변경 사유").fill("하반기 방문 확대 계획 반영")
    page.get_by_role("button", name="목표 변경").click()
    expect(page.get_by_text("목표를 바꾸고 변경 이력에 남겼습니다.")).to_be_visible()
    history = page.locator("section", has=page.get_by_role("heading", name="목표 변경 이력"))
    expect(history.get_by_role("row", name="하반기 방문 확대 계획 반영")).to_contain_text("650")
    expect(history.get_by_role("row", name="하반기 방문 확대 계획 반영")).to_contain_text("700")
    expect(page.locator("#target")).to_have_text("700건")
