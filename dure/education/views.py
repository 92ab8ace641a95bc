"""인재양성 screens: a list, a page, a form and deletion for every record type; the course page
with its sessions, enrolments, attendance sheet and survey mean; the instructors; and the
public catalogue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dure.core.access import center_of, client_ip, get_editable_or_404, public, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.models import AccessAction
from dure.core.roles import Capability
from dure.core.services import record_personal_data_access
from dure.education import forms, models, services
from dure.programs.records.views import RecordScreens, RecordType


def _course_context(request: AuthenticatedRequest, course: Any) -> dict[str, Any]:
    sessions = list(course.sessions.select_related("instructor"))
    enrolments = list(course.enrolments.select_related("enterprise"))
    present = set(
        models.Attendance.objects.filter(session__course=course).values_list(
            "session_id", "enrolment_id"
        )
    )
    sheet = [
        (enrolment, [(session, (session.pk, enrolment.pk) in present) for session in sessions])
        for enrolment in enrolments
    ]
    return {
        "sessions": sessions,
        "sheet": sheet,
        "needed": services.sessions_needed(course=course, session_count=len(sessions)),
        "completed_count": sum(1 for e in enrolments if e.completed),
        "survey_mean": course.survey_mean,
        "survey_count": course.survey_responses.count(),
        "session_form": forms.SessionForm(center=course.center),
        "enrolment_form": forms.EnrolmentForm(center=course.center),
        "survey_form": forms.SurveyForm(),
        "outcome_form": forms.OutcomeForm(course=course),
        "outcomes": models.GraduateOutcome.objects.filter(enrolment__course=course).select_related(
            "enrolment"
        ),
        "materials": course.materials.all(),
    }


def _youth_session_context(request: AuthenticatedRequest, session: Any) -> dict[str, Any]:
    return {
        "programmes": session.programmes.select_related("enterprise"),
        "programme_form": forms.ProgrammeForm(center=session.center),
    }


def _tour_context(request: AuthenticatedRequest, tour: Any) -> dict[str, Any]:
    return {
        "tour_enterprises": tour.enterprises.all(),
        "tour_participants": tour.participants.select_related("enterprise"),
    }


SCREENS = RecordScreens(
    "education",
    "인재양성",
    [
        RecordType(
            "course",
            "courses",
            "교육과정",
            models.Course,
            forms.CourseForm,
            "education.courses",
            services.create_course,
            ("track",),
            detail_template="education/course_detail.html",
            detail_context=_course_context,
        ),
        RecordType(
            "study_tour",
            "study-tours",
            "연수",
            models.StudyTour,
            forms.StudyTourForm,
            "education.study_tours",
            services.create_study_tour,
            ("kind", "status"),
            detail_template="education/study_tour_detail.html",
            detail_context=_tour_context,
        ),
        RecordType(
            "tour_participant",
            "tour-participants",
            "연수 참가자",
            models.StudyTourParticipant,
            forms.TourParticipantForm,
            "education.study_tour_participants",
            services.create_tour_participant,
            ("kind",),
        ),
        RecordType(
            "intro_support",
            "intro-supports",
            "청소년 입문교육 지원",
            models.YouthIntroSupport,
            forms.IntroSupportForm,
            "education.youth_intro_supports",
            services.create_intro_support,
        ),
        RecordType(
            "youth_session",
            "youth-sessions",
            "청소년 체험교육",
            models.YouthSession,
            forms.YouthSessionForm,
            "education.youth_sessions",
            services.create_youth_session,
            detail_template="education/youth_session_detail.html",
            detail_context=_youth_session_context,
        ),
        RecordType(
            "haenaem_team",
            "haenaem-teams",
            "해냄 프로젝트 팀",
            models.HaenaemTeam,
            forms.HaenaemTeamForm,
            "education.haenaem_teams",
            services.create_haenaem_team,
        ),
        RecordType(
            "network_event",
            "network-events",
            "청소년-청년 네트워크 행사",
            models.YouthNetworkEvent,
            forms.NetworkEventForm,
            "education.youth_network_events",
            services.create_network_event,
        ),
    ],
    extra_tabs=(
        ("instructors", "education:instructor_list", "강사"),
        ("materials", "education:material_list", "교육자료"),
    ),
)


def _course_for_change(request: AuthenticatedRequest, pk: int) -> models.Course:
    return get_editable_or_404(models.Course, request.user, pk=pk)


def _done(request: AuthenticatedRequest, course: models.Course, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("education:course_detail", pk=course.pk)


@require(Capability.RECORD_ACTIVITIES)
def session_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _course_for_change(request, pk)
    form = forms.SessionForm(request.POST or None, center=course.center)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_session(course=course, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            return _done(request, course, "회차를 추가했습니다.")
    show_errors(request, ValidationError(form.errors.as_text() or "입력을 확인하세요."))
    return redirect("education:course_detail", pk=course.pk)


@require(Capability.RECORD_ACTIVITIES)
@require_POST
def session_delete(request: AuthenticatedRequest, pk: int, session: int) -> HttpResponse:
    """Remove a session entered by mistake, with its attendance; completion is recomputed."""
    course = _course_for_change(request, pk)
    row = get_object_or_404(course.sessions, pk=session)
    try:
        services.delete_session(session=row)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("education:course_detail", pk=course.pk)
    return _done(request, course, f"{row.date:%Y-%m-%d} 회차를 지웠습니다(출석 기록 포함).")


@require(Capability.RECORD_ACTIVITIES)
def enrolment_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _course_for_change(request, pk)
    form = forms.EnrolmentForm(request.POST or None, center=course.center)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrol(course=course, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            return _done(request, course, "수강생을 등록했습니다.")
    show_errors(request, ValidationError(form.errors.as_text() or "입력을 확인하세요."))
    return redirect("education:course_detail", pk=course.pk)


@require(Capability.RECORD_ACTIVITIES)
def attendance_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _course_for_change(request, pk)
    if request.method != "POST":
        return redirect("education:course_detail", pk=course.pk)
    present: dict[int, list[int]] = {s.pk: [] for s in course.sessions.all()}
    for value in request.POST.getlist("present"):
        session_pk, _, enrolment_pk = value.partition(":")
        if session_pk.isdigit() and enrolment_pk.isdigit():
            present.setdefault(int(session_pk), []).append(int(enrolment_pk))
    try:
        completed = services.set_attendance(course=course, present=present)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("education:course_detail", pk=course.pk)
    return _done(request, course, f"출석을 저장했습니다. 수료 {completed}명.")


@require(Capability.RECORD_ACTIVITIES)
def survey_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _course_for_change(request, pk)
    form = forms.SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_survey_response(course=course, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            return _done(request, course, "평가 응답을 기록했습니다.")
    show_errors(request, ValidationError(form.errors.as_text() or "입력을 확인하세요."))
    return redirect("education:course_detail", pk=course.pk)


@require(Capability.VIEW_REPORTS)
def instructor_list(request: AuthenticatedRequest) -> HttpResponse:
    instructors = models.Instructor.objects.visible_to(request.user)
    form = forms.InstructorForm(request.POST or None)
    can_record = request.user.can(Capability.RECORD_ACTIVITIES)
    if request.method == "POST" and can_record and form.is_valid():
        try:
            services.create_instructor(center=center_of(request.user), **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, "강사를 등록했습니다.")
            return redirect("education:instructor_list")
    context = {
        "instructors": instructors,
        "form": form,
        "can_record": can_record,
        "view_screens": SCREENS,
    }
    return render(request, "education/instructor_list.html", context)


@require(Capability.RECORD_ACTIVITIES)
def instructor_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An instructor's details and consent; the form shows the contact, so opening it is a
    logged personal-data access."""
    instructor = get_editable_or_404(models.Instructor, request.user, pk=pk)
    form = forms.InstructorForm(request.POST or None, instance=instructor)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_instructor(instructor=instructor, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, f"강사 ‘{instructor.name}’의 정보를 고쳤습니다.")
            return redirect("education:instructor_list")
    record_personal_data_access(
        user=request.user,
        ip_address=client_ip(request),
        path=request.get_full_path(),
        subject=instructor,
        action=AccessAction.VIEW,
    )
    context = {"instructor": instructor, "form": form, "view_screens": SCREENS}
    return render(request, "education/instructor_form.html", context)


@public
def catalogue(request: HttpRequest) -> HttpResponse:
    """Open courses, instructors who agreed to be listed, public materials: no login."""
    context = {
        "courses": models.Course.objects.filter(is_public=True).order_by("-date")[:200],
        "instructors": models.Instructor.objects.filter(listed_publicly=True).only("name", "field"),
        "materials": models.CourseMaterial.objects.filter(is_public=True),
    }
    return render(request, "education/catalogue.html", context)


@require(Capability.RECORD_ACTIVITIES)
def outcome_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _course_for_change(request, pk)
    form = forms.OutcomeForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_graduate_outcome(**form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            return _done(request, course, "수료 후 활동을 기록했습니다.")
    show_errors(request, ValidationError(form.errors.as_text() or "입력을 확인하세요."))
    return redirect("education:course_detail", pk=course.pk)


@require(Capability.RECORD_ACTIVITIES)
def programme_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_editable_or_404(models.YouthSession, request.user, pk=pk)
    form = forms.ProgrammeForm(request.POST or None, center=session.center)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_programme(session=session, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, "체험프로그램을 추가했습니다.")
            return redirect("education:youth_session_detail", pk=session.pk)
    show_errors(request, ValidationError(form.errors.as_text() or "입력을 확인하세요."))
    return redirect("education:youth_session_detail", pk=session.pk)


@require(Capability.VIEW_REPORTS)
def material_list(request: AuthenticatedRequest) -> HttpResponse:
    materials = models.CourseMaterial.objects.visible_to(request.user).select_related("course")
    can_record = request.user.can(Capability.RECORD_ACTIVITIES)
    center = center_of(request.user)
    form = forms.MaterialForm(request.POST or None, center=center)
    if request.method == "POST" and can_record and form.is_valid():
        try:
            services.add_material(center=center, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, "교육자료를 등록했습니다.")
            return redirect("education:material_list")
    context = {
        "materials": materials,
        "form": form,
        "can_record": can_record,
        "view_screens": SCREENS,
    }
    return render(request, "education/material_list.html", context)
