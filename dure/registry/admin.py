from django.contrib import admin

from dure.registry.models import Enterprise, Membership


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "business_number", "district", "center"]
    list_filter = ["legal_form", "district"]
    search_fields = ["name", "business_number"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "enterprise"]
