"""Importing bookings and tenancies: a clash with a saved booking or within the file is a row
error naming it, and nothing is saved; a good file books, and importing it again changes
nothing."""

from __future__ import annotations

import datetime

import pytest

from dure.core.imports import ImportRejected, get_importer, run_import
from dure.core.models import Center
from dure.registry import services as registry_services
from dure.resources.models import Booking, Tenancy
from dure.resources.tests.factories import book, venue

GOOD = (
    "자원,시작일,시작 시각,종료일,종료 시각,단체명,이용 인원,용도\n"
    "교육장,2017-05-23,10:00,2017-05-23,12:00,마을 모임,20,교육\n"
    "교육장,2017-05-23,12:00,2017-05-23,14:00,청년회,15,회의\n"
)


@pytest.fixture
def center(db):
    return Center.objects.get(code="SEOUL")


@pytest.fixture
def room(center):
    return venue(center)


def _run(center, kind: str, text: str):
    importer = get_importer(kind)(center=center, year=2017)
    return run_import(importer, text.encode(), f"{kind}.csv")


def test_a_good_file_books_and_a_second_import_changes_nothing(center, room):
    _run(center, "resources_bookings", GOOD)
    assert Booking.objects.count() == 2
    _run(center, "resources_bookings", GOOD)
    assert Booking.objects.count() == 2


def test_rows_clashing_with_each_other_are_refused_and_nothing_is_saved(center, room):
    text = GOOD + "교육장,2017-05-23,11:00,2017-05-23,13:00,다른 모임,5,회의\n"
    with pytest.raises(ImportRejected) as refused:
        _run(center, "resources_bookings", text)
    assert refused.value.lines == ["4행 [시작일]: 이 파일의 2행 예약과 ‘교육장’ 시간이 겹칩니다."]
    assert not Booking.objects.exists()


def test_a_row_clashing_with_a_saved_booking_names_it(center, room):
    book(room, datetime.date(2017, 5, 23), 9, 11, organisation_name="관악 청년회", approve=True)
    with pytest.raises(ImportRejected) as refused:
        _run(center, "resources_bookings", GOOD)
    assert "관악 청년회" in refused.value.lines[0] and refused.value.lines[0].startswith("2행")
    assert Booking.objects.count() == 1


def test_an_unknown_resource_and_a_bad_time_are_named(center, room):
    text = (
        "자원,시작일,시작 시각,종료일,종료 시각,단체명\n"
        "강당,2017-05-23,10:00,2017-05-23,12:00,모임\n"
        "교육장,2017-05-23,25:00,2017-05-23,12:00,모임\n"
    )
    with pytest.raises(ImportRejected) as refused:
        _run(center, "resources_bookings", text)
    assert refused.value.lines == [
        "2행 [자원]: ‘강당’은(는) 이 센터의 자원이 아닙니다.",
        "3행 [시작 시각]: ‘25:00’은(는) 시각(예: 14:00)이 아닙니다.",
    ]


def test_tenancies_import_with_their_institution(center):
    registry_services.ensure_institution(name="서울지역협동조합협의회", center=center)
    _run(center, "resources_tenancies", "입주 기관,입주일\n서울지역협동조합협의회,2017-03-02\n")
    assert Tenancy.objects.get().institution.name == "서울지역협동조합협의회"
