"""A record's form and list filter. Institutions and enterprises are named by typing (a datalist
of those the user may refer to), resolved here with a Korean error naming the field."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from dure.core.districts import DISTRICT_CHOICES
from dure.core.models import Center, CenterOwned, User
from dure.programs.models import Program
from dure.registry.models import Enterprise, Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegistryNameField(forms.CharField):
    """An institution or enterprise named by its exact name (or 사업자등록번호)."""

    def __init__(self, *, queryset: QuerySet, what: str, **kwargs: Any) -> None:
        self.queryset = queryset
        self.what = what
        super().__init__(max_length=200, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        found = list(self.queryset.filter(name=text.strip())[:2])
        if not found and text.strip().replace("-", "").isdigit():
            found = list(self.queryset.filter(business_number=text.replace("-", ""))[:2])
        if not found:
            raise forms.ValidationError(
                f"‘{text}’이라는 {self.what}이(가) 명부에 없습니다. 명부에 먼저 등록하세요."
            )
        if len(found) > 1:
            raise forms.ValidationError(
                f"‘{text}’이라는 {self.what}이(가) 여럿입니다. 사업자등록번호로 적어 주세요."
            )
        return found[0]


def referable(model: Any, user: User, center: Center) -> QuerySet:
    return model.objects.referable(user=user, center=center)


def open_programs(center: Center) -> QuerySet[Program]:
    """Programs a center records under: its own and its metropolitan center's."""
    centers = [center.pk] + ([center.parent_id] if center.parent_id else [])
    return (
        Program.objects.filter(center_id__in=centers)
        .select_related("area__fiscal_year")
        .order_by("-area__fiscal_year__year", "area__order", "order")
    )


class RecordForm(forms.ModelForm):
    """A record's form: the program among those open to the center; registry names typed."""

    registry_fields: dict[str, tuple[Any, str]] = {}

    def __init__(self, *args: Any, user: User, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.center = center
        if "program" in self.fields:
            field = self.fields["program"]
            field.queryset = open_programs(center)  # type: ignore[attr-defined]
            field.label_from_instance = lambda p: f"{p.area.fiscal_year.year}년 {p.name}"  # type: ignore[attr-defined]
        if "date" in self.fields and not self.instance.pk and not self.initial.get("date"):
            # The empty instance's own None would otherwise stand in for the default.
            self.initial["date"] = timezone.localdate()
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                # The browser's date picker, which sends and shows ISO dates.
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                field.widget.is_required = field.required
        self.datalists: dict[str, list[str]] = {}
        for name, (model, what) in self.registry_fields.items():
            if name not in self.fields:
                continue
            queryset = referable(model, user, center)
            required = self.fields[name].required
            label = self.fields[name].label
            self.fields[name] = RegistryNameField(
                queryset=queryset, what=what, required=required, label=label
            )
            self.fields[name].widget.attrs["list"] = f"names-{name}"
            self.fields[name].widget.attrs["autocomplete"] = "off"
            current = getattr(self.instance, name, None) if self.instance.pk else None
            if current is not None:
                self.initial[name] = current.name
            self.datalists[name] = list(
                queryset.order_by("name").values_list("name", flat=True)[:3000]
            )
        for name, field in self.fields.items():
            choices = getattr(field, "queryset", None)
            if name == "program" or name in self.registry_fields or choices is None:
                continue
            if issubclass(choices.model, CenterOwned):
                # Another center's rows (a fair, a report) are neither listed nor accepted.
                reach = referable(choices.model, user, center).values("pk")
                field.queryset = choices.filter(pk__in=reach)  # type: ignore[attr-defined]


INSTITUTION = (Institution, "기관")
ENTERPRISE = (Enterprise, "기업")


def record_form(
    model: Any, fields: list[str], registry: dict[str, tuple[Any, str]] | None = None
) -> type:
    """A RecordForm of the model's fields; `registry` names the fields typed as registry names."""
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(
        f"{model.__name__}Form", (RecordForm,), {"Meta": meta, "registry_fields": registry or {}}
    )


class RecordFilter(django_filters.FilterSet):
    """Year, district and the record's own choices."""

    year = django_filters.NumberFilter(
        label="회계연도", field_name="program__area__fiscal_year__year"
    )
    district = django_filters.ChoiceFilter(label="자치구", choices=DISTRICT_CHOICES)


def record_filter(model: Any, extra: list[str]) -> type:
    meta = type("Meta", (), {"model": model, "fields": ["year", "district", *extra]})
    return type(f"{model.__name__}Filter", (RecordFilter,), {"Meta": meta})
