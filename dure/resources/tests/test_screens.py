"""공유자원 screens and the member's venue booking: who may see, book and decide what."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from dure.core.models import Center, PersonalDataAccess
from dure.core.services import ensure_fiscal_year
from dure.registry.models import Membership
from dure.registry.tests.factories import EnterpriseFactory
from dure.resources.models import Booking, BookingStatus
from dure.resources.tests.factories import book, venue

DAY = datetime.date(2017, 5, 23)


@pytest.fixture
def room(db):
    ensure_fiscal_year(year=2017)
    return venue(Center.objects.get(code="SEOUL"), capacity=40)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(resource, start: str, end: str, **extra) -> dict:
    return {
        "resource": resource.pk,
        "starts_at": f"2017-05-23T{start}",
        "ends_at": f"2017-05-23T{end}",
        "organisation_name": "강동 마을학교",
        "headcount": "25",
        **extra,
    }


def test_staff_book_a_free_slot_and_see_it_on_the_calendar(room, program_staff):
    client = _client(program_staff)
    response = client.post("/resources/bookings/new/", _form(room, "10:00", "12:00"))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.APPROVED
    page = client.get("/resources/calendar/?week=2017-05-22").content.decode()
    assert "10:00–12:00 강동 마을학교" in page


def test_a_clashing_booking_is_refused_on_the_form_naming_the_other(room, program_staff):
    book(room, DAY, 10, 12, organisation_name="관악 청년회", approve=True)
    page = (
        _client(program_staff)
        .post("/resources/bookings/new/", _form(room, "11:00", "13:00"))
        .content.decode()
    )
    assert "관악 청년회" in page and "겹칩니다" in page
    assert Booking.objects.count() == 1


def test_staff_approve_and_refuse_requests_and_the_funder_cannot(room, program_staff, funder):
    request = book(room, DAY, 10, 12)
    other = book(room, DAY, 13, 15)
    assert _client(funder).post(f"/resources/bookings/{request.pk}/approve/").status_code == 403
    client = _client(program_staff)
    client.post(f"/resources/bookings/{request.pk}/approve/")
    client.post(f"/resources/bookings/{other.pk}/refuse/", {"reason": "시설 점검"})
    request.refresh_from_db()
    other.refresh_from_db()
    assert (request.status, other.status, other.reason) == ("approved", "refused", "시설 점검")


def test_another_centers_staff_cannot_see_or_decide_a_booking(room, district_staff):
    booking = book(room, DAY, 10, 12)
    client = _client(district_staff)
    assert client.get(f"/resources/bookings/{booking.pk}/").status_code == 404
    assert client.post(f"/resources/bookings/{booking.pk}/approve/").status_code == 404
    calendar = client.get("/resources/calendar/?week=2017-05-22").content.decode()
    assert '<th scope="row">교육장<br>' not in calendar and "마을 모임" not in calendar


def test_the_statistics_count_approved_bookings_people_and_borrowers(room, program_staff):
    book(room, DAY, 10, 12, organisation_name="가", headcount=20, approve=True)
    book(room, DAY, 13, 15, organisation_name="가", headcount=15, approve=True)
    book(room, DAY, 16, 18, organisation_name="나", headcount=99)  # not approved
    page = _client(program_staff).get("/resources/statistics/?year=2017").content.decode()
    assert '<td class="num">2</td><td class="num">35</td><td class="num">1</td>' in page


@pytest.fixture
def member_enterprise(member):
    enterprise = EnterpriseFactory.create(center=member.center, name="두레상회")
    Membership.objects.create(user=member, enterprise=enterprise)
    return enterprise


def _member_form(resource, day: datetime.date, start: str, end: str) -> dict:
    return {
        "resource": resource.pk,
        "day": day.isoformat(),
        "starts": start,
        "ends": end,
        "headcount": "12",
        "purpose": "직원 교육",
        "contact_name": "김담당",
        "contact_phone": "010-1234-5678",
    }


def test_a_member_requests_a_venue_and_sees_only_their_own_bookings(
    room, member, member_enterprise, program_staff
):
    day = timezone.localdate() + datetime.timedelta(days=7)
    book(room, day, 10, 12, organisation_name="관악 청년회", approve=True)
    client = _client(member)
    refused = client.post("/portal/bookings/", _member_form(room, day, "11:00", "13:00"))
    text = refused.content.decode()
    assert "겹칩니다" in text and "관악 청년회" not in text
    client.post("/portal/bookings/", _member_form(room, day, "14:00", "16:00"))
    own = Booking.objects.get(requested_by=member)
    assert own.enterprise == member_enterprise and own.status == BookingStatus.REQUESTED
    page = client.get("/portal/bookings/").content.decode()
    assert "직원 교육" in page and "관악 청년회" not in page
    assert client.get(f"/resources/bookings/{own.pk}/").status_code == 403
    staff = _client(program_staff)
    before = PersonalDataAccess.objects.count()
    assert "010-1234-5678" in staff.get(f"/resources/bookings/{own.pk}/").content.decode()
    assert PersonalDataAccess.objects.count() == before + 1
    client.post(f"/portal/bookings/{own.pk}/cancel/")
    own.refresh_from_db()
    assert own.status == BookingStatus.CANCELLED


def test_a_member_cannot_cancel_another_members_booking(room, member, member_enterprise):
    others = book(room, DAY, 10, 12, organisation_name="남의 예약")
    assert _client(member).post(f"/portal/bookings/{others.pk}/cancel/").status_code == 404
    others.refresh_from_db()
    assert others.status == BookingStatus.REQUESTED
