"""The 2017 demo's shared resources (공유자원, seed text of 협력 네트워크 구축 and table 36) as the
resources app's records. The report gives totals only — 316 venue rentals used by 7,652 people,
103 equipment loans, 11 containers lent to 5 organisations after a call — so those bookings are
reconstructed (dates spread over the year, headcounts split evenly, borrowers unnamed); the six
tenants of the shared office are named."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from dure.programs.records.services import bulk_record
from dure.resources import services
from dure.resources.models import Booking, BookingStatus, Resource, ResourceKind, Tenancy

if TYPE_CHECKING:
    from dure.demo.programs_2017 import _Loader

YEAR = 2017
UNNAMED = "이용 단체 미기재"
NOTE = "보고서에 합계만 있어 만든 기록(협력 네트워크 구축 › 공유자원 관리/제공)"


def _working_days() -> list[datetime.date]:
    day, days = datetime.date(YEAR, 1, 2), []
    while day.year == YEAR:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def load_resources(loader: _Loader) -> None:
    from dure.demo.programs_2017 import _rows, _split

    center = loader.metropolitan
    made = {}
    for name, kind, capacity in (
        ("교육장", ResourceKind.VENUE, 40),
        ("행사장", ResourceKind.VENUE, 120),
        ("장터 기자재", ResourceKind.EQUIPMENT, None),
        *((f"컨테이너 {n}호", ResourceKind.CONTAINER, None) for n in range(1, 12)),
        ("공동사무실", ResourceKind.OFFICE, None),
    ):
        made[name] = services.save_resource(
            Resource(center=center), name=name, kind=kind, capacity=capacity
        )
    days = _working_days()
    bookings = []
    # 316 rentals over the two venues: mornings and afternoons of the working days in turn.
    slots = [(day, hour) for day in days for hour in (10, 14)]
    step = len(slots) / 316
    for index, people in enumerate(_split(7_652, 316)):
        day, hour = slots[int(index * step)]
        bookings.append(
            Booking(
                center=center,
                resource=made["교육장" if index % 2 == 0 else "행사장"],
                starts_at=_at(day, hour),
                ends_at=_at(day, hour + 3),
                status=BookingStatus.APPROVED,
                organisation_name=UNNAMED,
                headcount=people,
                reconstructed=True,
                notes=NOTE,
            )
        )
    step = len(days) / 103
    for index in range(103):
        day = days[int(index * step)]
        bookings.append(
            Booking(
                center=center,
                resource=made["장터 기자재"],
                starts_at=_at(day, 9),
                ends_at=_at(day, 18),
                status=BookingStatus.APPROVED,
                organisation_name=UNNAMED,
                reconstructed=True,
                notes=NOTE,
            )
        )
    # 11 containers to 5 organisations chosen by a call (공모/선정): 3, 2, 2, 2, 2.
    holders = [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    for number, holder in enumerate(holders, start=1):
        bookings.append(
            Booking(
                center=center,
                resource=made[f"컨테이너 {number}호"],
                starts_at=_at(datetime.date(YEAR, 1, 2), 0),
                ends_at=_at(datetime.date(YEAR + 1, 1, 1), 0),
                status=BookingStatus.APPROVED,
                organisation_name=f"[재구성] 컨테이너 선정 기관 {holder}",
                reconstructed=True,
                notes=NOTE + "; 대여 기간은 보고서에 없음",
            )
        )
    services.bulk_book(bookings)
    tenancies = []
    for row in _rows(loader.seed_dir, "36_shared_office_tenants.csv"):
        name = row["기관명"].split("/")[0].strip()
        tenancies.append(
            Tenancy(
                center=center,
                resource=made["공동사무실"],
                institution=loader.institution(name),
                starts_on=datetime.date(YEAR, 12, 31),
                notes="입주일 미기재"
                + (f" (표기: {row['기관명']})" if "/" in row["기관명"] else ""),
            )
        )
    bulk_record(tenancies)
