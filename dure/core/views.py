"""Core screens: home, audit-log search, personal-data access-log review, imports."""

from __future__ import annotations

from urllib.parse import quote

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dure.core import services
from dure.core.access import center_of, client_ip, public, require
from dure.core.filters import AccessLogFilter, AuditLogFilter, UserFilter
from dure.core.forms import CenterSettingsForm, ImportUploadForm, UserCreateForm, UserEditForm
from dure.core.history import describe_changes, history_for
from dure.core.http import AuthenticatedRequest
from dure.core.imports import UPLOAD_CAPABILITY, get_importer, registered_importers
from dure.core.listing import Column, build_listing
from dure.core.models import (
    Center,
    ImportJob,
    ImportStatus,
    PersonalDataAccess,
    User,
    centers_managed_by,
)
from dure.core.roles import Capability


@public
def health(request: HttpRequest) -> HttpResponse:
    """Liveness for the reverse proxy and load balancers: the app server answers. It reads no
    row and says nothing of any center; its throughput is the floor of the load benchmark."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


AUDIT_COLUMNS = [
    Column("timestamp", "일시", lambda e: e.timestamp, "timestamp"),
    Column("actor", "변경한 사람", lambda e: e.actor, "actor__username"),
    Column("object", "대상", lambda e: e.object_repr, "object_repr"),
    Column("action", "구분", lambda e: e.get_action_display(), "action"),
]

ACCESS_COLUMNS = [
    Column("accessed_at", "접근일시", lambda a: a.accessed_at, "accessed_at"),
    Column("user", "접근자", lambda a: a.user, "user__username"),
    Column("ip", "IP 주소", lambda a: a.ip_address),
    Column("action", "행위", lambda a: a.get_action_display(), "action"),
    Column("subject", "정보주체", lambda a: a.subject_label, "subject_label"),
    Column("reason", "사유", lambda a: a.reason),
]


USER_COLUMNS = [
    Column("username", "아이디", lambda u: u.username, "username"),
    Column("display_name", "이름", lambda u: u.display_name, "display_name"),
    Column("center", "소속 센터", lambda u: u.center, "center__administrative_code"),
    Column("role", "역할", lambda u: u.get_role_display(), "role"),
    Column("is_active", "사용", lambda u: "사용" if u.is_active else "중지", "is_active"),
]


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require(Capability.REVIEW_AUDIT_LOG)
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    entries = LogEntry.objects.select_related("actor", "content_type")
    center = request.user.center
    if center is None:
        entries = entries.none()
    elif not center.is_metropolitan:
        entries = entries.filter(additional_data__center=center.code)
    listing, _ = build_listing(
        request, entries, AuditLogFilter, AUDIT_COLUMNS, default_sort="-timestamp"
    )
    center_names = dict(Center.objects.values_list("code", "name"))
    rows = [
        (
            entry,
            describe_changes(entry),
            center_names.get(str((entry.additional_data or {}).get("center"))),
        )
        for entry in listing.page
    ]
    template = "core/audit_log.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"listing": listing, "rows": rows})


@require(Capability.REVIEW_ACCESS_LOG)
def access_log(request: AuthenticatedRequest) -> HttpResponse:
    entries = PersonalDataAccess.objects.select_related("user")
    center = request.user.center
    if center is None:
        entries = entries.none()
    elif not center.is_metropolitan:
        entries = entries.filter(Q(center=center) | Q(user__center=center))
    listing, _ = build_listing(
        request, entries, AccessLogFilter, ACCESS_COLUMNS, default_sort="-accessed_at"
    )
    template = "core/access_log.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"listing": listing})


@require(Capability.MANAGE_CENTER)
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    centers = centers_managed_by(request.user)
    users = User.objects.filter(center__in=centers).select_related("center")
    listing, _ = build_listing(request, users, UserFilter, USER_COLUMNS, default_sort="username")
    template = "core/user_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"listing": listing})


@require(Capability.MANAGE_CENTER)
def center_settings(request: AuthenticatedRequest) -> HttpResponse:
    center = center_of(request.user)
    form = CenterSettingsForm(
        request.POST or None, initial={"single_approver_allowed": center.single_approver_allowed}
    )
    if request.method == "POST" and form.is_valid():
        services.set_single_approver(
            center=center, allowed=form.cleaned_data["single_approver_allowed"], by=request.user
        )
        messages.success(request, "센터 설정을 저장했습니다.")
        return redirect("core:center_settings")
    return render(
        request,
        "core/center_settings.html",
        {"form": form, "center": center, "history": history_for(center)},
    )


@require(Capability.MANAGE_CENTER)
def user_create(request: AuthenticatedRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.create_user(**form.cleaned_data)
        messages.success(request, f"사용자 {user.username}을(를) 만들었습니다.")
        return redirect("core:user_list")
    return render(request, "core/user_form.html", {"form": form, "target": None})


@require(Capability.MANAGE_CENTER)
def user_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    centers = centers_managed_by(request.user)
    target = get_object_or_404(User.objects.filter(center__in=centers), pk=pk)
    if target.email:
        # The form shows the person's e-mail address.
        services.record_personal_data_access(
            user=request.user,
            ip_address=client_ip(request),
            path=request.get_full_path(),
            subject=target,
        )
    form = UserEditForm(request.POST or None, instance=target, manager=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_user(user=target, changed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "사용자 정보를 저장했습니다.")
            return redirect("core:user_list")
    return render(
        request,
        "core/user_form.html",
        {"form": form, "target": target, "history": history_for(target)},
    )


@require(Capability.MANAGE_CENTER)
@require_POST
def user_unlock(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    centers = centers_managed_by(request.user)
    target = get_object_or_404(User.objects.filter(center__in=centers), pk=pk)
    services.unlock_login(username=target.username)
    messages.success(request, f"{target.username} 계정의 로그인 잠금을 풀었습니다.")
    return redirect("core:user_edit", pk=target.pk)


PASSWORD_RESET_THROTTLED = "비밀번호 재설정 요청이 너무 많습니다. 잠시 뒤에 다시 시도해 주세요."


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, throttled per address and per e-mail address; the answer is the
    same whether or not the e-mail belongs to an account."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"]
        if not services.accept_password_reset(email=email, ip_address=client_ip(self.request)):
            form.add_error(None, PASSWORD_RESET_THROTTLED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


# Imports of every registered kind: upload → preview with every row's problems → confirm


def _import_kinds(request: AuthenticatedRequest) -> list[tuple[str, str]]:
    """The kinds this user may import: each importer names the capability it needs."""
    return [
        (kind, importer.label)
        for kind, importer in registered_importers().items()
        if request.user.can(importer.capability)
    ]


@require(UPLOAD_CAPABILITY)
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    kinds = _import_kinds(request)
    initial = {name: request.GET[name] for name in ("kind", "year") if request.GET.get(name)}
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, kinds=kinds, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.start_import(
            user=request.user,
            center=center_of(request.user),
            kind=form.cleaned_data["kind"],
            filename=upload.name,
            data=upload.read(),
            year=form.cleaned_data.get("year"),
        )
        return redirect("core:import_detail", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user).filter(user=request.user).defer("data")[:10]
    context = {"form": form, "kinds": kinds, "jobs": jobs}
    return render(request, "core/import_upload.html", context)


def _own_job(request: AuthenticatedRequest, pk: int, *, with_data: bool = False) -> ImportJob:
    """The user's own upload, of a kind the user may still import."""
    jobs = ImportJob.objects.editable_by(request.user).filter(user=request.user)
    job = get_object_or_404(jobs if with_data else jobs.defer("data"), pk=pk)
    if job.kind not in dict(_import_kinds(request)):
        raise PermissionDenied
    return job


@require(UPLOAD_CAPABILITY)
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    template = "core/import_detail.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"job": job})


@require(UPLOAD_CAPABILITY)
def import_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk, with_data=True)
    if request.method == "POST" and job.status == ImportStatus.CHECKED:
        services.confirm_import(job=job)
    return redirect("core:import_detail", pk=job.pk)


@require(UPLOAD_CAPABILITY)
def import_template(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    if kind not in dict(_import_kinds(request)):
        raise Http404
    importer = get_importer(kind)(center=center_of(request.user), user=request.user, year=None)
    response = HttpResponse(
        importer.template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f"attachment; filename=\"dure-{kind}.xlsx\"; filename*=UTF-8''{quote(importer.label)}.xlsx"
    )
    return response
