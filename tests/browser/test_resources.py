"""Booking a venue in the browser: a slot that clashes is refused with the booking it meets
named, a free one is booked and shows on the week's calendar."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from dure.core.models import Center
from dure.resources.tests.factories import book, venue
from tests.personas import PASSWORD


def test_a_clash_is_refused_naming_the_booking_and_a_free_slot_is_booked(
    live_server, login, program_staff
):
    day = timezone.localdate() + datetime.timedelta(days=2)
    room = venue(Center.objects.get(code="SEOUL"), "교육장", capacity=40)
    book(room, day, 10, 12, organisation_name="관악 청년회", approve=True)
    page = login(program_staff, PASSWORD)
    page.goto(f"{live_server.url}/resources/calendar/?week={day.isoformat()}")
    expect(page.get_by_role("link", name="10:00–12:00 관악 청년회 (승인)")).to_be_visible()

    page.get_by_role("link", name="예약하기").click()
    page.locator("#id_resource").select_option(label="교육장")
    page.locator("#id_starts_at").fill(f"{day.isoformat()}T11:00")
    page.locator("#id_ends_at").fill(f"{day.isoformat()}T13:00")
    page.locator("#id_organisation_name").fill("강동 마을학교")
    page.locator("#id_headcount").fill("25")
    page.get_by_role("button", name="저장").click()
    refusal = page.get_by_text("관악 청년회’의 승인된 예약이 있어 겹칩니다")
    expect(refusal.first).to_be_visible()

    page.locator("#id_starts_at").fill(f"{day.isoformat()}T12:00")
    page.locator("#id_ends_at").fill(f"{day.isoformat()}T14:00")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("대관·대여 기록을 저장했습니다.")).to_be_visible()

    page.goto(f"{live_server.url}/resources/calendar/?week={day.isoformat()}")
    expect(page.get_by_role("link", name="12:00–14:00 강동 마을학교 (승인)")).to_be_visible()
