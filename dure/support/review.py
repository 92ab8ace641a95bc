"""The review rubric (심사 기준) and how reviews add up.

A reviewer declares a conflict of interest first; one who declares a conflict, or whom the
registry links to the applicant (see `matching.conflicts_with`), cannot score. Each criterion is
scored from 0 to its weight; the application's score is the mean of the submitted reviews'
totals, out of 100."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dure.support.models import Application, Review


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: int


RUBRIC: tuple[Criterion, ...] = (
    Criterion("need", "지원 필요성", 30),
    Criterion("feasibility", "실행 가능성", 30),
    Criterion("social_value", "사회적 가치", 20),
    Criterion("effect", "기대 효과", 20),
)
FULL_MARKS = sum(c.weight for c in RUBRIC)


def score_problems(scores: dict[str, Any]) -> list[str]:
    problems = []
    for criterion in RUBRIC:
        value = scores.get(criterion.key)
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"[{criterion.label}] 점수를 적으세요.")
        elif not 0 <= value <= criterion.weight:
            problems.append(f"[{criterion.label}] 0점부터 {criterion.weight}점까지입니다.")
    unknown = sorted(set(scores) - {c.key for c in RUBRIC})
    if unknown:
        problems.append(f"심사 기준에 없는 항목입니다: {', '.join(unknown)}")
    return problems


@dataclass
class Aggregate:
    reviews: int
    mean_total: Decimal | None
    by_criterion: list[tuple[Criterion, Decimal | None]]


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def aggregate(application: Application) -> Aggregate:
    """The submitted, unconflicted reviews of the application added up."""
    done: list[Review] = [
        r for r in application.reviews.all() if r.submitted_at is not None and not r.has_conflict
    ]
    return Aggregate(
        reviews=len(done),
        mean_total=_mean([r.total or 0 for r in done]),
        by_criterion=[(c, _mean([int(r.scores[c.key]) for r in done])) for c in RUBRIC],
    )
