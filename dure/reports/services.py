"""Editions: creating, writing, checking, building files in the background, freezing, diffing.

Views and commands call these; each change is one transaction and a frozen edition refuses
every change."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Role
from dure.reports.consistency import Finding, check, unresolved_tokens
from dure.reports.document import Document
from dure.reports.edition import (
    APPENDIX_CHOICES,
    block_choices,
    build_document,
    default_blocks,
)
from dure.reports.livefigures import EditionContext, load_context
from dure.reports.models import (
    EditionFile,
    EditionJob,
    EditionSection,
    EditionStatus,
    JobKind,
    JobStatus,
    OutputFormat,
    ReportEdition,
)
from dure.reports.report import report_as_json

logger = logging.getLogger(__name__)

FROZEN_MESSAGE = "확정된 판은 바꿀 수 없습니다. 고칠 내용은 ‘새 판 만들기’로 새 판에서 작성하세요."


def _ensure_draft(edition: ReportEdition) -> None:
    if edition.is_frozen:
        raise ValidationError(FROZEN_MESSAGE)


@transaction.atomic
def create_edition(
    *,
    center: Center,
    fiscal_year: FiscalYear,
    user: User,
    title: str = "",
    roll_up: bool = False,
    copy_of: ReportEdition | None = None,
) -> ReportEdition:
    """A new edition with every program of the year, its 주요실적 table and breakdowns chosen,
    the first overview indicator of each program at a glance, and the full appendix. A copy
    takes over the texts and choices of an earlier edition of the same year and center."""
    if copy_of is not None and (
        copy_of.center_id != center.pk or copy_of.fiscal_year_id != fiscal_year.pk
    ):
        raise ValidationError("다른 센터·연도의 판은 베낄 수 없습니다.")
    edition = ReportEdition.objects.create(
        center=center,
        fiscal_year=fiscal_year,
        title=title or f"{fiscal_year.year}년 {center.name} 성과보고서",
        roll_up=copy_of.roll_up if copy_of else roll_up,
        foreword=copy_of.foreword if copy_of else "",
        glance=list(copy_of.glance) if copy_of else [],
        appendix=list(copy_of.appendix) if copy_of else [key for key, _ in APPENDIX_CHOICES],
        created_by=user,
    )
    context = load_context(edition)
    earlier = {s.program_id: s for s in copy_of.sections.all()} if copy_of else {}
    glance = []
    for section in context.report.programs:
        before = earlier.get(section.program.pk)
        EditionSection.objects.create(
            edition=edition,
            program=section.program,
            introduction=before.introduction if before else "",
            narrative=before.narrative if before else "",
            blocks=list(before.blocks) if before else default_blocks(section),
        )
        if section.overview:
            glance.append(section.overview[0].indicator.pk)
    if copy_of is None:
        edition.glance = glance
        edition.save(update_fields=["glance"])
    return edition


@transaction.atomic
def update_edition(
    edition: ReportEdition,
    *,
    title: str,
    foreword: str,
    roll_up: bool,
    glance: list[int],
    appendix: list[str],
) -> list[str]:
    """Saves the edition's own texts and choices; returns the messages of tokens naming
    nothing (they are saved too, and shown as errors until corrected)."""
    locked = ReportEdition.objects.select_for_update().get(pk=edition.pk)
    _ensure_draft(locked)
    edition.title = title
    edition.foreword = foreword
    edition.roll_up = roll_up
    edition.glance = glance
    edition.appendix = [key for key, _ in APPENDIX_CHOICES if key in appendix]
    edition.save()
    return unresolved_tokens(load_context(edition), foreword)


@transaction.atomic
def update_section(
    section: EditionSection, *, introduction: str, narrative: str, blocks: list[str]
) -> list[str]:
    edition = ReportEdition.objects.select_for_update().get(pk=section.edition_id)
    _ensure_draft(edition)
    context = load_context(edition)
    program = next(p for p in context.report.programs if p.program.pk == section.program_id)
    allowed = [choice.key for choice in block_choices(program)]
    unknown = [key for key in blocks if key not in allowed]
    if unknown:
        raise ValidationError(f"이 사업에 없는 표·목록·그래프입니다: {', '.join(unknown)}")
    section.introduction = introduction
    section.narrative = narrative
    section.blocks = [key for key in allowed if key in blocks]
    section.save()
    edition.save(update_fields=["updated_at"])
    return unresolved_tokens(context, introduction + "\n\n" + narrative)


def render(
    edition: ReportEdition,
    *,
    links: bool = True,
    png: bool = False,
    progress: Callable[[int, str], None] | None = None,
) -> tuple[EditionContext, Document]:
    context = load_context(edition, links=links)
    return context, build_document(context, png=png, progress=progress)


def run_check(edition: ReportEdition) -> list[Finding]:
    """The consistency check on the live figures; the result is kept on the edition (a frozen
    edition keeps the result it was frozen with)."""
    _ensure_draft(edition)
    context, document = render(edition, links=False)
    findings = check(context, document)
    ReportEdition.objects.filter(pk=edition.pk).update(
        checked_at=timezone.now(), findings=[f.as_dict() for f in findings]
    )
    edition.refresh_from_db(fields=["checked_at", "findings"])
    return findings


# Files --------------------------------------------------------------------------------------------


def write(
    document: Document, context: EditionContext, file_format: str, *, frozen: bool = False
) -> bytes:
    if file_format == OutputFormat.PDF:
        from dure.reports.pdf import document_pdf

        return document_pdf(document, frozen=frozen)
    if file_format == OutputFormat.XLSX:
        from dure.reports.xlsx import document_xlsx

        return document_xlsx(document)
    if file_format == OutputFormat.HWPX:
        from dure.reports.hwpx import document_hwpx

        return document_hwpx(document)
    if file_format == OutputFormat.JSON:
        data = report_as_json(context.report)
        data["figures"] = figure_values(document)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
    raise ValueError(file_format)


def figure_values(document: Document) -> dict[str, dict[str, Any]]:
    """Every figure of the document once, by key: label, first place, value, unit."""
    values: dict[str, dict[str, Any]] = {}
    for place, figure in document.figures():
        if figure.key in values:
            continue
        values[figure.key] = {
            "label": figure.label,
            "place": place,
            "value": None if figure.value is None else _plain(figure.value),
            "unit": figure.unit,
        }
    return values


def _plain(value: Decimal) -> str:
    """A stored value as exact text (no float rounding in the snapshot)."""
    value = Decimal(value)
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def request_job(edition: ReportEdition, kind: str, user: User) -> EditionJob:
    """Queue a build (or the freezing) in the background; the page follows its progress."""
    from dure.reports import tasks

    if kind == JobKind.FREEZE:
        _ensure_draft(edition)
    running = edition.jobs.filter(
        kind=kind, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
    ).first()
    if running is not None:
        return running
    job = EditionJob.objects.create(edition=edition, kind=kind, requested_by=user)
    transaction.on_commit(lambda: tasks.run_edition_job.enqueue(job.pk))
    return job


def _progress(job: EditionJob, start: int, end: int) -> Callable[[int, str], None]:
    def update(percent: int, step: str) -> None:
        value = start + (end - start) * percent // 100
        EditionJob.objects.filter(pk=job.pk).update(progress=value, step=step[:200])

    return update


def run_job(job: EditionJob) -> None:
    """Build the file (or freeze); an unexpected error ends the job as 실패, nothing half-kept."""
    EditionJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, step="시작")
    try:
        if job.kind == JobKind.FREEZE:
            freeze(job.edition, job.requested_by, job=job)
        else:
            build_file(job.edition, job.kind, job.requested_by, job=job)
    except ValidationError as error:
        EditionJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            message=" ".join(error.messages),
            finished_at=timezone.now(),
        )
        return
    except Exception:
        logger.exception("report edition job %s failed", job.pk)
        EditionJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            message="파일을 만드는 중 예기치 못한 오류가 났습니다. 관리자에게 알려 주세요.",
            finished_at=timezone.now(),
        )
        return
    EditionJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, progress=100, step="완료", finished_at=timezone.now()
    )


def _keep(
    edition: ReportEdition,
    file_format: str,
    content: bytes,
    user: User,
    job: EditionJob | None,
    *,
    frozen: bool,
) -> EditionFile:
    return EditionFile.objects.create(
        edition=edition,
        format=file_format,
        content=content,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        frozen=frozen,
        job=job,
        created_by=user,
    )


def build_file(
    edition: ReportEdition, file_format: str, user: User, *, job: EditionJob | None = None
) -> EditionFile:
    progress = _progress(job, 0, 70) if job else None
    context, document = render(
        edition, links=False, png=file_format == OutputFormat.HWPX, progress=progress
    )
    if job:
        _progress(job, 70, 100)(10, f"{OutputFormat(file_format).label} 파일 쓰는 중")
    content = write(document, context, file_format)
    return _keep(edition, file_format, content, user, job, frozen=False)


def freeze(edition: ReportEdition, user: User, *, job: EditionJob | None = None) -> ReportEdition:
    """Check, then keep every output and every figure's value as filed. Refused while the check
    finds a blocking disagreement (the findings stay on the edition for staff to read)."""
    _ensure_draft(edition)
    if user.role != Role.CENTER_ADMIN:
        raise ValidationError("판은 센터 관리자만 확정할 수 있습니다.")
    step = _progress(job, 0, 100) if job else (lambda percent, text: None)
    step(2, "점검")
    context, document = render(edition, links=False, png=True)
    findings = check(context, document)
    taken_at = timezone.now()
    ReportEdition.objects.filter(pk=edition.pk).update(
        checked_at=taken_at, findings=[f.as_dict() for f in findings]
    )
    blocking = [f for f in findings if f.blocking]
    if blocking:
        raise ValidationError(
            f"점검에서 맞지 않는 곳 {len(blocking)}건이 나와 확정하지 않았습니다. "
            "점검 결과를 보고 고친 뒤 다시 확정하세요."
        )
    formats = [OutputFormat.PDF, OutputFormat.XLSX, OutputFormat.HWPX, OutputFormat.JSON]
    outputs = []
    for number, file_format in enumerate(formats):
        step(10 + 80 * number // len(formats), f"{file_format.label} 확정본 만드는 중")
        outputs.append((file_format, write(document, context, file_format, frozen=True)))
    _, linked = render(edition, links=True)
    filed_html = render_to_string(
        "reports/_document_blocks.html", {"document": linked, "for_print": False}
    )
    with transaction.atomic():
        locked = ReportEdition.objects.select_for_update().get(pk=edition.pk)
        _ensure_draft(locked)
        for file_format, content in outputs:
            _keep(locked, file_format, content, user, job, frozen=True)
        locked.snapshot = {"taken_at": taken_at.isoformat(), "figures": figure_values(document)}
        locked.filed_html = filed_html
        locked.status = EditionStatus.FROZEN
        locked.frozen_at = taken_at
        locked.frozen_by = user
        locked.checked_at = taken_at
        locked.findings = [f.as_dict() for f in findings]
        locked.save()
    return locked


@dataclass(frozen=True)
class FigureChange:
    key: str
    label: str
    place: str
    filed: str | None
    now: str | None
    unit: str
    in_filed: bool = True
    in_now: bool = True

    @property
    def state(self) -> str:
        if not self.in_filed:
            return "새로 생김"
        if not self.in_now:
            return "없어짐"
        return "바뀜"


def diff(edition: ReportEdition) -> list[FigureChange]:
    """Figure by figure, what the live records say now against what was filed."""
    if not edition.is_frozen:
        raise ValidationError("확정된 판만 비교할 수 있습니다.")
    _, document = render(edition, links=False)
    now = figure_values(document)
    filed = edition.snapshot.get("figures", {})
    changes = []
    for key in list(filed) + [k for k in now if k not in filed]:
        before = filed.get(key)
        after = now.get(key)
        old = before["value"] if before else None
        new = after["value"] if after else None
        if before is not None and after is not None and _same(old, new):
            continue
        source = after or before
        assert source is not None
        changes.append(
            FigureChange(
                key,
                source["label"],
                source["place"],
                old,
                new,
                source["unit"],
                before is not None,
                after is not None,
            )
        )
    return changes


def _same(old: str | None, new: str | None) -> bool:
    if old is None or new is None:
        return old is new
    return Decimal(old) == Decimal(new)
