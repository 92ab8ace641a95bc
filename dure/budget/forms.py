"""Budget forms: parsing and field validation with Korean messages."""

from __future__ import annotations

from typing import Any

from django import forms

from dure.budget.models import AdjustmentKind, BudgetLine


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
