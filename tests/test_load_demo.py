"""The demo loader: every role has a login, and running it again changes nothing."""

import io

from django.core.management import call_command

from dure.budget.models import Expenditure
from dure.core.models import User
from dure.core.roles import Role
from dure.demo.programs_2017 import module_record_counts
from dure.market.models import Visit
from dure.programs.models import Activity
from dure.registry.models import Enterprise, Institution
from dure.reports.models import ReportEdition
from dure.resources.models import Booking, Resource, Tenancy


def test_load_demo_is_idempotent_and_has_a_district_center_admin(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    def counts() -> tuple[int, ...]:
        return (
            User.objects.count(),
            Enterprise.objects.count(),
            Institution.objects.count(),
            Activity.objects.count(),
            Expenditure.objects.count(),
            ReportEdition.objects.count(),
        )

    first = counts()
    call_command("load_demo", "--quiet-login", stdout=io.StringIO())
    assert counts() == first
    admin = User.objects.get(username="gangdong-admin")
    assert admin.role == Role.CENTER_ADMIN
    assert admin.center is not None and admin.center.code == "SEOUL-GANGDONG"
    assert Enterprise.objects.editable_by(admin).filter(district="강동구").count() == 10
    assert "gangdong-admin" in out.getvalue()
    assert "[5/5]" in out.getvalue()
    assert first[-1] == 1  # the 2017 demo edition, loaded once
    # It says what it loaded of each module, counted from the rows it saved.
    counts_by_module = module_record_counts()
    assert counts_by_module["판로지원"] > Visit.objects.count() > 0
    assert counts_by_module["공유자원"] == sum(
        model.objects.count() for model in (Resource, Booking, Tenancy)
    )
    for label, count in counts_by_module.items():
        assert count > 0
        assert f"{label} {count:,}" in out.getvalue()
