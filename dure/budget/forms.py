"""Budget forms: parsing and field validation with Korean messages."""

from __future__ import annotations

from typing import Any

from django import forms

from dure.budget.models import ACCOUNT_NUMBER_VALIDATOR, AdjustmentKind, BudgetLine, Fund


class LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.path})"


class ExpenditureForm(forms.Form):
    line = LineChoiceField(label="예산 과목", queryset=BudgetLine.objects.none())
    spent_on = forms.DateField(label="집행일", widget=forms.DateInput(attrs={"type": "date"}))
    payee = forms.CharField(label="지급처", max_length=200)
    description = forms.CharField(label="내용", max_length=300)
    amount_won = forms.IntegerField(label="금액(원)", min_value=1)
    evidence = forms.FileField(label="증빙 파일", help_text="영수증, 세금계산서 등")
    evidence_reference = forms.CharField(label="증빙 번호", max_length=200, required=False)

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    from_line = LineChoiceField(label="보내는 과목", queryset=BudgetLine.objects.none())
    to_line = LineChoiceField(label="받는 과목", queryset=BudgetLine.objects.none())
    amount_won = forms.IntegerField(label="금액(원)", min_value=1)
    transferred_on = forms.DateField(label="일자", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="사유", max_length=300)

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_line"].queryset = lines  # type: ignore[attr-defined]
        self.fields["to_line"].queryset = lines  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_line") and data.get("from_line") == data.get("to_line"):
            self.add_error("to_line", "보내는 과목과 받는 과목이 같습니다.")
        return data


class CorrectionForm(forms.Form):
    spent_on = forms.DateField(label="집행일", widget=forms.DateInput(attrs={"type": "date"}))
    payee = forms.CharField(label="지급처", max_length=200)
    description = forms.CharField(label="내용", max_length=300)
    amount_won = forms.IntegerField(label="금액(원)", min_value=1)
    evidence = forms.FileField(label="증빙 파일", required=False)
    reason = forms.CharField(label="정정 사유", max_length=280)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="사유", max_length=300)


class AdjustmentForm(forms.Form):
    recorded_in = forms.TypedChoiceField(label="기록 연도", coerce=int, choices=())
    kind = forms.ChoiceField(label="구분", choices=AdjustmentKind.choices)
    line = LineChoiceField(
        label="대상 예산 과목", queryset=BudgetLine.objects.none(), required=False
    )
    amount_won = forms.IntegerField(
        label="조정액(원)", help_text="늘면 양수, 줄면 음수(예: -50000)"
    )
    adjusted_on = forms.DateField(label="조정일", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="사유", max_length=300)

    def __init__(self, *args: Any, lines: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]
        self.fields["recorded_in"].choices = [  # type: ignore[attr-defined]
            (year, f"{year}년") for year in years
        ]

    def clean_amount_won(self) -> int:
        amount = self.cleaned_data["amount_won"]
        if amount == 0:
            raise forms.ValidationError("조정액은 0원이 아니어야 합니다.")
        return int(amount)


def chapter_choices(lines: Any) -> list[tuple[str, str]]:
    """The 관 of a year's lines as `fund:관` choices, labelled with the fund."""
    funds = dict(Fund.choices)
    pairs = dict.fromkeys(lines.order_by("order", "pk").values_list("fund", "chapter"))
    return [
        (f"{fund}:{chapter}", f"{chapter} ({funds.get(fund, fund)})") for fund, chapter in pairs
    ]


class BankAccountForm(forms.Form):
    name = forms.CharField(
        label="계좌명",
        max_length=100,
        help_text="예: 위탁사업비 전용계좌 (연도 안에서 겹치지 않게)",
    )
    bank = forms.CharField(label="은행", max_length=50)
    number = forms.CharField(
        label="계좌번호",
        max_length=40,
        validators=[ACCOUNT_NUMBER_VALIDATOR],
        help_text="숫자와 하이픈(-)만 씁니다. 예: 1005-302-123456",
    )
    chapter = forms.ChoiceField(label="관", choices=(), help_text="이 계좌에 보조금을 받는 관")
    opened_on = forms.DateField(
        label="개설일", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    closed_on = forms.DateField(
        label="해지일", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label="비고", max_length=300, required=False)

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chapter"].choices = chapter_choices(lines)  # type: ignore[attr-defined]

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("chapter"):
            data["fund"], data["chapter"] = str(data["chapter"]).split(":", 1)
        opened, closed = data.get("opened_on"), data.get("closed_on")
        if opened and closed and closed < opened:
            self.add_error("closed_on", "해지일은 개설일보다 빠를 수 없습니다.")
        return data


class CloseAccountForm(forms.Form):
    closed_on = forms.DateField(label="해지일", widget=forms.DateInput(attrs={"type": "date"}))
