"""Forms of the engagement screens; every reference is looked up only among the rows the
engagement's center may see."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django import forms

from dure.core.models import Center, User
from dure.programs.forms import programs_for_entry
from dure.registry.models import Agency, Enterprise, Expert, search_key
from dure.support.diagnosis import QUESTIONS, SCALE
from dure.support.models import (
    Announcement,
    Engagement,
    FollowUp,
    RuleKind,
    Status,
    SupportType,
    VisitDiagnosis,
    centers_in_scope,
)
from dure.support.review import RUBRIC

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class EngagementFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        label="시작일부터", field_name="starts_on", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label="시작일까지", field_name="starts_on", lookup_expr="lte", widget=DATE_INPUT
    )
    support_type = django_filters.ChoiceFilter(label="지원구분", choices=SupportType.choices)
    status = django_filters.ChoiceFilter(label="상태", choices=Status.choices)
    q = django_filters.CharFilter(label="기업·전문가·과제", method="search")
    reconstructed = django_filters.BooleanFilter(
        label="재구성 기록",
        widget=forms.Select(choices=[("", "전체"), ("true", "재구성만"), ("false", "재구성 제외")]),
    )

    class Meta:
        model = Engagement
        fields = ["date_from", "date_to", "support_type", "status", "q", "reconstructed"]

    def search(self, queryset: Any, name: str, value: str) -> Any:
        from django.db.models import Q

        return queryset.filter(
            Q(enterprise__name__icontains=value)
            | Q(expert__name__icontains=value)
            | Q(agency__name__icontains=value)
            | Q(task_type__icontains=value)
        )


class EngagementForm(forms.ModelForm):
    """One engagement; the enterprise is named by 사업자등록번호 or name, as in the import."""

    enterprise_text = forms.CharField(
        label="기업",
        required=False,
        help_text="사업자등록번호 또는 기업명 (명부에 있는 기업)",
    )

    class Meta:
        model = Engagement
        fields = [
            "program",
            "support_type",
            "channel",
            "agency",
            "expert",
            "field",
            "task_type",
            "starts_on",
            "ends_on",
            "status",
            "planned_sessions",
            "delivered_sessions",
            "hours",
            "satisfaction",
            "deliverables",
            "notes",
        ]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.center = center
        self.instance.center = center
        scope = centers_in_scope(center)
        self.fields["program"].queryset = programs_for_entry(center).order_by(  # type: ignore[attr-defined]
            "-area__fiscal_year__year", "area__order", "order", "pk"
        )
        self.fields["agency"].queryset = Agency.objects.filter(center_id__in=scope)  # type: ignore[attr-defined]
        self.fields["expert"].queryset = Expert.objects.filter(center_id__in=scope)  # type: ignore[attr-defined]
        self.order_fields(["program", "support_type", "channel", "enterprise_text"])
        if self.instance.pk and self.instance.sessions.exists():
            for name in ("delivered_sessions", "hours"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "회차 기록에서 셉니다."
        if self.instance.pk and self.instance.enterprise:
            self.initial["enterprise_text"] = self.instance.enterprise.business_number or (
                self.instance.enterprise.name
            )

    def clean_enterprise_text(self) -> Enterprise | None:
        text = self.cleaned_data.get("enterprise_text", "").strip()
        return enterprise_named(text, self.center) if text else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Checked with the rest of the record when the model validates it.
        self.instance.enterprise = data.get("enterprise_text")
        return data


class SessionForm(forms.Form):
    """A session's day, hours and what was done; checked against the engagement by the service."""

    held_on = forms.DateField(label="일자", widget=DATE_INPUT)
    hours = forms.DecimalField(
        label="시간", min_value=Decimal("0.5"), max_digits=4, decimal_places=1
    )
    summary = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["kind", "program", "description", "due_on"]
        widgets = {"due_on": DATE_INPUT}

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["program"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = programs_for_entry(engagement.center)


class FollowUpDoneForm(forms.Form):
    done_on = forms.DateField(label="완료일", widget=DATE_INPUT)
    result = forms.CharField(label="결과", widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label="전문가", queryset=Expert.objects.none())

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Expert.objects.filter(center_id__in=centers_in_scope(engagement.center))


class DiagnosisForm(forms.Form):
    """The pre-diagnosis: the enterprise, the day, every question on 1–5, the support asked for."""

    enterprise_text = forms.CharField(
        label="기업", help_text="사업자등록번호 또는 기업명 (명부에 있는 기업)"
    )
    diagnosed_on = forms.DateField(label="진단일", widget=DATE_INPUT)
    needs = forms.CharField(
        label="지원 요청 사항", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.center = center
        for question in QUESTIONS:
            self.fields[question.key] = forms.TypedChoiceField(
                label=f"[{question.area.label}] {question.text}",
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def clean_enterprise_text(self) -> Enterprise:
        return enterprise_named(self.cleaned_data["enterprise_text"], self.center)

    def answers(self) -> dict[str, int]:
        return {q.key: self.cleaned_data[q.key] for q in QUESTIONS}


class VisitRequestForm(forms.Form):
    expert = forms.ModelChoiceField(label="방문 전문가", queryset=Expert.objects.none())
    planned_on = forms.DateField(label="방문 예정일", required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, center: Center, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Expert.objects.filter(center_id__in=centers_in_scope(center)).in_pool(year)


class VisitRecordForm(forms.ModelForm):
    recommended = forms.MultipleChoiceField(
        label="권하는 지원",
        required=False,
        choices=SupportType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = VisitDiagnosis
        fields = ["visited_on", "findings", "recommended", "plan"]
        widgets = {"visited_on": DATE_INPUT}

    def clean_visited_on(self) -> Any:
        visited_on = self.cleaned_data.get("visited_on")
        if visited_on is None:
            raise forms.ValidationError("방문일을 적으세요.")
        return visited_on


def enterprise_named(text: str, center: Center) -> Enterprise:
    """An enterprise the center may see, by 사업자등록번호 or name; one it may not see is
    answered exactly like one that does not exist."""
    text = " ".join(text.split())
    visible = Enterprise.objects.filter(center_id__in=centers_in_scope(center))
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 10 and len(digits) >= len(text.replace("-", "")):
        found = list(visible.filter(business_number=digits)[:2])
    else:
        found = list(visible.filter(search_key=search_key(text))[:2])
    if not found:
        raise forms.ValidationError(f"‘{text}’은(는) 이 센터의 명부에 없는 기업입니다.")
    if len(found) > 1:
        raise forms.ValidationError(
            f"‘{text}’이(가) 명부에 여러 곳 있습니다: 사업자등록번호를 적으세요."
        )
    return found[0]


# The intake: announcements, member confirmation, review, decision.

RULE_ROWS = 5


class AnnouncementForm(forms.ModelForm):
    """An announcement with its questions (one per line) and up to five eligibility rules."""

    questions_text = forms.CharField(
        label="사업별 질문",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="표준 신청서에 더해 이 사업만 묻는 질문을 한 줄에 하나씩 적습니다.",
    )

    class Meta:
        model = Announcement
        fields = [
            "program",
            "title",
            "body",
            "support_type",
            "always_open",
            "opens_on",
            "closes_on",
            "published",
        ]
        widgets = {"opens_on": DATE_INPUT, "closes_on": DATE_INPUT}

    def __init__(self, *args: Any, center: Center, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.center = center
        self.fields["program"].queryset = programs_for_entry(center)  # type: ignore[attr-defined]
        self.fields["support_type"].choices = SupportType.choices  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["questions_text"].initial = "\n".join(self.instance.questions)
            rules = list(self.instance.rules.all())
        else:
            rules = []
        for index in range(RULE_ROWS):
            rule = rules[index] if index < len(rules) else None
            self.fields[f"rule_kind_{index}"] = forms.ChoiceField(
                label=f"신청 자격 {index + 1}",
                choices=[("", "(없음)"), *RuleKind.choices],
                required=False,
                initial=rule.kind if rule else "",
            )
            self.fields[f"rule_value_{index}"] = forms.CharField(
                label=f"신청 자격 {index + 1} 값",
                required=False,
                initial=rule.value if rule else "",
                help_text="연수·금액은 숫자, 그 밖에는 쉼표로 구분한 값(예: 협동조합, 자활기업)",
            )
        self.instance.center = center

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.instance.questions = [
            line.strip() for line in data.get("questions_text", "").splitlines() if line.strip()
        ]
        return data

    def rules(self) -> list[tuple[str, str]]:
        found = []
        for index in range(RULE_ROWS):
            kind = self.cleaned_data.get(f"rule_kind_{index}")
            value = self.cleaned_data.get(f"rule_value_{index}", "")
            if kind:
                found.append((kind, value))
        return found


class MembershipDecisionForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label="연결할 기업", queryset=Enterprise.objects.none(), required=False
    )
    reason = forms.CharField(label="사유(거절할 때)", max_length=300, required=False)

    def __init__(self, *args: Any, candidates: list[Enterprise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enterprise"]
        field.queryset = Enterprise.objects.filter(pk__in=[e.pk for e in candidates])  # type: ignore[attr-defined]
        if len(candidates) == 1:
            field.initial = candidates[0].pk


class ReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(label="심사위원", queryset=Expert.objects.none())

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = experts  # type: ignore[attr-defined]


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label="이 신청 기업과 이해관계가 있습니까?",
        choices=[("no", "없습니다"), ("yes", "있습니다")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="이해관계 내용(있을 때)", max_length=300, required=False)


class ScoreForm(forms.Form):
    comment = forms.CharField(label="심사 의견", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in RUBRIC:
            self.fields[criterion.key] = forms.IntegerField(
                label=f"{criterion.label} ({criterion.weight}점)",
                min_value=0,
                max_value=criterion.weight,
            )
        self.order_fields([c.key for c in RUBRIC] + ["comment"])

    def scores(self) -> dict[str, int]:
        return {c.key: self.cleaned_data[c.key] for c in RUBRIC}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="결정", choices=[("approve", "선정"), ("reject", "미선정")], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="신청자에게 알리는 사유", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    note = forms.CharField(
        label="내부 메모(신청자에게 보이지 않음)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
