"""Every change of a domain record keeps who, when, which center and the before/after."""

from auditlog.models import LogEntry
from django.urls import reverse

from dure.registry.tests.factories import EnterpriseFactory


def test_an_edit_leaves_an_audit_entry_with_before_and_after(client, program_staff):
    enterprise = EnterpriseFactory(name="행복나눔협동조합", district="마포구")
    client.force_login(program_staff)
    url = reverse("registry:enterprise_edit", args=[enterprise.pk])
    response = client.post(
        url,
        {
            "name": "행복나눔사회적협동조합",
            "legal_form": "social_cooperative",
            "business_number": enterprise.business_number,
            "district": "은평구",
        },
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(enterprise).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == program_staff
    assert entry.additional_data == {"center": "SEOUL"}
    assert entry.changes_dict["name"] == ["행복나눔협동조합", "행복나눔사회적협동조합"]
    assert entry.changes_dict["district"] == ["마포구", "은평구"]


def test_the_object_page_shows_its_history(client, program_staff):
    enterprise = EnterpriseFactory(name="행복나눔협동조합")
    client.force_login(program_staff)
    client.post(
        reverse("registry:enterprise_edit", args=[enterprise.pk]),
        {"name": "새이름협동조합", "legal_form": "cooperative", "district": "마포구"},
    )
    page = client.get(reverse("registry:enterprise_detail", args=[enterprise.pk]))
    html = page.content.decode()
    assert "변경 이력" in html
    assert "행복나눔협동조합" in html and "새이름협동조합" in html


def test_admin_searches_the_audit_log_and_staff_is_refused(client, metro_admin, program_staff):
    EnterpriseFactory(name="검색대상협동조합")
    EnterpriseFactory(name="다른기업")
    client.force_login(metro_admin)
    response = client.get(reverse("core:audit_log"), {"q": "검색대상"})
    assert response.status_code == 200
    assert response.context["listing"].total == 1
    client.force_login(program_staff)
    assert client.get(reverse("core:audit_log")).status_code == 403
