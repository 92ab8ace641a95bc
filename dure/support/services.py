"""Every change to the management-support records goes through here: engagements and their
sessions, diagnoses, and the intake (announcements, members, applications, review)."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from dure.core.models import Center, User
from dure.core.periods import ensure_all_open
from dure.core.roles import Capability, Role, has_capability
from dure.registry import services as registry_services
from dure.registry.identifiers import digits_only, is_valid_business_number
from dure.registry.models import Enterprise, Expert, Membership
from dure.support import eligibility, standard
from dure.support.documents import check_documents
from dure.support.matching import conflicts_of, conflicts_with
from dure.support.models import (
    Announcement,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationStatus,
    Diagnosis,
    EligibilityRule,
    Engagement,
    EngagementSession,
    FollowUp,
    MembershipRequest,
    RequestStatus,
    Review,
    StandardApplication,
    Status,
    VisitDiagnosis,
    centers_in_scope,
)
from dure.support.review import score_problems


def _save(engagement: Engagement) -> Engagement:
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def record_engagement(*, center: Center, **fields: Any) -> Engagement:
    """Record one engagement of the center (checked as a whole before it is saved)."""
    return _save(Engagement(center=center, **fields))


@transaction.atomic
def update_engagement(*, engagement: Engagement, **fields: Any) -> Engagement:
    """Change an engagement; the audit log keeps the before and after. With sessions logged,
    its delivered sessions and hours stay the sessions' count and sum."""
    for name, value in fields.items():
        setattr(engagement, name, value)
    _save(engagement)
    if engagement.sessions.exists():
        _refresh_totals(engagement)
    return engagement


@transaction.atomic
def delete_engagement(*, engagement: Engagement) -> None:
    """Remove an engagement (the audit log keeps what it was)."""
    engagement.delete()


@transaction.atomic
def bulk_record_engagements(*, engagements: Sequence[Engagement]) -> list[Engagement]:
    """Save many prepared engagements (the demo loader, which builds trusted rows)."""
    ensure_all_open(engagements)
    return Engagement.objects.bulk_create(engagements, batch_size=2000)


def _refresh_totals(engagement: Engagement) -> None:
    """An engagement with sessions counts its delivered sessions and hours from them."""
    sessions = list(engagement.sessions.all())
    engagement.delivered_sessions = len(sessions)
    engagement.hours = sum((s.hours for s in sessions), Decimal(0)) if sessions else None
    if sessions and engagement.status == Status.PLANNED:
        engagement.status = Status.ONGOING
    _save(engagement)


def may_log_sessions(engagement: Engagement, user: User) -> bool:
    """The assigned expert, and the staff who may change the engagement."""
    if engagement.expert is not None and engagement.expert.user_id == user.pk:
        return has_capability(user, Capability.LOG_SESSIONS)
    return (
        has_capability(user, Capability.RECORD_ACTIVITIES)
        and Engagement.objects.editable_by(user).filter(pk=engagement.pk).exists()
    )


@transaction.atomic
def log_session(
    *, engagement: Engagement, by: User, held_on: Any, hours: Any, summary: str
) -> EngagementSession:
    """Add a session (회차) to an engagement and count it in the engagement's totals."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if not may_log_sessions(engagement, by):
        raise PermissionDenied
    if engagement.status == Status.STOPPED:
        raise ValidationError({"held_on": "중단된 지원에는 회차를 더할 수 없습니다."})
    session = EngagementSession(
        center=engagement.center,
        engagement=engagement,
        held_on=held_on,
        hours=hours,
        summary=summary,
        logged_by=by,
    )
    session.full_clean()
    session.save()
    _refresh_totals(engagement)
    return session


@transaction.atomic
def remove_session(*, session: EngagementSession, by: User) -> None:
    """Remove a session; an expert removes only the sessions they logged."""
    engagement = Engagement.objects.select_for_update().get(pk=session.engagement_id)
    if not may_log_sessions(engagement, by):
        raise PermissionDenied
    is_staff = has_capability(by, Capability.RECORD_ACTIVITIES)
    if not is_staff and session.logged_by_id != by.pk:
        raise PermissionDenied
    session.delete()
    _refresh_totals(engagement)


@transaction.atomic
def assign_expert(*, engagement: Engagement, expert: Expert) -> Engagement:
    """Put an expert of the pool on an engagement; refused when the expert has a conflict."""
    conflicts = conflicts_of(expert, engagement)
    if conflicts:
        raise ValidationError({"expert": f"{expert.name}: " + " ".join(conflicts)})
    engagement.expert = expert
    if expert.agency_id is not None and engagement.agency_id is None:
        engagement.agency_id = expert.agency_id
    _save(engagement)
    expert_assigned(engagement)
    return engagement


@transaction.atomic
def plan_follow_up(*, engagement: Engagement, **fields: Any) -> FollowUp:
    """Link an engagement to a follow-up program or set a post-monitoring task."""
    follow_up = FollowUp(center=engagement.center, engagement=engagement, **fields)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def complete_follow_up(*, follow_up: FollowUp, done_on: Any, result: str) -> FollowUp:
    """Write what the follow-up found or achieved; it counts as done from that day."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_on is not None:
        raise ValidationError("이미 완료한 후속 지원입니다.")
    follow_up.done_on = done_on
    follow_up.result = result.strip()
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def record_diagnosis(
    *, center: Center, enterprise: Enterprise, by: User | None, **fields: Any
) -> Diagnosis:
    """Record a pre-diagnosis; every question must be answered 1–5."""
    diagnosis = Diagnosis(center=center, enterprise=enterprise, recorded_by=by, **fields)
    diagnosis.full_clean()
    diagnosis.save()
    return diagnosis


@transaction.atomic
def request_visit(
    *, center: Center, enterprise: Enterprise, expert: Expert, planned_on: Any = None
) -> VisitDiagnosis:
    """Ask an expert of the pool to visit an enterprise; refused when the expert has a conflict."""
    conflicts = conflicts_with(expert, enterprise)
    if conflicts:
        raise ValidationError({"expert": f"{expert.name}: " + " ".join(conflicts)})
    visit = VisitDiagnosis(
        center=center, enterprise=enterprise, expert=expert, planned_on=planned_on
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def record_visit(*, visit: VisitDiagnosis, by: User, **fields: Any) -> VisitDiagnosis:
    """The visiting expert (or the center's staff) records the visit's findings and plan."""
    visit = VisitDiagnosis.objects.select_for_update().get(pk=visit.pk)
    is_expert = visit.expert.user_id == by.pk and has_capability(by, Capability.LOG_SESSIONS)
    is_staff = (
        has_capability(by, Capability.RECORD_ACTIVITIES)
        and VisitDiagnosis.objects.editable_by(by).filter(pk=visit.pk).exists()
    )
    if not (is_expert or is_staff):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.full_clean()
    visit.save()
    return visit


# The intake: announcements, members, the standard application, applications, review.
# Each step the applicant should know about becomes an ApplicationEvent and an e-mail to the
# enterprise's members, sent once the transaction has committed.


def _today() -> datetime.date:
    return timezone.localdate()


# Announcements


@transaction.atomic
def save_announcement(
    *, announcement: Announcement, rules: Iterable[tuple[str, str]]
) -> Announcement:
    """Save an announcement with its eligibility rules (the rules are replaced as a whole)."""
    announcement.full_clean()
    announcement.save()
    announcement.rules.all().delete()
    for kind, value in rules:
        rule = EligibilityRule(announcement=announcement, kind=kind, value=value.strip())
        rule.full_clean()
        rule.save()
    return announcement


# Members


@transaction.atomic
def sign_up_member(
    *,
    center: Center,
    username: str,
    password: str,
    display_name: str,
    email: str,
    business_number: str,
    enterprise_name: str,
    phone: str,
) -> MembershipRequest:
    """A person asks to become a member for an enterprise; the account sees nothing of the
    enterprise until the center's staff confirm the link."""
    number = digits_only(business_number)
    if not is_valid_business_number(number):
        raise ValidationError(
            {"business_number": "사업자등록번호가 올바르지 않습니다(검증번호 불일치)."}
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "이미 쓰이는 아이디입니다."})
    user = User(
        username=username,
        email=email,
        display_name=display_name,
        role=Role.MEMBER,
        center=center,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    request = MembershipRequest(
        center=center,
        user=user,
        business_number=number,
        enterprise_name=enterprise_name.strip(),
        phone=phone.strip(),
    )
    request.full_clean()
    request.save()
    return request


def enterprise_candidates(request: MembershipRequest, by: User) -> list[Enterprise]:
    """The enterprises the deciding staff may link: in their reach, same 사업자등록번호."""
    return list(
        Enterprise.objects.referable(user=by, center=request.center).filter(
            business_number=request.business_number
        )
    )


@transaction.atomic
def decide_membership(
    *,
    request: MembershipRequest,
    by: User,
    approve: bool,
    enterprise: Enterprise | None = None,
    reason: str = "",
) -> MembershipRequest:
    """Approve (linking the member to the enterprise) or refuse a sign-up, and tell the member."""
    request = MembershipRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise ValidationError({"status": "이미 처리한 가입 신청입니다."})
    if approve:
        if enterprise is None or enterprise not in enterprise_candidates(request, by):
            raise ValidationError(
                {"enterprise": "신청한 사업자등록번호와 같은 번호의 기업을 골라야 합니다."}
            )
        Membership.objects.create(user=request.user, enterprise=enterprise)
        request.enterprise = enterprise
        request.status = RequestStatus.APPROVED
        text = (
            f"{enterprise.name} 기업 회원으로 승인되었습니다. "
            "이제 표준 신청서를 쓰고 공고에 신청할 수 있습니다."
        )
    else:
        if not reason.strip():
            raise ValidationError({"reason": "거절하는 사유를 적어야 합니다."})
        request.status = RequestStatus.REJECTED
        text = f"기업 회원 가입 신청이 승인되지 않았습니다. 사유: {reason.strip()}"
    request.reason = reason.strip()
    request.decided_by = by
    request.decided_at = timezone.now()
    request.full_clean()
    request.save()
    _mail([request.user.email], "[두레] 기업 회원 가입 확인 결과", text)
    return request


def enterprise_of(member: User) -> Enterprise | None:
    """The enterprise a member speaks for, once confirmed."""
    membership = Membership.objects.filter(user=member).select_related("enterprise").first()
    return membership.enterprise if membership else None


def _require_member(member: User) -> Enterprise:
    if not has_capability(member, Capability.USE_PORTAL):
        raise PermissionDenied
    enterprise = enterprise_of(member)
    if enterprise is None:
        raise ValidationError("센터가 기업 회원 가입을 확인한 뒤에 쓸 수 있습니다.")
    return enterprise


PROFILE_FIELDS = ("representative", "address", "homepage", "industry")
PROFILE_FIGURES = ("revenue_won", "employees", "vulnerable_employees")


@transaction.atomic
def keep_enterprise_profile(*, member: User, year: int, **fields: Any) -> Enterprise:
    """A member updates their enterprise's details and the year's figures through the registry's
    services (the audit log keeps each change under the member's name)."""
    enterprise = _require_member(member)
    registry_services.update_enterprise(
        enterprise=enterprise, **{name: fields[name] for name in PROFILE_FIELDS}
    )
    figures = {name: fields[name] for name in PROFILE_FIGURES}
    if any(value is not None for value in figures.values()):
        registry_services.record_financial(enterprise=enterprise, year=year, **figures)
    return enterprise


@transaction.atomic
def save_standard_application(*, member: User, answers: dict[str, Any]) -> StandardApplication:
    """Write the enterprise's standard application; submitted copies never change with it."""
    enterprise = _require_member(member)
    row, _ = StandardApplication.objects.select_for_update().get_or_create(enterprise=enterprise)
    row.answers = answers
    row.updated_by = member
    row.full_clean()
    row.save()
    return row


# Applications


def eligibility_of(
    announcement: Announcement, enterprise: Enterprise, day: datetime.date | None = None
) -> list[eligibility.RuleCheck]:
    return eligibility.check(list(announcement.rules.all()), enterprise, day or _today())


@transaction.atomic
def apply(
    *,
    announcement: Announcement,
    member: User,
    answers: Sequence[str],
    documents: Sequence[tuple[str, UploadedFile]] = (),
) -> Application:
    """Apply to an announcement with the standard application as it stands now (a frozen copy),
    the program's own questions answered and the documents attached."""
    enterprise = _require_member(member)
    day = _today()
    if not announcement.is_open_on(day):
        raise ValidationError("접수 기간이 아닌 공고입니다.")
    unmet = [c for c in eligibility_of(announcement, enterprise, day) if not c.met]
    if unmet:
        raise ValidationError([f"신청 자격이 되지 않습니다: {c.rule} ({c.reason})" for c in unmet])
    form = StandardApplication.objects.filter(enterprise=enterprise).first()
    if form is None:
        raise ValidationError("표준 신청서를 먼저 써야 합니다.")
    left = standard.missing(form.answers)
    if left:
        raise ValidationError(f"표준 신청서에 적지 않은 항목이 있습니다: {', '.join(left)}")
    questions = list(announcement.questions)
    given = [str(a).strip() for a in answers][: len(questions)]
    given += [""] * (len(questions) - len(given))
    empty = [q for q, a in zip(questions, given, strict=True) if not a]
    if empty:
        raise ValidationError({"answers": [f"[{q}] 답을 적어야 합니다." for q in empty]})
    check_documents([upload for _, upload in documents])
    if Application.objects.filter(announcement=announcement, enterprise=enterprise).exists():
        raise ValidationError("이 공고에 이미 신청했습니다.")
    application = Application(
        center=announcement.center,
        announcement=announcement,
        enterprise=enterprise,
        applicant=member,
        submitted_at=timezone.now(),
        standard=copy.deepcopy(form.answers),
        answers=[{"question": q, "answer": a} for q, a in zip(questions, given, strict=True)],
    )
    application.full_clean()
    application.save()
    for kind, upload in documents:
        ApplicationDocument.objects.create(
            application=application,
            kind=kind,
            file=upload,
            name=upload.name or "",
            size=upload.size or 0,
        )
    _event(application, ApplicationStatus.SUBMITTED, f"‘{announcement.title}’ 신청을 접수했습니다.")
    return application


def _members_emails(enterprise: Enterprise) -> list[str]:
    return [
        email
        for email in User.objects.filter(
            membership__enterprise=enterprise, is_active=True
        ).values_list("email", flat=True)
        if email
    ]


def _mail(recipients: list[str], subject: str, text: str) -> None:
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, text, None, recipients, fail_silently=False)
        )


def _event(application: Application, status: str, message: str) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=application, at=timezone.now(), status=status, message=message
    )
    _mail(
        _members_emails(application.enterprise),
        f"[두레] 신청 진행: {application.announcement.title}",
        f"{application.enterprise.name}의 신청 상태가 ‘{event.get_status_display()}’입니다.\n"
        f"{message}",
    )
    return event


# Review


def _staff_may_change(application: Application, by: User) -> bool:
    return (
        has_capability(by, Capability.RECORD_ACTIVITIES)
        and Application.objects.editable_by(by).filter(pk=application.pk).exists()
    )


@transaction.atomic
def assign_reviewer(*, application: Application, expert: Expert, by: User) -> Review:
    """Put a reviewer of the pool on an application; one the registry links to the applicant is
    refused with the reason."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not _staff_may_change(application, by):
        raise PermissionDenied
    if application.is_decided:
        raise ValidationError("결정이 끝난 신청입니다.")
    if expert.center_id not in centers_in_scope(application.center):
        raise ValidationError({"reviewer": "이 센터에서 볼 수 없는 전문가입니다."})
    if not expert.is_reviewer:
        raise ValidationError({"reviewer": f"{expert.name}: 자원풀의 심사위원이 아닙니다."})
    if expert.user_id is None:
        raise ValidationError(
            {"reviewer": f"{expert.name}: 로그인 계정이 없어 심사할 수 없습니다."}
        )
    conflicts = conflicts_with(expert, application.enterprise)
    if conflicts:
        raise ValidationError({"reviewer": f"{expert.name}: " + " ".join(conflicts)})
    if application.reviews.filter(reviewer=expert).exists():
        raise ValidationError({"reviewer": f"{expert.name}: 이미 배정된 심사위원입니다."})
    review = Review.objects.create(
        application=application, reviewer=expert, assigned_at=timezone.now()
    )
    if application.status == ApplicationStatus.SUBMITTED:
        application.status = ApplicationStatus.IN_REVIEW
        application.save(update_fields=["status", "updated_at"])
        _event(application, ApplicationStatus.IN_REVIEW, "심사를 시작했습니다.")
    return review


def _own_review(review: Review, by: User) -> Review:
    review = (
        Review.objects.select_for_update()
        .select_related("application", "reviewer")
        .get(pk=review.pk)
    )
    if review.reviewer.user_id != by.pk or not has_capability(by, Capability.REVIEW_APPLICATIONS):
        raise PermissionDenied
    if review.application.is_decided:
        raise ValidationError("결정이 끝난 신청입니다.")
    return review


@transaction.atomic
def declare_conflict(*, review: Review, by: User, has_conflict: bool, note: str = "") -> Review:
    """The reviewer's declaration, before any score; it cannot be changed afterwards."""
    review = _own_review(review, by)
    if review.conflict_declared_at is not None:
        raise ValidationError("이해충돌 여부는 이미 신고했습니다.")
    if has_conflict and not note.strip():
        raise ValidationError({"conflict_note": "이해충돌 내용을 적어야 합니다."})
    review.has_conflict = has_conflict
    review.conflict_note = note.strip()
    review.conflict_declared_at = timezone.now()
    review.save()
    return review


@transaction.atomic
def submit_review(*, review: Review, by: User, scores: dict[str, Any], comment: str) -> Review:
    """Score the application on the rubric: only after declaring no conflict, and only when the
    registry links the reviewer to nothing of the applicant's."""
    review = _own_review(review, by)
    if review.conflict_declared_at is None:
        raise ValidationError("이해충돌 여부를 먼저 신고해야 합니다.")
    if review.has_conflict:
        raise ValidationError("이해충돌을 신고한 신청은 심사할 수 없습니다.")
    conflicts = conflicts_with(review.reviewer, review.application.enterprise)
    if conflicts:
        raise ValidationError(" ".join(conflicts) + " 심사할 수 없습니다.")
    if review.submitted_at is not None:
        raise ValidationError("이미 제출한 심사입니다.")
    problems = score_problems(scores)
    if problems:
        raise ValidationError({"scores": problems})
    if not comment.strip():
        raise ValidationError({"comment": "심사 의견을 적어야 합니다."})
    review.scores = scores
    review.comment = comment.strip()
    review.submitted_at = timezone.now()
    review.save()
    return review


def _engagement_start(application: Application) -> datetime.date:
    year = application.announcement.program.area.fiscal_year
    return min(max(_today(), year.starts_on), year.ends_on)


@transaction.atomic
def decide_application(
    *, application: Application, by: User, approve: bool, reason: str, note: str = ""
) -> Application:
    """Select or turn down an application with the reasons the applicant reads. A selected
    application becomes a planned engagement of the announcement's program."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not _staff_may_change(application, by):
        raise PermissionDenied
    if application.is_decided:
        raise ValidationError("이미 결정한 신청입니다.")
    scored = [r for r in application.reviews.all() if r.submitted_at and not r.has_conflict]
    if not scored:
        raise ValidationError("제출된 심사가 하나도 없습니다. 심사를 마친 뒤에 결정하세요.")
    if not reason.strip():
        raise ValidationError({"decision_reason": "신청자에게 알릴 사유를 적어야 합니다."})
    application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    application.decision_reason = reason.strip()
    application.internal_note = note.strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    if approve:
        announcement = application.announcement
        engagement = Engagement(
            center=application.center,
            program=announcement.program,
            support_type=announcement.support_type,
            enterprise=application.enterprise,
            starts_on=_engagement_start(application),
            status=Status.PLANNED,
            notes=f"신청 ‘{announcement.title}’ 선정",
        )
        engagement.full_clean()
        engagement.save()
        application.engagement = engagement
    application.save()
    word = "선정되었습니다" if approve else "선정되지 않았습니다"
    _event(application, application.status, f"{word}. 사유: {application.decision_reason}")
    return application


def expert_assigned(engagement: Engagement) -> None:
    """Tell the applicant which expert will support them, when the engagement came from an
    application."""
    application = Application.objects.filter(engagement=engagement).first()
    if application is not None and engagement.expert is not None:
        _event(
            application,
            application.status,
            f"담당 전문가가 배정되었습니다: {engagement.expert.name}",
        )
