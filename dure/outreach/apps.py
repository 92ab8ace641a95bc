from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class OutreachConfig(AppConfig):
    name = "dure.outreach"
    label = "outreach"
    verbose_name = "홍보 및 연구"
    navigation = (
        NavItem(
            _("홍보·연구"), "outreach:newsletter_issue_list", Capability.VIEW_REPORTS, order=260
        ),
    )

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.outreach import imports, models

        del imports  # imported for its registrations
        for model in (
            models.NewsletterIssue,
            models.Subscriber,
            models.Story,
            models.Campaign,
            models.Event,
            models.Delegation,
            models.Publication,
            models.ResearchProject,
        ):
            register_for_audit(model)
