"""Registry screens: enterprises (with designations, products, financials and contacts),
institutions, partner agencies and the expert pool."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date

from dure.core.access import (
    center_of,
    client_ip,
    get_editable_or_404,
    get_visible_or_404,
    require,
)
from dure.core.history import history_for
from dure.core.http import AuthenticatedRequest
from dure.core.listing import Column, build_listing, export_rows
from dure.core.models import AccessAction
from dure.core.roles import Capability
from dure.core.services import record_personal_data_access, record_personal_data_export
from dure.registry import charts, services, statistics
from dure.registry.duplicates import find_duplicates
from dure.registry.filters import AgencyFilter, EnterpriseFilter, ExpertFilter, InstitutionFilter
from dure.registry.forms import (
    AgencyForm,
    ContactForm,
    DesignationForm,
    EnterpriseForm,
    ExpertForm,
    ExportReasonForm,
    FinancialForm,
    InstitutionForm,
    ProductForm,
    StatisticsForm,
)
from dure.registry.models import (
    Agency,
    Contact,
    Designation,
    Enterprise,
    Expert,
    Financial,
    Institution,
    Product,
)
from dure.registry.search import CountingPaginator

ChildT = TypeVar("ChildT", Designation, Product, Financial)


def _current(enterprise: Enterprise) -> str:
    designations = getattr(enterprise, "current_designations", [])
    return ", ".join(d.get_designation_type_display() for d in designations)


ENTERPRISE_COLUMNS = [
    Column("name", "기업명", lambda e: e.name, "search_key"),
    Column("designation", "현재 인증·지정", _current),
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

INSTITUTION_COLUMNS = [
    Column("name", "기관명", lambda i: i.name, "name"),
    Column("category", "기관 분류", lambda i: i.category or "", "category__name"),
    Column("district", "자치구", lambda i: i.district, "district"),
    Column("business_number", "사업자등록번호", lambda i: i.business_number_display),
    Column("needs_review", "확인 필요", lambda i: "확인 필요" if i.needs_review else ""),
    Column("center", "센터", lambda i: i.center.name, "center__administrative_code"),
]

AGENCY_COLUMNS = [
    Column("name", "기관명", lambda a: a.name, "name"),
    Column("kind", "구분", lambda a: a.get_kind_display(), "kind"),
    Column("expertise", "전문 분야", lambda a: ", ".join(f.name for f in a.expertise.all())),
    Column("district", "자치구", lambda a: a.district, "district"),
    Column("experts", "전문가", lambda a: len(a.experts.all())),
]

EXPERT_COLUMNS = [
    Column("name", "성명", lambda e: e.name, "name"),
    Column("roles", "역할", lambda e: ", ".join(e.role_labels)),
    Column("expertise", "전문 분야", lambda e: ", ".join(f.name for f in e.expertise.all())),
    Column("affiliation", "소속", lambda e: e.agency.name if e.agency else e.affiliation),
    Column("pool", "자원풀 연도", lambda e: e.pool_years_display, "pool_from_year"),
]


def _page(request: AuthenticatedRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template + ("#results" if request.htmx else ""), context)


def _list_or_export(
    request: AuthenticatedRequest, rows: QuerySet, columns: list[Column], filename: str
) -> HttpResponse | None:
    export = request.GET.get("export")
    if export in {"xlsx", "csv"}:
        return export_rows(rows, columns, file_format=export, filename=filename)
    return None


def _child_or_404(model: type[ChildT], request: AuthenticatedRequest, pk: int) -> ChildT:
    """A designation, product or financial row whose enterprise the user may change."""
    child = get_object_or_404(
        model.objects.filter(enterprise__in=Enterprise.objects.visible_to(request.user)), pk=pk
    )
    get_editable_or_404(Enterprise, request.user, pk=child.enterprise_id)
    return child


def _can_edit(model: type[Model], request: AuthenticatedRequest, pk: int) -> bool:
    return model.objects.editable_by(request.user).filter(pk=pk).exists()  # type: ignore[attr-defined]


# Enterprises


@require(Capability.VIEW_REGISTRY)
def enterprise_list(request: AuthenticatedRequest) -> HttpResponse:
    today = datetime.date.today()
    visible = (
        Enterprise.objects.visible_to(request.user)
        .select_related("center")
        .prefetch_related(
            Prefetch(
                "designations",
                queryset=Designation.objects.on(today),
                to_attr="current_designations",
            )
        )
    )
    searching = bool(request.GET.get("q", "").strip())
    listing, rows = build_listing(
        request,
        visible,
        EnterpriseFilter,
        ENTERPRISE_COLUMNS,
        default_sort="search_rank" if searching else "search_key",
        # A search reads its page and its number of results in one query.
        paginator_class=CountingPaginator if searching else Paginator,
    )
    exported = _list_or_export(request, rows, ENTERPRISE_COLUMNS, "enterprises")
    return exported or _page(request, "registry/enterprise_list.html", {"listing": listing})


@require(Capability.VIEW_REGISTRY)
def enterprise_statistics(request: AuthenticatedRequest) -> HttpResponse:
    visible = Enterprise.objects.visible_to(request.user)
    form = StatisticsForm(request.GET or None)
    default = statistics.default_years(visible, today=datetime.date.today())
    start, end = form.years(default)
    figures = statistics.enterprise_statistics(visible, start=start, end=end)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(
            statistics.statistics_workbook(figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"enterprise-statistics-{start}-{end}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {
        "form": form,
        "statistics": figures,
        "growth_chart": charts.growth_chart(figures),
        "district_chart": charts.district_chart(figures),
        "export_query": f"start={start}&end={end}&export=xlsx",
    }
    return render(request, "registry/enterprise_statistics.html", context)


@require(Capability.VIEW_REGISTRY)
def enterprise_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enterprise = get_visible_or_404(Enterprise, request.user, pk=pk)
    reference_day = parse_date(request.GET.get("on", "")) or datetime.date.today()
    context = {
        "enterprise": enterprise,
        "reference_day": reference_day,
        "designation_on_day": enterprise.designation_on(reference_day),
        "designations": enterprise.designations.order_by("-starts_on", "-pk"),
        "products": enterprise.products.order_by("kind", "name"),
        "financials": enterprise.financials.order_by("-year"),
        "units": enterprise.units.visible_to(request.user),
        "contacts": enterprise.contacts.visible_to(request.user),
        "can_edit": _can_edit(Enterprise, request, pk),
        "can_see_people": request.user.can(Capability.VIEW_PERSONAL_DATA),
        "history": history_for(enterprise),
    }
    return render(request, "registry/enterprise_detail.html", context)


@require(Capability.EDIT_REGISTRY)
def enterprise_create(request: AuthenticatedRequest) -> HttpResponse:
    form = EnterpriseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        enterprise = services.create_enterprise(
            center=center_of(request.user), **form.service_fields()
        )
        messages.success(request, f"‘{enterprise.name}’을(를) 등록했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/enterprise_form.html", {"form": form, "enterprise": None})


@require(Capability.EDIT_REGISTRY)
def enterprise_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enterprise = get_editable_or_404(Enterprise, request.user, pk=pk)
    form = EnterpriseForm(request.POST or None, instance=enterprise, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_enterprise(enterprise=enterprise, **form.service_fields())
        messages.success(request, "변경 내용을 저장했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(
        request, "registry/enterprise_form.html", {"form": form, "enterprise": enterprise}
    )


def _record_form(
    request: AuthenticatedRequest,
    form: Any,
    *,
    heading: str,
    cancel_url: str,
) -> HttpResponse:
    context = {"form": form, "heading": heading, "cancel_url": cancel_url}
    return render(request, "registry/record_form.html", context)


@require(Capability.EDIT_REGISTRY)
def designation_create(request: AuthenticatedRequest, enterprise_pk: int) -> HttpResponse:
    enterprise = get_editable_or_404(Enterprise, request.user, pk=enterprise_pk)
    form = DesignationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_designation(enterprise=enterprise, **form.cleaned_data)
        messages.success(request, "인증·지정 이력을 추가했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    url = reverse("registry:enterprise_detail", args=[enterprise.pk])
    return _record_form(
        request, form, heading=f"{enterprise.name} · 인증·지정 추가", cancel_url=url
    )


@require(Capability.EDIT_REGISTRY)
def designation_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    designation = _child_or_404(Designation, request, pk)
    form = DesignationForm(request.POST or None, instance=designation)
    if request.method == "POST" and form.is_valid():
        services.update_designation(designation=designation, **form.cleaned_data)
        messages.success(request, "인증·지정 이력을 고쳤습니다.")
        return redirect("registry:enterprise_detail", pk=designation.enterprise_id)
    url = reverse("registry:enterprise_detail", args=[designation.enterprise_id])
    return _record_form(request, form, heading=f"{designation} 수정", cancel_url=url)


@require(Capability.EDIT_REGISTRY)
def product_create(request: AuthenticatedRequest, enterprise_pk: int) -> HttpResponse:
    enterprise = get_editable_or_404(Enterprise, request.user, pk=enterprise_pk)
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_product(enterprise=enterprise, **form.cleaned_data)
        messages.success(request, "제품·서비스를 추가했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    url = reverse("registry:enterprise_detail", args=[enterprise.pk])
    return _record_form(
        request, form, heading=f"{enterprise.name} · 제품·서비스 추가", cancel_url=url
    )


@require(Capability.EDIT_REGISTRY)
def product_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    product = _child_or_404(Product, request, pk)
    form = ProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        services.update_product(product=product, **form.cleaned_data)
        messages.success(request, "제품·서비스를 고쳤습니다.")
        return redirect("registry:enterprise_detail", pk=product.enterprise_id)
    url = reverse("registry:enterprise_detail", args=[product.enterprise_id])
    return _record_form(request, form, heading=f"{product.name} 수정", cancel_url=url)


@require(Capability.EDIT_REGISTRY)
def product_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    product = _child_or_404(Product, request, pk)
    if request.method == "POST":
        services.remove_product(product=product)
        messages.success(request, f"‘{product.name}’을(를) 지웠습니다.")
    return redirect("registry:enterprise_detail", pk=product.enterprise_id)


@require(Capability.EDIT_REGISTRY)
def financial_create(request: AuthenticatedRequest, enterprise_pk: int) -> HttpResponse:
    enterprise = get_editable_or_404(Enterprise, request.user, pk=enterprise_pk)
    form = FinancialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_financial(enterprise=enterprise, **form.cleaned_data)
        messages.success(request, "연도별 재무·고용을 저장했습니다.")
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    url = reverse("registry:enterprise_detail", args=[enterprise.pk])
    return _record_form(
        request, form, heading=f"{enterprise.name} · 연도별 재무·고용", cancel_url=url
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
    record_personal_data_access(
        user=request.user,
        ip_address=client_ip(request),
        path=request.get_full_path(),
        subject=contact,
        action=AccessAction.VIEW,
    )
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
            user=request.user,
            ip_address=client_ip(request),
            path=request.get_full_path(),
            subjects=contacts,
            reason=form.cleaned_data["reason"],
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


# Institutions


@require(Capability.VIEW_REGISTRY)
def institution_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = Institution.objects.visible_to(request.user).select_related(
        "center", "category__parent"
    )
    listing, rows = build_listing(
        request, visible, InstitutionFilter, INSTITUTION_COLUMNS, default_sort="name"
    )
    exported = _list_or_export(request, rows, INSTITUTION_COLUMNS, "institutions")
    return exported or _page(request, "registry/institution_list.html", {"listing": listing})


@require(Capability.VIEW_REGISTRY)
def institution_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    institution = get_visible_or_404(Institution, request.user, pk=pk)
    context = {
        "institution": institution,
        "can_edit": _can_edit(Institution, request, pk),
        "history": history_for(institution),
    }
    return render(request, "registry/institution_detail.html", context)


@require(Capability.EDIT_REGISTRY)
def institution_create(request: AuthenticatedRequest) -> HttpResponse:
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        institution = services.create_institution(
            center=center_of(request.user), **form.cleaned_data
        )
        messages.success(request, f"‘{institution.name}’을(를) 등록했습니다.")
        return redirect("registry:institution_detail", pk=institution.pk)
    url = reverse("registry:institution_list")
    return _record_form(request, form, heading="기관 등록", cancel_url=url)


@require(Capability.EDIT_REGISTRY)
def institution_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    institution = get_editable_or_404(Institution, request.user, pk=pk)
    form = InstitutionForm(request.POST or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        services.update_institution(institution=institution, **form.cleaned_data)
        messages.success(request, "변경 내용을 저장했습니다.")
        return redirect("registry:institution_detail", pk=institution.pk)
    url = reverse("registry:institution_detail", args=[pk])
    return _record_form(request, form, heading=f"{institution.name} 수정", cancel_url=url)


# Partner agencies


@require(Capability.VIEW_REGISTRY)
def agency_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = Agency.objects.visible_to(request.user).prefetch_related("expertise", "experts")
    listing, rows = build_listing(
        request, visible, AgencyFilter, AGENCY_COLUMNS, default_sort="name"
    )
    exported = _list_or_export(request, rows, AGENCY_COLUMNS, "agencies")
    return exported or _page(request, "registry/agency_list.html", {"listing": listing})


@require(Capability.VIEW_REGISTRY)
def agency_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agency = get_visible_or_404(Agency, request.user, pk=pk)
    context = {
        "agency": agency,
        "experts": agency.experts.visible_to(request.user),
        "can_edit": _can_edit(Agency, request, pk),
        "history": history_for(agency),
    }
    return render(request, "registry/agency_detail.html", context)


@require(Capability.EDIT_REGISTRY)
def agency_create(request: AuthenticatedRequest) -> HttpResponse:
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency = services.create_agency(center=center_of(request.user), **form.cleaned_data)
        messages.success(request, f"‘{agency.name}’을(를) 등록했습니다.")
        return redirect("registry:agency_detail", pk=agency.pk)
    return _record_form(
        request, form, heading="협력기관 등록", cancel_url=reverse("registry:agency_list")
    )


@require(Capability.EDIT_REGISTRY)
def agency_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agency = get_editable_or_404(Agency, request.user, pk=pk)
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        services.update_agency(agency=agency, **form.cleaned_data)
        messages.success(request, "변경 내용을 저장했습니다.")
        return redirect("registry:agency_detail", pk=agency.pk)
    url = reverse("registry:agency_detail", args=[pk])
    return _record_form(request, form, heading=f"{agency.name} 수정", cancel_url=url)


# Expert pool


@require(Capability.VIEW_REGISTRY)
def expert_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = (
        Expert.objects.visible_to(request.user)
        .select_related("agency")
        .prefetch_related("expertise")
    )
    listing, rows = build_listing(
        request, visible, ExpertFilter, EXPERT_COLUMNS, default_sort="name"
    )
    exported = _list_or_export(request, rows, EXPERT_COLUMNS, "experts")
    return exported or _page(request, "registry/expert_list.html", {"listing": listing})


@require(Capability.VIEW_REGISTRY)
def expert_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    expert = get_visible_or_404(Expert, request.user, pk=pk)
    can_see_people = request.user.can(Capability.VIEW_PERSONAL_DATA)
    if can_see_people and (expert.phone or expert.email):
        record_personal_data_access(
            user=request.user,
            ip_address=client_ip(request),
            path=request.get_full_path(),
            subject=expert,
            action=AccessAction.VIEW,
        )
    context = {
        "expert": expert,
        "can_see_people": can_see_people,
        "can_edit": _can_edit(Expert, request, pk),
        "history": history_for(expert),
    }
    return render(request, "registry/expert_detail.html", context)


@require(Capability.EDIT_REGISTRY)
def expert_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ExpertForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        expert = services.create_expert(center=center_of(request.user), **form.cleaned_data)
        messages.success(request, f"‘{expert.name}’을(를) 전문가 자원풀에 등록했습니다.")
        return redirect("registry:expert_detail", pk=expert.pk)
    return _record_form(
        request, form, heading="전문가 등록", cancel_url=reverse("registry:expert_list")
    )


@require(Capability.EDIT_REGISTRY)
def expert_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    expert = get_editable_or_404(Expert, request.user, pk=pk)
    if expert.phone or expert.email:
        # The form shows the expert's phone and e-mail.
        record_personal_data_access(
            user=request.user,
            ip_address=client_ip(request),
            path=request.get_full_path(),
            subject=expert,
            action=AccessAction.VIEW,
        )
    form = ExpertForm(request.POST or None, instance=expert, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_expert(expert=expert, **form.cleaned_data)
        messages.success(request, "변경 내용을 저장했습니다.")
        return redirect("registry:expert_detail", pk=expert.pk)
    url = reverse("registry:expert_detail", args=[pk])
    return _record_form(request, form, heading=f"{expert.name} 수정", cancel_url=url)


# Duplicates


@require(Capability.EDIT_REGISTRY)
def duplicate_list(request: AuthenticatedRequest) -> HttpResponse:
    groups = find_duplicates(Enterprise.objects.editable_by(request.user))
    return render(request, "registry/duplicate_list.html", {"groups": groups})


@require(Capability.EDIT_REGISTRY)
def enterprise_merge(request: AuthenticatedRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("registry:duplicate_list")
    keep = get_editable_or_404(Enterprise, request.user, pk=request.POST.get("keep", 0))
    remove = get_editable_or_404(Enterprise, request.user, pk=request.POST.get("remove", 0))
    if keep.pk == remove.pk:
        messages.error(request, "같은 기업끼리는 합칠 수 없습니다.")
        return redirect("registry:duplicate_list")
    name = remove.name
    services.merge_enterprises(keep=keep, remove=remove, user=request.user)
    messages.success(request, f"‘{name}’을(를) ‘{keep.name}’에 합쳤습니다.")
    return redirect("registry:enterprise_detail", pk=keep.pk)
