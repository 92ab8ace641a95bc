"""Statistics by designation type, 자치구, legal form and year, with links to the rows behind."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from dure.core.models import Center
from dure.registry.models import DesignationType, Enterprise, LegalForm
from dure.registry.statistics import enterprise_statistics
from dure.registry.tests.factories import DesignationFactory, EnterpriseFactory

URL = reverse("registry:enterprise_statistics")
LIST_URL = reverse("registry:enterprise_list")


def _designate(enterprise, designation_type, starts_on, ends_on=None):
    return DesignationFactory(
        enterprise=enterprise,
        designation_type=designation_type,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@pytest.fixture
def registry(db):
    """Four enterprises: a social enterprise that is also a cooperative, one whose preliminary
    designation ended mid-2016, a 마을기업 from 2016 without a 자치구, and one never designated."""
    both = EnterpriseFactory(name="돌봄나눔협동조합", district="강동구")
    _designate(both, DesignationType.COOPERATIVE, datetime.date(2014, 5, 1))
    _designate(both, DesignationType.SOCIAL_ENTERPRISE, datetime.date(2015, 3, 1))
    ended = EnterpriseFactory(
        name="(주)잠깐", district="관악구", legal_form=LegalForm.STOCK_COMPANY
    )
    _designate(
        ended,
        DesignationType.PRELIMINARY_REGIONAL,
        datetime.date(2014, 9, 1),
        datetime.date(2016, 6, 30),
    )
    village = EnterpriseFactory(name="마을부엌", district="", legal_form=LegalForm.OTHER)
    _designate(village, DesignationType.VILLAGE_ENTERPRISE, datetime.date(2016, 4, 1))
    EnterpriseFactory(name="지정없음", district="강동구")
    return {"both": both, "ended": ended, "village": village}


def _row(table, label):
    return next(row for row in [*table.rows, table.total] if row and row.label == label)


def _counts(row):
    return [cell.count for cell in row.cells]


def test_a_designation_counts_in_the_years_it_is_in_force_on_december_31(registry):
    figures = enterprise_statistics(Enterprise.objects.all(), start=2013, end=2017)
    table = figures.by_type
    assert _counts(_row(table, "협동조합")) == [0, 1, 1, 1, 1]
    assert _counts(_row(table, "인증 사회적기업")) == [0, 0, 1, 1, 1]
    # ended 2016.6.30: in force on 2014.12.31 and 2015.12.31 only
    assert _counts(_row(table, "예비사회적기업(지역형)")) == [0, 1, 1, 0, 0]
    assert _counts(_row(table, "마을기업")) == [0, 0, 0, 1, 1]
    # the enterprise holding two types is counted once in the total
    assert _counts(_row(table, "전체 (중복 제외)")) == [0, 2, 2, 2, 2]
    assert [(c.difference, c.percent) for c in figures.changes][1:3] == [(2, None), (0, 0)]


def test_new_designations_are_counted_in_the_year_they_start(registry):
    figures = enterprise_statistics(Enterprise.objects.all(), start=2014, end=2016)
    assert _counts(_row(figures.new_by_type, "협동조합")) == [1, 0, 0]
    assert _counts(_row(figures.new_by_type, "마을기업")) == [0, 0, 1]


def test_the_district_table_is_for_the_last_year_and_adds_up(registry):
    figures = enterprise_statistics(Enterprise.objects.all(), start=2015, end=2015)
    table = figures.by_district
    gangdong = _row(table, "강동구")
    assert gangdong.cells[table.columns.index("협동조합")].count == 1
    assert gangdong.cells[table.columns.index("인증 사회적기업")].count == 1
    assert gangdong.cells[-1].count == 1
    assert _row(table, "관악구").cells[-1].count == 1
    assert "자치구 없음" not in [row.label for row in table.rows]
    assert table.total is not None
    assert table.total.cells[-1].count == 2
    later = enterprise_statistics(Enterprise.objects.all(), start=2017, end=2017).by_district
    assert _row(later, "자치구 없음").cells[-1].count == 1


def test_counts_by_legal_form(registry):
    table = enterprise_statistics(Enterprise.objects.all(), start=2015, end=2017).by_legal_form
    assert _counts(_row(table, "협동조합")) == [1, 1, 1]
    assert _counts(_row(table, "주식회사")) == [1, 0, 0]
    assert _counts(_row(table, "기타")) == [0, 1, 1]


def test_every_count_links_to_a_list_of_exactly_those_enterprises(client, program_staff, registry):
    client.force_login(program_staff)
    figures = enterprise_statistics(Enterprise.objects.all(), start=2014, end=2017)
    checked = 0
    for table in figures.tables:
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for cell in row.cells:
                if cell.count:
                    listing = client.get(f"{LIST_URL}?{cell.query}").context["listing"]
                    assert listing.total == cell.count, (table.title, row.label, cell.query)
                    checked += 1
    assert checked > 20


def test_the_page_shows_tables_charts_and_links(client, program_staff, registry):
    client.force_login(program_staff)
    response = client.get(URL, {"start": 2014, "end": 2017})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 2
    assert "인증·지정 유형별 기업 수" in html
    assert f'href="{LIST_URL}?designation=cooperative&amp;on=2017-12-31"' in html


def test_the_statistics_export_to_xlsx(client, program_staff, registry):
    client.force_login(program_staff)
    response = client.get(URL, {"start": 2014, "end": 2017, "export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["유형별 추이", "신규 인증·지정", "자치구별", "법인 형태별"]
    sheet = workbook["유형별 추이"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["협동조합"] == (1, 1, 1, 1)
    assert rows["전체 (중복 제외)"] == (2, 2, 2, 2)


def test_wrong_years_get_a_korean_message(client, program_staff, registry):
    client.force_login(program_staff)
    response = client.get(URL, {"start": 2017, "end": 2014})
    assert "끝 연도는 시작 연도와 같거나 늦어야 합니다." in response.content.decode()
    response = client.get(URL, {"start": 1990, "end": 2017})
    assert "한 번에 20년까지 볼 수 있습니다." in response.content.decode()


def test_district_staff_count_only_their_centers_enterprises(
    client, district_staff, other_district_staff, registry
):
    own = EnterpriseFactory(
        name="강동센터기업",
        district="강동구",
        center=Center.objects.get(code="SEOUL-GANGDONG"),
    )
    _designate(own, DesignationType.VILLAGE_ENTERPRISE, datetime.date(2015, 1, 1))
    client.force_login(district_staff)
    figures = client.get(URL, {"start": 2015, "end": 2015}).context["statistics"]
    assert _counts(figures.by_type.total) == [1]
    client.force_login(other_district_staff)
    figures = client.get(URL, {"start": 2015, "end": 2015}).context["statistics"]
    assert _counts(figures.by_type.total) == [0]


def test_members_and_experts_are_refused(client, member, expert):
    for user in (member, expert):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_the_query_count_does_not_grow_with_enterprises(
    client, program_staff, registry, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(program_staff)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"start": 2010, "end": 2017})
    for number in range(40):
        enterprise = EnterpriseFactory(district="노원구" if number % 2 else "강동구")
        _designate(enterprise, DesignationType.COOPERATIVE, datetime.date(2012 + number % 5, 1, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL, {"start": 2010, "end": 2017})
    assert len(few.captured_queries) <= 12


def test_the_enterprise_list_filters_by_designation_on_a_day_and_by_year(
    client, program_staff, registry
):
    client.force_login(program_staff)

    def total(**params):
        return client.get(LIST_URL, params).context["listing"].total

    assert total(on="2015-12-31") == 2
    assert total(on="2016-12-31", designation="preliminary_regional") == 0
    assert total(on="2015-12-31", designation="preliminary_regional") == 1
    assert total(designation_year=2016) == 1
    assert total(designation_year=2014, designation="cooperative") == 1
    assert total(district="-") == 1
