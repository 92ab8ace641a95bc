"""Forms of the 판로지원 screens. Institutions and enterprises are named by typing (a datalist of
those the user may refer to), resolved here with a Korean error naming the field."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from dure.core.districts import DISTRICT_CHOICES
from dure.core.models import Center, User
from dure.market.models import (
    B2BLinkage,
    Briefing,
    Consultation,
    DatabaseEntry,
    DemandOrganization,
    Fair,
    Listing,
    MarketingSupport,
    Opportunity,
    Outlet,
    Purchase,
    SalesEvent,
    Stage,
    SupplySurvey,
    Visit,
)
from dure.programs.models import Program
from dure.registry.identifiers import is_valid_business_number
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
    """A market record's form: the program among those open to the center; registry names typed."""

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


INSTITUTION = (Institution, "기관")
ENTERPRISE = (Enterprise, "기업")


def record_form(model: Any, fields: list[str], registry: dict[str, tuple[Any, str]]) -> type:
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(f"{model.__name__}Form", (RecordForm,), {"Meta": meta, "registry_fields": registry})


ConsultationForm = record_form(
    Consultation,
    [
        "program",
        "date",
        "caller_type",
        "channel",
        "topic",
        "outcome",
        "institution",
        "enterprise",
        "district",
        "notes",
    ],
    {"institution": INSTITUTION, "enterprise": ENTERPRISE},
)
VisitForm = record_form(
    Visit,
    [
        "program",
        "date",
        "institution",
        "segment",
        "staff",
        "purpose",
        "result",
        "district",
        "notes",
    ],
    {"institution": INSTITUTION},
)
DatabaseEntryForm = record_form(
    DatabaseEntry,
    ["program", "date", "kind", "enterprise", "institution", "district", "notes"],
    {"institution": INSTITUTION, "enterprise": ENTERPRISE},
)
BriefingForm = record_form(
    Briefing, ["program", "date", "title", "audience", "participants", "district", "notes"], {}
)
FairForm = record_form(
    Fair,
    [
        "program",
        "date",
        "host",
        "enterprises_count",
        "departments_count",
        "consultations_count",
        "visitors",
        "district",
        "notes",
    ],
    {"host": INSTITUTION},
)
OpportunityForm = record_form(
    Opportunity,
    [
        "program",
        "date",
        "institution",
        "need",
        "category",
        "keywords",
        "support_kind",
        "channel",
        "fair",
        "district",
        "notes",
    ],
    {"institution": INSTITUTION},
)
DemandOrganizationForm = record_form(
    DemandOrganization,
    ["program", "date", "institution", "category", "district", "notes"],
    {"institution": INSTITUTION},
)
B2BLinkageForm = record_form(
    B2BLinkage,
    ["program", "date", "supplier", "buyer", "item", "amount_won", "district", "notes"],
    {"supplier": ENTERPRISE, "buyer": INSTITUTION},
)
SupplySurveyForm = record_form(
    SupplySurvey,
    ["program", "date", "enterprise", "findings", "district", "notes"],
    {"enterprise": ENTERPRISE},
)
OutletForm = record_form(
    Outlet,
    ["program", "date", "institution", "kind", "arrangement", "selected", "district", "notes"],
    {"institution": INSTITUTION},
)
ListingForm = record_form(
    Listing,
    [
        "program",
        "date",
        "outlet_kind",
        "outlet",
        "enterprise",
        "product",
        "sales_won",
        "district",
        "notes",
    ],
    {"enterprise": ENTERPRISE},
)
MarketingSupportForm = record_form(
    MarketingSupport,
    ["program", "date", "kind", "enterprise", "content", "district", "notes"],
    {"enterprise": ENTERPRISE},
)
SalesEventForm = record_form(
    SalesEvent, ["program", "date", "name", "kind", "outlet", "district", "notes"], {}
)


class PurchaseForm(RecordForm):
    registry_fields = {"institution": INSTITUTION}
    # Typed with or without hyphens (220-81-62517); stored as its ten digits.
    supplier_business_number = forms.CharField(label="공급자 사업자등록번호", max_length=20)

    def clean_supplier_business_number(self) -> str:
        number = "".join(ch for ch in self.cleaned_data["supplier_business_number"] if ch.isdigit())
        if not is_valid_business_number(number):
            raise forms.ValidationError(
                "사업자등록번호 10자리가 아니거나 검증 숫자가 맞지 않습니다."
            )
        return number

    class Meta:
        model = Purchase
        fields = [
            "institution",
            "resolved_on",
            "supplier_business_number",
            "supplier_name",
            "item",
            "amount_won",
        ]


class AdvanceForm(forms.Form):
    """An opportunity moved on: its stage, bidders, winner and contract."""

    stage = forms.ChoiceField(label="단계", choices=Stage.choices)
    bidders = forms.ModelMultipleChoiceField(
        label="참여 기업",
        queryset=Enterprise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    winner = forms.CharField(label="계약 기업", required=False)
    contracted_on = forms.DateField(label="계약일", required=False, widget=DATE)
    contract_won = forms.IntegerField(label="계약금액(원)", required=False, min_value=0)

    def __init__(
        self, *args: Any, user: User, center: Center, bidders: QuerySet, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bidders"].queryset = bidders  # type: ignore[attr-defined]
        self.fields["winner"] = RegistryNameField(
            queryset=referable(Enterprise, user, center),
            what="기업",
            required=False,
            label="계약 기업",
        )


class SalesTeamForm(forms.Form):
    program = forms.ModelChoiceField(label="사업", queryset=Program.objects.none())
    district = forms.ChoiceField(label="자치구", choices=DISTRICT_CHOICES)
    members = forms.CharField(
        label="시니어 영업인력",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="한 줄에 한 사람",
    )
    notes = forms.CharField(label="비고", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = open_programs(center)  # type: ignore[attr-defined]


class ParticipationForm(forms.Form):
    enterprise = forms.CharField(label="기업", required=False)
    sales_won = forms.IntegerField(label="매출(원)", required=False, min_value=0)

    def __init__(self, *args: Any, user: User, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"] = RegistryNameField(
            queryset=referable(Enterprise, user, center), what="기업", required=False, label="기업"
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


class PurchaseFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="연도", field_name="resolved_on__year")
    institution = django_filters.NumberFilter(label="기관 번호", field_name="institution_id")

    class Meta:
        model = Purchase
        fields = ["year", "institution"]
