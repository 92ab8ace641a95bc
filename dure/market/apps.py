from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class MarketConfig(AppConfig):
    name = "dure.market"
    label = "market"
    verbose_name = "판로지원"
    navigation = (NavItem(_("판로지원"), "market:visit_list", Capability.VIEW_REPORTS, order=215),)

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.market import imports, models

        del imports  # imported for its registrations
        for model in (
            models.Consultation,
            models.Visit,
            models.DatabaseEntry,
            models.Briefing,
            models.Fair,
            models.SalesTeam,
            models.SalesTeamMember,
            models.Opportunity,
            models.DemandOrganization,
            models.B2BLinkage,
            models.SupplySurvey,
            models.Outlet,
            models.Listing,
            models.MarketingSupport,
            models.SalesEvent,
            models.EventParticipation,
            models.Purchase,
        ):
            register_for_audit(model)
