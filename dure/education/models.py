"""주체발굴 및 인재양성: the academy's courses with their sessions, enrolments, attendance,
evaluation and graduates' follow-up; instructors and teaching materials; study tours with their
participants; the youth programmes (입문교육 지원, 체험교육, 해냄 teams, the network event)."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Q

from dure.core.models import CenterOwned, User
from dure.core.periods import PeriodLocked
from dure.programs.records.models import ProgramRecord
from dure.registry.models import Enterprise, Institution


class Track(models.TextChoices):
    UNIVERSITY = "university", "대학연계"
    SECTOR = "sector", "업종별"
    YOUTH = "youth", "청소년"
    SCHOOL_COOPERATIVE = "school_cooperative", "학교협동조합"
    DISTRICT_STAFF = "district_staff", "자치구 종사자"
    OFFICIAL_WORKSHOP = "official_workshop", "공무원 워크숍"
    OFFICIAL_LECTURE = "official_lecture", "공무원 특강"
    AUDIENCE = "audience", "대상별"


class Instructor(CenterOwned):
    """A person who teaches; listed in the public catalogue only with their consent."""

    name = models.CharField("이름", max_length=100)
    field = models.CharField("분야", max_length=200, blank=True)
    contact = models.CharField("연락처", max_length=200, blank=True)
    listed_publicly = models.BooleanField("공개 목록 게재 동의", default=False)

    personal_fields: ClassVar[tuple[str, ...]] = ("contact",)

    class Meta:
        verbose_name = "강사"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Course(ProgramRecord):
    """A course the academy runs (일자 is its first day); a course run again is a new cohort."""

    title = models.CharField("과정명", max_length=200)
    track = models.CharField("분야", max_length=30, choices=Track.choices)
    cohort = models.PositiveSmallIntegerField("기수", default=1)
    ends_on = models.DateField("종료일", null=True, blank=True)
    host = models.ForeignKey(
        Institution,
        verbose_name="운영 기관",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="education_courses",
    )
    description = models.TextField("소개", blank=True)
    is_public = models.BooleanField("공개 모집", default=False)
    completion_percent = models.PositiveSmallIntegerField(
        "수료 기준 출석률(%)",
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    runs = models.PositiveSmallIntegerField(
        "과정 수",
        default=1,
        validators=[MinValueValidator(1)],
        help_text="보고서가 여러 과정을 한데 묶어 인원만 적은 경우 그 과정 수",
    )
    participants = models.PositiveIntegerField(
        "참여인원",
        null=True,
        blank=True,
        help_text="명단 없이 인원만 알려진 과정의 인원 (수강생 명단이 있으면 비워 둡니다)",
    )

    class Meta:
        verbose_name = "교육과정"
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("date")),
                name="education_course_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.cohort}기" if self.cohort > 1 else self.title

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.date and self.ends_on < self.date:
            raise ValidationError({"ends_on": "종료일이 시작일보다 앞섭니다."})

    @property
    def survey_mean(self) -> float | None:
        """The mean score of the course's evaluation responses (none without responses)."""
        value = self.survey_responses.aggregate(mean=Avg("score"))["mean"]
        return round(float(value), 2) if value is not None else None


class InCoursePeriod(PeriodLocked):
    """Mixin of a row belonging to a course: refused while the course's year is settled."""

    def owning_record(self) -> ProgramRecord | None:
        raise NotImplementedError

    def period(self) -> tuple[list[int | None], int | None, int]:
        record = self.owning_record()
        if record is None:
            return [], None, 0
        return record.period()


class CourseSession(InCoursePeriod, models.Model):
    """One meeting of a course."""

    course = models.ForeignKey(
        Course, verbose_name="교육과정", on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField("일자")
    starts_at = models.TimeField("시작 시각", null=True, blank=True)
    topic = models.CharField("주제", max_length=200)
    instructor = models.ForeignKey(
        Instructor,
        verbose_name="강사",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )

    class Meta:
        verbose_name = "교육 회차"
        ordering = ["date", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.course} {self.date:%m.%d} {self.topic}"

    def owning_record(self) -> ProgramRecord | None:
        return self.course if self.course_id else None


class Enrolment(InCoursePeriod, models.Model):
    """A person enrolled in a course; `completed` is set only by the completion rule."""

    course = models.ForeignKey(
        Course, verbose_name="교육과정", on_delete=models.CASCADE, related_name="enrolments"
    )
    person_name = models.CharField("이름", max_length=100)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="소속 기업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="education_enrolments",
    )
    user = models.ForeignKey(
        User,
        verbose_name="포털 계정",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="education_enrolments",
    )
    enrolled_on = models.DateField("신청일")
    completed = models.BooleanField("수료", default=False, editable=False)

    personal_fields: ClassVar[tuple[str, ...]] = ("person_name",)

    class Meta:
        verbose_name = "수강 신청"
        ordering = ["course", "person_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"],
                condition=Q(user__isnull=False),
                name="education_one_enrolment_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.course})"

    def owning_record(self) -> ProgramRecord | None:
        return self.course if self.course_id else None


class Attendance(InCoursePeriod, models.Model):
    """An enrolled person's presence at one session (a row means present)."""

    session = models.ForeignKey(
        CourseSession, verbose_name="회차", on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name="수강생", on_delete=models.CASCADE, related_name="attendances"
    )

    class Meta:
        verbose_name = "출석"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="education_one_attendance_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.person_name} @ {self.session}"

    def owning_record(self) -> ProgramRecord | None:
        return self.session.course if self.session_id else None

    def clean(self) -> None:
        if not (self.session_id and self.enrolment_id):
            return
        if self.session.course_id != self.enrolment.course_id:
            raise ValidationError("다른 과정의 회차에는 출석할 수 없습니다.")


class SurveyResponse(InCoursePeriod, models.Model):
    """One answer to a course's evaluation survey."""

    course = models.ForeignKey(
        Course, verbose_name="교육과정", on_delete=models.CASCADE, related_name="survey_responses"
    )
    score = models.PositiveSmallIntegerField(
        "만족도(1–5)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField("의견", blank=True)
    answered_on = models.DateField("응답일")

    class Meta:
        verbose_name = "과정 평가 응답"
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="education_score_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.score}점"

    def owning_record(self) -> ProgramRecord | None:
        return self.course if self.course_id else None


class OutcomeKind(models.TextChoices):
    STARTUP = "startup", "창업"
    EMPLOYMENT = "employment", "취업"
    ACTIVITY = "activity", "활동"
    STUDY = "study", "진학"
    OTHER = "other", "기타"


class GraduateOutcome(InCoursePeriod, models.Model):
    """What a graduate went on to, dated."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name="수료생", on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField("구분", max_length=20, choices=OutcomeKind.choices)
    date = models.DateField("일자")
    description = models.CharField("내용", max_length=300, blank=True)

    class Meta:
        verbose_name = "수료 후 활동"
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment.person_name} {self.get_kind_display()}"

    def owning_record(self) -> ProgramRecord | None:
        return self.enrolment.course if self.enrolment_id else None

    def clean(self) -> None:
        if self.enrolment_id and not self.enrolment.completed:
            raise ValidationError({"enrolment": "수료한 사람의 활동만 기록합니다."})


class CourseMaterial(CenterOwned):
    """A textbook, lesson plan or other material; a link, shared publicly when marked so."""

    title = models.CharField("자료명", max_length=200)
    kind = models.CharField("종류", max_length=50, blank=True, help_text="교재, 교안 …")
    link = models.URLField("링크", blank=True)
    course = models.ForeignKey(
        Course,
        verbose_name="교육과정",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    is_public = models.BooleanField("공개", default=False)

    class Meta:
        verbose_name = "교육자료"
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class TourKind(models.TextChoices):
    STRATEGIC = "strategic", "전략기획연수"
    DISPATCH = "dispatch", "기술연수(파견)"
    INVITATION = "invitation", "기술연수(초청)"


class TourStatus(models.TextChoices):
    HELD = "held", "진행"
    CANCELLED = "cancelled", "취소"


class StudyTour(ProgramRecord):
    """A study tour (일자 is its first day): abroad (전략기획, 파견 with the enterprises sent) or
    invited experts with their public forum."""

    kind = models.CharField("구분", max_length=20, choices=TourKind.choices)
    category = models.CharField("분류", max_length=50, blank=True, help_text="사업개발, 정책교류 …")
    title = models.CharField("연수 주제", max_length=300)
    ends_on = models.DateField("종료일", null=True, blank=True)
    destination = models.CharField("연수지", max_length=200, blank=True)
    purpose = models.TextField("내용", blank=True)
    status = models.CharField(
        "진행 여부", max_length=20, choices=TourStatus.choices, default=TourStatus.HELD
    )
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name="파견 기업", blank=True, related_name="education_study_tours"
    )
    invited_experts = models.TextField("초청자", blank=True)
    forum_attendance = models.PositiveIntegerField("포럼 참석자수", null=True, blank=True)

    class Meta:
        verbose_name = "연수"
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.date and self.ends_on < self.date:
            raise ValidationError({"ends_on": "종료일이 시작일보다 앞섭니다."})


class StudyTourParticipant(ProgramRecord):
    """A person who took part in a study tour. A stand-in for a total the report gives for a
    kind of tour without naming the tour has no tour and is marked reconstructed."""

    kind = models.CharField("연수 구분", max_length=20, choices=TourKind.choices)
    tour = models.ForeignKey(
        StudyTour,
        verbose_name="연수",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person_name = models.CharField("이름", max_length=100, blank=True)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="소속 기업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="education_tour_participants",
    )

    personal_fields: ClassVar[tuple[str, ...]] = ("person_name",)

    class Meta:
        verbose_name = "연수 참가자"
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tour__isnull=False) | Q(reconstructed=True),
                name="education_participant_has_tour_unless_reconstructed",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name or f"{self.get_kind_display()} 참가자"

    def clean(self) -> None:
        super().clean()
        if self.tour_id is None and not self.reconstructed:
            raise ValidationError({"tour": "참가한 연수를 고르세요."})
        if self.tour is not None and self.tour.kind != self.kind:
            raise ValidationError({"kind": "연수 구분이 참가한 연수와 다릅니다."})


class YouthIntroSupport(ProgramRecord):
    """An organisation supported to run introductory social-economy education for youth."""

    institution = models.ForeignKey(
        Institution,
        verbose_name="운영 기관",
        on_delete=models.PROTECT,
        related_name="education_intro_supports",
    )
    content = models.TextField("주요 교육내용", blank=True)
    outcome = models.TextField("교육성과", blank=True)
    participants = models.PositiveIntegerField("참여인원", null=True, blank=True)

    class Meta:
        verbose_name = "청소년 입문교육 지원"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"입문교육 지원: {self.institution}"


class YouthSession(ProgramRecord):
    """A hands-on session at a school, with the enterprises' programmes it held."""

    number = models.PositiveSmallIntegerField("회차")
    school = models.ForeignKey(
        Institution,
        verbose_name="참여 학교",
        on_delete=models.PROTECT,
        related_name="education_youth_sessions",
    )
    attendance = models.PositiveIntegerField("참석인원", null=True, blank=True)

    class Meta:
        verbose_name = "청소년 체험교육"
        ordering = ["date", "number", "pk"]

    def __str__(self) -> str:
        return f"체험교육 {self.number}회차 ({self.school})"


class YouthSessionProgramme(InCoursePeriod, models.Model):
    """One enterprise's programme within a hands-on session."""

    session = models.ForeignKey(
        YouthSession, verbose_name="체험교육", on_delete=models.CASCADE, related_name="programmes"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        related_name="education_youth_programmes",
    )
    field = models.CharField("분야", max_length=50, blank=True)
    title = models.CharField("체험프로그램", max_length=200)

    class Meta:
        verbose_name = "체험프로그램"
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} — {self.title}"

    def owning_record(self) -> ProgramRecord | None:
        return self.session if self.session_id else None


class HaenaemTeam(ProgramRecord):
    """A youth team supported to carry out its social-problem project (해냄 프로젝트)."""

    team_name = models.CharField("팀명", max_length=100)
    project = models.CharField("프로젝트명", max_length=200)
    school = models.ForeignKey(
        Institution,
        verbose_name="학교",
        on_delete=models.PROTECT,
        related_name="education_haenaem_teams",
    )
    members = models.PositiveIntegerField("팀원수", null=True, blank=True)
    mentors = models.CharField("멘토", max_length=300, blank=True)
    budget_won = models.BigIntegerField(
        "지원금(원)", null=True, blank=True, validators=[MinValueValidator(0)]
    )
    summary = models.TextField("주요내용", blank=True)

    class Meta:
        verbose_name = "해냄 프로젝트 팀"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.team_name} — {self.project}"


class YouthNetworkEvent(ProgramRecord):
    """A youth–young adult social-economy network event."""

    title = models.CharField("행사명", max_length=200)
    participants = models.PositiveIntegerField("참여인원", null=True, blank=True)
    organisations = models.PositiveIntegerField("참여 단체수", null=True, blank=True)

    class Meta:
        verbose_name = "청소년-청년 네트워크 행사"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.title
