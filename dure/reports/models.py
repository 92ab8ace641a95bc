"""Report editions: the annual performance report as a document staff compose, check and file.

An edition holds what people write (foreword, each program's introduction and narrative) and
which tables, record lists and charts each section shows; every number in it is computed from
records when the edition is rendered. Freezing keeps the rendered files and every figure's value
with the moment it was taken, so later changes to records never alter what was filed."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from dure.core.models import CenterOwned, FiscalYear, User
from dure.core.roles import READ_ONLY_ROLES, STAFF_ROLES
from dure.programs.models import Program


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "작성 중"
    FROZEN = "frozen", "확정"


class ReportEdition(CenterOwned):
    """보고서 판: one center's report of one year, as written and (once frozen) as filed."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name="회계연도", on_delete=models.PROTECT, related_name="editions"
    )
    title = models.CharField("제목", max_length=200)
    foreword = models.TextField(
        "펴내는 글", blank=True, help_text="수치는 ‘수치 넣기’로 넣으면 기록과 연결됩니다."
    )
    roll_up = models.BooleanField("자치구 합산", default=False)
    glance = models.JSONField(
        "한눈에 보기 지표", default=list, blank=True, help_text="지표 번호 목록"
    )
    appendix = models.JSONField("부록", default=list, blank=True)
    status = models.CharField(
        "상태", max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        User, verbose_name="만든 사람", on_delete=models.PROTECT, related_name="+"
    )
    frozen_at = models.DateTimeField("확정 일시", null=True, blank=True)
    frozen_by = models.ForeignKey(
        User,
        verbose_name="확정한 사람",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField("마지막 점검", null=True, blank=True)
    findings = models.JSONField("점검 결과", default=list, blank=True)
    # At freezing: {"taken_at": ISO time, "figures": {key: {"label", "place", "value", "unit"}}}.
    snapshot = models.JSONField("확정 수치", default=dict, blank=True)
    filed_html = models.TextField("확정본 화면", blank=True, editable=False)

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | READ_ONLY_ROLES
    editor_roles: ClassVar[frozenset[str]] = STAFF_ROLES

    class Meta:
        verbose_name = "보고서 판"
        verbose_name_plural = "보고서 판"
        ordering = ["-fiscal_year__year", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status == EditionStatus.FROZEN


class EditionSection(models.Model):
    """One program's part of an edition: 사업소개, 추진내역 and the blocks it shows."""

    edition = models.ForeignKey(
        ReportEdition, verbose_name="보고서 판", on_delete=models.CASCADE, related_name="sections"
    )
    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="+"
    )
    introduction = models.TextField("사업소개", blank=True)
    narrative = models.TextField("추진내역", blank=True)
    # Block keys in the order shown: "kpi", "kpi_chart", "breakdown:<indicator>",
    # "breakdown_chart:<indicator>", "records:<indicator>".
    blocks = models.JSONField("표·기록 목록·그래프", default=list, blank=True)

    class Meta:
        verbose_name = "보고서 사업 부분"
        verbose_name_plural = "보고서 사업 부분"
        constraints = [
            models.UniqueConstraint(fields=["edition", "program"], name="edition_program_once")
        ]

    def __str__(self) -> str:
        return f"{self.edition} · {self.program.name}"


class OutputFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX (엑셀)"
    HWPX = "hwpx", "HWPX (한글)"
    JSON = "json", "JSON"


class JobKind(models.TextChoices):
    PDF = "pdf", "PDF 만들기"
    XLSX = "xlsx", "XLSX 만들기"
    HWPX = "hwpx", "HWPX 만들기"
    JSON = "json", "JSON 만들기"
    FREEZE = "freeze", "확정"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "대기"
    RUNNING = "running", "만드는 중"
    DONE = "done", "완료"
    FAILED = "failed", "실패"


class EditionJob(models.Model):
    """A background build of an edition's file, or its freezing, with progress."""

    edition = models.ForeignKey(
        ReportEdition, verbose_name="보고서 판", on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField("작업", max_length=10, choices=JobKind.choices)
    status = models.CharField(
        "상태", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("진행률", default=0)
    step = models.CharField("단계", max_length=200, blank=True)
    message = models.TextField("안내", blank=True)
    requested_by = models.ForeignKey(
        User, verbose_name="요청한 사람", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("요청 일시", auto_now_add=True)
    finished_at = models.DateTimeField("끝난 일시", null=True, blank=True)

    class Meta:
        verbose_name = "보고서 작업"
        verbose_name_plural = "보고서 작업"
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.edition} · {self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in {JobStatus.QUEUED, JobStatus.RUNNING}


class EditionFile(models.Model):
    """A rendered file of an edition, kept: the filed ones (frozen) never change."""

    edition = models.ForeignKey(
        ReportEdition, verbose_name="보고서 판", on_delete=models.CASCADE, related_name="files"
    )
    format = models.CharField("형식", max_length=10, choices=OutputFormat.choices)
    content = models.BinaryField("내용")
    size = models.PositiveIntegerField("크기(바이트)")
    sha256 = models.CharField("SHA-256", max_length=64)
    frozen = models.BooleanField("확정본", default=False)
    job = models.ForeignKey(
        EditionJob,
        verbose_name="작업",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="files",
    )
    created_by = models.ForeignKey(
        User, verbose_name="만든 사람", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("만든 일시", auto_now_add=True)

    class Meta:
        verbose_name = "보고서 파일"
        verbose_name_plural = "보고서 파일"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.edition} · {self.get_format_display()}"

    @property
    def filename(self) -> str:
        edition = self.edition
        suffix = "-확정본" if self.frozen else ""
        stamp = self.created_at.strftime("%Y%m%d-%H%M") if self.created_at else ""
        return (
            f"{edition.fiscal_year.year}-{edition.center.code}-성과보고서{suffix}-{stamp}"
            f".{self.format}"
        )
