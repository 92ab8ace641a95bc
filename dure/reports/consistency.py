"""The consistency check of an edition: nothing in the document may contradict itself.

Run on demand and before freezing. It reads the rendered document (every figure with the place
it stands) and the records' structure, and reports each disagreement naming both places and the
arithmetic:

- an achievement or execution rate that is not actual ÷ target (executed ÷ granted);
- a total that is not the sum of its parts (settlement funds, settlement programs, a record
  list's total against the figure it supports);
- one figure shown with two values in two places (the same key, or two indicators counting the
  same records the same way);
- a 수기 indicator without its figure and evidence;
- a live figure token that names nothing;
- a number typed in the narrative that contradicts the figure its sentence names (blocking), or
  that matches no computed figure (to be confirmed, not blocking)."""

from __future__ import annotations

import contextlib
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from dure.budget.statements import SUMMARY_ROWS
from dure.core.formatting import ratio_percent
from dure.programs.metric_registry import get_unit
from dure.reports.document import Document, Figure, Heading, Paragraph
from dure.reports.livefigures import TOKEN, EditionContext, resolve


@dataclass(frozen=True)
class Finding:
    kind: str
    place: str
    other: str
    message: str
    blocking: bool = True

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


KINDS = {
    "rate": "달성률·집행률 계산",
    "total": "합계",
    "twice": "같은 수치 두 값",
    "manual": "수기 실적 근거",
    "token": "넣은 수치 오류",
    "narrative": "본문 수치",
}

# A typed figure: a number and a unit (억 is read as 억원).
TYPED = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(억원|억|천원|백만원|원|건|회|명|개소|개|팀|식|%)"
)
# A sentence ends at . ! ? unless the dot stands inside a number (75.0%).
SENTENCE = re.compile(r"(?:[^.!?。\n]|\.(?=\d))+[.!?。]?")


def check(context: EditionContext, document: Document) -> list[Finding]:
    findings: list[Finding] = []
    placed = document.figures()
    findings += _same_key_twice(placed)
    findings += _rates(placed)
    findings += _same_records_twice(context)
    findings += _manual(context)
    findings += _record_totals(placed)
    findings += _settlement(context)
    findings += _narrative(context, document, placed)
    return findings


def _money(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:,}"


def _same_key_twice(placed: list[tuple[str, Figure]]) -> list[Finding]:
    seen: dict[str, tuple[str, Figure]] = {}
    findings = []
    for place, figure in placed:
        first = seen.setdefault(figure.key, (place, figure))
        if first[1].value != figure.value:
            findings.append(
                Finding(
                    "twice",
                    first[0],
                    place,
                    f"{figure.label}: {first[1].text()} ≠ {figure.text()}",
                )
            )
    return findings


def _rates(placed: list[tuple[str, Figure]]) -> list[Finding]:
    """Every rate shown against actual ÷ target shown with it (indicators and breakdowns)."""
    values: dict[str, tuple[str, Figure]] = {}
    for place, figure in placed:
        values.setdefault(figure.key, (place, figure))
    findings = []
    for key, (place, figure) in values.items():
        if not key.endswith(":rate") or figure.value is None:
            continue
        stem = key.removesuffix(":rate")
        actual = values.get(stem + ":actual")
        target = values.get(stem + ":target")
        if actual is None or target is None:
            continue
        expected = ratio_percent(actual[1].value, target[1].value)
        if expected != figure.value:
            findings.append(
                Finding(
                    "rate",
                    place,
                    actual[0],
                    f"{figure.label} {figure.text()} ≠ 실적 {actual[1].text()} ÷ 목표 "
                    f"{target[1].text()} = {'-' if expected is None else f'{expected}%'}",
                )
            )
    return findings


def _same_records_twice(context: EditionContext) -> list[Finding]:
    """Two indicators that count the same records by the same rule must show one actual (the
    seed's 85 / 109 targets for one 맞춤형 통합컨설팅 are two targets, never two actuals)."""
    groups: dict[str, list] = defaultdict(list)
    for result in context.by_pk.values():
        indicator = result.indicator
        if not result.is_active:
            continue
        if result.is_manual:
            definition = ["manual", indicator.program_id, indicator.name]
        else:
            definition = [
                indicator.program_id,
                indicator.sub_program_id,
                indicator.metric_key,
                indicator.parameters,
                indicator.aggregation,
                indicator.center_scope,
                indicator.unit,
            ]
        groups[json.dumps(definition, sort_keys=True, default=str)].append(result)
    findings = []
    for results in groups.values():
        first = results[0]
        for other in results[1:]:
            if other.actual != first.actual:
                findings.append(
                    Finding(
                        "twice",
                        f"지표 「{first.indicator.name}」",
                        f"지표 「{other.indicator.name}」",
                        f"같은 기록을 같은 방식으로 세는 두 지표의 실적이 다릅니다: "
                        f"{_money(first.actual)} ≠ {_money(other.actual)}",
                    )
                )
    return findings


def _manual(context: EditionContext) -> list[Finding]:
    findings = []
    for result in context.by_pk.values():
        if not result.is_manual or not result.is_active:
            continue
        manual = getattr(result.indicator, "manual_figure", None)
        if manual is None or not manual.evidence.strip():
            findings.append(
                Finding(
                    "manual",
                    f"지표 「{result.indicator.program.name} › {result.indicator.name}」",
                    "",
                    "수기 지표에 실적과 근거가 입력되지 않았습니다.",
                )
            )
    return findings


def _record_totals(placed: list[tuple[str, Figure]]) -> list[Finding]:
    """A record list's total against the figure it supports (when that figure is a sum)."""
    values = {figure.key: (place, figure) for place, figure in placed}
    findings = []
    for key, (place, figure) in values.items():
        if not key.startswith("records:") or not key.endswith(":total"):
            continue
        number = key.split(":")[1]
        supported = values.get(f"indicator:{number}:actual")
        if supported is None or supported[1].value is None or figure.value is None:
            continue
        scale = get_unit(supported[1].unit).scale if supported[1].unit else 1
        if figure.value != supported[1].value * scale and figure.value != supported[1].value:
            findings.append(
                Finding(
                    "total",
                    place,
                    supported[0],
                    f"목록 합계 {_money(figure.value)} ≠ {supported[1].label} "
                    f"{supported[1].text()}",
                )
            )
    return findings


def _settlement(context: EditionContext) -> list[Finding]:
    settlement = context.settlement
    if settlement is None:
        return []
    findings = []
    for label, attribute, _ in SUMMARY_ROWS:
        parts = [getattr(figures, attribute) for _, _, figures in settlement.funds]
        total = getattr(settlement.total, attribute)
        if sum(parts) != total:
            arithmetic = " + ".join(f"{p:,}" for p in parts)
            findings.append(
                Finding(
                    "total",
                    f"정산총괄표 「{label}」 합계",
                    f"정산총괄표 「{label}」 재원별",
                    f"{total:,}원 ≠ {arithmetic} = {sum(parts):,}원",
                )
            )
    findings += _statement_sums(settlement.report_rows)
    figures = settlement.total
    identity = figures.unspent_won + figures.disallowed_won + figures.interest_won
    identity += figures.other_income_won
    if figures.refund_won != identity:
        findings.append(
            Finding(
                "total",
                "정산총괄표 정산잔액(G)",
                "정산총괄표 C+D+E+F",
                f"{figures.refund_won:,}원 ≠ {identity:,}원",
            )
        )
    return findings


SUMMED = (("final_won", "최종예산액"), ("executed_won", "집행금액"), ("refund_won", "반환대상액"))


def _statement_sums(rows: list[Any]) -> list[Finding]:
    """정산보고서: 총계 = Σ 재원 계; a 재원 계 = Σ its 관 소계 (or its rows directly);
    a 관 소계 = Σ its rows."""
    groups: list[tuple[Any, list[tuple[Any, list[Any]]], list[Any]]] = []
    total = None
    for row in rows:
        if row.level == "total":
            total = row
        elif row.level == "fund":
            groups.append((row, [], []))
        elif row.level == "chapter" and groups:
            groups[-1][1].append((row, []))
        elif groups:
            chapters = groups[-1][1]
            (chapters[-1][1] if chapters else groups[-1][2]).append(row)
    checks: list[tuple[Any, list[Any]]] = []
    if total is not None:
        checks.append((total, [fund for fund, _, _ in groups]))
    for fund, chapters, direct in groups:
        checks.append((fund, [c for c, _ in chapters] + direct))
        checks += [(chapter, parts) for chapter, parts in chapters if parts]
    findings = []
    for whole, parts in checks:
        if not parts:
            continue
        for attribute, label in SUMMED:
            value = getattr(whole.figures, attribute)
            summed = sum(getattr(p.figures, attribute) for p in parts)
            if value != summed:
                names = " + ".join(p.label for p in parts)
                findings.append(
                    Finding(
                        "total",
                        f"정산보고서 「{whole.label}」 {label}",
                        f"정산보고서 {names}",
                        f"{value:,}원 ≠ 합 {summed:,}원",
                    )
                )
    return findings


# Narrative ---------------------------------------------------------------------------------------


def _base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """A value in its family's base unit (억원 → 원), with the family."""
    if unit == "억":
        unit = "억원"
    try:
        registered = get_unit(unit)
    except Exception:
        return value, unit
    family = registered.family
    if family == "count":
        return value, "count"
    return value * registered.scale, family


def _narrative(
    context: EditionContext, document: Document, placed: list[tuple[str, Figure]]
) -> list[Finding]:
    known: set[tuple[Decimal, str]] = set()
    for _, figure in placed:
        if figure.value is not None and figure.unit:
            known.add(_base(Decimal(figure.value), figure.unit))
            # What a reader would type: the printed, rounded figure.
            printed = figure.text(with_unit=False).replace(",", "").replace("△", "-")
            with contextlib.suppress(ArithmeticError):
                known.add(_base(Decimal(printed), figure.unit))
    names = sorted(
        ((r.indicator.name, r) for r in context.by_pk.values() if len(r.indicator.name) >= 3),
        key=lambda item: -len(item[0]),
    )
    findings = []
    section = ""
    for block in document.blocks:
        if isinstance(block, Heading):
            section = block.text
            continue
        if not isinstance(block, Paragraph):
            continue
        typed_text = "".join(p for p in block.parts if isinstance(p, str))
        if "[수치 오류:" in typed_text:
            for message in re.findall(r"\[수치 오류: ([^\]]*)\]", typed_text):
                findings.append(Finding("token", f"「{section}」 본문", "", message))
        for sentence in SENTENCE.findall(typed_text):
            for match in TYPED.finditer(sentence):
                typed = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
                value = _base(typed, match.group(3))
                mentioned = next((r for n, r in names if n in sentence), None)
                if mentioned is not None and mentioned.actual is not None:
                    indicator = mentioned.indicator
                    own = {
                        _base(Decimal(v), indicator.unit)
                        for v in (mentioned.actual, mentioned.target)
                        if v is not None
                    }
                    if mentioned.achievement is not None:
                        own.add(_base(mentioned.achievement, "%"))
                    same_family = any(family == value[1] for _, family in own)
                    if same_family and value not in own and value not in known:
                        findings.append(
                            Finding(
                                "narrative",
                                f"「{section}」 본문 ‘{match.group(0)}’",
                                f"지표 「{indicator.name}」",
                                f"본문의 {match.group(0)} ≠ 기록에서 계산한 실적 "
                                f"{Figure('', mentioned.actual, indicator.unit).text()}"
                                + (
                                    f" (목표 {Figure('', mentioned.target, indicator.unit).text()})"
                                    if mentioned.target is not None
                                    else ""
                                ),
                            )
                        )
                        continue
                if value not in known:
                    findings.append(
                        Finding(
                            "narrative",
                            f"「{section}」 본문 ‘{match.group(0)}’",
                            "",
                            f"직접 적은 수치 {match.group(0)}와(과) 같은 계산 수치가 보고서에 "
                            "없습니다. 수치 넣기로 바꾸거나 맞는지 확인하세요.",
                            blocking=False,
                        )
                    )
    return findings


def unresolved_tokens(context: EditionContext, text: str) -> list[str]:
    """Messages for the tokens of a text that name nothing (checked when staff save it)."""
    messages = []
    for match in TOKEN.finditer(text):
        figure = resolve(context, match.group(1).strip(), match.group(2))
        if not isinstance(figure, Figure):
            messages.append(f"{match.group(0)}: {figure}")
    return messages
