"""Forms of the report editions: a new edition, its own texts and choices, a program's part."""

from __future__ import annotations

from typing import Any

from django import forms

from dure.core.models import Center, FiscalYear
from dure.reports.edition import APPENDIX_CHOICES, BlockChoice
from dure.reports.livefigures import EditionContext

TEXT_HELP = (
    "빈 줄로 문단을 나눕니다. 수치는 아래 ‘수치 넣기’로 넣으면 늘 기록에서 계산한 값으로 "
    "나오고 기록 목록으로 이어집니다."
)


class EditionCreateForm(forms.Form):
    fiscal_year = forms.ModelChoiceField(
        label="회계연도", queryset=FiscalYear.objects.order_by("-year"), empty_label=None
    )
    title = forms.CharField(
        label="제목", max_length=200, required=False, help_text="비우면 ‘연도 센터 성과보고서’"
    )
    roll_up = forms.BooleanField(label="자치구 센터 실적 합산", required=False)

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not center.is_metropolitan:
            del self.fields["roll_up"]


class EditionForm(forms.Form):
    title = forms.CharField(label="제목", max_length=200)
    foreword = forms.CharField(
        label="펴내는 글",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=TEXT_HELP,
    )
    roll_up = forms.BooleanField(label="자치구 센터 실적 합산", required=False)
    glance = forms.TypedMultipleChoiceField(
        label="한눈에 보기에 넣을 지표",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    appendix = forms.MultipleChoiceField(
        label="부록", choices=APPENDIX_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, context: EditionContext, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["glance"].choices = [  # type: ignore[attr-defined]
            (result.indicator.pk, f"{section.program.name} › {result.indicator.name}")
            for section in context.report.programs
            for result in section.results
        ]
        if not context.edition.center.is_metropolitan:
            del self.fields["roll_up"]


class SectionForm(forms.Form):
    introduction = forms.CharField(
        label="사업소개",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=TEXT_HELP,
    )
    narrative = forms.CharField(
        label="추진내역",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=TEXT_HELP,
    )
    blocks = forms.MultipleChoiceField(
        label="실을 표·기록 목록·그래프", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[BlockChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["blocks"].choices = [  # type: ignore[attr-defined]
            (choice.key, choice.label) for choice in choices
        ]
