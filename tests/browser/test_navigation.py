"""Log in, move through the navigation and read the Korean on screen."""

from playwright.sync_api import expect

from dure.core.models import Center
from dure.registry.tests.factories import ContactFactory, EnterpriseFactory
from tests.personas import PASSWORD


def test_staff_logs_in_and_moves_through_the_navigation(live_server, login, program_staff):
    EnterpriseFactory(name="강동돌봄사회적협동조합", district="강동구")
    EnterpriseFactory(name="마포공정여행", district="마포구")
    page = login(program_staff, PASSWORD)
    expect(page.get_by_role("heading", name="처음 화면")).to_be_visible()
    page.get_by_role("navigation", name="메뉴").get_by_role("link", name="사회적경제기업").click()
    expect(page.get_by_role("heading", name="사회적경제기업")).to_be_visible()
    expect(page.get_by_text("모두 2곳")).to_be_visible()
    page.get_by_label("검색어").fill("돌봄")
    expect(page.get_by_text("모두 1곳")).to_be_visible()
    page.get_by_role("link", name="강동돌봄사회적협동조합").click()
    expect(page.get_by_role("heading", name="강동돌봄사회적협동조합")).to_be_visible()
    expect(page.get_by_text("변경 이력")).to_be_visible()
    assert page.title() == "강동돌봄사회적협동조합 · 두레"


def test_form_errors_are_shown_in_korean_next_to_the_field(live_server, login, program_staff):
    page = login(program_staff, PASSWORD)
    page.goto(f"{live_server.url}/registry/enterprises/new/")
    page.get_by_label("기업명").fill("검증협동조합")
    page.get_by_label("사업자등록번호", exact=True).fill("220-81-62518")
    page.get_by_role("button", name="저장").click()
    expect(
        page.get_by_text("사업자등록번호: 사업자등록번호의 검증번호가 맞지 않습니다")
    ).to_be_visible()
    page.get_by_label("사업자등록번호", exact=True).fill("220-81-62517")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_role("heading", name="검증협동조합")).to_be_visible()
    expect(page.get_by_text("‘검증협동조합’을(를) 등록했습니다.")).to_be_visible()


def test_district_staff_gets_the_korean_not_found_page_for_another_district(
    live_server, login, district_staff
):
    other = EnterpriseFactory(center=Center.objects.get(code="SEOUL-GWANAK"), name="관악기업")
    page = login(district_staff, PASSWORD)
    response = page.goto(f"{live_server.url}/registry/enterprises/{other.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="요청한 화면을 찾을 수 없습니다")).to_be_visible()


def test_viewing_a_contact_shows_the_access_log_notice(live_server, login, program_staff):
    contact = ContactFactory(name="홍길순", position="사무국장")
    page = login(program_staff, PASSWORD)
    page.goto(f"{live_server.url}/registry/enterprises/{contact.enterprise.pk}/")
    page.get_by_role("link", name="담당자 1 · 사무국장").click()
    expect(page.get_by_role("definition").filter(has_text="홍길순")).to_be_visible()
    expect(page.get_by_text("이 화면의 열람은 개인정보 접근기록에 남습니다.")).to_be_visible()


def test_language_switch_shows_english(live_server, login, program_staff):
    page = login(program_staff, PASSWORD)
    page.get_by_label("언어").select_option("en")
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    page.get_by_label("Language").select_option("ko")
    expect(page.get_by_role("heading", name="처음 화면")).to_be_visible()


def test_the_list_works_on_a_narrow_screen(live_server, login, program_staff, page):
    EnterpriseFactory.create_batch(5, name="아주긴이름을가진사회적협동조합")
    page.set_viewport_size({"width": 375, "height": 800})
    login(program_staff, PASSWORD)
    page.goto(f"{live_server.url}/registry/enterprises/")
    expect(page.get_by_text("모두 5곳")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    expect(page.get_by_role("link", name="아주긴이름을가진사회적협동조합").first).to_be_visible()
