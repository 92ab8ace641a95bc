"""Background jobs: sending a newsletter issue batch by batch."""

from __future__ import annotations

from django_tasks import task


@task()
def send_newsletter_batch(issue_id: int) -> None:
    """Send one batch and queue the next while deliveries remain."""
    from dure.outreach import services
    from dure.outreach.models import NewsletterIssue

    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        return
    if services.send_batch(issue) > 0:
        send_newsletter_batch.enqueue(issue_id)
