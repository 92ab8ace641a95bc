"""Write a report edition in the browser: insert a live figure with the picker, see it computed,
be stopped by the check when a typed number contradicts the records, build a file."""

from playwright.sync_api import expect

from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.reports import services
from tests.personas import PASSWORD


def test_a_live_figure_a_contradiction_found_and_a_file_built(live_server, login, metro_admin):
    tree = build_tree()
    activity_indicator(tree.program, target=4)
    for _ in range(3):
        record(tree.program)
    edition = services.create_edition(
        center=tree.program.center, fiscal_year=tree.fiscal_year, user=metro_admin, title="시험 판"
    )
    edition.appendix = []
    edition.save()

    page = login(metro_admin, PASSWORD)
    page.get_by_role("navigation", name="메뉴").get_by_role("link", name="보고서 판").click()
    page.get_by_role("link", name="시험 판").click()
    page.get_by_role("link", name="공공 시장 확대 지원").click()

    narrative = page.get_by_label("추진내역")
    narrative.fill("올해 방문영업은 ")
    picker = page.locator("#picker-id_narrative")
    picker.select_option("{{실적:P01.I01}}")
    page.locator("[data-insert-into=id_narrative]").click()
    expect(narrative).to_have_value("올해 방문영업은 {{실적:P01.I01}}")
    narrative.press("End")
    narrative.type("이었습니다.")
    page.get_by_role("button", name="저장").click()

    expect(page.get_by_text("공공 시장 확대 지원 부분을 저장했습니다.")).to_be_visible()
    figure = page.locator("p.doc-p a.figure", has_text="3건")
    expect(figure).to_be_visible()
    page.get_by_role("button", name="점검하기").click()
    expect(page.locator("#check")).to_contain_text("점검: 맞지 않는 곳이 없습니다.")

    page.get_by_role("link", name="공공 시장 확대 지원").click()
    page.get_by_label("사업소개").fill("공공기관 방문영업은 5건입니다.")
    page.get_by_role("button", name="저장").click()
    page.get_by_role("button", name="점검하기").click()
    finding = page.locator("#check tr", has_text="공공기관 방문영업")
    expect(finding).to_contain_text("본문의 5건 ≠ 기록에서 계산한 실적 3건")
    expect(finding).to_contain_text("막음")

    page.get_by_role("button", name="XLSX (엑셀) 만들기").click()
    expect(page.get_by_text("끝났습니다.")).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX (엑셀) 내려받기").click()
    assert download.value.suggested_filename.endswith(".xlsx")
