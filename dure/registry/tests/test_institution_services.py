"""ensure_institution: find an institution by name at a center (or its parent), else register it."""

from dure.registry import services
from dure.registry.models import Institution


def test_ensure_institution_registers_a_missing_name_flagged_for_review(gangdong_center):
    institution, created = services.ensure_institution(
        name="  강동구청  ", center=gangdong_center, needs_review=True
    )
    assert created
    assert institution.name == "강동구청"
    assert institution.needs_review
    assert institution.center == gangdong_center


def test_ensure_institution_finds_the_parent_centers_institution(
    gangdong_center, metropolitan_center
):
    parent, _ = services.ensure_institution(name="서울시교육청", center=metropolitan_center)
    found, created = services.ensure_institution(
        name="서울시교육청", center=gangdong_center, centers=[metropolitan_center]
    )
    assert not created
    assert found == parent
    assert Institution.objects.filter(name="서울시교육청").count() == 1


def test_ensure_institution_prefers_the_centers_own_row(gangdong_center, metropolitan_center):
    services.ensure_institution(name="강동구청", center=metropolitan_center)
    own, _ = services.ensure_institution(name="강동구청", center=gangdong_center)
    found, created = services.ensure_institution(
        name="강동구청", center=gangdong_center, centers=[metropolitan_center]
    )
    assert not created
    assert found == own
