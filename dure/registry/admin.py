from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dure.registry.models import (
    Agency,
    Designation,
    Enterprise,
    Expert,
    ExpertiseField,
    Financial,
    Institution,
    InstitutionCategory,
    Membership,
    Product,
    Tag,
    refresh_search_texts,
)


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0


class FinancialInline(admin.TabularInline):
    model = Financial
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "business_number", "district", "center"]
    list_filter = ["legal_form", "district"]
    search_fields = ["name", "business_number"]
    raw_id_fields = ["parent"]
    inlines = [DesignationInline, ProductInline, FinancialInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The product inline saves products directly, so the search text is recomputed after."""
        super().save_related(request, form, formsets, change)
        refresh_search_texts([form.instance.pk])


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "enterprise"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "district", "center", "needs_review"]
    list_filter = ["needs_review", "district"]
    search_fields = ["name"]


admin.site.register(InstitutionCategory)
admin.site.register(Tag)
admin.site.register(ExpertiseField)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "center"]
    search_fields = ["name"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "pool_from_year", "pool_until_year", "center"]
    search_fields = ["name", "affiliation"]
