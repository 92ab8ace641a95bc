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
        from auditlog.registry import auditlog

        from dure.registry import models

        auditlog.register(models.Enterprise)
        auditlog.register(models.Contact)
        auditlog.register(models.Institution)
