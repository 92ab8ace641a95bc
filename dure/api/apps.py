from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class ApiConfig(AppConfig):
    name = "dure.api"
    label = "api"
    verbose_name = "API"
    navigation = (
        NavItem(_("API 토큰"), "api_tokens:token_list", Capability.MANAGE_CENTER, order=905),
    )

    def ready(self) -> None:
        from dure.api import models
        from dure.core.audit import register_for_audit

        register_for_audit(models.ApiToken, exclude=["digest", "last_used_at"])
