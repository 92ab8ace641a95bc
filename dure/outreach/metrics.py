"""The 홍보 및 연구 metrics: newsletter issues and subscribers, content, campaigns, events and
their attendance, visiting delegations, publications and research. Registered from here;
`programs` is not edited to add them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.outreach.models import (
    Campaign,
    Delegation,
    Event,
    EventKind,
    NewsletterIssue,
    Origin,
    Publication,
    ResearchProject,
    Story,
    StoryKind,
    Subscriber,
)
from dure.programs.metric_registry import Parameter, Scope, counted, metric, summed
from dure.programs.records.metrics import (
    CENTER,
    DATE,
    NOTES,
    PROGRAM,
    RECONSTRUCTED,
    choice_parameter,
    in_scope,
    name_of,
)


@metric(
    "outreach.newsletter_issues",
    label="뉴스레터 발행",
    measures={"count": counted("발행 횟수")},
    columns=(
        DATE,
        CENTER,
        Column("number", "호수", lambda r: r.number, "number"),
        Column("title", "제목", lambda r: r.title, "title"),
        Column("status", "상태", lambda r: r.get_status_display(), "status"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="outreach:newsletter_issue_detail",
    reconstructed_field="reconstructed",
)
def newsletter_issues(scope: Scope) -> QuerySet[NewsletterIssue]:
    """Newsletter issues of the scope's centers published within its dates."""
    return in_scope(NewsletterIssue.objects.all(), scope)


@metric(
    "outreach.subscribers",
    label="뉴스레터 구독자",
    measures={"count": counted("구독자 수")},
    columns=(
        Column("consented_at", "수신 동의", lambda r: format_date(r.consented_at), "consented_at"),
        CENTER,
        Column("consent_method", "동의 방법", lambda r: r.consent_method),
    ),
    for_listing=lambda rows: rows.select_related("center"),
)
def subscribers(scope: Scope) -> QuerySet[Subscriber]:
    """Subscribers on the scope's last day: consented by then and not unsubscribed by then."""
    return Subscriber.objects.filter(
        center_id__in=scope.center_ids, consented_at__date__lte=scope.ends_on
    ).filter(Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__date__gt=scope.ends_on))


@metric(
    "outreach.stories",
    label="홍보 콘텐츠",
    parameters={"kind": choice_parameter(StoryKind, "구분")},
    measures={"count": counted()},
    columns=(
        DATE,
        CENTER,
        Column("kind", "구분", lambda r: r.get_kind_display(), "kind"),
        Column("title", "제목", lambda r: r.title, "title"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="outreach:story_detail",
    reconstructed_field="reconstructed",
)
def stories(scope: Scope, *, kind: list[str] | None = None) -> QuerySet[Story]:
    """Stories and other content of the scope's centers published within its dates."""
    rows = in_scope(Story.objects.all(), scope)
    return rows.filter(kind__in=kind) if kind else rows


@metric(
    "outreach.campaigns",
    label="미디어 캠페인",
    measures={"count": counted()},
    columns=(
        DATE,
        CENTER,
        Column("partner", "협력 매체", name_of("partner"), "partner__name"),
        Column("title", "캠페인", lambda r: r.title, "title"),
    ),
    for_listing=lambda rows: rows.select_related("center", "partner"),
    record_page="outreach:campaign_detail",
    reconstructed_field="reconstructed",
)
def campaigns(scope: Scope) -> QuerySet[Campaign]:
    """Media campaigns of the scope's centers begun within its dates."""
    return in_scope(Campaign.objects.all(), scope)


@metric(
    "outreach.events",
    label="홍보 행사",
    parameters={"kind": choice_parameter(EventKind, "구분"), "program": PROGRAM},
    measures={"count": counted("횟수"), "sum_attendance": summed("참석 인원", "attendance")},
    columns=(
        DATE,
        CENTER,
        Column("kind", "구분", lambda r: r.get_kind_display(), "kind"),
        Column("title", "행사명", lambda r: r.title, "title"),
        Column("attendance", "참석 인원", lambda r: r.attendance, "attendance"),
        Column("approximate", "어림수", lambda r: "어림" if r.attendance_approximate else ""),
        NOTES,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="outreach:event_detail",
    reconstructed_field="reconstructed",
)
def events(
    scope: Scope, *, kind: list[str] | None = None, program: list[str] | None = None
) -> QuerySet[Event]:
    """Public events of the scope's centers held within its dates; by default only the
    indicator's program (사업=전체 counts every program's)."""
    rows = in_scope(Event.objects.all(), scope, program=program)
    return rows.filter(kind__in=kind) if kind else rows


@metric(
    "outreach.delegations",
    label="방문단",
    parameters={"origin": choice_parameter(Origin, "구분")},
    measures={
        "count": counted("방문 건수"),
        "sum_groups": summed("방문 기관 수", "groups"),
        "sum_people": summed("방문 인원", "people"),
    },
    columns=(
        Column("date", "방문일", lambda r: format_date(r.date), "date"),
        CENTER,
        Column("origin", "구분", lambda r: r.get_origin_display(), "origin"),
        Column("name", "방문 기관·단체", lambda r: r.name, "name"),
        Column("groups", "기관 수", lambda r: r.groups, "groups"),
        Column("group_unit", "단위", lambda r: r.group_unit),
        Column("people", "인원", lambda r: r.people, "people"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="outreach:delegation_detail",
    reconstructed_field="reconstructed",
)
def delegations(scope: Scope, *, origin: list[str] | None = None) -> QuerySet[Delegation]:
    """Delegations that visited the scope's centers within its dates (they belong to the
    center, not to a program)."""
    rows = Delegation.objects.filter(
        center_id__in=scope.center_ids, date__gte=scope.starts_on, date__lte=scope.ends_on
    )
    return rows.filter(origin__in=origin) if origin else rows


@metric(
    "outreach.publications",
    label="발간 자료",
    parameters={"series": Parameter("구분")},
    measures={"count": counted("자료 수")},
    columns=(
        Column("number", "번호", lambda r: r.number, "number"),
        Column("series", "구분", lambda r: r.series, "series"),
        Column("title", "자료명", lambda r: r.title, "title"),
        Column("published_on", "발간일", lambda r: format_date(r.published_on), "published_on"),
        CENTER,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="outreach:publication_detail",
)
def publications(scope: Scope, *, series: list[str] | None = None) -> QuerySet[Publication]:
    """Publications of the scope's centers issued within its dates (of the indicator's program
    when it names one)."""
    rows = in_scope(Publication.objects.all(), scope, date_field="published_on")
    return rows.filter(series__in=series) if series else rows


@metric(
    "outreach.research_projects",
    label="연구 사업",
    measures={"count": counted()},
    columns=(
        DATE,
        CENTER,
        Column("institution", "연구 기관", name_of("institution"), "institution__name"),
        Column("title", "연구명", lambda r: r.title, "title"),
        Column("ends_on", "종료일", lambda r: format_date(r.ends_on) if r.ends_on else ""),
    ),
    for_listing=lambda rows: rows.select_related("center", "institution"),
    record_page="outreach:research_project_detail",
    reconstructed_field="reconstructed",
)
def research_projects(scope: Scope) -> QuerySet[ResearchProject]:
    """Research projects of the scope's centers begun within its dates."""
    return in_scope(ResearchProject.objects.all(), scope)
