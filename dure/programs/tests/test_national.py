"""The synthetic national dataset is deterministic and reports like any other center."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from dure.core.models import Center
from dure.programs import national
from dure.programs.models import Activity, Indicator
from dure.programs.results import indicator_results, with_report_relations


def _generate(seed: int) -> str:
    national.generate_national(
        enterprises=40, centers=6, records=600, seed=seed, year=2024, progress=lambda _: None
    )
    return national.checksum()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_records():
    first = _generate(7)
    assert Activity.objects.count() == 600
    assert Center.objects.filter(code__startswith="SYN-").count() == 6
    Activity.objects.all().delete()
    Indicator.objects.all().delete()
    for model in ("SubProgram", "Program", "ProgramArea"):
        from django.apps import apps

        apps.get_model("programs", model).objects.all().delete()
    from dure.registry.models import Enterprise

    Enterprise.objects.filter(is_synthetic=True).delete()
    Center.objects.filter(code__startswith="SYN-", parent__isnull=False).delete()
    Center.objects.filter(code__startswith="SYN-").delete()
    assert _generate(7) == first


@pytest.mark.django_db
def test_generated_centers_report_their_records():
    call_command(
        "generate_national",
        "--enterprises",
        "30",
        "--centers",
        "3",
        "--records",
        "300",
        "--seed",
        "2",
    )
    indicators = list(with_report_relations(Indicator.objects.filter(code="I01")))
    results = indicator_results(indicators)
    total = sum(results[i.pk].actual or 0 for i in indicators)
    expected = Activity.objects.filter(kind__name="방문영업", program__code="P01").count()
    assert total == expected > 0
