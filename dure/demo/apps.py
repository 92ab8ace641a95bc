from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dure.demo"
    label = "demo"
    verbose_name = "2017 시연 데이터"
