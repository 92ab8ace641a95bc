"""Factories of outreach records for the tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from dure.core.models import Center
from dure.outreach import services
from dure.outreach.models import NewsletterIssue, Subscriber
from dure.programs.models import Program


def issue(program: Program, **fields: Any) -> NewsletterIssue:
    defaults: dict[str, Any] = {
        "date": datetime.date(program.area.fiscal_year.year, 3, 2),
        "title": "세모편지",
        "body": "이번 호에는 우리 동네 협동조합 이야기를 담았습니다.",
    }
    defaults.update(fields)
    return services.record_newsletter_issue(center=program.center, program=program, **defaults)


def subscriber(center: Center, email: str, **fields: Any) -> Subscriber:
    defaults: dict[str, Any] = {
        "consented_at": timezone.now() - datetime.timedelta(days=30),
        "consent_method": "행사 현장 신청서",
    }
    defaults.update(fields)
    return services.add_subscriber(center=center, email=email, **defaults)
