"""List filters of the registry."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from dure.core.districts import DISTRICT_CHOICES
from dure.registry.models import (
    Agency,
    AgencyKind,
    Designation,
    DesignationType,
    Enterprise,
    Expert,
    ExpertiseField,
    Institution,
    InstitutionCategory,
    LegalForm,
    MissionType,
    Product,
    ProductCategory,
    normalise_name,
    search_key,
)

SEARCH = forms.TextInput(attrs={"type": "search"})


NO_DISTRICT = "-"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EnterpriseFilter(django_filters.FilterSet):
    """The designation filters work together: a type (any when empty) in force on `on` (today when
    empty), or started in `designation_year` when that is given."""

    q = django_filters.CharFilter(label="검색어", method="filter_search", widget=SEARCH)
    designation = django_filters.ChoiceFilter(
        label="인증·지정", choices=DesignationType.choices, method="filter_designation"
    )
    on = django_filters.DateFilter(
        label="인증·지정 기준일", method="filter_designation", widget=DATE
    )
    designation_year = django_filters.NumberFilter(
        label="인증·지정 연도", method="filter_designation", min_value=1900, max_value=2100
    )
    district = django_filters.ChoiceFilter(
        label="자치구",
        choices=[*DISTRICT_CHOICES, (NO_DISTRICT, "자치구 없음")],
        method="filter_district",
    )
    industry = django_filters.CharFilter(label="업종", lookup_expr="icontains")
    mission_type = django_filters.ChoiceFilter(
        label="사회적 목적 유형", choices=MissionType.choices
    )
    legal_form = django_filters.ChoiceFilter(label="법인 형태", choices=LegalForm.choices)
    product_category = django_filters.ChoiceFilter(
        label="제품·서비스 분류", choices=ProductCategory.choices, method="filter_product_category"
    )

    class Meta:
        model = Enterprise
        fields = [
            "q",
            "designation",
            "on",
            "designation_year",
            "district",
            "industry",
            "mission_type",
            "legal_form",
            "product_category",
        ]

    def filter_search(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet:
        return queryset.search(value)  # type: ignore[attr-defined]

    def filter_designation(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset  # applied once, for the three fields together, in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        designation_type = data.get("designation") or None
        day = data.get("on")
        year = data.get("designation_year")
        if year is not None:
            designations = Designation.objects.filter(starts_on__year=int(year))
            if designation_type:
                designations = designations.filter(designation_type=designation_type)
            return queryset.filter(pk__in=designations.values("enterprise_id"))
        if designation_type or day:
            return queryset.designated_on(  # type: ignore[attr-defined]
                day or datetime.date.today(), designation_type
            )
        return queryset

    def filter_district(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(district="" if value == NO_DISTRICT else value)

    def filter_product_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        products = Product.objects.filter(enterprise=OuterRef("pk"), category=value)
        return queryset.filter(Exists(products))


def _name_condition(value: str) -> Q:
    term = normalise_name(value)
    key = search_key(term)
    condition = Q(name__icontains=term)
    if key:
        condition |= Q(search_key__icontains=key)
    return condition


class InstitutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="기관명", method="filter_search", widget=SEARCH)
    category = django_filters.ModelChoiceFilter(
        label="기관 분류",
        queryset=InstitutionCategory.objects.select_related("parent"),
        method="filter_category",
    )
    district = django_filters.ChoiceFilter(label="자치구", choices=DISTRICT_CHOICES)
    needs_review = django_filters.BooleanFilter(label="확인 필요")

    class Meta:
        model = Institution
        fields = ["q", "category", "district", "needs_review"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_name_condition(value))

    def filter_category(
        self, queryset: QuerySet, name: str, value: InstitutionCategory
    ) -> QuerySet:
        return queryset.filter(Q(category=value) | Q(category__parent=value))


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="기관명", method="filter_search", widget=SEARCH)
    kind = django_filters.ChoiceFilter(label="구분", choices=AgencyKind.choices)
    expertise = django_filters.ModelChoiceFilter(
        label="전문 분야", queryset=ExpertiseField.objects.all(), method="filter_expertise"
    )
    district = django_filters.ChoiceFilter(label="자치구", choices=DISTRICT_CHOICES)

    class Meta:
        model = Agency
        fields = ["q", "kind", "expertise", "district"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_name_condition(value))

    def filter_expertise(self, queryset: QuerySet, name: str, value: ExpertiseField) -> QuerySet:
        return queryset.filter(pk__in=value.agencies.values("pk"))


EXPERT_ROLES = [
    ("is_consultant", "컨설턴트"),
    ("is_mentor", "경영멘토"),
    ("is_instructor", "강사"),
    ("is_reviewer", "심사위원"),
]


class ExpertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="성명·소속", method="filter_search", widget=SEARCH)
    role = django_filters.ChoiceFilter(label="역할", choices=EXPERT_ROLES, method="filter_role")
    expertise = django_filters.ModelChoiceFilter(
        label="전문 분야", queryset=ExpertiseField.objects.all(), method="filter_expertise"
    )
    pool_year = django_filters.NumberFilter(label="자원풀 연도", method="filter_pool_year")

    class Meta:
        model = Expert
        fields = ["q", "role", "expertise", "pool_year"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        term = normalise_name(value)
        return queryset.filter(
            Q(name__icontains=term)
            | Q(affiliation__icontains=term)
            | Q(agency__name__icontains=term)
        )

    def filter_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{value: True})

    def filter_expertise(self, queryset: QuerySet, name: str, value: ExpertiseField) -> QuerySet:
        return queryset.filter(pk__in=value.experts.values("pk"))

    def filter_pool_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.in_pool(int(value))  # type: ignore[attr-defined]
