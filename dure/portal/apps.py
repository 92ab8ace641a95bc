from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class PortalConfig(AppConfig):
    name = "dure.portal"
    label = "portal"
    verbose_name = "기업 포털"
    navigation = (
        NavItem(_("기업 포털"), "portal:home", Capability.USE_PORTAL, order=300),
        NavItem(_("지원사업 공고"), "portal:announcement_list", Capability.USE_PORTAL, order=301),
    )
