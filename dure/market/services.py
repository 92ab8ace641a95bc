"""판로지원 records: every change goes through here (one transaction, validated, audited)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dure.core.models import Center, FiscalYear
from dure.market.models import (
    B2BLinkage,
    Briefing,
    Consultation,
    DatabaseEntry,
    DemandOrganization,
    EventParticipation,
    Fair,
    Listing,
    MarketingSupport,
    Opportunity,
    Outlet,
    Purchase,
    SalesEvent,
    SalesTeam,
    SalesTeamMember,
    Stage,
    SupplySurvey,
    Visit,
)
from dure.programs.models import Program
from dure.programs.records.services import save_record as _save
from dure.registry.models import Enterprise


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


# The private market ---------------------------------------------------------------------


def _record(
    model: Any, *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> Any:
    return _save(model(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_demand_organization(**fields: Any) -> DemandOrganization:
    """Add a private buyer found (민간 수요처)."""
    return _record(DemandOrganization, **fields)


@transaction.atomic
def record_b2b_linkage(**fields: Any) -> B2BLinkage:
    """Log a sale linked between a supplier enterprise and a private buyer."""
    return _record(B2BLinkage, **fields)


@transaction.atomic
def record_supply_survey(**fields: Any) -> SupplySurvey:
    """Log an enterprise's products and supply capacity surveyed."""
    return _record(SupplySurvey, **fields)


@transaction.atomic
def record_outlet(**fields: Any) -> Outlet:
    """Add a channel or store taken on."""
    return _record(Outlet, **fields)


@transaction.atomic
def record_listing(**fields: Any) -> Listing:
    """Log a product placed in a channel or store; its kind follows the outlet when named."""
    outlet = fields.get("outlet")
    if outlet is not None:
        fields["outlet_kind"] = outlet.kind
    return _record(Listing, **fields)


@transaction.atomic
def record_marketing_support(**fields: Any) -> MarketingSupport:
    """Log digital-marketing support given to an enterprise."""
    return _record(MarketingSupport, **fields)


@transaction.atomic
def record_sales_event(**fields: Any) -> SalesEvent:
    """Log a promotion, a fair-shop day or a trade fair."""
    return _record(SalesEvent, **fields)


@transaction.atomic
def record_participation(*, event: SalesEvent, **fields: Any) -> EventParticipation:
    """Add an enterprise's part in a sales event, with its sales."""
    return _save(
        EventParticipation(
            center=event.center, program=event.program, date=event.date, event=event, **fields
        )
    )


@transaction.atomic
def record_purchase(*, center: Center, **fields: Any) -> Purchase:
    """Add one purchase of an institution's ledger (its 결의일, supplier and amount)."""
    return _save(Purchase(center=center, **fields))
