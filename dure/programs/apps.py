from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "dure.programs"
    label = "programs"
    verbose_name = "사업·성과"

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.programs import models

        for model in (models.ProgramArea, models.Program, models.SubProgram):
            register_for_audit(model)
