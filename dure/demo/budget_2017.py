"""The 2017 demo: the seed report's settlement (tables 52-54) loaded as budget records.

The report prints totals, not vouchers, so each line gets one grant equal to its final budget and
one aggregated expenditure, marked as reconstructed. Which line of a program sent or received a
transfer is not printed; the program's largest line is used. See docs/seed-2017-settlement.md."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from dure.budget import services
from dure.budget.models import BankAccount, BudgetLine, Fund, IncomeKind
from dure.core.models import Center, FiscalYear
from dure.programs.models import Program, ProgramArea

YEAR = 2017
START = datetime.date(YEAR, 1, 1)
END = datetime.date(YEAR, 12, 31)
OPERATING_CHAPTER = "운영비"
PROPOSAL_CHAPTER = "제안사업비"
FACILITY_CHAPTER = "시설운영비"
RECONSTRUCTED = "재구성: 보고서의 집행금액 합계"


@dataclass
class DemoLine:
    fund: str
    chapter: str
    section: str
    item: str
    account_title: str
    unit_name: str
    granted_won: int
    executed_won: int
    program: Program | None = None
    is_operating_cost: bool = False
    transfer_won: int = 0
    interest_won: int = 0
    other_income_won: int = 0
    record: BudgetLine | None = field(default=None, repr=False)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _won(text: str) -> int:
    return int(text) if text.strip() else 0


def overview_programs(*, seed_dir: Path, center: Center, fiscal_year: FiscalYear) -> list[Program]:
    """The 13 programs of the 사업 총괄표 (구분 → 사업명), found or created by name."""
    programs: list[Program] = []
    seen: set[tuple[str, str]] = set()
    areas: dict[str, ProgramArea] = {}
    for row in _rows(seed_dir / "01_overview.csv"):
        key = (row["구분"], row["사업명"])
        if key in seen:
            continue
        seen.add(key)
        area_name, program_name = key
        if area_name not in areas:
            order = len(areas) + 1
            areas[area_name], _ = ProgramArea.objects.get_or_create(
                center=center,
                fiscal_year=fiscal_year,
                name=area_name,
                defaults={"code": f"{order:02d}", "order": order},
            )
        area = areas[area_name]
        order = sum(1 for program in programs if program.area_id == area.pk) + 1
        program, _ = Program.objects.get_or_create(
            center=center,
            area=area,
            name=program_name,
            defaults={"code": f"{area.code}-{order:02d}", "order": order},
        )
        programs.append(program)
    return programs


def _demo_lines(seed_dir: Path, programs: list[Program]) -> list[DemoLine]:
    report = _rows(seed_dir / "53_settlement_by_programme.csv")
    detail = _rows(seed_dir / "54_expenditure_detail.csv")
    sections = _sections(report)
    proposal_units = [row["구분"] for row in sections[PROPOSAL_CHAPTER][1:]]
    if len(proposal_units) != len(programs):
        raise ValueError("사업 총괄표와 정산보고서의 사업 수가 다릅니다.")
    program_of = dict(zip(proposal_units, programs, strict=True))
    operating = sections[OPERATING_CHAPTER]
    lines = [
        DemoLine(
            fund=Fund.COMMISSIONED,
            chapter=OPERATING_CHAPTER,
            section="",
            item="",
            account_title=OPERATING_CHAPTER,
            unit_name="",
            granted_won=_won(operating[0]["교부액"]),
            executed_won=_won(operating[0]["집행금액"]),
            is_operating_cost=True,
        )
    ]
    item_order = _ordered(
        row["목"]
        for row in detail
        if row["관"] == PROPOSAL_CHAPTER and row["세부계정과목"] != "소계"
    )
    unit_of_item = dict(zip(item_order, proposal_units, strict=True))
    city_unit = sections["시요청 사업비"][1]["구분"]
    facility_units = sections[FACILITY_CHAPTER][1:]
    for row in detail:
        if row["세부계정과목"] == "소계" or not row["세부계정과목"]:
            continue
        chapter = row["관"].replace(" ", "") if row["관"].startswith("시설") else row["관"]

        def line(fund: str, unit: str, granted: int, executed: int) -> DemoLine:
            return DemoLine(
                fund=fund,
                chapter=chapter,  # noqa: B023
                section=row["항"],  # noqa: B023
                item=row["목"],  # noqa: B023
                account_title=row["세부계정과목"],  # noqa: B023
                unit_name=unit,
                granted_won=granted,
                executed_won=executed,
                program=program_of.get(unit),
            )

        if chapter == PROPOSAL_CHAPTER:
            unit = unit_of_item[row["목"]]
            lines.append(
                line(Fund.COMMISSIONED, unit, _won(row["교부금액"]), _won(row["집행금액"]))
            )
        elif chapter == FACILITY_CHAPTER and _won(row["집행금액"]):
            # The statement prints this line's grant as 0 (an erratum); the settlement report
            # gives each facility source's grant and spending, so the line is split by source.
            for source in facility_units:
                lines.append(
                    line(
                        Fund.FACILITY,
                        source["구분"],
                        _won(source["교부액"]),
                        _won(source["집행금액"]),
                    )
                )
        elif chapter == FACILITY_CHAPTER:
            lines.append(line(Fund.FACILITY, facility_units[0]["구분"], 0, 0))
        else:
            lines.append(
                line(Fund.COMMISSIONED, city_unit, _won(row["교부금액"]), _won(row["집행금액"]))
            )
    _place_income(lines, sections)
    return lines


def _ordered(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _sections(report: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """정산보고서 rows by 관: the 소계/계 row first, then its unit rows."""
    sections: dict[str, list[dict[str, str]]] = {}
    current = ""
    for row in report:
        if row["수준"] in {"소계", "합계"} and row["구분"] != "위탁사업비 계":
            current = row["구분"].replace(" 소계", "").replace(" 계", "")
            sections[current] = [row]
        elif row["수준"] == "세부":
            sections[current].append(row)
    return sections


def _largest(lines: list[DemoLine], unit: str) -> DemoLine:
    candidates = [line for line in lines if line.unit_name == unit]
    return max(candidates, key=lambda line: line.granted_won)


def _place_income(lines: list[DemoLine], sections: dict[str, list[dict[str, str]]]) -> None:
    for rows in sections.values():
        for row in rows[1:]:
            target = _largest(lines, row["구분"])
            target.interest_won += _won(row["예금이자"])
            target.other_income_won += _won(row["기타수익금"])
            target.transfer_won += _won(row["전용액"])


def _chapter_income(sections: dict[str, list[dict[str, str]]]) -> list[tuple[str, str, int]]:
    """Interest and other income printed only on a 관's subtotal: recorded on the whole 관."""
    result: list[tuple[str, str, int]] = []
    for chapter, rows in sections.items():
        subtotal, units = rows[0], rows[1:]
        for column, kind in (("예금이자", IncomeKind.INTEREST), ("기타수익금", IncomeKind.OTHER)):
            rest = _won(subtotal[column]) - sum(_won(row[column]) for row in units)
            if rest:
                result.append((chapter.replace("시요청", "시 요청"), kind, rest))
    return result


def _chapter_fund(chapter: str) -> str:
    return Fund.FACILITY if chapter == FACILITY_CHAPTER else Fund.COMMISSIONED


def _account_names(
    lines: list[DemoLine], chapter_income: list[tuple[str, str, int]]
) -> dict[tuple[str, str], str]:
    """The accounts the printed interest implies, by (관, unit): interest printed on a 관's subtotal
    or on its only unit was earned on the 관's account; where several units of one 관 print their
    own interest (the three facility sources), each source had its own account."""
    earning = [(line.chapter, line.unit_name) for line in lines if line.interest_won]
    earning += [(chapter, "") for chapter, kind, _ in chapter_income if kind == IncomeKind.INTEREST]
    names: dict[tuple[str, str], str] = {}
    for chapter, unit in earning:
        own = unit and sum(1 for other, _ in earning if other == chapter) > 1
        names[(chapter, unit)] = f"{unit if own else chapter} 전용계좌"
    return names


def _accounts(
    *,
    center: Center,
    fiscal_year: FiscalYear,
    lines: list[DemoLine],
    chapter_income: list[tuple[str, str, int]],
) -> dict[tuple[str, str], BankAccount]:
    """One BankAccount per account the interest implies (the report prints no bank or number)."""
    accounts: dict[tuple[str, str], BankAccount] = {}
    for (chapter, unit), name in _account_names(lines, chapter_income).items():
        accounts[(chapter, unit)] = services.create_bank_account(
            center=center,
            fiscal_year=fiscal_year,
            name=name,
            chapter=chapter,
            fund=_chapter_fund(chapter),
            note="재구성: 정산보고서의 예금이자가 발생한 계좌 (은행·계좌번호는 보고서에 없음)",
        )
    return accounts


def _transfers(lines: list[DemoLine]) -> list[tuple[DemoLine, DemoLine, int]]:
    """The fewest direct transfers giving each program its printed 전용액 (greedy, in order)."""
    senders = [(line, -line.transfer_won) for line in lines if line.transfer_won < 0]
    open_receivers = {id(line): line.transfer_won for line in lines if line.transfer_won > 0}
    receivers = [line for line in lines if line.transfer_won > 0]
    moves: list[tuple[DemoLine, DemoLine, int]] = []
    for sender, amount_to_send in senders:
        left = amount_to_send
        while left > 0:
            receiver = next(r for r in receivers if open_receivers[id(r)] > 0)
            amount = min(left, open_receivers[id(receiver)])
            moves.append((sender, receiver, amount))
            left -= amount
            open_receivers[id(receiver)] -= amount
    return moves


@transaction.atomic
def load_settlement(
    *,
    seed_dir: Path,
    center: Center,
    fiscal_year: FiscalYear,
    progress: Callable[[str], object] = print,
) -> int:
    """Load the 2017 settlement once (lines, transfers, grants, spending, accounts, income);
    returns the number of lines."""
    programs = overview_programs(seed_dir=seed_dir, center=center, fiscal_year=fiscal_year)
    if BudgetLine.objects.filter(center=center, fiscal_year=fiscal_year).exists():
        progress("  예산·정산: 이미 불러왔습니다.")
        return 0
    lines = _demo_lines(seed_dir, programs)
    sections = _sections(_rows(seed_dir / "53_settlement_by_programme.csv"))
    for order, demo in enumerate(lines, start=1):
        demo.record = services.create_budget_line(
            center=center,
            fiscal_year=fiscal_year,
            fund=demo.fund,
            chapter=demo.chapter,
            section=demo.section,
            item=demo.item,
            account_title=demo.account_title,
            unit_name=demo.unit_name,
            program=demo.program,
            is_operating_cost=demo.is_operating_cost,
            order=order,
        )
        services.set_initial_budget(
            line=demo.record, amount_won=demo.granted_won - demo.transfer_won, adopted_on=START
        )
        if demo.granted_won:
            services.record_grant(line=demo.record, amount_won=demo.granted_won, granted_on=START)
    progress(f"  예산 과목 {len(lines)}개")
    for sender, receiver, amount in _transfers(lines):
        assert sender.record is not None and receiver.record is not None
        services.record_transfer(
            from_line=sender.record,
            to_line=receiver.record,
            amount_won=amount,
            transferred_on=datetime.date(YEAR, 9, 1),
            reason="사업비 조정 (정산보고서 전용액)",
        )
    chapter_income = _chapter_income(sections)
    accounts = _accounts(
        center=center, fiscal_year=fiscal_year, lines=lines, chapter_income=chapter_income
    )
    progress(f"  보조금 전용계좌 {len(accounts)}개")
    for demo in lines:
        assert demo.record is not None
        if demo.executed_won:
            services.record_expenditure(
                line=demo.record,
                spent_on=END,
                payee="2017년 집행 합계",
                description=RECONSTRUCTED,
                amount_won=demo.executed_won,
                evidence_reference="사업비 세부집행내역서",
            )
        if demo.interest_won:
            services.record_income(
                center=center,
                fiscal_year=fiscal_year,
                kind=IncomeKind.INTEREST,
                line=demo.record,
                account=accounts[(demo.chapter, demo.unit_name)],
                amount_won=demo.interest_won,
                received_on=END,
            )
        if demo.other_income_won:
            services.record_income(
                center=center,
                fiscal_year=fiscal_year,
                kind=IncomeKind.OTHER,
                line=demo.record,
                amount_won=demo.other_income_won,
                received_on=END,
            )
    for chapter, kind, amount in chapter_income:
        services.record_income(
            center=center,
            fiscal_year=fiscal_year,
            kind=kind,
            fund=_chapter_fund(chapter),
            chapter=chapter,
            account=accounts.get((chapter, "")) if kind == IncomeKind.INTEREST else None,
            amount_won=amount,
            received_on=END,
        )
    progress("  전용·교부·집행·이자·기타수익 기록")
    return len(lines)
