"""The 2017 demo's registry: every organisation and expert the seed names, loaded twice."""

from pathlib import Path

import pytest

from dure.core.models import Center
from dure.demo import registry_2017 as demo
from dure.registry import identifiers
from dure.registry.models import (
    Agency,
    Contact,
    Designation,
    DesignationType,
    Enterprise,
    Expert,
    ExpertiseField,
    Institution,
)

SEED_DIR = Path(__file__).resolve().parents[1] / "seed2017"


@pytest.fixture
def loaded(db):
    demo.load_registry(seed_dir=SEED_DIR, progress=lambda line: None)


def _counts():
    return (
        Enterprise.objects.count(),
        Institution.objects.count(),
        Agency.objects.count(),
        Expert.objects.count(),
        Designation.objects.count(),
        Expert.expertise.through.objects.count(),
    )


def test_loading_twice_changes_nothing(loaded):
    before = _counts()
    demo.load_registry(seed_dir=SEED_DIR, progress=lambda line: None)
    assert _counts() == before


def test_the_seed_enterprises_are_there_with_their_district_centers(loaded):
    assert Enterprise.objects.filter(name="잔치활성화협동조합").exists()  # table 19
    assert Enterprise.objects.filter(name="메리우드협동조합").exists()  # table 22
    assert Enterprise.objects.filter(name="더블베어스").exists()  # table 22, split cell
    assert Enterprise.objects.filter(name="(주)강동이으미").exists()  # table 45
    village_body = Enterprise.objects.get(name="사진협동조합 동행")  # table 29, 강동
    assert village_body.district == "강동구"
    assert village_body.center.code == "SEOUL-GANGDONG"
    assert Enterprise.objects.filter(center__code="SEOUL-NOWON", district="노원구").count() == 9


def test_every_identifier_is_synthetic_and_passes_its_checksum(loaded):
    for enterprise in Enterprise.objects.all():
        assert enterprise.is_synthetic
        assert identifiers.is_valid_business_number(enterprise.business_number)
    for institution in Institution.objects.select_related("category__parent"):
        assert institution.is_synthetic
        number = institution.business_number or institution.unique_number
        assert identifiers.is_valid_business_number(number)
    assert all(
        identifiers.is_valid_business_number(a.business_number) for a in Agency.objects.all()
    )


def test_institutions_keep_the_seed_categories(loaded):
    def category(name):
        return str(Institution.objects.get(name=name).category)

    assert category("길음초") == "교육청·학교 › 학교(초)"
    assert category("강동구") == "공공기관 › 구청"
    assert Institution.objects.get(name="강동구").district == "강동구"
    assert category("SK행복나래") == "유통채널"
    assert category("길산초") == "교육청·학교 › 학교(초)"
    assert not Institution.objects.filter(name__in=["길산초14", "10개", "장품키우기"]).exists()


def test_village_enterprises_of_table_32_hold_a_designation(loaded):
    designation = Designation.objects.get(enterprise__name="배고픈사자협동조합")
    assert designation.designation_type == DesignationType.VILLAGE_ENTERPRISE
    assert "재구성" in designation.notes


def test_the_expert_pool_matches_table_16_per_field_and_role(loaded):
    strategy = ExpertiseField.objects.get(name="경영전략 및 비즈니스모델 수립")
    assert Expert.objects.filter(expertise=strategy, is_consultant=True).count() == 60
    assert Expert.objects.filter(expertise=strategy, is_mentor=True).count() == 76
    assert Expert.objects.filter(is_consultant=True).count() == 83
    assert Expert.objects.filter(is_mentor=True).count() == 95
    named = Expert.objects.get(name="김혜준")
    assert named.agency is not None and named.agency.name == "소셜벤처파트너스서울"


def test_no_personal_contact_data_is_invented(loaded):
    assert not Contact.objects.exists()
    assert not Expert.objects.exclude(phone="", email="").exists()


def test_the_district_staff_see_their_own_district_rows(loaded, district_staff):
    visible = Enterprise.objects.visible_to(district_staff)
    assert visible.count() == 10
    assert set(visible.values_list("center", flat=True)) == {
        Center.objects.get(code="SEOUL-GANGDONG").pk
    }
