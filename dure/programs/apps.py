from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class ProgramsConfig(AppConfig):
    name = "dure.programs"
    label = "programs"
    verbose_name = "사업·성과"
    navigation = (
        NavItem(_("사업·지표"), "programs:plan", Capability.VIEW_REPORTS, order=200),
        NavItem(_("활동 기록"), "programs:activity_list", Capability.VIEW_REPORTS, order=210),
    )

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.programs import checks, imports, models, plan_import

        del checks, imports, plan_import  # imported for their registrations

        for model in (
            models.ProgramArea,
            models.Program,
            models.SubProgram,
            models.Indicator,
            models.IndicatorBreakdown,
            models.ManualFigure,
            models.Activity,
        ):
            register_for_audit(model)
        # Every app's metrics.py registers its metrics with the registry on import.
        autodiscover_modules("metrics")
