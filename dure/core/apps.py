from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.imports import UPLOAD_CAPABILITY
from dure.core.navigation import NavItem
from dure.core.roles import Capability


class CoreConfig(AppConfig):
    name = "dure.core"
    label = "core"
    verbose_name = "공통"
    navigation = (
        # After the registry's entries, where it has always been; it serves every module.
        NavItem(_("불러오기"), "core:import_upload", UPLOAD_CAPABILITY, order=150),
        NavItem(_("사용자"), "core:user_list", Capability.MANAGE_CENTER, order=900),
        NavItem(_("변경 이력"), "core:audit_log", Capability.REVIEW_AUDIT_LOG, order=910),
        NavItem(_("개인정보 접근기록"), "core:access_log", Capability.REVIEW_ACCESS_LOG, order=920),
    )

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.backends.signals import connection_created

        from dure.core import figure_cache, models
        from dure.core.audit import register_for_audit

        auditlog.register(
            models.User,
            include_fields=["display_name", "email", "center", "role", "is_active"],
            mask_fields=list(models.User.personal_fields),
        )
        register_for_audit(models.Center)
        register_for_audit(models.FiscalYear)
        connection_created.connect(figure_cache.watch_connection)
        figure_cache.watch_open_connections()
