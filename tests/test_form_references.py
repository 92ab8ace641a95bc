"""Forms name other records too: a choice field lists only rows the user sees, a forged id of
another center's row gets the same invalid-choice error as an id that does not exist, and a
number typed for another center's enterprise gets the same message as an unknown number."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from dure.budget.forms import ExpenditureForm
from dure.budget.models import BudgetLine, Expenditure
from dure.budget.tests.factories import funded_line
from dure.core.models import Center
from dure.programs import services as program_services
from dure.programs.forms import ActivityFilter, ActivityForm
from dure.programs.models import Activity
from dure.programs.tests.factories import build_tree, record
from dure.registry.forms import EnterpriseForm, ExpertForm
from dure.registry.models import Agency
from dure.registry.tests.factories import AgencyFactory, EnterpriseFactory, valid_business_number

NUMBER = valid_business_number(5151)
MISSING_ID = 987654


@pytest.fixture
def gangdong_activity(gangdong_center):
    return record(build_tree(center=gangdong_center).program)


def _activity_data(activity: Activity, numbers: str) -> dict[str, object]:
    return {
        "date": "2017-05-23",
        "program": activity.program_id,
        "kind": activity.kind_id,
        "business_numbers": numbers,
    }


def test_an_activity_form_answers_another_centers_number_like_an_unknown_one(
    district_staff, gangdong_activity, gwanak_center, gangdong_center
):
    def errors() -> list[str]:
        form = ActivityForm(
            _activity_data(gangdong_activity, NUMBER),
            center=gangdong_center,
            user=district_staff,
            activity=gangdong_activity,
        )
        assert not form.is_valid()
        return form.errors["business_numbers"]

    missing = errors()
    hidden = EnterpriseFactory(center=gwanak_center, business_number=NUMBER)
    assert errors() == missing == [f"명부에 없는 사업자등록번호입니다: {NUMBER}"]
    hidden.delete()
    own = EnterpriseFactory(center=gangdong_center, business_number=NUMBER)
    form = ActivityForm(
        _activity_data(gangdong_activity, NUMBER),
        center=gangdong_center,
        user=district_staff,
        activity=gangdong_activity,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["business_numbers"] == [own]


def test_the_activity_edit_page_never_links_another_centers_enterprise(
    client, district_staff, gangdong_activity, gwanak_center
):
    hidden = EnterpriseFactory(center=gwanak_center, business_number=NUMBER)
    client.force_login(district_staff)
    url = reverse("programs:activity_edit", args=[gangdong_activity.pk])
    response = client.post(url, _activity_data(gangdong_activity, NUMBER))
    assert response.status_code == 200
    assert "명부에 없는 사업자등록번호입니다" in response.content.decode()
    assert not gangdong_activity.enterprises.filter(pk=hidden.pk).exists()


def test_a_metropolitan_admin_editing_a_districts_activity_names_only_that_districts_enterprises(
    metro_admin, gangdong_activity, gwanak_center, gangdong_center
):
    EnterpriseFactory(center=gwanak_center, business_number=NUMBER)
    form = ActivityForm(
        _activity_data(gangdong_activity, NUMBER),
        center=gangdong_center,
        user=metro_admin,
        activity=gangdong_activity,
    )
    assert form.errors["business_numbers"] == [f"명부에 없는 사업자등록번호입니다: {NUMBER}"]


def test_an_enterprise_form_answers_another_centers_parent_like_an_unknown_one(
    district_staff, gwanak_center, gangdong_center
):
    data = {"name": "강동나눔", "legal_form": "cooperative", "parent_business_number": NUMBER}
    missing = EnterpriseForm(data, user=district_staff).errors["parent_business_number"]
    EnterpriseFactory(center=gwanak_center, business_number=NUMBER)
    hidden = EnterpriseForm(data, user=district_staff).errors["parent_business_number"]
    assert hidden == missing == ["이 사업자등록번호의 기업이 명부에 없습니다."]
    own = EnterpriseFactory(center=gangdong_center, business_number=valid_business_number(5252))
    data["parent_business_number"] = own.business_number
    form = EnterpriseForm(data, user=district_staff)
    form.is_valid()
    assert "parent_business_number" not in form.errors


def test_an_expert_form_lists_only_visible_agencies_and_refuses_a_forged_one_like_a_missing_one(
    district_staff, gwanak_center, gangdong_center
):
    own = AgencyFactory(center=gangdong_center)
    hidden = AgencyFactory(center=gwanak_center)
    form = ExpertForm(user=district_staff)
    assert list(form.fields["agency"].queryset) == [own]  # type: ignore[attr-defined]
    data = {"name": "김전문", "is_consultant": True, "pool_from_year": 2017}
    forged = ExpertForm({**data, "agency": hidden.pk}, user=district_staff)
    missing = ExpertForm({**data, "agency": MISSING_ID}, user=district_staff)
    assert not Agency.objects.filter(pk=MISSING_ID).exists()
    assert forged.errors["agency"] == missing.errors["agency"]
    assert ExpertForm({**data, "agency": own.pk}, user=district_staff).is_valid()


def test_the_expenditure_page_refuses_a_forged_line_like_a_missing_one(
    client, district_staff, gwanak_center, gangdong_center
):
    own = funded_line(initial_won=1_000_000, center=gangdong_center, account_title="강동 과목")
    hidden = funded_line(initial_won=1_000_000, center=gwanak_center, account_title="관악 과목")
    client.force_login(district_staff)
    url = reverse("budget:expenditure_create", args=[2017, "SEOUL-GANGDONG"])
    page = client.get(url).content.decode()
    assert "강동 과목" in page and "관악 과목" not in page

    def refused(line_id: int) -> str:
        response = client.post(
            url,
            {
                "line": line_id,
                "spent_on": "2017-05-10",
                "payee": "문구점",
                "description": "사무용품",
                "amount_won": 900,
            },
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert isinstance(form, ExpenditureForm)
        return str(form.errors["line"])

    assert not BudgetLine.objects.filter(pk=MISSING_ID).exists()
    assert refused(hidden.pk) == refused(MISSING_ID)
    assert not Expenditure.objects.filter(line__in=[own, hidden]).exists()


def test_the_activity_filter_lists_no_other_centers_own_kinds(
    rf, district_staff, metro_admin, gangdong_center, gwanak_center
):
    program_services.ensure_activity_kind(center=gangdong_center, name="강동 유형")
    program_services.ensure_activity_kind(center=gwanak_center, name="관악 유형")
    program_services.ensure_activity_kind(center=Center.objects.get(code="SEOUL"), name="광역 유형")

    def kinds(user) -> set[str]:
        request = rf.get("/")
        request.user = user
        filterset = ActivityFilter(request=request, queryset=Activity.objects.none())
        return {kind.name for kind in filterset.form.fields["kind"].queryset}

    district = kinds(district_staff)
    assert {"강동 유형", "광역 유형"} <= district
    assert "관악 유형" not in district
    assert {"강동 유형", "관악 유형", "광역 유형"} <= kinds(metro_admin)


def test_a_visible_line_is_still_spent_on(client, district_staff, gangdong_center):
    from django.core.files.uploadedfile import SimpleUploadedFile

    line = funded_line(initial_won=1_000_000, center=gangdong_center, account_title="강동 과목")
    client.force_login(district_staff)
    url = reverse("budget:expenditure_create", args=[2017, "SEOUL-GANGDONG"])
    client.post(
        url,
        {
            "line": line.pk,
            "spent_on": datetime.date(2017, 5, 10).isoformat(),
            "payee": "문구점",
            "description": "사무용품",
            "amount_won": 900,
            "evidence": SimpleUploadedFile("영수증.pdf", b"%PDF-1.4"),
        },
    )
    assert Expenditure.objects.filter(line=line).count() == 1
