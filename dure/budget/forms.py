"""Budget forms: parsing and field validation with Korean messages."""

from __future__ import annotations

from typing import Any

from django import forms

from dure.budget.models import BudgetLine


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
