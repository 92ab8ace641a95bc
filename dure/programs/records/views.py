"""The screens every record type gets: a list with filters and export, a page with its history,
a form for a new record and for a change, and deletion. An app declares its types in a
`RecordScreens` and includes `screens.urls()`; URL names are `<app>:<noun>_list|_create|_detail|
_edit|_delete`, templates `records/record_*.html` unless a type names its own page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from dure.core.access import center_of, get_editable_or_404, get_visible_or_404, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.listing import Column, build_listing, export_rows
from dure.core.roles import Capability
from dure.programs.metric_registry import get_metric
from dure.programs.records import services
from dure.programs.records.forms import record_filter

DetailContext = Callable[[AuthenticatedRequest, Any], dict[str, Any]]


@dataclass(frozen=True)
class RecordType:
    """One kind of record and its screens: `noun` names its URLs, `slug` its path, `metric` the
    metric whose columns its list shows, `create` the service that records a new one."""

    noun: str
    slug: str
    title: str
    model: Any
    form: type
    metric: str
    create: Callable[..., Any]
    filters: Sequence[str] = ()
    detail_template: str = "records/record_detail.html"
    detail_context: DetailContext | None = None
    # Further links of the list page: (URL name, label).
    links: Sequence[tuple[str, str]] = ()
    # A record that is not a program's dated work filters and sorts by its own fields.
    filter: type | None = None
    default_sort: str = "-date"
    # The service that changes a saved record (a booking is checked for clashes again).
    update: Callable[..., Any] = services.update_record

    @property
    def columns(self) -> Sequence[Column]:
        return get_metric(self.metric).columns


@dataclass(frozen=True)
class RecordScreens:
    """An app's record types and the tabs its other screens add: (tab, URL name, label)."""

    namespace: str
    heading: str
    types: Sequence[RecordType]
    extra_tabs: Sequence[tuple[str, str, str]] = ()
    by_noun: dict[str, RecordType] = field(init=False, repr=False)
    filters: dict[str, type] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_noun", {t.noun: t for t in self.types})
        filters = {t.noun: t.filter or record_filter(t.model, list(t.filters)) for t in self.types}
        object.__setattr__(self, "filters", filters)

    def type_of(self, noun: str) -> RecordType:
        try:
            return self.by_noun[noun]
        except KeyError:
            raise Http404 from None

    def url_name(self, noun: str, screen: str) -> str:
        return f"{self.namespace}:{noun}_{screen}"

    def context(self, request: AuthenticatedRequest, record_type: RecordType, **extra: Any) -> dict:
        return {
            "screens": self,
            "record_type": record_type,
            "can_record": request.user.can(Capability.RECORD_ACTIVITIES),
            **extra,
        }

    def urls(self) -> list[URLPattern]:
        patterns = []
        for record_type in self.types:
            noun, slug, kwargs = record_type.noun, record_type.slug, {"noun": record_type.noun}
            patterns += [
                path(f"{slug}/", self.list_view, kwargs, name=f"{noun}_list"),
                path(f"{slug}/new/", self.create_view, kwargs, name=f"{noun}_create"),
                path(f"{slug}/<int:pk>/", self.detail_view, kwargs, name=f"{noun}_detail"),
                path(f"{slug}/<int:pk>/edit/", self.edit_view, kwargs, name=f"{noun}_edit"),
                path(f"{slug}/<int:pk>/delete/", self.delete_view, kwargs, name=f"{noun}_delete"),
            ]
        return patterns

    @property
    def list_view(self) -> Callable[..., HttpResponse]:
        @require(Capability.VIEW_REPORTS)
        def record_list(request: AuthenticatedRequest, noun: str) -> HttpResponse:
            record_type = self.type_of(noun)
            metric = get_metric(record_type.metric)
            visible = record_type.model.objects.visible_to(request.user)
            if metric.for_listing is not None:
                visible = metric.for_listing(visible)
            listing, rows = build_listing(
                request,
                visible,
                self.filters[noun],
                record_type.columns,
                default_sort=record_type.default_sort,
            )
            if request.GET.get("export") in {"xlsx", "csv"}:
                return export_rows(
                    rows,
                    record_type.columns,
                    file_format=request.GET["export"],
                    filename=record_type.slug,
                )
            table = [
                (
                    reverse(self.url_name(noun, "detail"), args=[row.pk]),
                    [c.value(row) for c in listing.columns],
                )
                for row in listing.page
            ]
            template = "records/record_list.html"
            if request.htmx:
                template += "#results"
            context = self.context(request, record_type, listing=listing, table=table)
            return render(request, template, context)

        return record_list

    @property
    def detail_view(self) -> Callable[..., HttpResponse]:
        @require(Capability.VIEW_REPORTS)
        def record_detail(request: AuthenticatedRequest, noun: str, pk: int) -> HttpResponse:
            record_type = self.type_of(noun)
            record = get_visible_or_404(record_type.model, request.user, pk=pk)
            # The page names the center above the columns already.
            values = [(c.label, c.value(record)) for c in record_type.columns if c.key != "center"]
            extra = (
                record_type.detail_context(request, record) if record_type.detail_context else {}
            )
            editable = record_type.model.objects.editable_by(request.user)
            context = self.context(
                request,
                record_type,
                record=record,
                values=values,
                can_edit=editable.filter(pk=record.pk).exists(),
                **extra,
            )
            return render(request, record_type.detail_template, context)

        return record_detail

    def _form_page(
        self, request: AuthenticatedRequest, record_type: RecordType, record: Any
    ) -> HttpResponse:
        center = record.center if record.pk else center_of(request.user)
        form = record_type.form(
            request.POST or None, instance=record, user=request.user, center=center
        )
        if request.method == "POST" and form.is_valid():
            fields = form.cleaned_data
            try:
                if record.pk:
                    saved = record_type.update(record, **fields)
                else:
                    saved = record_type.create(center=center, **fields)
            except ValidationError as error:
                show_errors(request, error, form)
            else:
                messages.success(request, f"{record_type.title} 기록을 저장했습니다.")
                return redirect(self.url_name(record_type.noun, "detail"), pk=saved.pk)
        context = self.context(request, record_type, form=form, record=record)
        return render(request, "records/record_form.html", context)

    @property
    def create_view(self) -> Callable[..., HttpResponse]:
        @require(Capability.RECORD_ACTIVITIES)
        def record_create(request: AuthenticatedRequest, noun: str) -> HttpResponse:
            record_type = self.type_of(noun)
            return self._form_page(request, record_type, record_type.model())

        return record_create

    @property
    def edit_view(self) -> Callable[..., HttpResponse]:
        @require(Capability.RECORD_ACTIVITIES)
        def record_edit(request: AuthenticatedRequest, noun: str, pk: int) -> HttpResponse:
            record_type = self.type_of(noun)
            record = get_editable_or_404(record_type.model, request.user, pk=pk)
            return self._form_page(request, record_type, record)

        return record_edit

    @property
    def delete_view(self) -> Callable[..., HttpResponse]:
        @require(Capability.RECORD_ACTIVITIES)
        def record_delete(request: AuthenticatedRequest, noun: str, pk: int) -> HttpResponse:
            record_type = self.type_of(noun)
            record = get_editable_or_404(record_type.model, request.user, pk=pk)
            detail = self.url_name(noun, "detail")
            if request.method == "POST":
                try:
                    services.delete_record(record)
                except ValidationError as error:
                    show_errors(request, error)
                    return redirect(detail, pk=record.pk)
                except ProtectedError as error:
                    names = ", ".join(sorted({str(r) for r in list(error.protected_objects)[:3]}))
                    messages.error(
                        request, f"이 기록을 가리키는 다른 기록이 있어 지우지 않았습니다: {names}"
                    )
                    return redirect(detail, pk=record.pk)
                messages.success(request, f"{record_type.title} 기록을 지웠습니다.")
                return redirect(self.url_name(noun, "list"))
            context = self.context(request, record_type, record=record)
            return render(request, "records/record_delete.html", context)

        return record_delete
