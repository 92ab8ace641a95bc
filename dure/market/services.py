"""판로지원 records: every change goes through here (one transaction, validated, audited)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from dure.core.models import Center, FiscalYear
from dure.market.models import (
    Briefing,
    Consultation,
    DatabaseEntry,
    Fair,
    Opportunity,
    SalesTeam,
    SalesTeamMember,
    Stage,
    Visit,
)
from dure.programs.models import Program
from dure.registry.models import Enterprise

RecordT = TypeVar("RecordT")


def _save(row: RecordT) -> RecordT:
    row.full_clean()  # type: ignore[attr-defined]
    row.save()  # type: ignore[attr-defined]
    return row


@transaction.atomic
def record_consultation(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> Consultation:
    """Log a procurement consultation (call center or district team)."""
    return _save(Consultation(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_visit(*, center: Center, program: Program, date: datetime.date, **fields: Any) -> Visit:
    """Log a sales visit to an institution."""
    return _save(Visit(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_database_entry(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> DatabaseEntry:
    """Log an enterprise or institution entered in the procurement databases."""
    entry = DatabaseEntry(center=center, program=program, date=date, **fields)
    if (entry.enterprise_id is None) == (entry.institution_id is None) and not entry.reconstructed:
        raise ValidationError("기업이나 기관 하나를 골라야 합니다.")
    return _save(entry)


@transaction.atomic
def record_briefing(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> Briefing:
    """Log a briefing or training session."""
    return _save(Briefing(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_fair(*, center: Center, program: Program, date: datetime.date, **fields: Any) -> Fair:
    """Log a procurement fair."""
    return _save(Fair(center=center, program=program, date=date, **fields))


@transaction.atomic
def update_record(record: RecordT, **fields: Any) -> RecordT:
    """Change any 판로지원 record; the audit log keeps the before and after."""
    for name, value in fields.items():
        setattr(record, name, value)
    return _save(record)


@transaction.atomic
def delete_record(record: Any) -> None:
    """Delete a record (refused while its year is settled)."""
    record.delete()


@transaction.atomic
def save_sales_team(
    *,
    center: Center,
    fiscal_year: FiscalYear,
    program: Program,
    district: str,
    members: Iterable[str],
    notes: str = "",
) -> SalesTeam:
    """A district's sales team of the year with its senior sales staff (replaces the list)."""
    team = SalesTeam.objects.filter(
        center=center, fiscal_year=fiscal_year, district=district
    ).first() or SalesTeam(center=center, fiscal_year=fiscal_year, district=district)
    team.program = program
    team.notes = notes
    if not program.is_open_to(center) or program.area.fiscal_year_id != fiscal_year.pk:
        raise ValidationError({"program": "이 센터·연도의 사업이 아닙니다."})
    _save(team)
    names = [name.strip() for name in members if name.strip()]
    team.members.all().delete()
    SalesTeamMember.objects.bulk_create([SalesTeamMember(team=team, name=n) for n in names])
    return team


@transaction.atomic
def open_opportunity(
    *,
    center: Center,
    program: Program,
    date: datetime.date,
    bidders: Iterable[Enterprise] = (),
    **fields: Any,
) -> Opportunity:
    """Take up an institution's need as an opportunity."""
    opportunity = _save(Opportunity(center=center, program=program, date=date, **fields))
    opportunity.bidders.set(list(bidders))
    _check_winner(opportunity)
    return opportunity


@transaction.atomic
def advance_opportunity(
    opportunity: Opportunity,
    *,
    stage: str,
    bidders: Iterable[Enterprise] | None = None,
    winner: Enterprise | None = None,
    contracted_on: datetime.date | None = None,
    contract_won: int | None = None,
) -> Opportunity:
    """Move an opportunity on: bidders, the winner and the contract it ended in."""
    opportunity.stage = stage
    missing = winner is None or contracted_on is None or contract_won is None
    if stage == Stage.CONTRACTED and missing:
        raise ValidationError("계약에는 계약 기업, 계약일, 계약금액이 모두 필요합니다.")
    opportunity.winner = winner
    opportunity.contracted_on = contracted_on
    opportunity.contract_won = contract_won
    _save(opportunity)
    if bidders is not None:
        opportunity.bidders.set(list(bidders))
    _check_winner(opportunity)
    return opportunity


def _check_winner(opportunity: Opportunity) -> None:
    if opportunity.winner_id is None:
        return
    if (
        opportunity.bidders.exists()
        and not opportunity.bidders.filter(pk=opportunity.winner_id).exists()
    ):
        opportunity.bidders.add(opportunity.winner_id)
