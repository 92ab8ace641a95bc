"""The enterprise list: search, filters, sort, htmx partial, export, bounded queries."""

import csv
import io

import openpyxl
from django.urls import reverse

from dure.registry.tests.factories import EnterpriseFactory


def test_search_and_filters_narrow_the_list(client, program_staff):
    EnterpriseFactory(name="강동돌봄사회적협동조합", district="강동구")
    EnterpriseFactory(name="마포돌봄협동조합", district="마포구")
    EnterpriseFactory(name="공정여행", district="마포구")
    client.force_login(program_staff)
    url = reverse("registry:enterprise_list")
    assert client.get(url, {"q": "돌봄"}).context["listing"].total == 2
    assert client.get(url, {"q": "돌봄", "district": "마포구"}).context["listing"].total == 1
    assert client.get(url, {"q": "여"}).context["listing"].total == 1


def test_sorting_by_a_column_in_both_directions(client, program_staff):
    EnterpriseFactory(name="가나협동조합", district="강동구")
    EnterpriseFactory(name="하늘협동조합", district="마포구")
    client.force_login(program_staff)
    url = reverse("registry:enterprise_list")
    ascending = [e.name for e in client.get(url, {"sort": "name"}).context["listing"].page]
    descending = [e.name for e in client.get(url, {"sort": "-name"}).context["listing"].page]
    assert ascending == ["가나협동조합", "하늘협동조합"]
    assert descending == ascending[::-1]


def test_an_htmx_request_gets_only_the_results_partial(client, program_staff):
    EnterpriseFactory(name="부분응답협동조합")
    client.force_login(program_staff)
    response = client.get(reverse("registry:enterprise_list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="results"' in html
    assert "부분응답협동조합" in html
    assert "<html" not in html


def test_export_gives_the_whole_filtered_list_as_xlsx_and_csv(client, program_staff):
    EnterpriseFactory.create_batch(60, district="노원구")
    EnterpriseFactory(name="다른구기업", district="강동구")
    client.force_login(program_staff)
    url = reverse("registry:enterprise_list")
    xlsx = client.get(url, {"district": "노원구", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 61
    assert sheet["A1"].value == "기업명"
    response = client.get(url, {"district": "노원구", "export": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff기업명")
    assert len(list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))) == 61


def test_the_list_page_query_count_does_not_grow_with_rows(
    client, program_staff, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(program_staff)
    EnterpriseFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("registry:enterprise_list"))
    EnterpriseFactory.create_batch(47)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("registry:enterprise_list"))


def test_a_wrong_check_digit_is_refused_with_a_korean_message(client, program_staff):
    client.force_login(program_staff)
    response = client.post(
        reverse("registry:enterprise_create"),
        {"name": "검증협동조합", "legal_form": "cooperative", "business_number": "220-81-62518"},
    )
    assert response.status_code == 200
    assert "사업자등록번호의 검증번호가 맞지 않습니다" in response.content.decode()
    assert not client.get(reverse("registry:enterprise_list")).context["listing"].total


def test_exported_text_that_looks_like_a_formula_is_quoted(client, program_staff):
    EnterpriseFactory(name='=HYPERLINK("http://example.org")')
    client.force_login(program_staff)
    response = client.get(reverse("registry:enterprise_list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value.startswith("'=")


def test_an_unreadable_filter_shows_its_error_and_no_rows(client, program_staff):
    EnterpriseFactory()
    client.force_login(program_staff)
    response = client.get(reverse("registry:enterprise_list"), {"district": "없는구"})
    assert response.context["listing"].total == 0
    assert "자치구:" in response.content.decode()


def test_funder_sees_no_register_or_export_buttons(client, funder):
    client.force_login(funder)
    html = client.get(reverse("registry:enterprise_list")).content.decode()
    assert "기업 등록" not in html
    assert "담당자 내보내기" not in html
