from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "dure.programs"
    label = "programs"
    verbose_name = "사업·성과"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from dure.programs import models

        auditlog.register(models.ProgramArea)
        auditlog.register(models.Program)
        auditlog.register(models.SubProgram)
