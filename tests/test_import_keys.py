"""Rows imported before the shared import stack keep their import keys, so that importing an old
file again still adds nothing."""

from __future__ import annotations

import hashlib

import pytest

from dure.budget.models import Expenditure
from dure.budget.tests.factories import program_in
from dure.core.imports import get_importer, run_import
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.programs.imports import import_activities
from dure.programs.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def gangdong() -> Center:
    center = Center.objects.get(code="SEOUL-GANGDONG")
    program_in(center, ensure_fiscal_year(year=2017), "공공 시장 확대 지원")
    return center


def test_an_activity_rows_key_is_its_content_as_before(gangdong):
    row = {
        "일자": "2017-05-23",
        "사업명": "공공 시장 확대 지원",
        "활동유형": "방문영업",
        "사업자등록번호": "",
        "기관명": "",
        "자치구": "강동구",
        "인원": "12",
        "금액": "",
        "비고": "첫  방문",
    }
    import_activities([(2, row)], center=gangdong)
    content = "2017-05-23|공공 시장 확대 지원|방문영업|||강동구|12||첫 방문||"
    digest = hashlib.sha256(content.encode()).hexdigest()[:40]
    assert Activity.objects.get().import_key == f"{digest}#1"


def test_a_money_rows_key_is_its_content_as_before(gangdong):
    budget = "관,세부계정과목,사업명,초기예산액\n제안사업비,영업단,공공 시장 확대 지원,30000000\n"
    run_import(get_importer("budget")(center=gangdong, year=2017), budget.encode(), "b.csv")
    spending = "일자,세부계정과목,지급처,내용,금액,증빙\n2017-05-10,영업단,문구점,용품,1000,\n"
    run_import(get_importer("expenditures")(center=gangdong, year=2017), spending.encode(), "e.csv")
    content = "금액=1000|내용=용품|세부계정과목=영업단|일자=2017-05-10|증빙=|지급처=문구점"
    raw = f"expenditure|SEOUL-GANGDONG|2017|{content}|1"
    assert Expenditure.objects.get().import_key == hashlib.sha256(raw.encode()).hexdigest()
