"""Public accounting needs two people: whoever records an expenditure or requests a transfer does
not approve it, unless the center's own admin allows a one-person center to (marked, logged);
a correction is checked against the line like a new record."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dure.budget import services
from dure.budget.models import Expenditure, ExpenditureStatus, Transfer, TransferStatus
from dure.budget.tests.factories import funded_line
from dure.core.models import Center
from dure.core.roles import Role
from dure.core.services import create_user, set_single_approver
from tests.personas import PASSWORD

DAY = datetime.date(2017, 6, 1)


def admin(username: str, code: str = "SEOUL"):
    return create_user(
        username=username,
        password=PASSWORD,
        center=Center.objects.get(code=code),
        role=Role.CENTER_ADMIN,
    )


def spend(line, amount_won: int, by):
    return services.record_expenditure(
        line=line,
        spent_on=DAY,
        payee="행복협동조합",
        description="홍보물 제작",
        amount_won=amount_won,
        recorded_by=by,
    )


@pytest.fixture
def line(db):
    return funded_line(initial_won=1_000_000)


def test_the_admin_who_recorded_an_expenditure_cannot_approve_it_another_admin_can(
    line, metro_admin
):
    expenditure = spend(line, 300_000, metro_admin)
    with pytest.raises(ValidationError, match="직접 기록한 집행은 승인할 수 없습니다"):
        services.approve_expenditure(expenditure=expenditure, approved_by=metro_admin)
    assert Expenditure.objects.get().status == ExpenditureStatus.RECORDED
    second = admin("second_admin")
    approved = services.approve_expenditure(expenditure=expenditure, approved_by=second)
    assert approved.status == ExpenditureStatus.APPROVED and not approved.self_approved


def test_a_district_admin_cannot_approve_the_transfer_they_requested(db):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    first = admin("gangdong_admin", "SEOUL-GANGDONG")
    source = funded_line(initial_won=1_000_000, center=gangdong)
    target = funded_line(initial_won=0, center=gangdong, fiscal_year=source.fiscal_year)
    transfer = services.request_transfer(
        from_line=source,
        to_line=target,
        amount_won=200_000,
        transferred_on=DAY,
        reason="행사 추가",
        requested_by=first,
    )
    with pytest.raises(ValidationError, match="직접 요청한 전용은 승인할 수 없습니다"):
        services.approve_transfer(transfer=transfer, approved_by=first)
    assert Transfer.objects.get().status == TransferStatus.REQUESTED
    services.approve_transfer(
        transfer=transfer, approved_by=admin("gangdong_admin2", "SEOUL-GANGDONG")
    )
    assert Transfer.objects.get().status == TransferStatus.APPROVED


def test_the_refusal_reaches_the_screen(client, line, metro_admin):
    expenditure = spend(line, 300_000, metro_admin)
    client.force_login(metro_admin)
    response = client.post(
        reverse("budget:expenditure_approve", args=[expenditure.pk]), follow=True
    )
    assert "직접 기록한 집행은 승인할 수 없습니다" in response.content.decode()
    assert Expenditure.objects.get().status == ExpenditureStatus.RECORDED


def test_a_one_person_center_allows_self_approval_only_when_its_admin_turns_it_on(
    client, line, metro_admin, program_staff
):
    expenditure = spend(line, 300_000, metro_admin)
    client.force_login(program_staff)
    assert client.get(reverse("core:center_settings")).status_code == 403
    with pytest.raises(PermissionDenied):
        set_single_approver(center=metro_admin.center, allowed=True, by=program_staff)
    with pytest.raises(PermissionDenied):
        set_single_approver(
            center=metro_admin.center, allowed=True, by=admin("gwanak_admin", "SEOUL-GWANAK")
        )
    client.force_login(metro_admin)
    response = client.post(reverse("core:center_settings"), {"single_approver_allowed": "on"})
    assert response.status_code == 302
    center = Center.objects.get(pk=metro_admin.center_id)
    assert center.single_approver_allowed
    change = LogEntry.objects.get_for_object(center).latest("timestamp")
    assert "single_approver_allowed" in change.changes_dict
    approved = services.approve_expenditure(
        expenditure=Expenditure.objects.get(pk=expenditure.pk), approved_by=metro_admin
    )
    assert approved.self_approved
    page = client.get(reverse("budget:expenditure_detail", args=[expenditure.pk]))
    assert "단독 승인" in page.content.decode()


def test_correcting_an_approved_expenditure_beyond_the_line_is_refused_like_a_new_one(
    line, metro_admin, program_staff
):
    original = spend(line, 600_000, program_staff)
    services.approve_expenditure(expenditure=original, approved_by=metro_admin)
    with pytest.raises(ValidationError, match="남은 예산은 1,000,000원이라 1,200,000원을"):
        services.correct_expenditure(
            original=original,
            spent_on=DAY,
            payee="행복협동조합",
            description="정정",
            amount_won=1_200_000,
            reason="금액 오기",
            recorded_by=program_staff,
        )
    original.refresh_from_db()
    assert original.status == ExpenditureStatus.APPROVED
    assert services.remaining_budget_won(line) == 400_000
    corrected = services.correct_expenditure(
        original=original,
        spent_on=DAY,
        payee="행복협동조합",
        description="정정",
        amount_won=900_000,
        reason="금액 오기",
        recorded_by=program_staff,
    )
    assert corrected.corrects == original
    assert services.remaining_budget_won(line) == 100_000
    with pytest.raises(ValidationError, match="취소된 집행은 정정할 수 없습니다"):
        services.correct_expenditure(
            original=original,
            spent_on=DAY,
            payee="행복협동조합",
            description="다시",
            amount_won=1,
            reason="중복",
            recorded_by=program_staff,
        )
