import pytest
from django.http import Http404

from dure.core.access import visible_center_or_404


def test_metropolitan_staff_open_any_of_their_districts(program_staff, gwanak_center):
    assert visible_center_or_404(program_staff, "SEOUL-GWANAK") == gwanak_center
    assert visible_center_or_404(program_staff, "SEOUL") == program_staff.center


def test_district_staff_open_only_their_own_center(district_staff, gangdong_center):
    assert visible_center_or_404(district_staff, "SEOUL-GANGDONG") == gangdong_center
    for code in ("SEOUL-GWANAK", "SEOUL", "NO-SUCH-CENTER"):
        with pytest.raises(Http404):
            visible_center_or_404(district_staff, code)
