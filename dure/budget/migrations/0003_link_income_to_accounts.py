"""Income's free-text account name becomes a BankAccount: one per (center, year, name, 관).

Reversible: going back writes each linked account's name into the income row again (bank, number
and dates of the accounts are not kept)."""

from django.db import migrations

NAME_LENGTH = 100


def _unique_name(name: str, chapter: str, taken: set[str]) -> str:
    """The row's name; when another 관 of the year already uses it, the 관 is added in brackets."""
    candidate = name[:NAME_LENGTH]
    if candidate not in taken:
        return candidate
    suffix = f" ({chapter})"
    candidate = name[: NAME_LENGTH - len(suffix)] + suffix
    number = 2
    while candidate in taken:
        suffix = f" ({chapter} {number})"
        candidate = name[: NAME_LENGTH - len(suffix)] + suffix
        number += 1
    return candidate


def link_accounts(apps, schema_editor):
    Income = apps.get_model("budget", "Income")
    BankAccount = apps.get_model("budget", "BankAccount")
    accounts: dict[tuple[int, int, str, str, str], int] = {}
    names: dict[tuple[int, int], set[str]] = {}
    rows = Income.objects.exclude(account_name="").order_by("pk")
    for income in rows.iterator():
        key = (
            income.center_id,
            income.fiscal_year_id,
            income.account_name,
            income.fund,
            income.chapter,
        )
        if key not in accounts:
            taken = names.setdefault((income.center_id, income.fiscal_year_id), set())
            name = _unique_name(income.account_name, income.chapter, taken)
            taken.add(name)
            account = BankAccount.objects.create(
                center_id=income.center_id,
                fiscal_year_id=income.fiscal_year_id,
                name=name,
                fund=income.fund,
                chapter=income.chapter,
                note="기존 수익 기록의 계좌명에서 만든 계좌",
            )
            accounts[key] = account.pk
        Income.objects.filter(pk=income.pk).update(account_id=accounts[key])


def unlink_accounts(apps, schema_editor):
    Income = apps.get_model("budget", "Income")
    for income in Income.objects.filter(account__isnull=False).select_related("account"):
        Income.objects.filter(pk=income.pk).update(account_name=income.account.name)


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_bank_account")]

    operations = [migrations.RunPython(link_accounts, unlink_accounts)]
