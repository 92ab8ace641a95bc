"""The pre-diagnosis questionnaire (사전진단): capability questions by area, each answered on a
scale of 1 (전혀 그렇지 않다) to 5 (매우 그렇다). An area's score is its answers' mean on 0–100."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models


class DiagnosisArea(models.TextChoices):
    STRATEGY = "경영전략", "경영전략"
    FINANCE = "재무·회계", "재무·회계"
    MARKETING = "마케팅·판로", "마케팅·판로"
    HR = "인사노무", "인사노무"
    LEGAL = "법률", "법률"
    GOVERNANCE = "조직·거버넌스", "조직·거버넌스"


@dataclass(frozen=True)
class Question:
    key: str
    area: DiagnosisArea
    text: str


QUESTIONS = (
    Question("strategy_plan", DiagnosisArea.STRATEGY, "3년 이상의 사업계획과 연도별 목표가 있다."),
    Question(
        "strategy_model", DiagnosisArea.STRATEGY, "수익을 내는 방식(비즈니스모델)을 설명할 수 있다."
    ),
    Question(
        "strategy_review", DiagnosisArea.STRATEGY, "사업 성과를 정기적으로 점검하고 계획을 고친다."
    ),
    Question("finance_books", DiagnosisArea.FINANCE, "회계 장부를 복식부기로 매월 정리한다."),
    Question(
        "finance_tax", DiagnosisArea.FINANCE, "세무 신고를 기한 안에 스스로 또는 위탁해 처리한다."
    ),
    Question("finance_cash", DiagnosisArea.FINANCE, "석 달 앞의 자금 흐름을 예측하고 관리한다."),
    Question(
        "marketing_customer", DiagnosisArea.MARKETING, "주요 고객과 그 필요를 구체적으로 안다."
    ),
    Question(
        "marketing_channel", DiagnosisArea.MARKETING, "판매 경로(공공·민간·온라인)가 둘 이상이다."
    ),
    Question("marketing_brand", DiagnosisArea.MARKETING, "상품·서비스를 알리는 홍보 수단이 있다."),
    Question("hr_contract", DiagnosisArea.HR, "모든 근로자와 서면 근로계약을 맺었다."),
    Question("hr_rules", DiagnosisArea.HR, "취업규칙과 임금 체계가 문서로 있다."),
    Question("hr_training", DiagnosisArea.HR, "구성원의 교육·역량 개발 계획이 있다."),
    Question("legal_contracts", DiagnosisArea.LEGAL, "거래 계약서를 검토한 뒤 맺는다."),
    Question("legal_permits", DiagnosisArea.LEGAL, "사업에 필요한 인허가와 신고를 갖추었다."),
    Question("legal_ip", DiagnosisArea.LEGAL, "상표·디자인 등 지식재산을 보호하고 있다."),
    Question(
        "governance_meetings", DiagnosisArea.GOVERNANCE, "총회·이사회를 정관대로 열고 기록한다."
    ),
    Question(
        "governance_members", DiagnosisArea.GOVERNANCE, "구성원이 의사결정에 참여하는 방식이 있다."
    ),
    Question(
        "governance_mission", DiagnosisArea.GOVERNANCE, "사회적 목적과 그 성과를 밝히고 있다."
    ),
)
QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}
SCALE = (
    (1, "전혀 그렇지 않다"),
    (2, "그렇지 않다"),
    (3, "보통이다"),
    (4, "그렇다"),
    (5, "매우 그렇다"),
)


def area_scores(answers: dict[str, int]) -> dict[str, Decimal]:
    """Each area's score on 0–100: the mean of (answer − 1) / 4, for the areas answered."""
    scores: dict[str, Decimal] = {}
    for area in DiagnosisArea:
        values = [answers[q.key] for q in QUESTIONS if q.area == area and q.key in answers]
        if values:
            mean = Decimal(sum(v - 1 for v in values)) / len(values) / 4 * 100
            scores[area.value] = mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return scores


def answer_problems(answers: object) -> list[str]:
    """Why a set of answers is not a complete questionnaire (empty when it is)."""
    if not isinstance(answers, dict):
        return ["응답이 문항별 점수가 아닙니다."]
    problems = []
    for question in QUESTIONS:
        value = answers.get(question.key)
        if value is None:
            problems.append(f"‘{question.text}’에 답하지 않았습니다.")
        elif not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            problems.append(f"‘{question.text}’의 답은 1부터 5까지입니다.")
    unknown = sorted(set(answers) - set(QUESTIONS_BY_KEY))
    if unknown:
        problems.append(f"없는 문항입니다: {', '.join(unknown)}")
    return problems
