"""The 판로지원 metrics: consultations, visits (and the institutions visited), database entries,
briefings, fairs, district sales teams and opportunities with their contracts. Registered from
here; `programs` is not edited to add them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.market.models import (
    B2BLinkage,
    Briefing,
    CallerType,
    Channel,
    Consultation,
    DatabaseEntry,
    DemandCategory,
    DemandOrganization,
    EntryKind,
    EventParticipation,
    Fair,
    Listing,
    MarketingKind,
    MarketingSupport,
    Opportunity,
    Outlet,
    OutletKind,
    Purchase,
    SalesEvent,
    SalesTeam,
    SalesTeamMember,
    Segment,
    Stage,
    SupplySurvey,
    SupportKind,
    Visit,
)
from dure.programs.metric_registry import (
    MONEY_FAMILY,
    Measure,
    MetricError,
    Parameter,
    Scope,
    counted,
    metric,
    summed,
)
from dure.programs.metrics import DISTRICT
from dure.programs.records.metrics import CENTER, NOTES, RECONSTRUCTED
from dure.programs.records.metrics import choice_parameter as _choice
from dure.programs.records.metrics import distinct_enterprises as _distinct_enterprises
from dure.programs.records.metrics import distinct_institutions as _distinct_institutions
from dure.programs.records.metrics import in_scope as _in_scope
from dure.programs.records.metrics import name_of as _name
from dure.programs.records.metrics import record_date as _date


@metric(
    "market.consultations",
    label="공공구매 상담",
    parameters={
        "caller_type": _choice(CallerType, "상담자 구분"),
        "channel": Parameter("경로"),
        "district": DISTRICT,
    },
    measures={"count": counted()},
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("caller_type", "상담자 구분", lambda r: r.get_caller_type_display(), "caller_type"),
        Column("channel", "경로", lambda r: r.channel, "channel"),
        Column("district", "자치구", lambda r: r.district, "district"),
        Column("topic", "상담 주제", lambda r: r.topic),
        Column("outcome", "결과", lambda r: r.outcome),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="market:consultation_detail",
    reconstructed_field="reconstructed",
)
def consultations(
    scope: Scope,
    *,
    caller_type: list[str] | None = None,
    channel: list[str] | None = None,
    district: list[str] | None = None,
) -> QuerySet[Consultation]:
    """Consultations of the scope's centers on days within its dates."""
    rows = _in_scope(Consultation.objects.all(), scope, district)
    if caller_type:
        rows = rows.filter(caller_type__in=caller_type)
    if channel:
        rows = rows.filter(channel__in=channel)
    return rows


@metric(
    "market.visits",
    label="방문영업",
    parameters={"segment": _choice(Segment, "구분"), "district": DISTRICT},
    measures={
        "count": counted("방문횟수"),
        "distinct_institutions": _distinct_institutions("institution", "방문기관수"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("segment", "구분", lambda r: r.segment, "segment"),
        Column("institution", "방문 기관", _name("institution"), "institution__name"),
        Column("district", "자치구", lambda r: r.district, "district"),
        Column("staff", "방문자", lambda r: r.staff),
        Column("result", "결과", lambda r: r.result),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "institution"),
    record_page="market:visit_detail",
    reconstructed_field="reconstructed",
)
def visits(
    scope: Scope, *, segment: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[Visit]:
    """Sales visits of the scope's centers on days within its dates."""
    rows = _in_scope(Visit.objects.all(), scope, district)
    if segment:
        rows = rows.filter(segment__in=segment)
    return rows


@metric(
    "market.database_entries",
    label="DB 구축",
    parameters={"kind": _choice(EntryKind, "DB"), "district": DISTRICT},
    measures={"count": counted()},
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("kind", "DB", lambda r: r.get_kind_display(), "kind"),
        Column(
            "name",
            "기업·기관",
            lambda r: (
                (r.enterprise or r.institution).name if (r.enterprise or r.institution) else ""
            ),
        ),
        Column("district", "자치구", lambda r: r.district, "district"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "enterprise", "institution"),
    record_page="market:database_entry_detail",
    reconstructed_field="reconstructed",
)
def database_entries(
    scope: Scope, *, kind: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[DatabaseEntry]:
    """Database entries of the scope's centers made within its dates."""
    rows = _in_scope(DatabaseEntry.objects.all(), scope, district)
    if kind:
        rows = rows.filter(kind__in=kind)
    return rows


@metric(
    "market.briefings",
    label="교육·설명회",
    parameters={"district": DISTRICT},
    measures={
        "count": counted("횟수"),
        "sum_participants": summed("참여인원", "participants"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("audience", "대상", lambda r: r.audience),
        Column("title", "내용", lambda r: r.title),
        Column("participants", "참여인원", lambda r: r.participants, "participants"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="market:briefing_detail",
    reconstructed_field="reconstructed",
)
def briefings(scope: Scope, *, district: list[str] | None = None) -> QuerySet[Briefing]:
    """Briefing and training sessions of the scope's centers held within its dates."""
    return _in_scope(Briefing.objects.all(), scope, district)


@metric(
    "market.fairs",
    label="공공구매 박람회",
    parameters={"district": DISTRICT},
    measures={
        "count": counted("횟수"),
        "sum_visitors": summed("방문객", "visitors"),
        "sum_enterprises": summed("참여기업", "enterprises_count"),
        "sum_consultations": summed("상담건수", "consultations_count"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("host", "개최기관", _name("host"), "host__name"),
        Column("enterprises_count", "참여기업", lambda r: r.enterprises_count),
        Column("departments_count", "상담부서", lambda r: r.departments_count),
        Column("consultations_count", "상담건수", lambda r: r.consultations_count),
        Column("visitors", "방문객", lambda r: r.visitors, "visitors"),
    ),
    for_listing=lambda rows: rows.select_related("center", "host"),
    record_page="market:fair_detail",
    reconstructed_field="reconstructed",
)
def fairs(scope: Scope, *, district: list[str] | None = None) -> QuerySet[Fair]:
    """Procurement fairs of the scope's centers held within its dates."""
    return _in_scope(Fair.objects.all(), scope, district)


def _teams_in_scope(scope: Scope, district: list[str] | None) -> QuerySet[SalesTeam]:
    rows = SalesTeam.objects.filter(
        center_id__in=scope.center_ids,
        fiscal_year__starts_on__lte=scope.ends_on,
        fiscal_year__ends_on__gte=scope.starts_on,
    )
    if scope.program_id is not None:
        rows = rows.filter(program_id=scope.program_id)
    if district:
        rows = rows.filter(district__in=district)
    return rows


@metric(
    "market.sales_teams",
    label="자치구 영업지원단",
    parameters={"district": DISTRICT},
    measures={"count": counted("영업지원단 수")},
    columns=(
        CENTER,
        Column("district", "자치구", lambda t: t.district, "district"),
        Column("members", "시니어 영업인력", lambda t: ", ".join(m.name for m in t.members.all())),
    ),
    for_listing=lambda rows: rows.select_related("center").prefetch_related("members"),
    record_page="market:sales_team_detail",
)
def sales_teams(scope: Scope, *, district: list[str] | None = None) -> QuerySet[SalesTeam]:
    """District sales teams of the scope's centers in the scope's fiscal year."""
    return _teams_in_scope(scope, district)


@metric(
    "market.sales_staff",
    label="영업지원단 인력",
    parameters={"district": DISTRICT},
    measures={"count": counted("인원")},
    columns=(
        Column("center", "센터", lambda m: m.team.center.name),
        Column("district", "자치구", lambda m: m.team.district, "team__district"),
        Column("name", "이름", lambda m: m.name, "name"),
        Column("role", "역할", lambda m: m.role),
    ),
    for_listing=lambda rows: rows.select_related("team__center"),
    record_page=lambda member: reverse("market:sales_team_detail", args=[member.team_id]),
)
def sales_staff(scope: Scope, *, district: list[str] | None = None) -> QuerySet[SalesTeamMember]:
    """The senior sales people of the scope's district sales teams."""
    return SalesTeamMember.objects.filter(team__in=_teams_in_scope(scope, district))


@metric(
    "market.opportunities",
    label="판로 기회",
    parameters={
        "support_kind": _choice(SupportKind, "지원 방식"),
        "channel": _choice(Channel, "경로"),
        "stage": _choice(Stage, "단계"),
        "district": DISTRICT,
    },
    measures={
        "count": counted(),
        "contracts": Measure(
            "계약 건수",
            lambda filter=None: Count("pk", filter=_contracted(filter)),
            additive=True,
            empty_is_zero=True,
        ),
        "contract_amount": summed("계약금액", "contract_won", family=MONEY_FAMILY),
        "distinct_winners": _distinct_enterprises("winner", "계약 기업수"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("institution", "발주기관", _name("institution"), "institution__name"),
        Column("need", "수요 내용", lambda r: r.need),
        Column("support_kind", "지원 방식", lambda r: r.get_support_kind_display(), "support_kind"),
        Column("channel", "경로", lambda r: r.get_channel_display(), "channel"),
        Column("stage", "단계", lambda r: r.get_stage_display(), "stage"),
        Column("winner", "계약 기업", _name("winner"), "winner__name"),
        Column("contract_won", "계약금액(원)", lambda r: r.contract_won, "contract_won"),
        NOTES,
    ),
    for_listing=lambda rows: rows.select_related("center", "institution", "winner"),
    record_page="market:opportunity_detail",
    reconstructed_field="reconstructed",
)
def opportunities(
    scope: Scope,
    *,
    support_kind: list[str] | None = None,
    channel: list[str] | None = None,
    stage: list[str] | None = None,
    district: list[str] | None = None,
) -> QuerySet[Opportunity]:
    """Opportunities of the scope's centers taken up within its dates."""
    rows = _in_scope(Opportunity.objects.all(), scope, district)
    if support_kind:
        rows = rows.filter(support_kind__in=support_kind)
    if channel:
        rows = rows.filter(channel__in=channel)
    if stage:
        rows = rows.filter(stage__in=stage)
    return rows


def _contracted(extra: Q | None) -> Q:
    condition = Q(stage=Stage.CONTRACTED)
    return condition & extra if extra is not None else condition


# The private market ------------------------------------------------------------------------


def _filtered(model: Any, scope: Scope, district: list[str] | None, **conditions: Any) -> QuerySet:
    """A private-market metric's rows: the scope, then each given condition (field__in=values)."""
    rows = _in_scope(model.objects.all(), scope, district)
    for lookup, values in conditions.items():
        if values:
            rows = rows.filter(**{f"{lookup}__in": values})
    return rows


@metric(
    "market.demand_organizations",
    label="민간 수요처",
    parameters={"category": _choice(DemandCategory, "구분"), "district": DISTRICT},
    measures={"count": counted("수요처 수")},
    columns=(
        Column("category", "구분", lambda r: r.category, "category"),
        Column("institution", "수요처", _name("institution"), "institution__name"),
        Column("date", "발굴일", _date, "date"),
        CENTER,
    ),
    for_listing=lambda rows: rows.select_related("center", "institution"),
    record_page="market:demand_organization_detail",
)
def demand_organizations(
    scope: Scope, *, category: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[DemandOrganization]:
    """Private buyers found by the scope's centers within its dates."""
    return _filtered(DemandOrganization, scope, district, category=category)


@metric(
    "market.sales_linkages",
    label="영업연계",
    parameters={"district": DISTRICT},
    measures={
        "count": counted(),
        "sum_amount": summed("계약금액", "amount_won", family=MONEY_FAMILY),
        "distinct_suppliers": _distinct_enterprises("supplier"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        Column("supplier", "공급기업", _name("supplier"), "supplier__name"),
        Column("buyer", "수요기업", _name("buyer"), "buyer__name"),
        Column("item", "계약내용", lambda r: r.item),
        Column("amount_won", "계약금액(원)", lambda r: r.amount_won, "amount_won"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "supplier", "buyer"),
    record_page="market:sales_linkage_detail",
    reconstructed_field="reconstructed",
)
def sales_linkages(scope: Scope, *, district: list[str] | None = None) -> QuerySet[B2BLinkage]:
    """Sales linked by the scope's centers within its dates."""
    return _filtered(B2BLinkage, scope, district)


@metric(
    "market.supply_surveys",
    label="상품·공급역량 조사",
    parameters={"district": DISTRICT},
    measures={"count": counted()},
    columns=(
        Column("date", "일자", _date, "date"),
        Column("enterprise", "기업", _name("enterprise"), "enterprise__name"),
        Column("findings", "조사 내용", lambda r: r.findings),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "enterprise"),
    record_page="market:supply_survey_detail",
    reconstructed_field="reconstructed",
)
def supply_surveys(scope: Scope, *, district: list[str] | None = None) -> QuerySet[SupplySurvey]:
    """Product and supply-capacity surveys of the scope's centers within its dates."""
    return _filtered(SupplySurvey, scope, district)


@metric(
    "market.outlets",
    label="판매처",
    parameters={
        "kind": _choice(OutletKind, "종류"),
        "arrangement": Parameter("운영 방식"),
        "selected": Parameter("선정", clean=lambda text: _yes_no(text)),
        "district": DISTRICT,
    },
    measures={"count": counted("판매처 수")},
    columns=(
        Column("date", "일자", _date, "date"),
        Column("kind", "종류", lambda r: r.get_kind_display(), "kind"),
        Column("institution", "판매처", _name("institution"), "institution__name"),
        Column("arrangement", "운영 방식", lambda r: r.arrangement),
        Column("selected", "선정", lambda r: "선정" if r.selected else ""),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "institution"),
    record_page="market:outlet_detail",
    reconstructed_field="reconstructed",
)
def outlets(
    scope: Scope,
    *,
    kind: list[str] | None = None,
    arrangement: list[str] | None = None,
    selected: list[str] | None = None,
    district: list[str] | None = None,
) -> QuerySet[Outlet]:
    """Channels and stores taken on by the scope's centers within its dates."""
    rows = _filtered(Outlet, scope, district, kind=kind, arrangement=arrangement)
    if selected:
        rows = rows.filter(selected__in=[value == "예" for value in selected])
    return rows


def _yes_no(text: str) -> str:
    if text not in {"예", "아니오"}:
        raise MetricError(f"‘{text}’은(는) 예 또는 아니오가 아닙니다.")
    return text


@metric(
    "market.listings",
    label="입점",
    parameters={"outlet_kind": _choice(OutletKind, "판매처 종류"), "district": DISTRICT},
    measures={
        "count": counted("입점 제품 수"),
        "distinct_enterprises": _distinct_enterprises("enterprise"),
        "sum_sales": summed("매출", "sales_won", family=MONEY_FAMILY),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        Column("outlet_kind", "판매처 종류", lambda r: r.get_outlet_kind_display(), "outlet_kind"),
        Column("enterprise", "기업", _name("enterprise"), "enterprise__name"),
        Column("product", "제품", lambda r: r.product),
        Column("sales_won", "매출(원)", lambda r: r.sales_won, "sales_won"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "enterprise"),
    record_page="market:listing_detail",
    reconstructed_field="reconstructed",
)
def listings(
    scope: Scope, *, outlet_kind: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[Listing]:
    """Products placed in channels and stores by the scope's centers within its dates."""
    return _filtered(Listing, scope, district, outlet_kind=outlet_kind)


@metric(
    "market.marketing_supports",
    label="디지털 마케팅 지원",
    parameters={"kind": _choice(MarketingKind, "구분"), "district": DISTRICT},
    measures={"count": counted(), "distinct_enterprises": _distinct_enterprises("enterprise")},
    columns=(
        Column("date", "일자", _date, "date"),
        Column("kind", "구분", lambda r: r.get_kind_display(), "kind"),
        Column("enterprise", "기업", _name("enterprise"), "enterprise__name"),
        Column("content", "지원 내용", lambda r: r.content),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "enterprise"),
    record_page="market:marketing_support_detail",
    reconstructed_field="reconstructed",
)
def marketing_supports(
    scope: Scope, *, kind: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[MarketingSupport]:
    """Digital-marketing support given by the scope's centers within its dates."""
    return _filtered(MarketingSupport, scope, district, kind=kind)


@metric(
    "market.sales_events",
    label="판매 행사",
    parameters={"kind": Parameter("행사 구분"), "district": DISTRICT},
    measures={"count": counted("행사 수")},
    columns=(
        Column("date", "일자", _date, "date"),
        Column("kind", "구분", lambda r: r.kind, "kind"),
        Column("name", "행사명", lambda r: r.name, "name"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="market:sales_event_detail",
    reconstructed_field="reconstructed",
)
def sales_events(
    scope: Scope, *, kind: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[SalesEvent]:
    """Promotions, fair-shop days and trade fairs of the scope's centers within its dates."""
    return _filtered(SalesEvent, scope, district, kind=kind)


@metric(
    "market.event_participations",
    label="행사 참가",
    parameters={"event_kind": Parameter("행사 구분"), "district": DISTRICT},
    measures={
        "count": counted("참가 건수"),
        "sum_sales": summed("매출", "sales_won", family=MONEY_FAMILY),
        "distinct_enterprises": _distinct_enterprises("enterprise"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        Column("event", "행사", lambda r: r.event.name, "event__name"),
        Column("enterprise", "기업", _name("enterprise"), "enterprise__name"),
        Column("sales_won", "매출(원)", lambda r: r.sales_won, "sales_won"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "event", "enterprise"),
    record_page=lambda row: reverse("market:sales_event_detail", args=[row.event_id]),
    reconstructed_field="reconstructed",
)
def event_participations(
    scope: Scope, *, event_kind: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[EventParticipation]:
    """Enterprises' parts in the sales events of the scope's centers within its dates."""
    return _filtered(EventParticipation, scope, district, event__kind=event_kind)


@metric(
    "market.purchases",
    label="기관 구매 실적",
    parameters={"social_economy": Parameter("사회적경제기업 구매", clean=_yes_no)},
    measures={
        "count": counted(),
        "sum_amount": summed("구매액", "amount_won", family=MONEY_FAMILY),
        "distinct_institutions": _distinct_institutions("institution", "구매 기관수"),
    },
    columns=(
        Column("resolved_on", "결의일", lambda r: format_date(r.resolved_on), "resolved_on"),
        Column("institution", "구매 기관", _name("institution"), "institution__name"),
        Column("supplier_name", "공급자", lambda r: r.supplier_name),
        Column("supplier_business_number", "사업자등록번호", lambda r: r.supplier_business_number),
        Column("item", "품목", lambda r: r.item),
        Column("amount_won", "금액(원)", lambda r: r.amount_won, "amount_won"),
    ),
    for_listing=lambda rows: rows.select_related("institution"),
    record_page=lambda row: reverse("market:purchase_list") + f"?institution={row.institution_id}",
)
def purchases(scope: Scope, *, social_economy: list[str] | None = None) -> QuerySet[Purchase]:
    """Institutions' purchases recorded by the scope's centers, resolved within its dates; with
    사회적경제기업 구매=예 only those from a supplier designated on the 결의일."""
    from dure.market.matching import social_economy_purchases

    rows: QuerySet[Purchase] = Purchase.objects.filter(
        center_id__in=scope.center_ids,
        resolved_on__gte=scope.starts_on,
        resolved_on__lte=scope.ends_on,
    )
    if social_economy == ["예"]:
        rows = social_economy_purchases(rows)
    elif social_economy == ["아니오"]:
        rows = rows.exclude(pk__in=social_economy_purchases(rows).values("pk"))
    return rows
