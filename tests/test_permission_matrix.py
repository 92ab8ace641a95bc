"""The permission matrix: every URL of Dure with an id, opened by every persona on rows of their
own center and of another center. Another center's row is refused (403, 404 or to the login), its
marker text never appears in a page that answered 200, and no answer is a 500. A URL the matrix
never reaches with a row fails the coverage test until it is reached or named below."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.db import models as django_models
from django.db import transaction
from django.test import Client

from dure.budget import services as budget_services
from dure.budget.tests.factories import funded_line
from dure.core.models import (
    Center,
    CenterOwnedQuerySet,
    FiscalYear,
    ImportJob,
    ImportStatus,
    User,
    centers_managed_by,
)
from dure.core.roles import Role
from dure.core.services import create_user
from dure.education import services as education_services
from dure.market.services import save_sales_team
from dure.outreach.tests.factories import issue, subscriber
from dure.programs.models import Program, SubProgram
from dure.programs.records.services import create_record
from dure.programs.records.views import RecordType
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.registry.models import Enterprise, Expert, Membership
from dure.registry.tests.factories import (
    AgencyFactory,
    ContactFactory,
    DesignationFactory,
    EnterpriseFactory,
    ExpertFactory,
    InstitutionFactory,
    ProductFactory,
)
from dure.reports import services as report_services
from dure.reports.models import (
    EditionFile,
    EditionJob,
    EditionStatus,
    JobKind,
    JobStatus,
    OutputFormat,
    ReportEdition,
)
from dure.resources.tests.factories import book, venue
from dure.support import services as support_services
from dure.support.diagnosis import QUESTIONS
from dure.support.models import Announcement, Application, Review, SupportType
from tests.personas import PASSWORD
from tests.test_structure import dure_routes

DAY = datetime.date(2017, 5, 23)
RECORD_FIELDS = {"id", "center", "program", "date", "notes", "created_at", "updated_at"}
CENTERS = {
    "SEOUL": "표식서울광역",
    "SEOUL-GANGDONG": "표식강동구",
    "SEOUL-GWANAK": "표식관악구",
}
PERSONAS = {
    "metro_admin": ("SEOUL", Role.CENTER_ADMIN),
    "program_staff": ("SEOUL", Role.PROGRAM_STAFF),
    "district_staff": ("SEOUL-GANGDONG", Role.DISTRICT_STAFF),
    "other_district_staff": ("SEOUL-GWANAK", Role.DISTRICT_STAFF),
    "expert": ("SEOUL", Role.EXPERT),
    "member": ("SEOUL", Role.MEMBER),
    "funder": ("SEOUL", Role.FUNDER),
    "auditor": ("SEOUL", Role.AUDITOR),
}
REFUSED = {302, 403, 404, 405}

# URLs with an id that the matrix does not open with a row of its own center and an answer of
# 200, on purpose:
# - actions: they change a row on POST and answer a GET with a redirect to the row's page, whose
#   form posts to them (approve, reject, cancel, send, freeze, build, copy, check, settle,
#   unlock, confirm, delete, assign, decide, add a session, follow-up, member, milestone,
#   enrolment, survey, outcome or programme, enrol, mark done, visit request);
# - files kept from an upload the world does not make (a payment's evidence, an activity's
#   attachment, an indicator's evidence, an application's documents for staff, reviewer and
#   member);
# - year pages with a word in the path the year walk does not fill in (a record kind, an export
#   format) and the adjustment screen, open only once a year is settled;
# Those under a path of PATH_MODELS or a record screen are still walked for every center (no
# 500, no leak, refused to outsiders). A new URL fails the coverage test until the world
# reaches it or it is named here on purpose.
NOT_REACHED_WITH_A_ROW = {
    "budget:adjustment_create",
    "budget:expenditure_approve",
    "budget:expenditure_cancel",
    "budget:expenditure_evidence",
    "budget:record_list",
    "budget:settlement_export",
    "budget:transfer_approve",
    "budget:transfer_reject",
    "budget:year_settle",
    "core:import_confirm",
    "core:user_unlock",
    "ecosystem:project_member_add",
    "ecosystem:project_milestone_add",
    "ecosystem:project_milestone_done",
    "ecosystem:project_milestone_remove",
    "education:course_attendance",
    "education:course_enrolment_add",
    "education:course_outcome_add",
    "education:course_session_add",
    "education:course_session_delete",
    "education:course_survey_add",
    "education:youth_session_programme_add",
    "market:opportunity_advance",
    "market:sales_event_participation_add",
    "outreach:newsletter_issue_send",
    "portal:booking_cancel",
    "portal:course_enrol",
    "portal:document",
    "programs:activity_attachment",
    "programs:indicator_evidence",
    "programs:indicator_manual",
    "programs:indicator_status",
    "programs:indicator_target",
    "registry:product_delete",
    "reports:edition_build",
    "reports:edition_check",
    "reports:edition_copy",
    "reports:edition_freeze",
    "resources:booking_approve",
    "resources:booking_cancel",
    "resources:booking_refuse",
    "support:application_assign",
    "support:application_decide",
    "support:application_document",
    "support:engagement_assign",
    "support:engagement_session_add",
    "support:engagement_session_delete",
    "support:follow_up_add",
    "support:follow_up_done",
    "support:my_session_add",
    "support:my_session_delete",
    "support:review_document",
    "support:visit_request",
}


def _marker(code: str) -> str:
    return CENTERS[code]


@dataclass
class World:
    rows: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def add(self, code: str, row: django_models.Model) -> None:
        self.rows.setdefault(code, []).append((row._meta.label, row.pk))

    def ids(self, code: str) -> list[int]:
        return sorted({pk for _, pk in self.rows[code]})


def _build_center(world: World, center: Center) -> None:
    marker = _marker(center.code)
    tree = build_tree(center=center, area=f"{marker} 분야", program=f"{marker} 사업")
    enterprise = EnterpriseFactory(center=center, name=f"{marker} 협동조합")
    rows: list[Any] = [
        tree.area,
        tree.program,
        activity_indicator(tree.program, name=f"{marker} 지표"),
        record(tree.program, notes=f"{marker} 활동"),
        enterprise,
        ContactFactory(enterprise=enterprise, name=f"{marker} 담당자"),
        InstitutionFactory(center=center, name=f"{marker} 기관"),
        AgencyFactory(center=center, name=f"{marker} 수행기관"),
        ExpertFactory(center=center, name=f"{marker} 전문가"),
        book(
            venue(center, name=f"{marker} 교육장"),
            datetime.date(2017, 5, 23),
            10,
            12,
            organisation_name=f"{marker} 모임",
        ),
        issue(tree.program, title=f"{marker} 소식지", notes=marker),
        subscriber(center, f"{center.code.lower()}@example.org", name=f"{marker} 구독자"),
        education_services.create_instructor(
            center=center, name=f"{marker} 강사", field=marker, contact=marker
        ),
        *_support_rows(center, tree.program, enterprise, marker),
        ProductFactory(enterprise=enterprise, name=f"{marker} 제품", description=marker),
        DesignationFactory(enterprise=enterprise, number=f"{marker} 지정", notes=marker),
        SubProgram.objects.create(
            center=center, program=tree.program, code="S1", name=f"{marker} 세부사업"
        ),
        *_report_rows(center, tree.fiscal_year, marker),
        *_budget_rows(center, tree.fiscal_year, tree.program, marker),
        save_sales_team(
            center=center,
            fiscal_year=tree.fiscal_year,
            program=tree.program,
            district="강동구",
            members=[f"{marker} 영업위원"],
            notes=marker,
        ),
    ]
    built: dict[type, Any] = {type(row): row for row in rows}
    for kind in _record_types():
        if kind.model._meta.label in (row._meta.label for row in rows):
            continue
        row = _record(kind.model, tree.program, marker, built)
        built[kind.model] = row
        rows.append(row)
    for row in rows:
        world.add(center.code, row)


def _support_rows(center: Center, program: Program, enterprise: Any, marker: str) -> list[Any]:
    """An engagement with its expert, a pre-diagnosis with a visit, a published announcement and
    an application to it: each names the center's marker where its page shows it."""
    expert = ExpertFactory(center=center, name=f"{marker} 컨설턴트", is_reviewer=True)
    engagement = support_services.record_engagement(
        center=center,
        program=program,
        support_type=SupportType.STRATEGY,
        enterprise=enterprise,
        expert=expert,
        starts_on=DAY,
        task_type=f"{marker} 과제",
        notes=marker,
    )
    diagnosis = support_services.record_diagnosis(
        center=center,
        enterprise=enterprise,
        by=None,
        diagnosed_on=DAY,
        answers={question.key: 3 for question in QUESTIONS},
        needs=f"{marker} 요청",
    )
    visit = support_services.request_visit(
        center=center, enterprise=enterprise, expert=expert, planned_on=DAY
    )
    announcement = support_services.save_announcement(
        announcement=Announcement(
            center=center,
            program=program,
            title=f"{marker} 공고",
            body=marker,
            support_type=SupportType.ACCOUNTING,
            published=True,
        ),
        rules=[],
    )
    application = Application.objects.create(
        center=center,
        announcement=announcement,
        enterprise=enterprise,
        submitted_at=datetime.datetime(2017, 5, 23, 10, tzinfo=datetime.UTC),
        standard={},
        answers=[marker],
        internal_note=marker,
    )
    sign_up = support_services.sign_up_member(
        center=center,
        username=f"applicant_{center.code.lower()}",
        password=PASSWORD,
        display_name=f"{marker} 가입자",
        email=f"applicant_{center.code.lower()}@example.org",
        business_number=enterprise.business_number,
        enterprise_name=f"{marker} 가입기업",
        phone="010-0000-0000",
    )
    return [expert, engagement, diagnosis, visit, announcement, application, sign_up]


def _report_rows(center: Center, fiscal_year: FiscalYear, marker: str) -> list[Any]:
    """A draft edition of the year with a finished job and a kept file, made by a staff member
    of the center."""
    role = Role.CENTER_ADMIN if center.parent is None else Role.DISTRICT_STAFF
    author = create_user(
        username=f"world_{center.code.lower()}",
        password=PASSWORD,
        center=center,
        role=role,
        display_name=f"{marker} 작성자",
    )
    edition = report_services.create_edition(
        center=center, fiscal_year=fiscal_year, user=author, title=f"{marker} 성과보고서"
    )
    job = EditionJob.objects.create(
        edition=edition,
        kind=JobKind.JSON,
        status=JobStatus.DONE,
        progress=100,
        message=marker,
        requested_by=author,
    )
    content = marker.encode()
    kept = EditionFile.objects.create(
        edition=edition,
        format=OutputFormat.JSON,
        content=content,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        frozen=False,
        job=job,
        created_by=author,
    )
    frozen = report_services.create_edition(
        center=center, fiscal_year=fiscal_year, user=author, title=f"{marker} 확정보고서"
    )
    # Filed as is, without writing its outputs: the diff compares the live figures to none.
    ReportEdition.objects.filter(pk=frozen.pk).update(
        status=EditionStatus.FROZEN,
        snapshot={"figures": {}},
        filed_html=f"<p>{marker}</p>",
        frozen_by=author,
        frozen_at=datetime.datetime(2018, 2, 1, tzinfo=datetime.UTC),
    )
    return [edition, job, kept, frozen]


def _budget_rows(
    center: Center, fiscal_year: FiscalYear, program: Program, marker: str
) -> list[Any]:
    """A funded budget line of the year with a payment from it, and the year's bank account."""
    line = funded_line(
        initial_won=1_000_000,
        center=center,
        fiscal_year=fiscal_year,
        account_title=f"{marker} 세목",
        program=program,
    )
    expenditure = budget_services.record_expenditure(
        line=line,
        spent_on=DAY,
        payee=f"{marker} 거래처",
        description=f"{marker} 집행",
        amount_won=10_000,
    )
    account = budget_services.create_bank_account(
        center=center,
        fiscal_year=fiscal_year,
        name=f"{marker} 전용계좌",
        chapter=line.chapter,
        note=marker,
    )
    return [line, expenditure, account]


def _link_personas(world: World) -> None:
    """The member speaks for its center's enterprise; the expert is the one its center's
    engagement, visit and review are assigned to."""
    seoul = dict(world.rows["SEOUL"])
    expert = Expert.objects.get(pk=seoul["registry.Expert"])
    expert.user = world.users["expert"]
    expert.save()
    Membership.objects.create(
        user=world.users["member"],
        enterprise=Enterprise.objects.get(pk=seoul["registry.Enterprise"]),
    )
    for code in CENTERS:
        rows = dict(world.rows[code])
        application = Application.objects.get(pk=rows["support.Application"])
        reviewer = Expert.objects.get(pk=rows["registry.Expert"])
        review = Review.objects.create(
            application=application,
            reviewer=reviewer,
            assigned_at=application.submitted_at,
            comment=_marker(code),
        )
        world.add(code, review)
    # Each center's staff persona has an upload of its own; each center's author is a user
    # its administrators manage.
    uploaders = {"SEOUL": "program_staff", "SEOUL-GANGDONG": "district_staff"}
    uploaders["SEOUL-GWANAK"] = "other_district_staff"
    for code, username in uploaders.items():
        job = ImportJob.objects.create(
            center=world.users[username].center,
            kind="activities",
            filename=f"{_marker(code)}.xlsx",
            year=2017,
            data=b"",
            user=world.users[username],
            status=ImportStatus.REJECTED,
            message=_marker(code),
        )
        world.add(code, job)
        world.add(code, User.objects.get(username=f"world_{code.lower()}"))


# Fields a generic record cannot guess (a special zone is in a district …).
GIVEN_FIELDS: dict[str, dict[str, Any]] = {
    "ecosystem.SpecialZone": {"district": "강동구"},
}


def _record(model: Any, program: Program, marker: str, built: dict[type, Any]) -> Any:
    """A record of the type with every required field filled: the marker in its texts, the
    first choice, the center's own row of the world for a reference."""
    fields: dict[str, Any] = dict(GIVEN_FIELDS.get(model._meta.label, {}))
    for model_field in model._meta.fields:
        if model_field.name in RECORD_FIELDS or model_field.name in fields:
            continue
        if model_field.is_relation and model_field.related_model in built:
            # The center's own row of the world, optional or not, so its page links it.
            fields[model_field.name] = built[model_field.related_model]
            continue
        if model_field.blank or model_field.has_default():
            continue
        if model_field.is_relation:
            fields[model_field.name] = built[model_field.related_model]
        elif model_field.choices:
            fields[model_field.name] = model_field.choices[0][0]
        elif isinstance(model_field, django_models.DateField):
            fields[model_field.name] = DAY
        elif isinstance(
            model_field,
            django_models.IntegerField | django_models.DecimalField | django_models.FloatField,
        ):
            fields[model_field.name] = 1
        else:
            fields[model_field.name] = f"{marker} {model_field.verbose_name}"
    names = {model_field.name for model_field in model._meta.fields}
    common = {"program": program, "date": DAY, "notes": marker}
    fields.update({name: value for name, value in common.items() if name in names})
    return create_record(model, center=program.center, **fields)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = World()
        for code in CENTERS:
            _build_center(built, Center.objects.get(code=code))
        for username, (code, role) in PERSONAS.items():
            built.users[username] = create_user(
                username=f"matrix_{username}",
                password=PASSWORD,
                center=Center.objects.get(code=code),
                role=role,
                display_name=username,
            )
        _link_personas(built)
        yield built
        transaction.set_rollback(True)


def _id_routes() -> list[tuple[str, str]]:
    return [
        (name, route.replace("/x/", "/SEOUL/"))
        for name, route, pattern in dure_routes()
        if not getattr(pattern.callback, "public_view", False) and re.search(r"/1(/|$)", route)
    ]


def _with_id(route: str, pk: int) -> str:
    return re.sub(r"/1(?=/|$)", f"/{pk}", route, count=1)


# URLs with a second id: the row under the first that it names (its model and parent field).
SECOND_IDS = {
    "reports:section_edit": ("reports.EditionSection", "edition"),
    "ecosystem:project_milestone_done": ("ecosystem.Milestone", "project"),
    "ecosystem:project_milestone_remove": ("ecosystem.Milestone", "project"),
    "education:course_session_delete": ("education.CourseSession", "course"),
}


def _with_ids(name: str, route: str, pk: int) -> str | None:
    """The URL of the row, and of its first child where the URL names one (None without)."""
    url = _with_id(route, pk)
    if name not in SECOND_IDS:
        return url
    label, parent = SECOND_IDS[name]
    child = (
        apps.get_model(label)
        .objects.filter(**{parent: pk})
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return None if child is None else _with_id(url, child)


# The model a URL's first id names, by the path before that id.
PATH_MODELS = {
    "/registry/enterprises/": "registry.Enterprise",
    "/registry/contacts/": "registry.Contact",
    "/registry/institutions/": "registry.Institution",
    "/registry/agencies/": "registry.Agency",
    "/registry/experts/": "registry.Expert",
    "/programs/plan/areas/": "programs.ProgramArea",
    "/programs/plan/programs/": "programs.Program",
    "/programs/indicators/": "programs.Indicator",
    "/programs/activities/": "programs.Activity",
    "/outreach/newsletters/": "outreach.NewsletterIssue",
    "/outreach/subscribers/": "outreach.Subscriber",
    "/resources/bookings/": "resources.Booking",
    "/education/instructors/": "education.Instructor",
    "/support/engagements/": "support.Engagement",
    "/support/mine/": "support.Engagement",
    "/support/diagnoses/": "support.Diagnosis",
    "/support/visits/": "support.VisitDiagnosis",
    "/support/mine/visits/": "support.VisitDiagnosis",
    "/support/manage/announcements/": "support.Announcement",
    "/support/applications/": "support.Application",
    "/support/manage/members/": "support.MembershipRequest",
    "/portal/announcements/": "support.Announcement",
    "/portal/applications/": "support.Application",
    "/support/reviews/": "support.Review",
    "/registry/products/": "registry.Product",
    "/registry/designations/": "registry.Designation",
    "/programs/plan/sub-programs/": "programs.SubProgram",
    "/reports/editions/": "reports.ReportEdition",
    "/reports/jobs/": "reports.EditionJob",
    "/reports/files/": "reports.EditionFile",
    "/budget/expenditures/": "budget.Expenditure",
    "/budget/accounts/": "budget.BankAccount",
    "/imports/": "core.ImportJob",
    "/market/sales-teams/": "market.SalesTeam",
    "/users/": "core.User",
}
YEAR_PREFIX = "/budget/"
SCREEN_MODULES = (
    "dure.market.views",
    "dure.outreach.views",
    "dure.resources.views",
    "dure.ecosystem.views",
    "dure.education.views",
)


def _record_types() -> list[RecordType]:
    """The record types of every app's record screens, in the order they are declared."""
    return [kind for module in SCREEN_MODULES for kind in import_module(module).SCREENS.types]


def _record_paths() -> dict[str, str]:
    return {
        f"/{import_module(module).SCREENS.namespace}/{kind.slug}/": kind.model._meta.label
        for module in SCREEN_MODULES
        for kind in import_module(module).SCREENS.types
    }


def _model_of(route: str) -> str | None:
    """The world's model a URL names (enterprises/1/edit/ → registry.Enterprise)."""
    head = route[: re.search(r"/1(/|$)", route).start() + 1]  # type: ignore[union-attr]
    return PATH_MODELS.get(head) or _record_paths().get(head)


# Rows that are not center-owned themselves, by the field of the row whose door they follow.
PARENTS = {
    "registry.Product": "enterprise",
    "registry.Designation": "enterprise",
    "support.Review": "application",
    "reports.EditionJob": "edition",
    "reports.EditionFile": "edition",
}


def _visible(user: User, label: str, pk: int) -> bool:
    model = apps.get_model(label)
    if label == "core.User":
        # A user is open to the administrators of its center (and of the center above it).
        return User.objects.filter(pk=pk, center__in=centers_managed_by(user)).exists()
    if label in PARENTS:
        parent = getattr(model.objects.get(pk=pk), PARENTS[label])
        return _visible(user, parent._meta.label, parent.pk)
    queryset: CenterOwnedQuerySet = model.objects.all()
    return queryset.visible_to(user).filter(pk=pk).exists()


def _foreign_centers(world: World, user: User) -> list[str]:
    """The centers of which the access door shows the user no row of the world. A district
    records under its metropolitan center's programs, so their names are open to it."""
    parent = user.center.parent.code if user.center and user.center.parent else None
    return [
        code
        for code, rows in world.rows.items()
        if code != parent and not any(_visible(user, label, pk) for label, pk in rows)
    ]


@dataclass
class Walk:
    reached: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def _walk(world: World, username: str) -> Walk:
    user = world.users[username]
    client = Client()
    client.force_login(user)
    foreign = _foreign_centers(world, user)
    foreign_markers = [_marker(code) for code in foreign]
    walk = Walk()
    for name, route in _id_routes():
        if route.startswith(YEAR_PREFIX) and route.count("/SEOUL/"):
            _walk_year_route(client, walk, username, name, route, foreign)
            continue
        label = _model_of(route)
        if label is None:
            continue
        for rows in world.rows.values():
            for pk in [pk for row_label, pk in rows if row_label == label]:
                url = _with_ids(name, route, pk)
                if url is None:
                    continue
                response = client.get(url)
                status = response.status_code
                if status >= 500:
                    walk.problems.append(f"{username} {url}: {status}")
                    continue
                if status == 200:
                    walk.reached.add(name)
                    body = response.content.decode(errors="replace")
                    leaked = [m for m in foreign_markers if m in body]
                    if leaked:
                        walk.problems.append(f"{username} {url} shows {leaked}")
                if not _visible(user, label, pk) and status not in REFUSED:
                    walk.problems.append(f"{username} {url} (a row it may not read): {status}")
    return walk


def _walk_year_route(
    client: Client, walk: Walk, username: str, name: str, route: str, foreign: list[str]
) -> None:
    """A page of a year and a center: the year 2017, each center in place of the code."""
    for code in CENTERS:
        url = _with_id(route, 2017).replace("/SEOUL/", f"/{code}/")
        response = client.get(url)
        status = response.status_code
        if status >= 500:
            walk.problems.append(f"{username} {url}: {status}")
            continue
        if status == 200:
            walk.reached.add(name)
            body = response.content.decode(errors="replace")
            walk.problems += [
                f"{username} {url} shows {m}" for c in foreign if (m := _marker(c)) in body
            ]
        if code in foreign and status not in REFUSED:
            walk.problems.append(f"{username} {url} (another center's page): {status}")


WALKS: dict[str, Walk] = {}


@pytest.mark.parametrize("username", list(PERSONAS))
def test_no_persona_opens_or_sees_another_centers_rows(world, db, username):
    walk = _walk(world, username)
    WALKS[username] = walk
    assert not walk.problems, "\n".join(walk.problems[:40])


def test_the_world_has_rows_of_every_center_and_the_markers_differ(world, db):
    assert set(world.rows) == set(CENTERS)
    assert all(len(rows) >= 10 for rows in world.rows.values())
    markers = list(CENTERS.values())
    assert not any(a in b for a in markers for b in markers if a != b)


def test_a_district_staff_is_refused_the_other_districts_enterprise(world, db):
    client = Client()
    client.force_login(world.users["district_staff"])
    gwanak = next(pk for label, pk in world.rows["SEOUL-GWANAK"] if label == "registry.Enterprise")
    gangdong = next(
        pk for label, pk in world.rows["SEOUL-GANGDONG"] if label == "registry.Enterprise"
    )
    assert client.get(f"/registry/enterprises/{gwanak}/").status_code == 404
    assert client.get(f"/registry/enterprises/{gangdong}/").status_code == 200


def test_every_url_with_an_id_is_reached_by_the_matrix(world, db):
    for username in PERSONAS:
        if username not in WALKS:
            WALKS[username] = _walk(world, username)
    reached = set().union(*(walk.reached for walk in WALKS.values()))
    names = {name for name, _ in _id_routes()}
    missing = names - reached - NOT_REACHED_WITH_A_ROW
    assert not missing, f"URLs the matrix never opens with a row: {sorted(missing)}"
    stale = NOT_REACHED_WITH_A_ROW & reached
    assert not stale, f"now reached, remove from NOT_REACHED_WITH_A_ROW: {sorted(stale)}"
    assert names >= NOT_REACHED_WITH_A_ROW, sorted(NOT_REACHED_WITH_A_ROW - names)


def test_the_list_pages_show_no_other_centers_marker(world, db):
    lists = [
        route.replace("/x/", "/SEOUL/")
        for name, route, pattern in dure_routes()
        if not getattr(pattern.callback, "public_view", False) and not re.search(r"/1(/|$)", route)
    ]
    problems = []
    for username in ("district_staff", "other_district_staff"):
        user = world.users[username]
        client = Client()
        client.force_login(user)
        markers = [_marker(code) for code in _foreign_centers(world, user)]
        for url in lists:
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{username} {url}: {response.status_code}")
            elif response.status_code == 200:
                body = response.content.decode(errors="replace")
                problems += [f"{username} {url} shows {m}" for m in markers if m in body]
    assert not problems, "\n".join(problems[:40])
