"""Structural: every indicator resolves to a registered metric, and every metric of the registry
can be evaluated and listed (its figure and its drill-down)."""

from __future__ import annotations

import datetime
import re

from django.apps import apps

from dure.core.models import Center
from dure.demo import programs_2017 as demo
from dure.programs import services
from dure.programs.metric_registry import Scope, all_metrics, all_units
from dure.programs.models import Indicator, IndicatorSource
from dure.programs.tests.factories import activity_indicator, build_tree

EMPTY_SCOPE = Scope(
    center_ids=(), starts_on=datetime.date(2017, 1, 1), ends_on=datetime.date(2017, 12, 31)
)


def test_every_indicator_of_the_2017_demo_plan_resolves_to_a_metric(db):
    metropolitan = Center.objects.get(code="SEOUL")
    count = demo.build_2017_plan(metropolitan=metropolitan)
    indicators = Indicator.objects.prefetch_related("breakdowns")
    assert indicators.count() == count > 80
    computed = indicators.filter(source=IndicatorSource.COMPUTED).exclude(metric_key="")
    assert computed.count() > 60
    assert services.unresolved_indicators(indicators) == []


def test_an_indicator_pointing_at_an_unknown_metric_is_found(db):
    indicator = activity_indicator(build_tree().program)
    Indicator.objects.filter(pk=indicator.pk).update(metric_key="programs.nothing")
    problems = services.unresolved_indicators(Indicator.objects.all())
    assert [(found.pk, "등록되지 않은" in reason) for found, reason in problems] == [
        (indicator.pk, True)
    ]


def test_an_indicator_with_an_unknown_breakdown_condition_is_found(db):
    indicator = activity_indicator(build_tree().program)
    indicator.breakdowns.create(label="강동구", parameters={"colour": ["red"]}, target=1)
    assert [found.pk for found, _ in services.unresolved_indicators([indicator])] == [indicator.pk]


def test_every_registered_metric_is_named_after_its_app_and_evaluates(db):
    metrics = all_metrics()
    assert metrics
    labels = {config.label for config in apps.get_app_configs()}
    for metric in metrics:
        app, _, noun = metric.key.partition(".")
        assert app in labels, metric.key
        assert re.fullmatch(r"[a-z_]+", noun), metric.key
        assert metric.label, metric.key
        assert metric.measures, metric.key
        for aggregation, measure in metric.measures.items():
            assert re.fullmatch(r"[a-z_]+", aggregation), (metric.key, aggregation)
            assert measure.label and any(u.family == measure.family for u in all_units())
            queryset = metric.queryset(EMPTY_SCOPE)
            assert queryset.aggregate(value=measure.aggregate())["value"] in (None, 0)
            assert list(metric.rows(EMPTY_SCOPE, {}, aggregation)) == []
            assert metric.drill_columns(aggregation), (metric.key, aggregation)
