"""List filters of the registry."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet

from dure.core.districts import DISTRICT_CHOICES
from dure.registry.models import Enterprise, LegalForm, MissionType


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="검색어", method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )
    district = django_filters.ChoiceFilter(
        label="자치구", choices=DISTRICT_CHOICES, empty_label="전체"
    )
    legal_form = django_filters.ChoiceFilter(
        label="법인 형태", choices=LegalForm.choices, empty_label="전체"
    )
    mission_type = django_filters.ChoiceFilter(
        label="사회적 목적 유형", choices=MissionType.choices
    )

    class Meta:
        model = Enterprise
        fields = ["q", "district", "legal_form", "mission_type"]

    def filter_search(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet:
        return queryset.search(value)  # type: ignore[attr-defined]
