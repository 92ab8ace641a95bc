"""On PostgreSQL two requests for one slot at the same moment: exactly one is booked, the other
is refused naming it — the resource lock and the exclusion constraint hold under concurrency."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections

from dure.core.models import Center
from dure.resources.models import Booking
from dure.resources.tests.factories import at, book, venue

DAY = datetime.date(2017, 5, 23)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite writes one transaction at a time"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_requests_for_one_slot_book_it_once():
    room = venue(Center.objects.get(code="SEOUL"))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def request(name: str) -> None:
        try:
            barrier.wait()
            book(room, DAY, 10, 12, organisation_name=name)
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(f"모임 {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o == "booked" for o in outcomes) == [False, True]
    assert "겹칩니다" in next(o for o in outcomes if o != "booked")
    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_itself_refuses_an_overlap_the_service_did_not_see():
    room = venue(Center.objects.get(code="SEOUL"))
    first = book(room, DAY, 10, 12)
    clash = Booking(
        center=first.center,
        resource=room,
        starts_at=at(DAY, 11),
        ends_at=at(DAY, 13),
        organisation_name="우회",
    )
    with pytest.raises(IntegrityError, match="resources_booking_no_overlap"):
        Booking.objects.bulk_create([clash])
