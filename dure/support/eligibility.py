"""Eligibility of an enterprise for an announcement, evaluated on its registry data.

Every rule of an announcement must hold. Each rule answers met or not met with the reason in
words, so the applicant sees before applying which condition stops them; a rule the registry
has no data for counts as not met and says which figure is missing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dure.core.districts import DISTRICT_CHOICES
from dure.registry.models import DesignationType, Enterprise, LegalForm
from dure.support.models import EligibilityRule, RuleKind


@dataclass(frozen=True)
class RuleCheck:
    rule: str
    met: bool
    reason: str


def _values(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _accepted(kind: str) -> dict[str, str]:
    """For the list rules: accepted text (code or label) → code."""
    if kind == RuleKind.LEGAL_FORM:
        choices = list(LegalForm.choices)
    elif kind == RuleKind.DESIGNATION:
        choices = list(DesignationType.choices)
    else:
        choices = [(code, str(label)) for code, label in DISTRICT_CHOICES]
    accepted = {}
    for code, label in choices:
        accepted[str(code)] = str(code)
        accepted[str(label)] = str(code)
    return accepted


def value_problem(kind: str, value: str) -> str:
    """Why a rule's value cannot be used (empty when it can)."""
    if kind in {RuleKind.FOUNDED_WITHIN, RuleKind.REVENUE_UNDER}:
        text = value.replace(",", "").strip()
        if not text.isdigit() or int(text) <= 0:
            return "값은 0보다 큰 정수입니다."
        return ""
    if kind not in RuleKind.values:
        return "없는 조건입니다."
    parts = _values(value)
    if not parts:
        return "값을 하나 이상 적으세요(쉼표로 구분)."
    unknown = [part for part in parts if part not in _accepted(kind)]
    if unknown:
        return f"알 수 없는 값입니다: {', '.join(unknown)}"
    return ""


def describe(rule: EligibilityRule) -> str:
    """The rule in the words an applicant reads."""
    if rule.kind == RuleKind.FOUNDED_WITHIN:
        return f"설립 {int(rule.value)}년 이내"
    if rule.kind == RuleKind.REVENUE_UNDER:
        return f"직전 연도 매출액 {int(rule.value.replace(',', '')):,}원 미만"
    labels = _labels(rule.kind)
    names = [labels.get(_accepted(rule.kind)[part], part) for part in _values(rule.value)]
    return f"{rule.get_kind_display()}: {', '.join(names)}"


def _labels(kind: str) -> dict[str, str]:
    if kind == RuleKind.LEGAL_FORM:
        return {str(c): str(label) for c, label in LegalForm.choices}
    if kind == RuleKind.DESIGNATION:
        return {str(c): str(label) for c, label in DesignationType.choices}
    return {str(c): str(label) for c, label in DISTRICT_CHOICES}


def _years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def check_rule(rule: EligibilityRule, enterprise: Enterprise, day: datetime.date) -> RuleCheck:
    label = describe(rule)
    if rule.kind == RuleKind.FOUNDED_WITHIN:
        if enterprise.founded_on is None:
            return RuleCheck(label, False, "기업 정보에 설립일이 없습니다.")
        years = _years_between(enterprise.founded_on, day)
        met = years < int(rule.value)
        return RuleCheck(label, met, f"설립일 {enterprise.founded_on:%Y.%m.%d} (만 {years}년)")
    if rule.kind == RuleKind.REVENUE_UNDER:
        year = day.year - 1
        financial = enterprise.financials.filter(year=year).first()
        if financial is None or financial.revenue_won is None:
            return RuleCheck(label, False, f"기업 정보에 {year}년 매출액이 없습니다.")
        limit = int(rule.value.replace(",", ""))
        return RuleCheck(
            label, financial.revenue_won < limit, f"{year}년 매출액 {financial.revenue_won:,}원"
        )
    accepted = {_accepted(rule.kind)[part] for part in _values(rule.value)}
    if rule.kind == RuleKind.LEGAL_FORM:
        own = enterprise.legal_form
        shown = enterprise.get_legal_form_display() or "법인 형태 미기재"
        return RuleCheck(label, own in accepted, shown)
    if rule.kind == RuleKind.DISTRICT:
        own = enterprise.district
        return RuleCheck(label, own in accepted, own or "자치구 미기재")
    held = set(enterprise.designations.on(day).values_list("designation_type", flat=True))
    names = (
        ", ".join(sorted(_labels(rule.kind)[code] for code in held)) or "유지 중인 인증·지정 없음"
    )
    return RuleCheck(label, bool(held & accepted), names)


def check(
    announcement_rules: list[EligibilityRule], enterprise: Enterprise, day: datetime.date
) -> list[RuleCheck]:
    """Every rule of the announcement checked on the enterprise as of the day."""
    return [check_rule(rule, enterprise, day) for rule in announcement_rules]
