"""Read-only admin lists: every change goes through the services and the budget screens."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dure.budget import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ["fiscal_year", "center", "chapter", "item", "account_title", "unit_name"]
    list_filter = ["fiscal_year", "fund"]


@admin.register(models.Expenditure)
class ExpenditureAdmin(ReadOnlyAdmin):
    list_display = ["spent_on", "line", "payee", "amount_won", "status"]
    list_filter = ["status"]


@admin.register(models.Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["transferred_on", "from_line", "to_line", "amount_won", "status"]


@admin.register(models.BankAccount)
class BankAccountAdmin(ReadOnlyAdmin):
    list_display = [
        "fiscal_year",
        "center",
        "name",
        "bank",
        "masked_number",
        "chapter",
        "closed_on",
    ]
    list_filter = ["fiscal_year", "fund"]
    exclude = ["number"]  # the full number is shown on the money screens only
    readonly_fields = ["masked_number"]

    @admin.display(description="계좌번호")
    def masked_number(self, account: models.BankAccount) -> str:
        return account.masked_number


@admin.register(models.Income)
class IncomeAdmin(ReadOnlyAdmin):
    list_display = ["received_on", "kind", "chapter", "line", "account", "amount_won"]
    list_filter = ["kind", "fund"]


@admin.register(models.MoneyRecordAccess)
class MoneyRecordAccessAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "user", "subject", "ip_address"]
