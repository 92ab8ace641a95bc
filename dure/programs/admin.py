"""Read-only admin lists: every change goes through the services and the program screens, so a
target change always leaves its history and an activity its audit entry."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dure.programs import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.ProgramArea)
class ProgramAreaAdmin(ReadOnlyAdmin):
    list_display = ["fiscal_year", "center", "code", "name", "order"]
    list_filter = ["fiscal_year", "center"]
    search_fields = ["name", "code"]


class SubProgramInline(ReadOnlyInline):
    model = models.SubProgram
    fields = ["code", "name", "order"]


@admin.register(models.Program)
class ProgramAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "area", "center"]
    list_filter = ["area__fiscal_year", "center"]
    search_fields = ["name", "code"]
    inlines = [SubProgramInline]


class BreakdownInline(ReadOnlyInline):
    model = models.IndicatorBreakdown
    fields = ["label", "parameters", "target", "order"]


class TargetChangeInline(ReadOnlyInline):
    model = models.TargetChange
    fk_name = "indicator"
    fields = ["changed_at", "changed_by", "breakdown", "old_target", "new_target", "reason"]
    readonly_fields = ["changed_at"]


@admin.register(models.Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "program", "unit", "target", "metric_key", "aggregation", "status"]
    list_filter = ["program__area__fiscal_year", "status", "source", "metric_key"]
    search_fields = ["name", "program__name"]
    inlines = [BreakdownInline, TargetChangeInline]


@admin.register(models.ManualFigure)
class ManualFigureAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "value", "recorded_by", "recorded_at"]


@admin.register(models.ActivityKind)
class ActivityKindAdmin(ReadOnlyAdmin):
    list_display = ["name", "center", "order"]
    list_filter = ["center"]


@admin.register(models.Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["date", "center", "program", "kind", "district", "headcount", "amount_won"]
    list_filter = ["kind", "reconstructed", "center"]
    search_fields = ["notes", "program__name"]
    date_hierarchy = "date"
