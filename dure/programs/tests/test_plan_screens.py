"""The center admin builds the program tree on the web and copies a year into the next."""

from __future__ import annotations

from django.urls import reverse

from dure.core.services import ensure_fiscal_year
from dure.programs.models import Indicator, Program, ProgramArea, SubProgram
from dure.programs.tests.factories import activity_indicator, build_tree


def test_the_admin_builds_area_program_and_sub_program_with_staff(
    client, metro_admin, program_staff
):
    ensure_fiscal_year(year=2017)
    client.force_login(metro_admin)
    response = client.post(
        reverse("programs:area_create") + "?year=2017",
        {"code": "A01", "name": "판로 지원", "order": 1},
    )
    assert response.status_code == 302
    area = ProgramArea.objects.get(name="판로 지원")
    assert area.center == metro_admin.center and area.fiscal_year.year == 2017
    response = client.post(
        reverse("programs:program_create", args=[area.pk]),
        {"code": "P01", "name": "공공시장 확대지원", "order": 1, "staff": [program_staff.pk]},
    )
    assert response.status_code == 302
    program = Program.objects.get(name="공공시장 확대지원")
    assert list(program.staff.all()) == [program_staff]
    client.post(
        reverse("programs:sub_program_create", args=[program.pk]),
        {"code": "S01", "name": "공공구매지원단", "order": 1},
    )
    assert SubProgram.objects.get().program == program
    page = client.get(reverse("programs:plan") + "?year=2017").content.decode()
    assert "공공구매지원단" in page and program_staff.display_name in page


def test_a_duplicate_code_is_refused_with_a_korean_message(client, metro_admin):
    tree = build_tree()
    client.force_login(metro_admin)
    response = client.post(
        reverse("programs:program_create", args=[tree.area.pk]),
        {"code": tree.program.code, "name": "다른 사업", "order": 2},
    )
    assert response.status_code == 200
    assert "같은 구분에 같은 사업 코드가 이미 있습니다" in response.content.decode()
    assert Program.objects.count() == 1


def test_the_admin_renames_a_program(client, metro_admin):
    tree = build_tree()
    client.force_login(metro_admin)
    client.post(
        reverse("programs:program_edit", args=[tree.program.pk]),
        {"code": "P01", "name": "공공시장 판로 확대", "order": 1},
    )
    assert Program.objects.get(pk=tree.program.pk).name == "공공시장 판로 확대"


def test_program_staff_and_another_district_cannot_change_the_tree(
    client, program_staff, other_district_staff
):
    tree = build_tree()
    client.force_login(program_staff)
    assert client.get(reverse("programs:area_edit", args=[tree.area.pk])).status_code == 403
    client.force_login(other_district_staff)
    url = reverse("programs:program_edit", args=[tree.program.pk])
    assert client.post(url, {"code": "X", "name": "X", "order": 1}).status_code == 403
    assert Program.objects.get(pk=tree.program.pk).name == tree.program.name


def test_a_district_admin_cannot_edit_the_metropolitan_tree(client, db):
    from dure.core.models import Center
    from dure.core.roles import Role
    from dure.core.services import create_user

    district_admin = create_user(
        username="gangdong_admin",
        password="x-Strong-Password-1",
        center=Center.objects.get(code="SEOUL-GANGDONG"),
        role=Role.CENTER_ADMIN,
    )
    tree = build_tree()
    client.force_login(district_admin)
    response = client.get(reverse("programs:area_edit", args=[tree.area.pk]))
    assert response.status_code in (403, 404)


def test_the_copy_screen_copies_a_year_into_the_next(client, metro_admin):
    tree = build_tree()
    activity_indicator(tree.program)
    client.force_login(metro_admin)
    page = client.get(reverse("programs:plan_copy") + "?year=2017")
    assert page.context["form"]["to_year"].value() == 2018
    assert "2017년" in page.content.decode()
    response = client.post(reverse("programs:plan_copy"), {"from_year": 2017, "to_year": 2018})
    assert response.status_code == 302
    assert Indicator.objects.filter(program__area__fiscal_year__year=2018).count() == 1
    again = client.post(reverse("programs:plan_copy"), {"from_year": 2017, "to_year": 2018})
    assert "이미 사업 구성이 있습니다" in again.content.decode()
    assert Indicator.objects.filter(program__area__fiscal_year__year=2018).count() == 1


def test_program_staff_cannot_copy_a_year(client, program_staff):
    build_tree()
    client.force_login(program_staff)
    response = client.post(reverse("programs:plan_copy"), {"from_year": 2017, "to_year": 2018})
    assert response.status_code == 403
