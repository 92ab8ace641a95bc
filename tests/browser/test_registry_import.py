"""Upload a file, see the preview with a row error, fix it, confirm, then find the enterprise
by a Korean substring and read its designation history."""

from pathlib import Path

from playwright.sync_api import expect

from tests.personas import PASSWORD

HEADER = "기업명,사업자등록번호,자치구,인증·지정 유형,인증·지정 시작일\n"
ROW = "강동돌봄 사회적협동조합,{number},강동구,예비사회적기업(지역형),2016-05-02\n"


def test_staff_imports_a_file_after_fixing_a_row_and_finds_the_enterprise(
    live_server, login, program_staff, tmp_path: Path
):
    bad = tmp_path / "bad.csv"
    bad.write_bytes((HEADER + ROW.format(number="220-81-62518")).encode("cp949"))
    good = tmp_path / "good.csv"
    good.write_bytes((HEADER + ROW.format(number="220-81-62517")).encode("cp949"))
    page = login(program_staff, PASSWORD)
    page.get_by_role("navigation", name="메뉴").get_by_role("link", name="불러오기").click()
    page.get_by_label("종류").select_option("enterprises")
    page.get_by_label("파일").set_input_files(str(bad))
    page.get_by_role("button", name="올리고 검사하기").click()
    expect(
        page.get_by_text("2행 [사업자등록번호]: 사업자등록번호의 검증번호가 맞지 않습니다")
    ).to_be_visible()
    page.get_by_role("link", name="고친 파일 올리기").click()
    page.get_by_label("종류").select_option("enterprises")
    page.get_by_label("파일").set_input_files(str(good))
    page.get_by_role("button", name="올리고 검사하기").click()
    expect(page.get_by_text("새로 등록 1건")).to_be_visible()
    page.get_by_role("button", name="확인하고 저장하기").click()
    expect(page.get_by_text("상태: 완료")).to_be_visible()
    page.get_by_role("navigation", name="메뉴").get_by_role("link", name="사회적경제기업").click()
    page.get_by_label("검색어").fill("돌봄")
    expect(page.get_by_text("모두 1곳")).to_be_visible()
    page.get_by_role("link", name="강동돌봄 사회적협동조합").click()
    expect(page.get_by_role("heading", name="인증·지정 이력")).to_be_visible()
    history = page.get_by_role("table").filter(has_text="예비사회적기업(지역형)")
    expect(history.get_by_role("cell", name="2016.5.2")).to_be_visible()
