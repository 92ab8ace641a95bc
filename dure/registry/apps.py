from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "dure.registry"
    label = "registry"
    verbose_name = "명부"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from dure.registry import models

        auditlog.register(models.Enterprise)
        auditlog.register(models.Contact)
