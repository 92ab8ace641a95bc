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
        NavItem(_("불러오기"), "registry:import_upload", Capability.EDIT_REGISTRY, order=150),
    )

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from dure.registry import imports, models

        del imports  # imported for its register_importer calls

        auditlog.register(models.Enterprise, m2m_fields={"tags"})
        auditlog.register(models.Contact)
        auditlog.register(models.Institution)
        auditlog.register(models.Designation)
        auditlog.register(models.Product)
        auditlog.register(models.Financial)
        auditlog.register(models.Agency, m2m_fields={"expertise"})
        auditlog.register(models.Expert, m2m_fields={"expertise"}, mask_fields=["phone", "email"])
