"""판로지원 screens: a list, a page, a form and deletion for every record type, the quick visit
form for a phone, the opportunity pipeline with 기업 찾기, sales teams, sales events with their
participants, and institutions' priority purchasing."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dure.core.access import center_of, get_editable_or_404, get_visible_or_404, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.listing import build_listing, export_rows
from dure.core.models import FiscalYear
from dure.core.roles import Capability
from dure.market import forms, models, services
from dure.market.matching import match_enterprises, priority_purchases
from dure.programs.metric_registry import get_metric
from dure.programs.records.views import RecordScreens, RecordType
from dure.registry.models import Enterprise, Institution


def _opportunity_context(request: AuthenticatedRequest, opportunity: Any) -> dict[str, Any]:
    center = opportunity.center
    bidders = opportunity.bidders.all()
    on = opportunity.date
    candidates = Enterprise.objects.referable(user=request.user, center=center)
    matches = match_enterprises(
        candidates=candidates,
        category=opportunity.category,
        keywords=opportunity.keywords,
        district=opportunity.district or opportunity.institution.district,
        on=on,
    )
    advance = forms.AdvanceForm(
        initial={
            "stage": opportunity.stage,
            "bidders": list(bidders),
            "winner": opportunity.winner.name if opportunity.winner else "",
            "contracted_on": opportunity.contracted_on,
            "contract_won": opportunity.contract_won,
        },
        user=request.user,
        center=center,
        bidders=Enterprise.objects.filter(
            pk__in=[m.enterprise.pk for m in matches] + [b.pk for b in bidders]
        ),
    )
    return {"matches": matches, "bidders": bidders, "advance_form": advance, "matched_on": on}


def _sales_event_context(request: AuthenticatedRequest, event: Any) -> dict[str, Any]:
    return {
        "participations": event.participations.select_related("enterprise"),
        "participation_form": forms.ParticipationForm(
            user=request.user, center=center_of(request.user)
        ),
    }


TYPES = [
    RecordType(
        "visit",
        "visits",
        "방문영업",
        models.Visit,
        forms.VisitForm,
        "market.visits",
        services.record_visit,
        ("segment",),
        links=(("market:visit_quick", "휴대폰으로 빠르게 기록"),),
    ),
    RecordType(
        "consultation",
        "consultations",
        "공공구매 상담",
        models.Consultation,
        forms.ConsultationForm,
        "market.consultations",
        services.record_consultation,
        ("caller_type",),
    ),
    RecordType(
        "opportunity",
        "opportunities",
        "판로 기회",
        models.Opportunity,
        forms.OpportunityForm,
        "market.opportunities",
        services.open_opportunity,
        ("stage", "channel", "support_kind"),
        detail_template="market/opportunity_detail.html",
        detail_context=_opportunity_context,
    ),
    RecordType(
        "fair",
        "fairs",
        "공공구매 박람회",
        models.Fair,
        forms.FairForm,
        "market.fairs",
        services.record_fair,
    ),
    RecordType(
        "briefing",
        "briefings",
        "교육·설명회",
        models.Briefing,
        forms.BriefingForm,
        "market.briefings",
        services.record_briefing,
    ),
    RecordType(
        "database_entry",
        "database-entries",
        "DB 구축",
        models.DatabaseEntry,
        forms.DatabaseEntryForm,
        "market.database_entries",
        services.record_database_entry,
        ("kind",),
    ),
    RecordType(
        "demand_organization",
        "demand-organizations",
        "민간 수요처",
        models.DemandOrganization,
        forms.DemandOrganizationForm,
        "market.demand_organizations",
        lambda **f: services.record_demand_organization(**f),
        ("category",),
    ),
    RecordType(
        "sales_linkage",
        "sales-linkages",
        "영업연계",
        models.B2BLinkage,
        forms.B2BLinkageForm,
        "market.sales_linkages",
        lambda **f: services.record_b2b_linkage(**f),
    ),
    RecordType(
        "supply_survey",
        "supply-surveys",
        "상품·공급역량 조사",
        models.SupplySurvey,
        forms.SupplySurveyForm,
        "market.supply_surveys",
        lambda **f: services.record_supply_survey(**f),
    ),
    RecordType(
        "outlet",
        "outlets",
        "판매처",
        models.Outlet,
        forms.OutletForm,
        "market.outlets",
        lambda **f: services.record_outlet(**f),
        ("kind",),
    ),
    RecordType(
        "listing",
        "listings",
        "입점",
        models.Listing,
        forms.ListingForm,
        "market.listings",
        lambda **f: services.record_listing(**f),
        ("outlet_kind",),
    ),
    RecordType(
        "marketing_support",
        "marketing",
        "디지털 마케팅 지원",
        models.MarketingSupport,
        forms.MarketingSupportForm,
        "market.marketing_supports",
        lambda **f: services.record_marketing_support(**f),
        ("kind",),
    ),
    RecordType(
        "sales_event",
        "sales-events",
        "판매 행사",
        models.SalesEvent,
        forms.SalesEventForm,
        "market.sales_events",
        lambda **f: services.record_sales_event(**f),
        ("kind",),
        detail_template="market/sales_event_detail.html",
        detail_context=_sales_event_context,
    ),
]
SCREENS = RecordScreens(
    namespace="market",
    heading="판로지원",
    types=TYPES,
    extra_tabs=(
        ("sales_team", "market:sales_team_list", "자치구 영업지원단"),
        ("purchase", "market:priority_purchases", "우선구매 실적"),
    ),
)


@require(Capability.RECORD_ACTIVITIES)
def visit_quick(request: AuthenticatedRequest) -> HttpResponse:
    """A visit logged from a phone: today, the institution typed, what it was for and came to."""
    record_type = SCREENS.type_of("visit")
    center = center_of(request.user)
    record = models.Visit(center=center)
    latest = (
        models.Visit.objects.filter(center=center, program__in=forms.open_programs(center))
        .order_by("-date", "-pk")
        .values_list("program", flat=True)
        .first()
    )
    form = forms.VisitForm(
        request.POST or None,
        instance=record,
        user=request.user,
        center=center,
        initial={"program": latest},
    )
    for hidden in ("district", "notes", "staff"):
        form.fields.pop(hidden, None)
    # A visit logged as it happens names where it went and whom it was to.
    form.fields["institution"].required = True
    form.fields["segment"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.record_visit(
                center=center,
                staff=request.user.get_full_name() or request.user.username,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, f"{saved.institution} 방문을 기록했습니다.")
            return redirect("market:visit_quick")
    return render(
        request, "market/visit_quick.html", SCREENS.context(request, record_type, form=form)
    )


# Opportunities -----------------------------------------------------------------------------


@require(Capability.RECORD_ACTIVITIES)
def opportunity_advance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_editable_or_404(models.Opportunity, request.user, pk=pk)
    if request.method != "POST":
        return redirect("market:opportunity_detail", pk=pk)
    form = forms.AdvanceForm(
        request.POST,
        user=request.user,
        center=opportunity.center,
        bidders=Enterprise.objects.referable(user=request.user, center=opportunity.center),
    )
    if not form.is_valid():
        for field, problems in form.errors.items():
            for problem in problems:
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {problem}" if label else str(problem))
        return redirect("market:opportunity_detail", pk=pk)
    data = form.cleaned_data
    try:
        services.advance_opportunity(
            opportunity,
            stage=data["stage"],
            bidders=data["bidders"],
            winner=data["winner"],
            contracted_on=data["contracted_on"],
            contract_won=data["contract_won"],
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, "판로 기회를 바꿨습니다.")
    return redirect("market:opportunity_detail", pk=pk)


# Sales teams, sales events, purchases -------------------------------------------------------------


@require(Capability.VIEW_REPORTS)
def sales_team_list(request: AuthenticatedRequest) -> HttpResponse:
    teams = (
        models.SalesTeam.objects.visible_to(request.user)
        .select_related("center", "fiscal_year", "program")
        .prefetch_related("members")
        .order_by("-fiscal_year__year", "district")
    )
    form = None
    if request.user.can(Capability.RECORD_ACTIVITIES):
        center = center_of(request.user)
        form = forms.SalesTeamForm(request.POST or None, center=center)
        if request.method == "POST" and form.is_valid():
            program = form.cleaned_data["program"]
            try:
                team = services.save_sales_team(
                    center=center,
                    fiscal_year=program.area.fiscal_year,
                    program=program,
                    district=form.cleaned_data["district"],
                    members=form.cleaned_data["members"].splitlines(),
                    notes=form.cleaned_data["notes"],
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, f"{team} 명단을 저장했습니다.")
                return redirect("market:sales_team_detail", pk=team.pk)
    return render(
        request,
        "market/sales_team_list.html",
        {"screens": SCREENS, "teams": teams, "form": form, "tab": "sales_team"},
    )


@require(Capability.VIEW_REPORTS)
def sales_team_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = get_visible_or_404(models.SalesTeam, request.user, pk=pk)
    return render(
        request,
        "market/sales_team_detail.html",
        {"screens": SCREENS, "team": team, "members": team.members.all(), "tab": "sales_team"},
    )


@require(Capability.RECORD_ACTIVITIES)
def participation_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_editable_or_404(models.SalesEvent, request.user, pk=pk)
    form = forms.ParticipationForm(request.POST or None, user=request.user, center=event.center)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_participation(event=event, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "참가 기업을 더했습니다.")
    else:
        for field, problems in form.errors.items():
            for problem in problems:
                messages.error(request, f"{form.fields[field].label}: {problem}")
    return redirect("market:sales_event_detail", pk=pk)


@require(Capability.VIEW_REPORTS)
def purchase_list(request: AuthenticatedRequest) -> HttpResponse:
    metric = get_metric("market.purchases")
    visible = models.Purchase.objects.visible_to(request.user).select_related("institution")
    listing, rows = build_listing(
        request, visible, forms.PurchaseFilter, metric.columns, default_sort="-resolved_on"
    )
    if request.GET.get("export") in {"xlsx", "csv"}:
        return export_rows(
            rows, metric.columns, file_format=request.GET["export"], filename="purchases"
        )
    table = [("", [c.value(row) for c in listing.columns]) for row in listing.page]
    template = "market/purchase_list.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {"screens": SCREENS, "listing": listing, "table": table, "tab": "purchase"},
    )


@require(Capability.VIEW_REPORTS)
def priority_purchase_report(request: AuthenticatedRequest) -> HttpResponse:
    """Each institution's year: purchases, those from designated enterprises, the share."""
    years = FiscalYear.objects.order_by("-year")
    chosen = request.GET.get("year", "")
    latest = years.first()
    default = latest.year if latest is not None else datetime.date.today().year
    year = int(chosen) if chosen.isdigit() else default
    purchases = models.Purchase.objects.visible_to(request.user)
    institutions = Institution.objects.visible_to(request.user).filter(
        pk__in=purchases.values("institution")
    )
    rows = priority_purchases(purchases=purchases, institutions=institutions, year=year)
    return render(
        request,
        "market/priority_purchases.html",
        {"screens": SCREENS, "rows": rows, "year": year, "years": years, "tab": "purchase"},
    )


@require(Capability.RECORD_ACTIVITIES)
def purchase_create(request: AuthenticatedRequest) -> HttpResponse:
    center = center_of(request.user)
    form = forms.PurchaseForm(
        request.POST or None,
        instance=models.Purchase(center=center),
        user=request.user,
        center=center,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_purchase(center=center, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, "구매 실적을 기록했습니다.")
            return redirect("market:purchase_list")
    return render(
        request, "market/purchase_form.html", {"screens": SCREENS, "form": form, "tab": "purchase"}
    )
