"""The standard application (표준 신청서): its sections and questions, declared once.

The enterprise writes it once in the portal; an application freezes a copy of the answers as
they were when it was submitted. Questions are identified by a stable key so a copy made today
still reads correctly after a label is reworded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    kind: str = "text"  # text (one line), long (paragraph), number (whole number ≥ 0)
    required: bool = True


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    questions: tuple[Question, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "organisation",
        "조직",
        (
            Question("mission", "설립 목적과 추구하는 사회적 가치", "long"),
            Question("products", "주요 제품·서비스", "long"),
            Question("governance", "의사결정 구조(총회·이사회 등)", "long", required=False),
        ),
    ),
    Section(
        "finances",
        "재무",
        (
            Question("revenue", "직전 연도 매출액(원)", "number"),
            Question("operating_profit", "직전 연도 영업이익(원)", "text", required=False),
            Question("government_support", "직전 연도 정부지원금(원)", "number", required=False),
        ),
    ),
    Section(
        "people",
        "인력",
        (
            Question("employees", "고용 인원(명)", "number"),
            Question("vulnerable_employees", "취약계층 고용(명)", "number", required=False),
        ),
    ),
    Section(
        "needs",
        "지원 필요 사항",
        (
            Question("problem", "지금 가장 어려운 점", "long"),
            Question("wanted", "받고 싶은 지원과 기대하는 변화", "long"),
        ),
    ),
    Section(
        "past_support",
        "지원 이력",
        (Question("history", "최근 3년간 받은 지원(기관, 사업, 연도)", "long", required=False),),
    ),
)

QUESTIONS: dict[str, Question] = {q.key: q for s in SECTIONS for q in s.questions}


def answer_problems(answers: Any) -> list[str]:
    """What is wrong with a set of answers (empty when it can be kept)."""
    if not isinstance(answers, dict):
        return ["표준 신청서 내용이 올바르지 않습니다."]
    problems = []
    unknown = sorted(set(answers) - set(QUESTIONS))
    if unknown:
        problems.append(f"표준 신청서에 없는 항목입니다: {', '.join(unknown)}")
    for key, value in answers.items():
        question = QUESTIONS.get(key)
        if question is None or value in (None, ""):
            continue
        if question.kind == "number" and not (isinstance(value, int) and value >= 0):
            problems.append(f"[{question.label}] 0 이상의 정수로 적으세요.")
        elif question.kind != "number" and not isinstance(value, str):
            problems.append(f"[{question.label}] 글로 적으세요.")
    return problems


def missing(answers: dict[str, Any]) -> list[str]:
    """Labels of required questions left empty: an application cannot be submitted with them."""
    return [q.label for q in QUESTIONS.values() if q.required and answers.get(q.key) in (None, "")]


def readable(answers: dict[str, Any]) -> list[tuple[str, list[tuple[str, Any]]]]:
    """The answers by section, in the declared order, for display."""
    return [(s.title, [(q.label, answers.get(q.key, "")) for q in s.questions]) for s in SECTIONS]
