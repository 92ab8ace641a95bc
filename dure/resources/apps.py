from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class ResourcesConfig(AppConfig):
    name = "dure.resources"
    label = "resources"
    verbose_name = "공유자원"
    navigation = (NavItem(_("공유자원"), "resources:calendar", Capability.VIEW_REPORTS, order=250),)

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.resources import imports, models

        del imports  # imported for its registrations
        for model in (models.Resource, models.Booking, models.Tenancy):
            register_for_audit(model)
