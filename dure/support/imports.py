"""Importing engagements (`import_records engagements FILE`, and the upload screen).

Columns: 기업명, 사업자등록번호, 컨설팅구분, 담당기관, 담당컨설턴트, 과제유형,
시작일, 종료일, 사업명; optional 방식, 상태, 계획 회차, 진행 회차, 지원 시간, 만족도,
결과물, 비고. All-or-nothing like every import. A row names its enterprise, agency and
expert only among the registry rows the importing center may see; one that is not there gets
the same message whether it exists elsewhere or not. The same engagement (center, 사업,
컨설팅구분, 기업, 담당컨설턴트, 시작일, 과제유형) imported again is updated, not added."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError

from dure.core.imports import (
    EMPTY,
    ImportColumn,
    Importer,
    ImportResult,
    Outcome,
    Progress,
    Row,
    RowErrors,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    register_importer,
)
from dure.core.roles import Capability
from dure.programs.models import Program
from dure.registry.models import Agency, Enterprise, Expert, normalise_name, search_key
from dure.support import services
from dure.support.models import (
    Channel,
    Engagement,
    Status,
    SupportType,
    centers_in_scope,
    support_type_of,
)

REQUIRED = (
    "기업명",
    "사업자등록번호",
    "컨설팅구분",
    "담당기관",
    "담당컨설턴트",
    "과제유형",
    "시작일",
    "종료일",
    "사업명",
)
OPTIONAL = ("방식", "상태", "계획 회차", "진행 회차", "지원 시간", "만족도", "결과물", "비고")
EXAMPLE = {
    "기업명": "(주)두레상회",
    "사업자등록번호": "220-81-62517",
    "컨설팅구분": "사업개발컨설팅",
    "담당기관": "소셜벤처파트너스서울",
    "담당컨설턴트": "김두레",
    "과제유형": "비즈니스모델 진단 및 개선",
    "시작일": "2017-05-23",
    "종료일": "2017-08-31",
    "사업명": "컨설팅 및 일상 경영 지원",
}
NOT_IN_REGISTRY = "‘{text}’은(는) 이 센터의 명부에 없는 {what}입니다."
FIELD_COLUMNS = {
    "program": "사업명",
    "support_type": "컨설팅구분",
    "channel": "방식",
    "enterprise": "기업명",
    "agency": "담당기관",
    "expert": "담당컨설턴트",
    "task_type": "과제유형",
    "starts_on": "시작일",
    "ends_on": "종료일",
    "status": "상태",
    "planned_sessions": "계획 회차",
    "delivered_sessions": "진행 회차",
    "hours": "지원 시간",
    "satisfaction": "만족도",
    "deliverables": "결과물",
    "notes": "비고",
}
SUPPORT_TYPES = ", ".join(SupportType.values)


def _text(row: Row, key: str) -> str:
    return " ".join(row.text(key).split())


class _Registry:
    """The registry rows the importing center may name, looked up once per file."""

    def __init__(self, center_ids: set[int]) -> None:
        enterprises = list(Enterprise.objects.filter(center_id__in=center_ids).order_by("pk"))
        self.by_number = {e.business_number: e for e in enterprises if e.business_number}
        self.by_name: dict[str, list[Enterprise]] = defaultdict(list)
        for enterprise in enterprises:
            self.by_name[search_key(enterprise.name)].append(enterprise)
        self.agencies: dict[str, list[Agency]] = defaultdict(list)
        for agency in Agency.objects.filter(center_id__in=center_ids).order_by("pk"):
            self.agencies[search_key(agency.name)].append(agency)
        self.experts: dict[str, list[Expert]] = defaultdict(list)
        for expert in Expert.objects.filter(center_id__in=center_ids).order_by("pk"):
            self.experts[normalise_name(expert.name)].append(expert)


@register_importer
class EngagementImporter(Importer):
    """Engagements of the management support (컨설팅, 멘토링, 회계·법률 지원, 외부자원 연계)."""

    kind = "engagements"
    label = "경영지원 기록"
    capability = Capability.RECORD_ACTIVITIES
    columns = (
        *(
            ImportColumn(
                name,
                name,
                aliases=("지원구분",) if name == "컨설팅구분" else (),
                required=True,
                example=EXAMPLE[name],
                is_date=name in {"시작일", "종료일"},
            )
            for name in REQUIRED
        ),
        *(ImportColumn(name, name) for name in OPTIONAL),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        result = ImportResult(rows_read=len(rows))
        scope = centers_in_scope(self.center)
        registry = _Registry(scope)
        programs = list(
            Program.objects.filter(center_id__in=scope)
            .select_related("area__fiscal_year")
            .order_by("pk")
        )
        parsed = []
        for row in rows:
            if not any(_text(row, c) for c in (*REQUIRED, *OPTIONAL)):
                continue
            fields = self._fields(row, errors, registry, programs)
            if fields is not None:
                parsed.append((row, fields))
        if errors:
            return result
        for index, (row, fields) in enumerate(parsed, start=1):
            self._record(row, fields, errors, result)
            if index % 100 == 0:
                progress(index, len(parsed))
        progress(len(parsed), len(parsed))
        return result

    def _fields(
        self, row: Row, errors: RowErrors, registry: _Registry, programs: list[Program]
    ) -> dict[str, Any] | None:
        before = len(errors)
        starts_on = parse_date(row, "시작일", errors, required=True)
        ends_on = parse_date(row, "종료일", errors)
        if starts_on and ends_on and ends_on < starts_on:
            errors.add(row, row.column("종료일"), "종료일은 시작일과 같거나 늦어야 합니다.")
        support_text = _text(row, "컨설팅구분")
        support_type = support_type_of(support_text) if support_text else None
        if not support_text:
            errors.add(row, row.column("컨설팅구분"), EMPTY)
        elif support_type is None:
            errors.add(
                row,
                row.column("컨설팅구분"),
                f"‘{support_text}’은(는) 지원구분이 아닙니다({SUPPORT_TYPES}).",
            )
        program = self._program(row, errors, programs, starts_on)
        enterprise = self._enterprise(row, errors, registry)
        agency = self._one(row, errors, "담당기관", registry.agencies, search_key, "협력기관")
        expert = self._expert(row, errors, registry, agency)
        channel = parse_choice(row, "방식", errors, Channel.choices)
        status = parse_choice(row, "상태", errors, Status.choices) or Status.DONE
        planned = parse_int(row, "계획 회차", errors, minimum=0)
        delivered = parse_int(row, "진행 회차", errors, minimum=0)
        hours = parse_decimal(row, "지원 시간", errors, minimum=0, places=1)
        satisfaction = parse_int(row, "만족도", errors, minimum=1)
        if satisfaction is not None and satisfaction > 5:
            errors.add(row, row.column("만족도"), "만족도는 1점부터 5점까지입니다.")
        if len(errors) > before:
            return None
        assert support_type is not None and starts_on is not None and program is not None
        return {
            "program": program,
            "support_type": support_type.value,
            "channel": channel,
            "enterprise": enterprise,
            "agency": agency,
            "expert": expert,
            "task_type": _text(row, "과제유형"),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "status": status,
            "planned_sessions": planned,
            "delivered_sessions": delivered,
            "hours": hours,
            "satisfaction": satisfaction,
            "deliverables": row.text("결과물"),
            "notes": row.text("비고"),
        }

    def _program(
        self,
        row: Row,
        errors: RowErrors,
        programs: list[Program],
        starts_on: datetime.date | None,
    ) -> Program | None:
        name = _text(row, "사업명")
        if not name:
            errors.add(row, row.column("사업명"), EMPTY)
            return None
        if starts_on is None:
            return None
        matches = [
            p
            for p in programs
            if p.name == name
            and p.area.fiscal_year.starts_on <= starts_on <= p.area.fiscal_year.ends_on
        ]
        own = [p for p in matches if p.center_id == self.center.pk]
        found = own or matches
        if not found:
            errors.add(
                row, row.column("사업명"), f"{starts_on.year}년 사업에 ‘{name}’이(가) 없습니다."
            )
            return None
        return found[0]

    def _enterprise(self, row: Row, errors: RowErrors, registry: _Registry) -> Enterprise | None:
        number = "".join(ch for ch in _text(row, "사업자등록번호") if ch.isdigit())
        name = _text(row, "기업명")
        if number:
            found = registry.by_number.get(number)
            if found is None:
                errors.add(
                    row,
                    row.column("사업자등록번호"),
                    NOT_IN_REGISTRY.format(
                        text=_text(row, "사업자등록번호"), what="사업자등록번호"
                    ),
                )
            return found
        if not name:
            return None
        return self._one(row, errors, "기업명", registry.by_name, search_key, "기업")

    def _one(
        self,
        row: Row,
        errors: RowErrors,
        key: str,
        index: dict[str, list[Any]],
        normalise: Any,
        what: str,
    ) -> Any:
        text = _text(row, key)
        if not text:
            return None
        found = index.get(normalise(text), [])
        if not found:
            errors.add(row, row.column(key), NOT_IN_REGISTRY.format(text=text, what=what))
            return None
        if len(found) > 1:
            hint = (
                "사업자등록번호를 함께 적으세요."
                if what == "기업"
                else "명부에서 이름을 구별하세요."
            )
            errors.add(
                row, row.column(key), f"‘{text}’이(가) 명부에 {len(found)}곳 있습니다: {hint}"
            )
            return None
        return found[0]

    def _expert(
        self, row: Row, errors: RowErrors, registry: _Registry, agency: Agency | None
    ) -> Expert | None:
        name = _text(row, "담당컨설턴트")
        if not name:
            return None
        found = registry.experts.get(normalise_name(name), [])
        if agency is not None and len(found) > 1:
            found = [e for e in found if e.agency_id == agency.pk] or found
        if not found:
            errors.add(
                row, row.column("담당컨설턴트"), NOT_IN_REGISTRY.format(text=name, what="전문가")
            )
            return None
        if len(found) > 1:
            errors.add(
                row,
                row.column("담당컨설턴트"),
                f"‘{name}’이(가) 전문가 명부에 {len(found)}명 있습니다: 담당기관을 함께 적으세요.",
            )
            return None
        return found[0]

    def _record(
        self, row: Row, fields: dict[str, Any], errors: RowErrors, result: ImportResult
    ) -> None:
        identity = {
            name: fields[name]
            for name in (
                "program",
                "support_type",
                "enterprise",
                "expert",
                "starts_on",
                "task_type",
            )
        }
        existing = Engagement.objects.filter(center=self.center, **identity).first()
        who = fields["enterprise"].name if fields["enterprise"] else "기업 미기재"
        result.labels[row.number] = (
            f"{fields['starts_on']:%Y-%m-%d} {fields['support_type']} · {who}"
        )
        try:
            if existing is None:
                services.record_engagement(center=self.center, **fields)
                result.outcomes[row.number] = Outcome.CREATED
            elif any(getattr(existing, name) != value for name, value in fields.items()):
                services.update_engagement(engagement=existing, **fields)
                result.outcomes[row.number] = Outcome.UPDATED
            else:
                result.outcomes[row.number] = Outcome.UNCHANGED
        except ValidationError as error:
            by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for field, messages in by_field.items():
                column = FIELD_COLUMNS.get(field, "시작일")
                for message in messages:
                    errors.add(row, row.column(column), message)
