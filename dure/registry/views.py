"""Registry screens: enterprise list, detail with history, forms, and contact personal data."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dure.core.access import center_of, get_editable_or_404, get_visible_or_404, require
from dure.core.history import history_for
from dure.core.http import AuthenticatedRequest
from dure.core.listing import Column, build_listing, export_rows
from dure.core.models import AccessAction
from dure.core.roles import Capability
from dure.core.services import record_personal_data_access, record_personal_data_export
from dure.registry import services
from dure.registry.filters import EnterpriseFilter
from dure.registry.forms import ContactForm, EnterpriseForm, ExportReasonForm
from dure.registry.models import Contact, Enterprise

ENTERPRISE_COLUMNS = [
    Column("name", "기업명", lambda e: e.name, "search_key"),
    Column("legal_form", "법인 형태", lambda e: e.get_legal_form_display(), "legal_form"),
    Column("business_number", "사업자등록번호", lambda e: e.business_number_display),
    Column("district", "자치구", lambda e: e.district, "district"),
    Column("mission_type", "사회적 목적 유형", lambda e: e.get_mission_type_display()),
    Column("center", "센터", lambda e: e.center.name, "center__administrative_code"),
]

CONTACT_COLUMNS = [
    Column("enterprise", "기업명", lambda c: c.enterprise.name),
    Column("name", "성명", lambda c: c.name),
    Column("position", "직위", lambda c: c.position),
    Column("phone", "전화번호", lambda c: c.phone),
    Column("email", "이메일", lambda c: c.email),
]


@require(Capability.VIEW_REGISTRY)
def enterprise_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = Enterprise.objects.visible_to(request.user).select_related("center")
    listing, rows = build_listing(
        request, visible, EnterpriseFilter, ENTERPRISE_COLUMNS, default_sort="search_key"
    )
    export = request.GET.get("export")
    if export in {"xlsx", "csv"}:
        return export_rows(rows, ENTERPRISE_COLUMNS, file_format=export, filename="enterprises")
    template = "registry/enterprise_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"listing": listing})


@require(Capability.VIEW_REGISTRY)
def enterprise_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enterprise = get_visible_or_404(Enterprise, request.user, pk=pk)
    context = {
        "enterprise": enterprise,
        "contacts": enterprise.contacts.visible_to(request.user),
        "can_edit": Enterprise.objects.editable_by(request.user).filter(pk=pk).exists(),
        "can_see_people": request.user.can(Capability.VIEW_PERSONAL_DATA),
        "history": history_for(enterprise),
    }
    return render(request, "registry/enterprise_detail.html", context)


@require(Capability.EDIT_REGISTRY)
def enterprise_create(request: AuthenticatedRequest) -> HttpResponse:
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enterprise = services.create_enterprise(center=center_of(request.user), **form.cleaned_data)
        messages.success(request, f"‘{enterprise.name}’을(를) 등록했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/enterprise_form.html", {"form": form, "enterprise": None})


@require(Capability.EDIT_REGISTRY)
def enterprise_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enterprise = get_editable_or_404(Enterprise, request.user, pk=pk)
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        services.update_enterprise(enterprise=enterprise, **form.cleaned_data)
        messages.success(request, "변경 내용을 저장했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(
        request, "registry/enterprise_form.html", {"form": form, "enterprise": enterprise}
    )


@require(Capability.EDIT_REGISTRY)
def contact_create(request: AuthenticatedRequest, enterprise_pk: int) -> HttpResponse:
    enterprise = get_editable_or_404(Enterprise, request.user, pk=enterprise_pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_contact(enterprise=enterprise, **form.cleaned_data)
        messages.success(request, "담당자를 추가했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/contact_form.html", {"form": form, "enterprise": enterprise})


@require(Capability.VIEW_PERSONAL_DATA)
def contact_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = get_visible_or_404(Contact, request.user, pk=pk)
    record_personal_data_access(request=request, subject=contact, action=AccessAction.VIEW)
    return render(
        request,
        "registry/contact_detail.html",
        {"contact": contact, "history": history_for(contact, reveal_personal=True)},
    )


@require(Capability.EXPORT_PERSONAL_DATA)
def contact_export(request: AuthenticatedRequest) -> HttpResponse:
    form = ExportReasonForm(request.POST or None)
    contacts = (
        Contact.objects.visible_to(request.user)
        .filter(consent_contact=True)
        .select_related("enterprise")
    )
    if request.method == "POST" and form.is_valid():
        record_personal_data_export(
            request=request, subjects=contacts, reason=form.cleaned_data["reason"]
        )
        return export_rows(
            contacts.order_by("enterprise__name", "name"),
            CONTACT_COLUMNS,
            file_format=request.POST.get("format", "xlsx"),
            filename="contacts",
        )
    return render(
        request, "registry/contact_export.html", {"form": form, "count": contacts.count()}
    )
