from django.apps import AppConfig


class MetricPluginConfig(AppConfig):
    name = "tests.metric_plugin"
    label = "metric_plugin"
    verbose_name = "숙박 지원(시험용 모듈)"
