"""Newsletters: an issue goes in batches to the subscribers who consented, each mail carrying
the link that ends the subscription; a re-run sends only what is left."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from dure.outreach import services
from dure.outreach.models import Delivery, IssueStatus, Subscriber
from dure.outreach.tests import factories
from dure.programs.tests.factories import build_tree


@pytest.fixture
def tree(db):
    return build_tree(year=2017, area="홍보 및 연구", program="시민 홍보", program_code="P12")


@pytest.fixture
def readers(tree):
    center = tree.program.center
    return [factories.subscriber(center, f"reader{n}@example.kr") for n in range(5)]


def test_an_issue_is_sent_in_batches_to_consenting_subscribers_only(
    tree, readers, settings, django_capture_on_commit_callbacks
):
    settings.DURE_NEWSLETTER_BATCH_SIZE = 2
    services.unsubscribe(token=readers[0].token)
    issue = factories.issue(tree.program)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_issue(issue) == 4
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.sent_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == [f"reader{n}@example.kr" for n in range(1, 5)]
    message = mail.outbox[0]
    subscriber = Subscriber.objects.get(email=message.to[0])
    link = f"/outreach/unsubscribe/{subscriber.token}/"
    assert link in message.body and link in message.extra_headers["List-Unsubscribe"]
    assert services.sending_progress(issue) == {"total": 4, "sent": 4, "failed": 0}


def test_a_rerun_after_an_interruption_sends_only_the_rest(tree, readers, settings):
    settings.DURE_NEWSLETTER_BATCH_SIZE = 2
    issue = factories.issue(tree.program)
    services.send_issue(issue)  # the task is queued after commit, which never comes here
    assert services.send_batch(issue) == 3
    assert len(mail.outbox) == 2
    assert services.send_batch(issue, size=10) == 0
    assert len(mail.outbox) == 5
    assert len({m.to[0] for m in mail.outbox}) == 5
    assert services.send_batch(issue, size=10) == 0
    assert len(mail.outbox) == 5


def test_an_issue_is_sent_once_and_never_without_a_body_or_readers(tree, readers):
    empty = factories.issue(tree.program, body=" ")
    with pytest.raises(ValidationError, match="본문"):
        services.send_issue(empty)
    issue = factories.issue(tree.program)
    services.send_issue(issue)
    with pytest.raises(ValidationError, match="발송 중"):
        services.send_issue(issue)
    assert Delivery.objects.filter(issue=issue).count() == 5
    for reader in readers:
        services.unsubscribe(token=reader.token)
    with pytest.raises(ValidationError, match="구독자가 없습니다"):
        services.send_issue(factories.issue(tree.program))


def test_a_subscriber_is_one_per_address_and_may_come_back_with_new_consent(tree, readers):
    center = tree.program.center
    with pytest.raises(ValidationError, match="이미 구독 중"):
        factories.subscriber(center, "READER1@example.kr ")
    services.unsubscribe(token=readers[1].token)
    again = factories.subscriber(center, "reader1@example.kr", consent_method="누리집")
    assert again.pk == readers[1].pk and again.is_active and again.consent_method == "누리집"


def test_the_unsubscribe_link_works_without_login_and_an_unknown_one_is_404(tree, readers):
    client = Client()
    link = f"/outreach/unsubscribe/{readers[2].token}/"
    assert "수신 거부" in client.get(link).content.decode()
    readers[2].refresh_from_db()
    assert readers[2].is_active  # opening the page alone changes nothing
    response = client.post(link)
    assert "처리했습니다" in response.content.decode()
    readers[2].refresh_from_db()
    assert not readers[2].is_active
    assert client.post("/outreach/unsubscribe/not-a-token/").status_code == 404
