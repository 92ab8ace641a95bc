"""Filters of the admin review screens (audit log, personal-data access log)."""

from __future__ import annotations

import django_filters
from auditlog.models import LogEntry
from django.db.models import Q, QuerySet

from dure.core.models import AccessAction, Center, PersonalDataAccess, User
from dure.core.roles import Role


class AuditLogFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="대상", method="filter_text")
    center = django_filters.ChoiceFilter(
        label="센터",
        field_name="additional_data__center",
        choices=lambda: list(Center.objects.values_list("code", "name")),
    )
    actor = django_filters.CharFilter(label="변경한 사람", field_name="actor__username")
    action = django_filters.ChoiceFilter(
        label="구분", choices=[(0, "생성"), (1, "수정"), (2, "삭제")]
    )
    since = django_filters.DateFilter(
        label="시작일", field_name="timestamp", lookup_expr="date__gte"
    )
    until = django_filters.DateFilter(
        label="종료일", field_name="timestamp", lookup_expr="date__lte"
    )

    class Meta:
        model = LogEntry
        fields = ["q", "center", "actor", "action", "since", "until"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(object_repr__icontains=value)


class AccessLogFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(label="접근자", field_name="user__username")
    subject = django_filters.CharFilter(
        label="정보주체", field_name="subject_label", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(label="행위", choices=AccessAction.choices)
    since = django_filters.DateFilter(
        label="시작일", field_name="accessed_at", lookup_expr="date__gte"
    )
    until = django_filters.DateFilter(
        label="종료일", field_name="accessed_at", lookup_expr="date__lte"
    )

    class Meta:
        model = PersonalDataAccess
        fields = ["user", "subject", "action", "since", "until"]


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="아이디·이름", method="filter_text")
    role = django_filters.ChoiceFilter(label="역할", choices=Role.choices)

    class Meta:
        model = User
        fields = ["q", "role"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(username__icontains=value) | Q(display_name__icontains=value))
