"""Forms of the 지역 및 협동 기반 records: the shared record form, with the projects, zones and
workspaces a record may name limited to those of the center's reach."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms

from dure.core.models import Center, User
from dure.ecosystem import models
from dure.programs.records.forms import (
    DATE,
    ENTERPRISE,
    INSTITUTION,
    RecordForm,
    RegistryNameField,
    referable,
)
from dure.registry.models import Enterprise, Institution

# The fields naming another record of this app, and that record's model.
OWNED_FIELDS = {
    "project": models.Project,
    "zone": models.SpecialZone,
    "workspace": models.Workspace,
}


class EcosystemRecordForm(RecordForm):
    """A record form whose project, zone or workspace is one the user may name for the center."""

    def __init__(self, *args: Any, user: User, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, user=user, center=center, **kwargs)
        for name, model in OWNED_FIELDS.items():
            if name in self.fields:
                field = self.fields[name]
                field.queryset = model.objects.referable(user=user, center=center)  # type: ignore[attr-defined]


def ecosystem_form(
    model: Any, fields: list[str], registry: dict[str, tuple[Any, str]] | None = None
) -> type:
    """An EcosystemRecordForm of the model's fields; `registry` names the registry fields."""
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(
        f"{model.__name__}Form",
        (EcosystemRecordForm,),
        {"Meta": meta, "registry_fields": registry or {}},
    )


COMMON = ["program", "date", "district"]
TAIL = ["notes", "reconstructed"]

ProjectForm = ecosystem_form(
    models.Project,
    [
        *COMMON,
        "track",
        "round",
        "field",
        "title",
        "lead_institution",
        "lead_enterprise",
        "result",
        *TAIL,
    ],
    {"lead_institution": INSTITUTION, "lead_enterprise": ENTERPRISE},
)
OutputForm = ecosystem_form(
    models.Output,
    [*COMMON, "project", "kind", "title", "institution", "enterprise", *TAIL],
    {"institution": INSTITUTION, "enterprise": ENTERPRISE},
)
SpecialZoneForm = ecosystem_form(models.SpecialZone, [*COMMON, "title", *TAIL])
ZoneSupportForm = ecosystem_form(
    models.ZoneSupport, [*COMMON, "kind", "zone", "participants", *TAIL]
)
MeetingForm = ecosystem_form(
    models.Meeting, [*COMMON, "series", "format", "title", "participants", *TAIL]
)
VillageSupportForm = ecosystem_form(
    models.VillageSupport,
    [
        *COMMON,
        "kind",
        "daily_kind",
        "grant_stage",
        "enterprise",
        "institution",
        "group_name",
        "sessions",
        "teams",
        "applicant_teams",
        "participants",
        *TAIL,
    ],
    {"enterprise": ENTERPRISE, "institution": INSTITUTION},
)
LevelUpSupportForm = ecosystem_form(
    models.LevelUpSupport,
    [*COMMON, "enterprise", "support_type", "amount_won", *TAIL],
    {"enterprise": ENTERPRISE},
)
WorkspaceForm = ecosystem_form(
    models.Workspace,
    ["name", "kind", "address", "area_m2", "purpose", "facilities", "opened", "notes"],
)
WorkspaceActivityForm = ecosystem_form(
    models.WorkspaceActivity, [*COMMON, "workspace", "kind", "title", "participants", *TAIL]
)
WorkspaceUseForm = ecosystem_form(models.WorkspaceUse, [*COMMON, "workspace", "users", *TAIL])
MembershipForm = ecosystem_form(
    models.WorkspaceMembership,
    [*COMMON, "workspace", "member_name", "enterprise", *TAIL],
    {"enterprise": ENTERPRISE},
)
GrantForm = ecosystem_form(
    models.SectorGrant,
    [*COMMON, "institution", "sector", "amount_won", "purpose", *TAIL],
    {"institution": INSTITUTION},
)


class WorkspaceFilter(django_filters.FilterSet):
    """Workspaces by kind."""

    class Meta:
        model = models.Workspace
        fields = ["kind"]


class MemberForm(forms.Form):
    """A member of a project, typed by name or 사업자등록번호."""

    def __init__(self, *args: Any, user: User, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"] = RegistryNameField(
            queryset=referable(Enterprise, user, center),
            what="기업",
            required=False,
            label="참여기업",
        )
        self.fields["institution"] = RegistryNameField(
            queryset=referable(Institution, user, center),
            what="기관",
            required=False,
            label="참여기관",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("enterprise") and not cleaned.get("institution"):
            raise forms.ValidationError("참여기업이나 참여기관 하나를 적어 주세요.")
        if cleaned.get("enterprise") and cleaned.get("institution"):
            raise forms.ValidationError("참여기업과 참여기관 가운데 하나만 적어 주세요.")
        return cleaned


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = models.Milestone
        fields = ["title", "due", "done"]
        widgets = {"due": DATE, "done": DATE}


class MilestoneDoneForm(forms.Form):
    done = forms.DateField(label="완료일", widget=DATE)
