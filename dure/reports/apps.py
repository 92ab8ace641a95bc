from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class ReportsConfig(AppConfig):
    name = "dure.reports"
    label = "reports"
    verbose_name = "보고서"
    navigation = (
        NavItem(_("성과보고서"), "reports:annual_report", Capability.VIEW_REPORTS, order=300),
        NavItem(_("보고서 판"), "reports:edition_list", Capability.VIEW_REPORTS, order=305),
    )
