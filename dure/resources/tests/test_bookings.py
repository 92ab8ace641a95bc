"""Bookings: two live bookings of one resource never overlap; the refusal names the booking met;
touching is fine; a refused or cancelled booking frees its slot; approval and refusal."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dure.core.models import Center
from dure.resources import services
from dure.resources.models import Booking, BookingStatus
from dure.resources.tests.factories import at, book, venue

DAY = datetime.date(2017, 5, 23)


@pytest.fixture
def room(db):
    return venue(Center.objects.get(code="SEOUL"))


def test_an_overlapping_booking_is_refused_naming_the_one_it_meets(room):
    book(room, DAY, 10, 12, organisation_name="강동 마을학교", approve=True)
    with pytest.raises(ValidationError) as refused:
        book(room, DAY, 11, 13, organisation_name="다른 모임")
    message = refused.value.message_dict["starts_at"][0]
    assert "2017.05.23 10:00–12:00" in message and "강동 마을학교" in message and "승인" in message
    assert Booking.objects.count() == 1


def test_touching_bookings_and_other_resources_are_fine(room):
    book(room, DAY, 10, 12)
    book(room, DAY, 12, 14)
    book(room, DAY, 8, 10)
    book(venue(room.center, "행사장"), DAY, 10, 12)
    assert Booking.objects.count() == 4


def test_a_request_not_yet_decided_holds_its_slot_too(room):
    book(room, DAY, 10, 12)
    with pytest.raises(ValidationError, match="신청된 예약"):
        book(room, DAY, 9, 18)


def test_a_refused_or_cancelled_booking_frees_its_slot(room):
    first = book(room, DAY, 10, 12)
    services.refuse_booking(first, reason="정기 점검")
    second = book(room, DAY, 10, 12)
    services.cancel_booking(second, reason="일정 변경")
    third = book(room, DAY, 10, 12)
    services.approve_booking(third)
    third.refresh_from_db()
    assert third.status == BookingStatus.APPROVED and third.decided_at is not None


def test_a_change_of_time_is_checked_again(room):
    book(room, DAY, 10, 12, approve=True)
    later = book(room, DAY, 13, 15)
    with pytest.raises(ValidationError, match="겹칩니다"):
        services.change_booking(later, starts_at=at(DAY, 11))


def test_decisions_follow_the_status(room):
    booking = book(room, DAY, 10, 12)
    with pytest.raises(ValidationError, match="반려 사유"):
        services.refuse_booking(booking, reason=" ")
    services.approve_booking(booking)
    with pytest.raises(ValidationError, match="승인 상태의 예약은 승인할 수 없습니다"):
        services.approve_booking(booking)
    services.cancel_booking(booking)
    with pytest.raises(ValidationError, match="취소 상태"):
        services.cancel_booking(booking)


def test_a_booking_names_who_borrows_and_ends_after_it_starts(room):
    with pytest.raises(ValidationError, match="단체명"):
        book(room, DAY, 10, 12, organisation_name="")
    with pytest.raises(ValidationError, match="끝이 시작보다 뒤"):
        book(room, DAY, 12, 10)


def test_an_inactive_resource_takes_no_booking(room):
    services.save_resource(room, is_active=False)
    with pytest.raises(ValidationError, match="예약을 받지 않습니다"):
        book(room, DAY, 10, 12)


def test_a_loaded_batch_that_overlaps_itself_is_refused_whole(room):
    rows = [
        Booking(
            center=room.center,
            resource=room,
            starts_at=at(DAY, start),
            ends_at=at(DAY, end),
            status=BookingStatus.APPROVED,
            organisation_name="모임",
        )
        for start, end in ((10, 12), (11, 13))
    ]
    with pytest.raises(ValidationError, match="겹칩니다"):
        services.bulk_book(rows)
    assert not Booking.objects.exists()
