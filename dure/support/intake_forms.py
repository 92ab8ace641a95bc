"""Forms of the intake screens: announcements, sign-up, the standard application, applying,
review and decision. The services check everything again; the forms give the messages early."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from dure.core.models import Center, User
from dure.programs.forms import programs_for_entry
from dure.registry.identifiers import digits_only, is_valid_business_number
from dure.registry.models import Enterprise, Expert
from dure.support import standard
from dure.support.models import Announcement, DocumentKind, RuleKind, SupportType
from dure.support.review import RUBRIC

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
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


class SignupForm(forms.Form):
    center = forms.ModelChoiceField(
        label="가입할 센터",
        queryset=Center.objects.filter(is_active=True).order_by("parent_id", "name"),
    )
    business_number = forms.CharField(label="사업자등록번호", max_length=12)
    enterprise_name = forms.CharField(label="기업명", max_length=200)
    display_name = forms.CharField(label="이름", max_length=50)
    phone = forms.CharField(label="연락처", max_length=30)
    email = forms.EmailField(label="이메일", help_text="신청 진행을 이 주소로 알려 드립니다.")
    username = forms.CharField(label="아이디", max_length=150)
    password = forms.CharField(label="비밀번호", widget=forms.PasswordInput)
    password_again = forms.CharField(label="비밀번호 확인", widget=forms.PasswordInput)

    def clean_business_number(self) -> str:
        number = digits_only(self.cleaned_data["business_number"])
        if not is_valid_business_number(number):
            raise ValidationError("사업자등록번호가 올바르지 않습니다(검증번호 불일치).")
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password and password != data.get("password_again"):
            self.add_error("password_again", "두 비밀번호가 다릅니다.")
        elif password:
            try:
                validate_password(password, User(username=data.get("username", "")))
            except ValidationError as error:
                self.add_error("password", error)
        return data


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


class StandardApplicationForm(forms.Form):
    """The standard application's questions, built from `dure.support.standard.SECTIONS`."""

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for section in standard.SECTIONS:
            for question in section.questions:
                field: forms.Field
                if question.kind == "number":
                    field = forms.IntegerField(min_value=0, max_value=10**15)
                elif question.kind == "long":
                    field = forms.CharField(
                        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
                    )
                else:
                    field = forms.CharField(max_length=200)
                field.label = f"{section.title} · {question.label}"
                field.required = False
                field.initial = answers.get(question.key)
                self.fields[question.key] = field

    def answers(self) -> dict[str, Any]:
        return {
            key: (value.strip() if isinstance(value, str) else value)
            for key, value in self.cleaned_data.items()
            if value not in (None, "")
        }


class ApplyForm(forms.Form):
    """The program's own questions and the documents."""

    def __init__(self, *args: Any, announcement: Announcement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(announcement.questions)
        for index, question in enumerate(self.questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
            )
        for kind, label in DocumentKind.choices:
            self.fields[f"document_{kind}"] = forms.FileField(label=str(label), required=False)

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer_{i}"] for i in range(len(self.questions))]

    def documents(self) -> list[tuple[str, Any]]:
        return [
            (kind, self.cleaned_data[f"document_{kind}"])
            for kind in DocumentKind.values
            if self.cleaned_data.get(f"document_{kind}")
        ]


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
