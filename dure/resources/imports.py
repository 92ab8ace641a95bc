"""Importing 공유자원 records (`import_records resources_… FILE`, the upload screen): the
resources, their bookings and the shared office's tenancies — the shared import contract of
`dure.programs.records.imports`. A booking row that clashes with a saved booking or with another
row of the file is refused naming the clash; nothing is saved while any row is refused."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone

from dure.core.imports import (
    EMPTY,
    ImportColumn,
    ImportResult,
    Progress,
    Row,
    RowErrors,
    parse_choice,
    parse_date,
    parse_text,
    register_importer,
)
from dure.programs.records.imports import (
    Line,
    RecordImporter,
    References,
    cell_text,
    max_length,
    parse_count,
    required_choice,
)
from dure.resources import services
from dure.resources.models import (
    Booking,
    BookingStatus,
    Resource,
    ResourceKind,
    Tenancy,
)

TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@register_importer
class ResourceImporter(RecordImporter):
    """공유자원: 이름, 종류, 수용 인원, 위치."""

    kind = "resources_resources"
    label = "공유자원"
    model = Resource
    identity = ("name",)
    field_columns = {"name": "이름", "kind": "종류", "capacity": "수용 인원", "location": "위치"}
    date_column = "이름"
    columns = (
        ImportColumn("이름", "이름", required=True, example="교육장"),
        ImportColumn("종류", "종류", required=True, example="교육장·행사장"),
        ImportColumn("수용 인원", "수용 인원", example="40"),
        ImportColumn("위치", "위치", example="2층"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        fields = {
            "name": parse_text(
                row, "이름", errors, required=True, max_length=max_length(Resource, "name")
            ),
            "kind": required_choice(row, "종류", errors, ResourceKind.choices),
            "capacity": parse_count(row, "수용 인원", errors),
            "location": parse_text(
                row, "위치", errors, max_length=max_length(Resource, "location")
            ),
        }
        if len(errors) > before:
            return None
        return Line(row, fields, str(fields["name"]))

    def create(self, fields: dict[str, Any]) -> None:
        services.save_resource(Resource(center=self.center), **fields)


def _moment(row: Row, day_key: str, time_key: str, errors: RowErrors) -> datetime.datetime | None:
    day = parse_date(row, day_key, errors, required=True)
    text = cell_text(row, time_key)
    if not text:
        errors.add(row, row.column(time_key), EMPTY)
        return None
    match = TIME.match(text)
    if match is None:
        errors.add(row, row.column(time_key), f"‘{text[:20]}’은(는) 시각(예: 14:00)이 아닙니다.")
        return None
    if day is None:
        return None
    moment = datetime.time(int(match.group(1)), int(match.group(2)))
    return datetime.datetime.combine(day, moment, tzinfo=timezone.get_current_timezone())


@register_importer
class BookingImporter(RecordImporter):
    """대관·대여: 자원, 시작일, 시작 시각, 종료일, 종료 시각, 기업 또는 기관 또는 단체명, 이용 인원,
    용도, 상태 (승인 unless 신청/반려/취소 is written)."""

    kind = "resources_bookings"
    label = "대관·대여"
    model = Booking
    identity = ("resource", "starts_at", "ends_at")
    field_columns = {
        "resource": "자원",
        "starts_at": "시작일",
        "ends_at": "종료일",
        "enterprise": "기업",
        "institution": "기관",
        "organisation_name": "단체명",
        "headcount": "이용 인원",
        "purpose": "용도",
        "status": "상태",
    }
    enterprise_columns = ("기업",)
    institution_columns = ("기관",)
    date_column = "시작일"
    columns = (
        ImportColumn("자원", "자원", required=True, example="교육장"),
        ImportColumn("시작일", "시작일", required=True, example="2017-05-23", is_date=True),
        ImportColumn("시작 시각", "시작 시각", required=True, example="10:00"),
        ImportColumn("종료일", "종료일", required=True, example="2017-05-23", is_date=True),
        ImportColumn("종료 시각", "종료 시각", required=True, example="12:00"),
        ImportColumn("기업", "기업"),
        ImportColumn("기관", "기관"),
        ImportColumn("단체명", "단체명", example="마을 모임"),
        ImportColumn("이용 인원", "이용 인원", example="30"),
        ImportColumn("용도", "용도", example="교육"),
        ImportColumn("상태", "상태", example="승인"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        self._resources = {r.name: r for r in Resource.objects.filter(center=self.center)}
        self._taken: list[tuple[Row, int, datetime.datetime, datetime.datetime]] = []
        return super().save(rows, errors, progress)

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        name = cell_text(row, "자원")
        resource = self._resources.get(name)
        if not name:
            errors.add(row, row.column("자원"), EMPTY)
        elif resource is None:
            errors.add(row, row.column("자원"), f"‘{name[:40]}’은(는) 이 센터의 자원이 아닙니다.")
        starts_at = _moment(row, "시작일", "시작 시각", errors)
        ends_at = _moment(row, "종료일", "종료 시각", errors)
        enterprise = references.enterprise(row, "기업", errors)
        institution = references.institution(row, "기관", errors)
        organisation_name = parse_text(
            row, "단체명", errors, max_length=max_length(Booking, "organisation_name")
        )
        status = parse_choice(row, "상태", errors, BookingStatus.choices) or BookingStatus.APPROVED
        fields = {
            "resource": resource,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "enterprise": enterprise,
            "institution": institution,
            "organisation_name": organisation_name,
            "headcount": parse_count(row, "이용 인원", errors),
            "purpose": parse_text(row, "용도", errors, max_length=max_length(Booking, "purpose")),
            "status": status,
        }
        if len(errors) > before or resource is None or starts_at is None or ends_at is None:
            return None
        if ends_at <= starts_at:
            errors.add(row, row.column("종료 시각"), "끝이 시작보다 뒤여야 합니다.")
            return None
        if not (enterprise or institution or organisation_name):
            errors.add(row, row.column("단체명"), "빌리는 기업·기관이나 단체명을 적어 주세요.")
            return None
        if status in (BookingStatus.REQUESTED, BookingStatus.APPROVED):
            for other, resource_id, other_starts, other_ends in self._taken:
                if resource_id == resource.pk and starts_at < other_ends and ends_at > other_starts:
                    errors.add(
                        row,
                        row.column("시작일"),
                        f"이 파일의 {other.number}행 예약과 ‘{resource}’ 시간이 겹칩니다.",
                    )
                    return None
            self._taken.append((row, resource.pk, starts_at, ends_at))
        label = f"{resource} {timezone.localtime(starts_at):%Y-%m-%d %H:%M}"
        return Line(row, fields, label)

    def create(self, fields: dict[str, Any]) -> None:
        status = fields.pop("status")
        booking = services.request_booking(
            center=self.center, approve=status == BookingStatus.APPROVED, **fields
        )
        if status in (BookingStatus.REFUSED, BookingStatus.CANCELLED):
            if status == BookingStatus.CANCELLED:
                services.cancel_booking(booking)
            else:
                services.refuse_booking(booking, reason="불러온 기록")

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        services.change_booking(record, **changes)


@register_importer
class TenancyImporter(RecordImporter):
    """공동사무실 입주: 입주 기관, 입주일, 퇴거일, 공간."""

    kind = "resources_tenancies"
    label = "공동사무실 입주"
    model = Tenancy
    identity = ("institution", "starts_on")
    field_columns = {
        "institution": "입주 기관",
        "starts_on": "입주일",
        "ends_on": "퇴거일",
        "resource": "공간",
    }
    institution_columns = ("입주 기관",)
    date_column = "입주일"
    columns = (
        ImportColumn(
            "입주 기관",
            "입주 기관",
            aliases=("기관명",),
            required=True,
            example="서울지역협동조합협의회",
        ),
        ImportColumn("입주일", "입주일", required=True, example="2017-03-02", is_date=True),
        ImportColumn("퇴거일", "퇴거일", is_date=True),
        ImportColumn("공간", "공간", example="공동사무실 1호"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        institution = references.institution(row, "입주 기관", errors, required=True)
        starts_on = parse_date(row, "입주일", errors, required=True)
        ends_on = parse_date(row, "퇴거일", errors)
        space = cell_text(row, "공간")
        resource = None
        if space:
            resource = Resource.objects.filter(
                center=self.center, name=space, kind=ResourceKind.OFFICE
            ).first()
            if resource is None:
                errors.add(
                    row,
                    row.column("공간"),
                    f"‘{space[:40]}’은(는) 이 센터의 공동사무실이 아닙니다.",
                )
        if len(errors) > before or institution is None or starts_on is None:
            return None
        if ends_on is not None and ends_on < starts_on:
            errors.add(row, row.column("퇴거일"), "퇴거일이 입주일보다 앞섭니다.")
            return None
        fields = {
            "institution": institution,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "resource": resource,
        }
        return Line(row, fields, f"{institution.name} {starts_on:%Y-%m-%d}")

    def create(self, fields: dict[str, Any]) -> None:
        services.record_tenancy(center=self.center, **fields)
