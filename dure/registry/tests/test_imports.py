"""Imports of enterprises, institutions and experts through `import_records`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from dure.core.imports import get_importer
from dure.core.models import Center
from dure.registry.models import (
    Designation,
    DesignationType,
    Enterprise,
    Expert,
    Institution,
    MissionType,
    Product,
)
from dure.registry.tests.factories import AgencyFactory, EnterpriseFactory, valid_business_number

pytestmark = pytest.mark.django_db

KOSEA_HEADER = [
    "지역",
    "인증번호",
    "기관명",
    "사업내용",
    "사회적목적실현유형",
    "사회서비스분야",
    "사업자등록번호",
    "대표자",
    "소재지",
    "홈페이지",
    "인증일자",
    "인증회차",
]


def kosea_rows() -> list[list[str]]:
    return [
        [
            "서울",
            "2015-123",
            "강동돌봄사회적협동조합",
            "방문돌봄, 가사지원",
            "사회서비스제공형",
            "사회복지",
            "220-81-62517",
            "김대표",
            "서울특별시 강동구 천호대로 1000",
            "www.example.or.kr",
            "2015-03-01",
            "2015년 1차",
        ],
        [
            "서울",
            "2016-045",
            "(주)마포공정여행",
            "공정여행 상품",
            "일자리제공형",
            "관광",
            "101-81-00001",
            "이대표",
            "서울특별시 마포구 월드컵로 1",
            "",
            "2016.9.1",
            "2016년 3차",
        ],
        [
            "서울",
            "2017-001",
            "노원 행복 도시락",
            "도시락",
            "혼합형",
            "식품",
            "",
            "박대표",
            "서울특별시 노원구 상계로 5",
            "",
            "20170515",
            "2017년 1차",
        ],
    ]


def kosea_csv(tmp_path: Path, rows: list[list[str]], encoding: str = "cp949") -> Path:
    lines = [
        "사회적기업 인증 현황(2017년 12월 말 기준)",
        "출처: 한국사회적기업진흥원",
        "",
        ",".join(KOSEA_HEADER),
    ]
    for row in rows:
        lines.append(",".join(f'"{cell}"' for cell in row))
    path = tmp_path / "kosea.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_records", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_a_cp949_kosea_file_with_title_rows_is_imported(tmp_path):
    path = kosea_csv(tmp_path, kosea_rows())
    code, out, err = run("enterprises", str(path), "--center", "SEOUL")
    assert (code, err) == (0, "")
    assert "새로 등록 3건, 변경 0건, 변경 없음 0건" in out
    care = Enterprise.objects.get(business_number="2208162517")
    assert care.district == "강동구"
    assert care.mission_type == MissionType.SOCIAL_SERVICE
    assert care.homepage == "http://www.example.or.kr"
    assert care.industry == "사회복지"
    assert sorted(care.products.values_list("name", flat=True)) == ["가사지원", "방문돌봄"]
    designation = care.designations.get()
    assert designation.designation_type == DesignationType.SOCIAL_ENTERPRISE
    assert (designation.number, designation.round) == ("2015-123", "2015년 1차")
    assert Enterprise.objects.get(name="노원 행복 도시락").designations.get().starts_on.day == 15


def test_a_wrong_check_digit_and_a_missing_name_are_refused_and_nothing_is_saved(tmp_path):
    rows = kosea_rows()
    rows[0][6] = "220-81-62518"
    rows[2][2] = ""
    path = kosea_csv(tmp_path, rows)
    code, _, err = run("enterprises", str(path))
    assert code == 1
    problems = [line for line in err.splitlines() if "행 [" in line]
    assert problems == [
        "5행 [사업자등록번호]: 사업자등록번호의 검증번호가 맞지 않습니다: '220-81-62518'",
        "7행 [기관명]: 기업명이 비어 있습니다.",
    ]
    assert "아무것도 저장하지 않았습니다" in err
    assert not Enterprise.objects.exists()
    assert not Product.objects.exists()


def test_a_second_run_of_the_same_file_changes_nothing(tmp_path):
    path = kosea_csv(tmp_path, kosea_rows())
    run("enterprises", str(path))
    counts = (Enterprise.objects.count(), Product.objects.count(), Designation.objects.count())
    code, out, _ = run("enterprises", str(path))
    assert code == 0
    assert "새로 등록 0건, 변경 0건, 변경 없음 3건" in out
    after = (Enterprise.objects.count(), Product.objects.count(), Designation.objects.count())
    assert after == counts


def test_a_changed_cell_updates_the_enterprise_and_its_history(tmp_path):
    run("enterprises", str(kosea_csv(tmp_path, kosea_rows())))
    rows = kosea_rows()
    rows[1][8] = "서울특별시 마포구 양화로 2"
    _, out, _ = run("enterprises", str(kosea_csv(tmp_path, rows)))
    assert "새로 등록 0건, 변경 1건, 변경 없음 2건" in out
    travel = Enterprise.objects.get(business_number="1018100001")
    assert travel.address == "서울특별시 마포구 양화로 2"
    from dure.core.history import history_for

    changes = [c for item in history_for(travel) for c in item.changes]
    assert any(c.after == "서울특별시 마포구 양화로 2" for c in changes)


def test_a_dry_run_reports_counts_and_saves_nothing(tmp_path):
    code, out, _ = run("enterprises", str(kosea_csv(tmp_path, kosea_rows())), "--dry-run")
    assert code == 0
    assert "(시험 실행: 저장하지 않음) 새로 등록 3건" in out
    assert not Enterprise.objects.exists()


def test_utf8_with_bom_and_existing_enterprise_matched_by_name_and_district(tmp_path):
    EnterpriseFactory.create(
        name="노원행복도시락", district="노원구", business_number="", address=""
    )
    path = kosea_csv(tmp_path, kosea_rows()[2:], encoding="utf-8-sig")
    _, out, _ = run("enterprises", str(path))
    assert "새로 등록 0건, 변경 1건" in out
    assert Enterprise.objects.get().address == "서울특별시 노원구 상계로 5"


def test_the_data_go_kr_field_names_are_understood(tmp_path):
    path = tmp_path / "api.csv"
    path.write_text(
        "certiNumV,entNmV,ceoNmV,addr,busiAreaNm,busiContV,certiIssuD\n"
        "2013-77,은평 마을 부엌,최대표,서울특별시 은평구 통일로 3,식품,반찬,20130601\n",
        encoding="utf-8",
    )
    code, _, err = run("enterprises", str(path))
    assert (code, err) == (0, "")
    enterprise = Enterprise.objects.get()
    assert enterprise.district == "은평구"
    assert enterprise.designations.get().number == "2013-77"


def test_the_downloadable_template_round_trips(tmp_path):
    importer = get_importer("enterprises")
    workbook = load_workbook(
        io.BytesIO(importer(center=Center.objects.get(code="SEOUL")).template())
    )
    sheet = workbook.active
    assert sheet is not None
    headers = [cell.value for cell in sheet[1]]
    assert headers[0] == "기업명" and "인증·지정 유형" in headers
    filled = Workbook()
    target = filled.active
    assert target is not None
    target.append(headers)
    row = dict.fromkeys(headers, "")
    row.update(
        {
            "기업명": "관악 청년 협동조합",
            "사업자등록번호": valid_business_number(55),
            "자치구": "관악구",
            "인증·지정 유형": "협동조합",
            "인증·지정 시작일": "2014-02-03",
            "태그": "청년, 공유",
            "제품·서비스": "공유주방",
        }
    )
    target.append([row[h] for h in headers])
    path = tmp_path / "dure.xlsx"
    filled.save(path)
    code, _, err = run("enterprises", str(path), "--center", "SEOUL-GWANAK")
    assert (code, err) == (0, "")
    enterprise = Enterprise.objects.get()
    assert enterprise.center.code == "SEOUL-GWANAK"
    assert enterprise.designations.get().designation_type == DesignationType.COOPERATIVE
    assert sorted(enterprise.tags.values_list("name", flat=True)) == ["공유", "청년"]


def test_an_unknown_kind_and_a_file_without_a_header_are_explained(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("아무,내용\n1,2\n", encoding="utf-8")
    code, _, err = run("enterprises", str(path))
    assert code == 1
    assert "1행 [머리글]: 머리글 행을 찾을 수 없습니다" in err
    with pytest.raises(Exception, match="알 수 없는 종류"):
        call_command("import_records", "unicorns", str(path))


def test_institutions_are_imported_with_their_category(tmp_path):
    path = tmp_path / "institutions.csv"
    path.write_text(
        "기관명,기관 분류,자치구\n강동구청,구청,강동구\n서울가동초등학교,학교(초),송파구\n",
        encoding="utf-8",
    )
    code, _, err = run("institutions", str(path))
    assert (code, err) == (0, "")
    school = Institution.objects.get(name="서울가동초등학교")
    assert school.category is not None and school.category.name == "학교(초)"
    assert "변경 없음 2건" in run("institutions", str(path))[1]
    path.write_text("기관명,기관 분류\n어느 기관,우주정거장\n", encoding="utf-8")
    code, _, err = run("institutions", str(path))
    assert code == 1
    assert "2행 [기관 분류]: 기관 분류에 없는 이름입니다: '우주정거장'" in err


def test_experts_are_imported_and_linked_to_their_agency(tmp_path):
    agency = AgencyFactory.create(name="소셜벤처파트너스서울")
    path = tmp_path / "experts.csv"
    path.write_text(
        "성명,역할,전문 분야,소속 협력기관,자원풀 시작 연도\n"
        "김혜준,컨설턴트,경영전략 및 비즈니스모델 수립,소셜벤처파트너스서울,2017\n"
        '박설인,"경영멘토, 강사",홍보마케팅 전략,다원세상,2016\n',
        encoding="utf-8",
    )
    code, _, err = run("experts", str(path))
    assert (code, err) == (0, "")
    assert Expert.objects.get(name="김혜준").agency == agency
    mentor = Expert.objects.get(name="박설인")
    assert (mentor.is_mentor, mentor.is_instructor, mentor.affiliation) == (True, True, "다원세상")
    assert "변경 없음 2건" in run("experts", str(path))[1]


def test_row_errors_are_json_friendly(tmp_path):
    rows = kosea_rows()
    rows[0][10] = "작년"
    code, _, err = run("enterprises", str(kosea_csv(tmp_path, rows)))
    assert code == 1
    assert "5행 [인증일자]: 날짜 형식이 아닙니다: '작년' (예: 2017-05-23)" in err
    json.dumps(err)
