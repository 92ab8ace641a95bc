"""Who may spend, approve, settle and read; every change audited, every auditor opening logged."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dure.budget import services
from dure.budget.models import (
    BudgetLine,
    Expenditure,
    ExpenditureStatus,
    MoneyRecordAccess,
    SettledYear,
    SettlementAdjustment,
    Transfer,
    TransferStatus,
)
from dure.budget.tests.factories import funded_line, program_in
from dure.core.models import Center, FiscalYear
from dure.core.services import ensure_fiscal_year
from dure.programs.models import Program

URL = "/budget/2017/SEOUL"


def _program_line(**fields: Any) -> tuple[Program, BudgetLine]:
    program = program_in(Center.objects.get(code="SEOUL"), ensure_fiscal_year(year=2017))
    return program, funded_line(
        initial_won=1_000_000, program=program, unit_name=program.name, **fields
    )


def _spend(client: Client, line: BudgetLine, amount: int = 100_000) -> Any:
    return client.post(
        f"{URL}/expenditures/new/",
        {
            "line": line.pk,
            "spent_on": "2017-05-23",
            "payee": "행복협동조합",
            "description": "홍보물",
            "amount_won": amount,
            "evidence": SimpleUploadedFile("영수증.pdf", b"%PDF-1.4 receipt"),
            "evidence_reference": "영수증 17-001",
        },
    )


@pytest.mark.django_db
def test_program_staff_record_spending_with_evidence_only_for_their_programs(client, program_staff):
    program, line = _program_line()
    client.force_login(program_staff)
    response = _spend(client, line)
    assert response.status_code == 200
    assert "올바르게 선택해 주세요" in response.content.decode()
    assert not Expenditure.objects.exists()
    program.staff.add(program_staff)
    response = _spend(client, line)
    expenditure = Expenditure.objects.get()
    assert response.status_code == 302
    assert expenditure.recorded_by == program_staff
    assert expenditure.evidence.read() == b"%PDF-1.4 receipt"
    download = client.get(f"/budget/expenditures/{expenditure.pk}/evidence/")
    assert download.content == b"%PDF-1.4 receipt"


@pytest.mark.django_db
def test_overspending_from_the_form_names_the_line_and_saves_nothing(client, metro_admin):
    _, line = _program_line(account_title="홍보캠페인")
    client.force_login(metro_admin)
    response = _spend(client, line, amount=1_200_000)
    page = response.content.decode()
    assert "홍보캠페인" in page
    assert "200,000원이 부족합니다" in page
    assert not Expenditure.objects.exists()


@pytest.mark.django_db
def test_only_the_center_admin_approves_transfers(client, program_staff, metro_admin):
    _, sender = _program_line(account_title="보내는 과목")
    _, receiver = _program_line(account_title="받는 과목")
    client.force_login(program_staff)
    client.post(
        f"{URL}/transfers/new/",
        {
            "from_line": sender.pk,
            "to_line": receiver.pk,
            "amount_won": 300_000,
            "transferred_on": "2017-06-01",
            "reason": "박람회 확대",
        },
    )
    transfer = Transfer.objects.get()
    assert transfer.status == TransferStatus.REQUESTED
    assert client.post(f"/budget/transfers/{transfer.pk}/approve/").status_code == 403
    client.force_login(metro_admin)
    client.post(f"/budget/transfers/{transfer.pk}/approve/")
    transfer.refresh_from_db()
    assert (transfer.status, transfer.approved_by) == (TransferStatus.APPROVED, metro_admin)
    assert services.final_budget_won(receiver) == 1_300_000


@pytest.mark.django_db
def test_the_center_admin_approves_spending_and_settles_the_year(
    client, metro_admin, program_staff
):
    program, line = _program_line()
    program.staff.add(program_staff)
    expenditure = services.record_expenditure(
        line=line, spent_on=datetime.date(2017, 5, 1), payee="x", description="y", amount_won=10
    )
    client.force_login(program_staff)
    assert client.post(f"/budget/expenditures/{expenditure.pk}/approve/").status_code == 403
    assert client.post(f"{URL}/settle/").status_code == 403
    client.force_login(metro_admin)
    client.post(f"/budget/expenditures/{expenditure.pk}/approve/")
    expenditure.refresh_from_db()
    assert expenditure.status == ExpenditureStatus.APPROVED
    client.post(f"{URL}/settle/")
    assert SettledYear.objects.filter(center=line.center).exists()
    client.force_login(program_staff)
    response = _spend(client, line)
    assert "정산이 마감되어 기록을 바꿀 수 없습니다" in response.content.decode()
    assert Expenditure.objects.count() == 1


@pytest.mark.django_db
def test_funder_and_auditor_read_but_cannot_write(client, funder, auditor):
    _, line = _program_line()
    for reader in (funder, auditor):
        client.force_login(reader)
        assert client.get(f"{URL}/report/").status_code == 200
        assert client.get(f"{URL}/records/all/?line={line.pk}").status_code == 200
        assert _spend(client, line).status_code == 403
        assert client.post(f"{URL}/transfers/new/").status_code == 403
    assert not Expenditure.objects.exists()


@pytest.mark.django_db
def test_the_center_admin_reviews_the_auditors_openings(client, auditor, metro_admin):
    _program_line()
    client.force_login(auditor)
    client.get(f"{URL}/detail/")
    assert client.get("/budget/access-log/").status_code == 403
    client.force_login(metro_admin)
    page = client.get("/budget/access-log/").content.decode()
    assert "사업비 세부집행내역서" in page
    assert "auditor" in page
    assert MoneyRecordAccess.objects.count() == 1


@pytest.mark.django_db
def test_every_change_is_in_the_audit_log(client, metro_admin):
    _, line = _program_line()
    client.force_login(metro_admin)
    _spend(client, line)
    expenditure = Expenditure.objects.get()
    client.post(f"/budget/expenditures/{expenditure.pk}/cancel/", {"reason": "중복 기록"})
    entries = LogEntry.objects.get_for_object(expenditure)
    assert entries.count() == 2
    assert all(entry.actor == metro_admin for entry in entries)
    page = client.get(f"/budget/expenditures/{expenditure.pk}/").content.decode()
    assert "변경 이력" in page
    assert "중복 기록" in page


@pytest.mark.django_db
def test_a_correction_from_the_screen_is_a_new_record_keeping_the_evidence(client, metro_admin):
    _, line = _program_line()
    client.force_login(metro_admin)
    _spend(client, line)
    original = Expenditure.objects.get()
    client.post(f"/budget/expenditures/{original.pk}/approve/")
    response = client.post(
        f"/budget/expenditures/{original.pk}/correct/",
        {
            "spent_on": "2017-05-23",
            "payee": "행복협동조합",
            "description": "홍보물 (수량 정정)",
            "amount_won": 90_000,
            "reason": "견적 재확인",
        },
    )
    corrected = Expenditure.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.status == ExpenditureStatus.CANCELLED
    assert original.amount_won == 100_000
    assert (corrected.corrects, corrected.amount_won) == (original, 90_000)
    assert corrected.evidence.name == original.evidence.name
    assert services.executed_won(line) == 90_000


def _adjustment(**fields: Any) -> dict[str, Any]:
    return {
        "recorded_in": 2018,
        "kind": "interest",
        "line": "",
        "amount_won": 321,
        "adjusted_on": "2018-03-02",
        "reason": "2017년 12월 이자 누락",
    } | fields


@pytest.mark.django_db
def test_the_center_admin_corrects_a_settled_year_in_the_next_and_both_show_it(client, metro_admin):
    _, line = _program_line()
    services.settle_year(center=line.center, fiscal_year=line.fiscal_year, settled_by=metro_admin)
    client.force_login(metro_admin)
    summary = client.get(f"{URL}/summary/").content.decode()
    assert f"{URL}/adjustments/new/" in summary
    form = client.get(f"{URL}/adjustments/new/").content.decode()
    assert '<option value="2018" selected>2018년</option>' in form
    response = client.post(
        f"{URL}/adjustments/new/",
        _adjustment(kind="expenditure", line=line.pk, amount_won=-50_000),
    )
    assert response.status_code == 302
    adjustment = SettlementAdjustment.objects.get()
    assert (adjustment.fiscal_year.year, adjustment.adjusted_year.year) == (2018, 2017)
    assert (adjustment.line, adjustment.recorded_by) == (line, metro_admin)
    settled = client.get(f"{URL}/report/").content.decode()
    assert "2017년 12월 이자 누락" in settled
    assert "조정 후 반환대상액" in settled and "50,000원" in settled
    following = client.get("/budget/2018/SEOUL/summary/").content.decode()
    assert "이전 연도 정산 조정" in following and "2017년 12월 이자 누락" in following
    assert LogEntry.objects.get_for_object(adjustment).get().actor == metro_admin


@pytest.mark.django_db
def test_a_correction_dated_outside_its_recording_year_is_refused_and_nothing_saved(
    client, metro_admin
):
    _, line = _program_line()
    services.settle_year(center=line.center, fiscal_year=line.fiscal_year, settled_by=metro_admin)
    client.force_login(metro_admin)
    response = client.post(f"{URL}/adjustments/new/", _adjustment(adjusted_on="2017-12-30"))
    assert "조정일: 조정일 2017.12.30은(는) 2018 회계연도 밖입니다." in response.content.decode()
    zero = client.post(f"{URL}/adjustments/new/", _adjustment(amount_won=0))
    assert "조정액(원): 조정액은 0원이 아니어야 합니다." in zero.content.decode()
    assert not SettlementAdjustment.objects.exists()
    assert not FiscalYear.objects.filter(year=2018).exists()


@pytest.mark.django_db
def test_an_open_year_is_not_corrected_from_the_adjustment_form(client, metro_admin):
    _program_line()
    client.force_login(metro_admin)
    assert f"{URL}/adjustments/new/" not in client.get(f"{URL}/summary/").content.decode()
    response = client.post(f"{URL}/adjustments/new/", _adjustment(), follow=True)
    assert "2017년은 정산 마감 전이어서 그 연도에 직접 기록합니다." in response.content.decode()
    assert not SettlementAdjustment.objects.exists()


@pytest.mark.django_db
def test_only_the_center_admin_records_adjustments(
    client, metro_admin, program_staff, district_staff, funder, auditor
):
    program, line = _program_line()
    program.staff.add(program_staff)
    services.settle_year(center=line.center, fiscal_year=line.fiscal_year, settled_by=metro_admin)
    for refused in (program_staff, district_staff, funder, auditor):
        client.force_login(refused)
        assert client.get(f"{URL}/adjustments/new/").status_code == 403, refused.role
        assert client.post(f"{URL}/adjustments/new/", _adjustment()).status_code == 403
        page = client.get(f"{URL}/summary/")
        assert f"{URL}/adjustments/new/" not in page.content.decode()
    assert not SettlementAdjustment.objects.exists()
