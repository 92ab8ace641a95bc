"""The 2017 demo report edition: the center's texts with live figures, the seed's tables, record
lists and charts chosen per program, and the appendix. Every number comes from the records the
demo loads; the texts name figures only through tokens."""

from __future__ import annotations

from collections.abc import Callable

from dure.core.models import Center, FiscalYear, User
from dure.reports import services
from dure.reports.edition import block_choices
from dure.reports.livefigures import load_context
from dure.reports.models import ReportEdition

TITLE = "2017 성과보고서"

FOREWORD = """\
2017년 센터는 사회적경제 기업이 시장에서 자립할 수 있도록 판로와 경영을 함께 지원하고, \
자치구와 지역의 협동 기반을 넓히는 데 힘을 모았습니다.

공공시장에서는 공공기관 방문영업 {{실적:P01.I01}}과 사업매칭 {{실적:P01.I02}}, 그 계약규모 \
{{실적:P01.I03}}의 성과를 냈고, 찾아가는 공공구매 박람회를 {{실적:P01.I13}} 열었습니다. \
경영지원에서는 맞춤형 통합컨설팅 {{실적:P03.I32a}}을 전문가 자원풀과 함께 수행했습니다.

이 보고서의 모든 수치는 센터가 한 해 동안 남긴 활동·지원·예산 기록에서 계산했으며, \
수치마다 그 바탕이 된 기록으로 이어집니다. 사업비 집행률은 {{정산:집행률}}, \
반환대상액은 {{정산:반환대상액}}입니다."""

INTRODUCTIONS = {
    "P01": "공공기관의 사회적경제 기업 제품 우선구매를 늘리기 위해 공공구매지원단을 운영하고, "
    "기관 방문영업, 영업매칭, 교육·설명회, 기업정보 DB 구축과 박람회로 판로를 넓힙니다.",
    "P02": "민간 유통채널과 수요처를 발굴하여 사회적경제 기업의 입점과 영업 연계를 돕습니다. "
    "영업(처) 연계는 {{실적:P02.I15}}, 생협 입점 기업은 {{실적:P02.I23}}입니다.",
    "P03": "전문가 자원풀을 통해 기업의 경영전략, 사업개발, 경영멘토링 컨설팅을 맞춤형으로 "
    "지원하고, 회계·법률 일상경영과 외부자원 연계를 함께 제공합니다.",
    "P04": "돌봄, 주민참여, 규모화처럼 사회적경제가 풀어야 할 전략 분야의 모델을 개발하고 "
    "시범사업을 지원합니다.",
    "P05": "자치구 지원기관과 정기회의, 워크숍, 교육으로 협력하고 예비특구의 지역 전략사업을 "
    "현장에서 지원합니다.",
    "P06": "마을기업의 발굴부터 레벨업까지 단계별로 지원합니다. 레벨업 지원을 받은 마을기업은 "
    "{{실적:P06.I66}}입니다.",
    "P07": "공동작업장을 조성·관리하여 예비 주체를 발굴하고 도시재생과 협업합니다.",
    "P08": "부문·업종 협동화와 민관정책협의회로 사회적경제 협력 네트워크를 다집니다.",
    "P09": "사회적경제 아카데미에서 대상별 교육과정을 개발·운영합니다. 운영한 교육과정은 "
    "{{실적:P09.I86}}입니다.",
    "P10": "전략기획연수와 국내외 기술연수로 사회적경제 인재를 기릅니다.",
    "P11": "청소년이 사회적경제를 배우고 직접 실천하도록 체험교육과 해냄 프로젝트를 지원합니다. "
    "해냄 프로젝트 실행팀은 {{실적:P11.I104}}입니다.",
    "P12": "뉴스레터, 포털, 캠페인으로 시민에게 사회적경제를 알립니다.",
    "P13": "사회적경제 정책과 전략 개발을 위한 기획연구를 수행합니다.",
}

NARRATIVES = {
    "P01": "공공기관 방문영업은 목표 {{목표:P01.I01}} 대비 {{실적:P01.I01}}으로 달성률 "
    "{{달성률:P01.I01}}입니다. 자치구 공공구매 영업지원단의 방문영업은 {{실적:P01.I10}}입니다. "
    "방문한 기관과 영업매칭 사례는 아래 기록 목록과 같습니다.",
    "P03": "컨설팅과 멘토링은 모두 기업별 지원 기록으로 남겼으며, 경영전략 {{실적:P03.I33}}, "
    "사업개발 {{실적:P03.I34b}}, 경영멘토링 {{실적:P03.I35b}}입니다.",
}

# Record lists printed in the report (the seed's listed tables).
RECORD_LISTS = {
    "P01": ["I01", "I02", "I05", "I13"],
    "P02": ["I15"],
    "P03": ["I32b"],
    "P06": ["I69d"],
    "P11": ["I104"],
}


def load_edition(
    *, center: Center, fiscal_year: FiscalYear, progress: Callable[[str], object] = print
) -> ReportEdition:
    """The demo edition (once: loading the demo again keeps the edition staff may have edited)."""
    existing = ReportEdition.objects.filter(
        center=center, fiscal_year=fiscal_year, title=TITLE
    ).first()
    if existing is not None:
        return existing
    user = User.objects.filter(center=center, role="center_admin", is_active=True).first()
    assert user is not None, "the demo's center admin is loaded first"
    edition = services.create_edition(
        center=center, fiscal_year=fiscal_year, user=user, title=TITLE
    )
    services.update_edition(
        edition,
        title=TITLE,
        foreword=FOREWORD,
        roll_up=False,
        glance=edition.glance,
        appendix=edition.appendix,
    )
    context = load_context(edition, links=False)
    programs = {p.program.pk: p for p in context.report.programs}
    for section in edition.sections.select_related("program"):
        program = programs[section.program_id]
        code = section.program.code
        by_code = {r.indicator.code: r.indicator.pk for r in program.results}
        offered = [choice.key for choice in block_choices(program)]
        blocks = ["kpi", "kpi_chart"]
        blocks += [key for key in offered if key.startswith(("breakdown:", "breakdown_chart:"))]
        blocks += [
            f"records:{by_code[c]}"
            for c in RECORD_LISTS.get(code, [])
            if f"records:{by_code.get(c)}" in offered
        ]
        services.update_section(
            section,
            introduction=INTRODUCTIONS.get(code, ""),
            narrative=NARRATIVES.get(code, ""),
            blocks=blocks,
        )
    progress(f"  보고서 판 「{TITLE}」: 사업 {len(programs)}개")
    return edition
