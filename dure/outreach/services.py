"""홍보 및 연구 records: every change goes through here (one transaction, validated, audited).
Newsletter sending runs as a background task in batches through Django's mail backend."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dure.core.models import Center
from dure.outreach.models import (
    Campaign,
    Delegation,
    Delivery,
    Event,
    IssueStatus,
    NewsletterIssue,
    Publication,
    ResearchProject,
    Story,
    Subscriber,
)
from dure.programs.models import Program
from dure.programs.records.services import save_record


def _record(model: Any, *, center: Center, program: Program, date: datetime.date, **fields: Any):
    return save_record(model(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_newsletter_issue(**fields: Any) -> NewsletterIssue:
    """Write a newsletter issue (a draft until it is sent)."""
    return _record(NewsletterIssue, **fields)


@transaction.atomic
def record_story(**fields: Any) -> Story:
    """Record a story, announcement or other piece of content."""
    return _record(Story, **fields)


@transaction.atomic
def record_campaign(**fields: Any) -> Campaign:
    """Record a campaign with a media partner."""
    return _record(Campaign, **fields)


@transaction.atomic
def record_event(**fields: Any) -> Event:
    """Record a public event and its attendance."""
    return _record(Event, **fields)


@transaction.atomic
def record_research_project(**fields: Any) -> ResearchProject:
    """Record commissioned research."""
    return _record(ResearchProject, **fields)


@transaction.atomic
def record_delegation(*, center: Center, **fields: Any) -> Delegation:
    """Record a delegation's visit."""
    return save_record(Delegation(center=center, **fields))


@transaction.atomic
def record_publication(*, center: Center, **fields: Any) -> Publication:
    """Add a publication to the archive."""
    publication = Publication(center=center, **fields)
    program = publication.program if publication.program_id is not None else None
    if program is not None and not program.is_open_to(center):
        raise ValidationError({"program": "이 센터가 기록할 수 있는 사업이 아닙니다."})
    return save_record(publication)


# Subscribers ----------------------------------------------------------------------------------


@transaction.atomic
def add_subscriber(
    *,
    center: Center,
    email: str,
    consented_at: datetime.datetime,
    consent_method: str,
    name: str = "",
    organisation: str = "",
) -> Subscriber:
    """Add a subscriber with the consent they gave; one who had left and consents again is
    subscribed again (same address, new consent)."""
    address = email.strip().lower()
    subscriber = Subscriber.objects.filter(center=center, email=address).first()
    if subscriber is not None and subscriber.is_active:
        raise ValidationError({"email": f"‘{address}’은(는) 이미 구독 중입니다."})
    subscriber = subscriber or Subscriber(center=center, email=address)
    subscriber.name = name
    subscriber.organisation = organisation
    subscriber.consented_at = consented_at
    subscriber.consent_method = consent_method
    subscriber.unsubscribed_at = None
    return save_record(subscriber)


@transaction.atomic
def unsubscribe(*, token: str) -> Subscriber | None:
    """End a subscription by the token of its link (None when the link names nobody)."""
    subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
    if subscriber is None:
        return None
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        save_record(subscriber)
    return subscriber


# Sending ------------------------------------------------------------------------------------------


def recipients(issue: NewsletterIssue):
    """The subscribers an issue goes to: the center's, consented and not unsubscribed."""
    return Subscriber.objects.filter(
        center_id=issue.center_id, unsubscribed_at__isnull=True
    ).order_by("pk")


@transaction.atomic
def send_issue(issue: NewsletterIssue) -> int:
    """Start sending an issue: its deliveries are planned now, the mail goes out in batches
    from a background task. Returns how many subscribers it goes to."""
    from dure.outreach.tasks import send_newsletter_batch

    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != IssueStatus.DRAFT:
        raise ValidationError(f"‘{issue}’은(는) 이미 {issue.get_status_display()} 상태입니다.")
    if not issue.body.strip():
        raise ValidationError({"body": "본문이 없는 뉴스레터는 보낼 수 없습니다."})
    targets = list(recipients(issue))
    if not targets:
        raise ValidationError("수신에 동의한 구독자가 없습니다.")
    Delivery.objects.bulk_create(
        [Delivery(issue=issue, subscriber=s) for s in targets], ignore_conflicts=True
    )
    issue.status = IssueStatus.SENDING
    save_record(issue)
    transaction.on_commit(lambda: send_newsletter_batch.enqueue(issue.pk))
    return len(targets)


def _message(issue: NewsletterIssue, subscriber: Subscriber, connection: Any) -> Any:
    link = settings.DURE_SITE_URL.rstrip("/") + reverse(
        "outreach:unsubscribe", args=[subscriber.token]
    )
    text = f"{issue.body}\n\n--\n수신을 원하지 않으시면 이 주소에서 거부할 수 있습니다: {link}\n"
    message = EmailMultiAlternatives(
        subject=issue.title,
        body=text,
        to=[subscriber.email],
        connection=connection,
        headers={"List-Unsubscribe": f"<{link}>"},
    )
    return message


def send_batch(issue: NewsletterIssue, *, size: int | None = None) -> int:
    """Send the next batch of an issue's unsent deliveries; returns how many remain. A delivery
    is marked sent only once its mail went out, so a re-run after a crash sends the rest."""
    size = size or settings.DURE_NEWSLETTER_BATCH_SIZE
    pending = list(
        Delivery.objects.filter(issue=issue, sent_at__isnull=True, subscriber__unsubscribed_at=None)
        .select_related("subscriber")
        .order_by("pk")[:size]
    )
    with get_connection() as connection:
        for delivery in pending:
            try:
                _message(issue, delivery.subscriber, connection).send()
            except OSError as error:
                delivery.error = str(error)[:300]
            else:
                delivery.sent_at = timezone.now()
                delivery.error = ""
            delivery.save(update_fields=["sent_at", "error"])
    remaining = Delivery.objects.filter(
        issue=issue, sent_at__isnull=True, subscriber__unsubscribed_at=None, error=""
    ).count()
    if remaining == 0:
        with transaction.atomic():
            issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
            if issue.status == IssueStatus.SENDING:
                issue.status = IssueStatus.SENT
                issue.sent_at = timezone.now()
                save_record(issue)
    return remaining


def sending_progress(issue: NewsletterIssue) -> dict[str, int]:
    deliveries = Delivery.objects.filter(issue=issue)
    return {
        "total": deliveries.count(),
        "sent": deliveries.filter(sent_at__isnull=False).count(),
        "failed": deliveries.filter(sent_at__isnull=True).exclude(error="").count(),
    }
