"""A buyer's need in the browser: three enterprises matched with their reasons, a visit logged
from a phone-sized screen, the contract recorded against the opportunity, and the procurement
indicator moving by one."""

from django.utils import timezone
from playwright.sync_api import expect

from dure.market import services
from dure.programs.services import create_indicator
from dure.programs.tests.factories import build_tree
from dure.registry import services as registry_services
from dure.registry.tests.factories import DesignationFactory, EnterpriseFactory, ProductFactory
from tests.personas import PASSWORD


def test_a_need_matched_a_visit_logged_a_contract_recorded(live_server, login, program_staff):
    today = timezone.localdate()
    tree = build_tree(year=today.year)
    center = tree.program.center
    indicator = create_indicator(
        program=tree.program,
        code="I02",
        name="영업매칭 계약",
        unit="건",
        target=5,
        metric_key="market.opportunities",
        aggregation="contracts",
        parameters={"channel": ["matching"]},
    )
    school, _ = registry_services.ensure_institution(name="원당초등학교", center=center)
    firms = [
        EnterpriseFactory.create(name=name, district=district)
        for name, district in (
            ("가온", "노원구"),
            ("푸른환경코리아", "마포구"),
            ("깨끗한세상", "강서구"),
        )
    ]
    for firm in firms:
        ProductFactory.create(enterprise=firm, name=f"{firm.name} 모래소독")
    DesignationFactory.create(enterprise=firms[0])
    opportunity = services.open_opportunity(
        center=center,
        program=tree.program,
        date=today,
        institution=school,
        need="운동장 모래소독",
        category="cleaning",
        keywords="모래소독",
        support_kind="matching",
        channel="matching",
        district="노원구",
    )

    page = login(program_staff, PASSWORD)
    page.goto(f"{live_server.url}/programs/indicators/{indicator.pk}/")
    expect(page.locator("#actual")).to_have_text("0건")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/market/visits/log/")
    page.get_by_label("사업").select_option(str(tree.program.pk))
    page.get_by_label("방문 기관").fill("원당초등학교")
    page.get_by_label("구분").select_option("교육청/학교")
    page.get_by_label("목적").fill("모래소독 수요 확인")
    page.get_by_role("button", name="방문 기록 저장").click()
    expect(page.get_by_text("원당초등학교 방문을 기록했습니다.")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the phone form is {width}px wide"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/market/opportunities/{opportunity.pk}/")
    matches = page.locator("ol.matches > li")
    expect(matches).to_have_count(3)
    expect(matches.first).to_contain_text("가온")
    expect(matches.first).to_contain_text("같은 자치구 (노원구)")
    expect(matches.nth(2)).to_contain_text("유효한 인증·지정 없음")

    page.get_by_label("단계").select_option("contracted")
    page.get_by_label("가온").check()
    page.get_by_label("계약 기업").fill("가온")
    page.get_by_label("계약일").fill(today.isoformat())
    page.get_by_label("계약금액(원)").fill("700000")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("판로 기회를 바꿨습니다.")).to_be_visible()
    expect(page.locator("dl.details")).to_contain_text("700,000원")

    page.goto(f"{live_server.url}/programs/indicators/{indicator.pk}/")
    expect(page.locator("#actual")).to_have_text("1건")
