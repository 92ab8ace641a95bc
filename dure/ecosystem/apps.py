from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class EcosystemConfig(AppConfig):
    name = "dure.ecosystem"
    label = "ecosystem"
    verbose_name = "지역 및 협동 기반"
    navigation = (
        NavItem(_("지역·협동 기반"), "ecosystem:project_list", Capability.VIEW_REPORTS, order=225),
    )

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.ecosystem import imports, metrics, models

        del imports, metrics  # imported for their registrations
        for model in (
            models.Project,
            models.Milestone,
            models.Output,
            models.SpecialZone,
            models.ZoneSupport,
            models.Meeting,
            models.VillageSupport,
            models.LevelUpSupport,
            models.Workspace,
            models.WorkspaceActivity,
            models.WorkspaceUse,
            models.WorkspaceMembership,
            models.SectorGrant,
        ):
            register_for_audit(model)
