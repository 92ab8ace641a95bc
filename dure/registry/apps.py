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
        NavItem(_("기관"), "registry:institution_list", Capability.VIEW_REGISTRY, order=110),
        NavItem(_("협력기관"), "registry:agency_list", Capability.VIEW_REGISTRY, order=120),
        NavItem(_("전문가"), "registry:expert_list", Capability.VIEW_REGISTRY, order=130),
        NavItem(
            _("명부 통계"), "registry:enterprise_statistics", Capability.VIEW_REGISTRY, order=140
        ),
    )

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.registry import imports, models

        del imports  # imported for its register_importer calls

        # The search text repeats the name, address and products, which are audited themselves.
        register_for_audit(models.Enterprise, exclude=["search_text"])
        for model in (
            models.Contact,
            models.Institution,
            models.Membership,
            models.Designation,
            models.Product,
            models.Financial,
            models.Agency,
        ):
            register_for_audit(model)
        register_for_audit(models.Expert)
