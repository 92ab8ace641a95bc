from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class RegistryConfig(AppConfig):
    name = "dure.registry"
    label = "registry"
    verbose_name = "명부"
    navigation = (
        NavItem(
            _("사회적경제기업"), "registry:enterprise_list", Capability.VIEW_REGISTRY, order=100
        ),
    )

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.registry import models

        for model in (models.Enterprise, models.Contact, models.Institution, models.Membership):
            register_for_audit(model)
