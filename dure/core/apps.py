from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dure.core"
    label = "core"
    verbose_name = "공통"
