"""The 2016 consulting cohort behind the seed's [2016년 컨설팅 지원사업 성과] (table 17).

The seed gives totals only: 100 enterprises supported in 2016, 33 answered the survey; the 28
consulted enterprises grew their revenue 41% (+9,164백만원) from the end of 2016 to the end of
2017, and the 5 innovation enterprises linked to consulting 92% (+4,649백만원). The enterprises,
their 2016 engagements and the answering enterprises' revenues are reconstructed stand-ins
(named `[재구성] …`, engagements marked reconstructed) chosen so that the evaluation computed
from them (`dure.support.outcomes`) gives back those figures."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction

from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.programs import services as program_services
from dure.programs.models import Program
from dure.registry import services as registry_services
from dure.registry.models import Financial
from dure.support import services as support_services
from dure.support.models import Engagement, SupportType

YEAR = 2016
SUPPORTED = 100
# (row, enterprises supported, enterprises answering, 2016 revenue total, growth) in 원
COHORT = (
    ("컨설팅", SupportType.BUSINESS, 95, 28, 22_351_000_000, 9_164_000_000),
    ("혁신형", SupportType.INNOVATION, 5, 5, 5_053_000_000, 4_649_000_000),
)
NOTE = "2016년 컨설팅 지원사업 성과(표 17)에 합계만 있어 만든 기록"


def _parts(total: int, count: int) -> list[int]:
    """`total` in `count` unequal whole parts (weights 1–7 in turn) that add up exactly."""
    weights = [index % 7 + 1 for index in range(count)]
    parts = [total * weight // sum(weights) for weight in weights]
    parts[-1] += total - sum(parts)
    return parts


@transaction.atomic
def load_2016_cohort(*, center: Center, progress: Callable[[str], None] = print) -> int:
    """The 2016 cohort of the metropolitan center; does nothing when already loaded."""
    fiscal_year = ensure_fiscal_year(year=YEAR)
    if Program.objects.filter(center=center, area__fiscal_year=fiscal_year).exists():
        progress("2016년 컨설팅 지원기업은 이미 있습니다.")
        return 0
    area = program_services.create_program_area(
        center=center, fiscal_year=fiscal_year, code="A2", name="경영 지원"
    )
    program = program_services.create_program(
        area=area, code="P03", name="컨설팅 및 일상 경영 지원"
    )
    engagements = []
    financials = []
    for label, support_type, supported, answering, before_total, growth in COHORT:
        befores = _parts(before_total, answering)
        growths = _parts(growth, answering)
        for number in range(1, supported + 1):
            enterprise = registry_services.create_enterprise(
                center=center, name=f"[재구성] 2016 {label} 지원기업 {number:03d}", notes=NOTE
            )
            engagements.append(
                Engagement(
                    center=center,
                    program=program,
                    support_type=support_type.value,
                    enterprise=enterprise,
                    starts_on=datetime.date(YEAR, 12, 31),
                    notes=f"{NOTE} (시작일·유형 미기재)",
                    reconstructed=True,
                )
            )
            if number <= answering:
                before = befores[number - 1]
                financials += [
                    Financial(enterprise=enterprise, year=YEAR, revenue_won=before),
                    Financial(
                        enterprise=enterprise,
                        year=YEAR + 1,
                        revenue_won=before + growths[number - 1],
                    ),
                ]
    support_services.bulk_record_engagements(engagements=engagements)
    Financial.objects.bulk_create(financials)
    progress(
        f"2016년 컨설팅 지원기업 {len(engagements)}곳 (재구성, 매출 응답 {len(financials) // 2}곳)"
    )
    return len(engagements)
