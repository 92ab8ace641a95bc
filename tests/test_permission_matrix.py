"""The permission matrix: every URL of Dure with an id, opened by every persona on rows of their
own center and of another center. Another center's row is refused (403, 404 or to the login), its
marker text never appears in a page that answered 200, and no answer is a 500. A URL the matrix
never reaches with a row fails the coverage test until it is reached or named below."""

from __future__ import annotations

import datetime
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

from dure.core.models import Center, CenterOwned, CenterOwnedQuerySet, User
from dure.core.roles import Role
from dure.core.services import create_user
from dure.outreach.tests.factories import issue, subscriber
from dure.programs.models import Program
from dure.programs.records.services import create_record
from dure.programs.records.views import RecordType
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.registry.tests.factories import (
    AgencyFactory,
    ContactFactory,
    EnterpriseFactory,
    ExpertFactory,
    InstitutionFactory,
)
from dure.resources.tests.factories import book, venue
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
# 200: actions that answer only POST (approve, send, delete), pages of rows the world does not
# build (support engagements and applications, report editions, products, jobs and files,
# a year's settlement of a center without budget lines). Those under a path of PATH_MODELS or a
# record screen are still walked for every center (no 500, no leak, refused to outsiders). A
# new URL fails the coverage test until the world reaches it or it is named here on purpose.
NOT_REACHED_WITH_A_ROW = {
    "budget:account_close",
    "budget:account_edit",
    "budget:adjustment_create",
    "budget:expenditure_approve",
    "budget:expenditure_cancel",
    "budget:expenditure_correct",
    "budget:expenditure_detail",
    "budget:expenditure_evidence",
    "budget:record_list",
    "budget:settlement_export",
    "budget:transfer_approve",
    "budget:transfer_reject",
    "budget:year_settle",
    "core:import_confirm",
    "core:import_detail",
    "core:user_edit",
    "core:user_unlock",
    "ecosystem:project_member_add",
    "ecosystem:project_milestone_add",
    "ecosystem:project_milestone_done",
    "education:course_attendance",
    "education:course_enrolment_add",
    "education:course_outcome_add",
    "education:course_session_add",
    "education:course_survey_add",
    "education:youth_session_programme_add",
    "market:opportunity_advance",
    "market:sales_event_participation_add",
    "market:sales_team_detail",
    "outreach:newsletter_issue_send",
    "portal:application_detail",
    "portal:apply",
    "portal:booking_cancel",
    "portal:course_enrol",
    "portal:document",
    "programs:activity_attachment",
    "programs:indicator_evidence",
    "programs:indicator_manual",
    "programs:indicator_status",
    "programs:indicator_target",
    "programs:sub_program_edit",
    "registry:designation_edit",
    "registry:product_delete",
    "registry:product_edit",
    "reports:edition_build",
    "reports:edition_check",
    "reports:edition_copy",
    "reports:edition_detail",
    "reports:edition_diff",
    "reports:edition_edit",
    "reports:edition_freeze",
    "reports:file_download",
    "reports:job_detail",
    "reports:section_edit",
    "resources:booking_approve",
    "resources:booking_cancel",
    "resources:booking_refuse",
    "support:announcement_edit",
    "support:announcement_manage_detail",
    "support:application_assign",
    "support:application_decide",
    "support:application_detail",
    "support:application_document",
    "support:diagnosis_detail",
    "support:engagement_assign",
    "support:engagement_delete",
    "support:engagement_detail",
    "support:engagement_edit",
    "support:engagement_session_add",
    "support:engagement_session_delete",
    "support:follow_up_add",
    "support:follow_up_done",
    "support:membership_decide",
    "support:my_engagement_detail",
    "support:my_session_add",
    "support:my_session_delete",
    "support:my_visit",
    "support:review_detail",
    "support:review_document",
    "support:visit_record",
    "support:visit_request",
}


def _marker(code: str) -> str:
    return CENTERS[code]


@dataclass
class World:
    rows: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def add(self, code: str, row: CenterOwned) -> None:
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


def _visible(user: User, label: str, pk: int) -> bool:
    model = apps.get_model(label)
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
                url = _with_id(route, pk)
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
