"""Finding a year's bank account (보조금 전용계좌) from what a file or form names: its name, its
number, or the 관 it is mapped to. Each lookup answers (account, "") or (None, reason)."""

from __future__ import annotations

import re

from dure.budget.models import BankAccount, BudgetLine, account_digits
from dure.core.models import Center, FiscalYear

NUMBER_PATTERN = re.compile(r"[0-9]+(-[0-9]+)*")


class AccountIndex:
    """The accounts of one center's year, read once."""

    def __init__(self, center: Center, fiscal_year: FiscalYear) -> None:
        self.accounts = list(BankAccount.objects.filter(center=center, fiscal_year=fiscal_year))

    def find(self, reference: str) -> tuple[BankAccount | None, str]:
        """The account of that name or number (1005-302-123456 or 1005302123456)."""
        reference = reference.strip()
        by_number = NUMBER_PATTERN.fullmatch(reference) is not None
        digits = account_digits(reference)
        matches = [
            account
            for account in self.accounts
            if account.name == reference
            or (by_number and account.number and account_digits(account.number) == digits)
        ]
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            return None, (
                f"계좌 ‘{reference}’이(가) 없습니다. 등록한 계좌의 이름이나 계좌번호로 적어 주세요."
            )
        names = ", ".join(account.name for account in matches)
        return (
            None,
            f"‘{reference}’에 맞는 계좌가 {len(matches)}개입니다({names}). 계좌번호로 적어 주세요.",
        )

    def of_chapter(self, chapter: str, fund: str | None = None) -> tuple[BankAccount | None, str]:
        """The one account of a 관: None when it has none, a reason when it has several."""
        matches = [
            account
            for account in self.accounts
            if account.chapter == chapter and (fund is None or account.fund == fund)
        ]
        if len(matches) <= 1:
            return (matches[0] if matches else None), ""
        names = ", ".join(account.name for account in matches)
        return None, (
            f"관 ‘{chapter}’에는 계좌가 {len(matches)}개({names})라 어느 계좌인지 알 수 없습니다. "
            "계좌 열에 계좌명이나 계좌번호를 적어 주세요."
        )

    def resolve(
        self,
        reference: str,
        *,
        line: BudgetLine | None,
        chapter: str,
        fund: str | None,
        income: bool,
        interest: bool,
    ) -> tuple[BankAccount | None, str]:
        """The account a money row names (checked against the row's line or 관); for interest
        without a named account, the one account of the row's 관."""
        if line is not None:
            chapter, fund = line.chapter, line.fund
        if reference and not income:
            return None, "계좌는 이자와 기타수익에만 적습니다."
        if reference:
            account, reason = self.find(reference)
            if account is not None and chapter and account.chapter != chapter:
                return None, (
                    f"계좌 ‘{account.name}’은(는) 관 ‘{account.chapter}’의 계좌라 "
                    f"관 ‘{chapter}’과(와) 맞지 않습니다."
                )
            return account, reason
        if interest and chapter:
            return self.of_chapter(chapter, fund)
        return None, ""
