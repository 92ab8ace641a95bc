"""Forms of the 판로지원 screens. Institutions and enterprises are named by typing (a datalist of
those the user may refer to), resolved here with a Korean error naming the field."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

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
from dure.programs.records.forms import (
    DATE,
    ENTERPRISE,
    INSTITUTION,
    RecordForm,
    RegistryNameField,
    open_programs,
    record_form,
    referable,
)
from dure.registry.identifiers import is_valid_business_number
from dure.registry.models import Enterprise

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


class PurchaseFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="연도", field_name="resolved_on__year")
    institution = django_filters.NumberFilter(label="기관 번호", field_name="institution_id")

    class Meta:
        model = Purchase
        fields = ["year", "institution"]
