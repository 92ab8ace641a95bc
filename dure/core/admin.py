from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from dure.core.models import Center, FiscalYear, PersonalDataAccess, User


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "administrative_code", "is_active"]
    list_filter = ["kind", "region"]
    search_fields = ["code", "name"]


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year", "starts_on", "ends_on"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "center", "role", "is_active"]
    list_filter = ["role", "center"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("두레", {"fields": ("display_name", "center", "role")}),
    )


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "user", "action", "subject_label", "ip_address", "reason"]
    list_filter = ["action"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
