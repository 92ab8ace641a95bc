"""홍보 및 연구 screens: the list, page, form and deletion of every record type; a newsletter
issue's sending with its progress; subscribers (their e-mail shown only on their own page, which
is logged); and the public 수신 거부 link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dure.core.access import (
    center_of,
    client_ip,
    get_editable_or_404,
    get_visible_or_404,
    public,
    require,
)
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.models import AccessAction
from dure.core.roles import Capability
from dure.core.services import record_personal_data_access
from dure.outreach import forms, models, services
from dure.programs.records.views import RecordScreens, RecordType


def _issue_context(request: AuthenticatedRequest, issue: Any) -> dict[str, Any]:
    return {
        "progress": services.sending_progress(issue),
        "recipients": services.recipients(issue).count(),
        "can_send": issue.status == models.IssueStatus.DRAFT
        and request.user.can(Capability.RECORD_ACTIVITIES),
    }


SCREENS = RecordScreens(
    namespace="outreach",
    heading="홍보 및 연구",
    types=(
        RecordType(
            "newsletter_issue",
            "newsletters",
            "뉴스레터",
            models.NewsletterIssue,
            forms.NewsletterIssueForm,
            "outreach.newsletter_issues",
            services.record_newsletter_issue,
            ("status",),
            detail_template="outreach/newsletter_issue_detail.html",
            detail_context=_issue_context,
        ),
        RecordType(
            "story",
            "stories",
            "홍보 콘텐츠",
            models.Story,
            forms.StoryForm,
            "outreach.stories",
            services.record_story,
            ("kind",),
        ),
        RecordType(
            "campaign",
            "campaigns",
            "미디어 캠페인",
            models.Campaign,
            forms.CampaignForm,
            "outreach.campaigns",
            services.record_campaign,
        ),
        RecordType(
            "event",
            "events",
            "홍보 행사",
            models.Event,
            forms.EventForm,
            "outreach.events",
            services.record_event,
            ("kind",),
        ),
        RecordType(
            "delegation",
            "delegations",
            "방문단",
            models.Delegation,
            forms.DelegationForm,
            "outreach.delegations",
            services.record_delegation,
            filter=forms.DelegationFilter,
        ),
        RecordType(
            "publication",
            "publications",
            "발간 자료",
            models.Publication,
            forms.PublicationForm,
            "outreach.publications",
            services.record_publication,
            filter=forms.PublicationFilter,
            default_sort="-published_on",
        ),
        RecordType(
            "research_project",
            "research",
            "연구 사업",
            models.ResearchProject,
            forms.ResearchProjectForm,
            "outreach.research_projects",
            services.record_research_project,
        ),
    ),
    extra_tabs=(("subscriber", "outreach:subscriber_list", "구독자"),),
)


@require(Capability.RECORD_ACTIVITIES)
@require_POST
def newsletter_send(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    issue = get_editable_or_404(models.NewsletterIssue, request.user, pk=pk)
    try:
        count = services.send_issue(issue)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, f"구독자 {count:,}명에게 보내기 시작했습니다.")
    return redirect("outreach:newsletter_issue_detail", pk=pk)


@require(Capability.VIEW_REPORTS)
def newsletter_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    issue = get_visible_or_404(models.NewsletterIssue, request.user, pk=pk)
    context = {"record": issue, **_issue_context(request, issue)}
    return render(request, "outreach/newsletter_issue_detail.html#progress", context)


@require(Capability.RECORD_ACTIVITIES)
def subscriber_list(request: AuthenticatedRequest) -> HttpResponse:
    subscribers = models.Subscriber.objects.visible_to(request.user).select_related("center")
    form = forms.SubscriberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_subscriber(center=center_of(request.user), **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, "구독자를 더했습니다.")
            return redirect("outreach:subscriber_list")
    context = {
        "screens": SCREENS,
        "tab": "subscriber",
        "subscribers": subscribers.order_by("unsubscribed_at", "-consented_at")[:500],
        "active": subscribers.filter(unsubscribed_at__isnull=True).count(),
        "form": form,
    }
    return render(request, "outreach/subscriber_list.html", context)


@require(Capability.VIEW_PERSONAL_DATA)
def subscriber_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    subscriber = get_visible_or_404(models.Subscriber, request.user, pk=pk)
    record_personal_data_access(
        user=request.user,
        ip_address=client_ip(request),
        path=request.get_full_path(),
        subject=subscriber,
        action=AccessAction.VIEW,
    )
    deliveries = subscriber.deliveries.select_related("issue").order_by("-issue__date")[:50]
    context = {
        "screens": SCREENS,
        "tab": "subscriber",
        "subscriber": subscriber,
        "deliveries": deliveries,
    }
    return render(request, "outreach/subscriber_detail.html", context)


@public
def unsubscribe(request: Any, token: str) -> HttpResponse:
    """The link in every newsletter: a confirmation page, and 수신 거부 on POST."""
    known = models.Subscriber.objects.filter(token=token).exists()
    done = False
    if request.method == "POST" and known:
        services.unsubscribe(token=token)
        done = True
    status = 200 if known else 404
    context = {"known": known, "done": done}
    return render(request, "outreach/unsubscribe.html", context, status=status)
