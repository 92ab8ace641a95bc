"""지역 및 협동 기반: the records of the center's strategic and local-ecosystem work.

Pilot projects and consortia with their members, milestones and outputs; the districts' special
zones and the support given to them; meetings of the district network and the policy council;
village-enterprise support and level-up support; the shared workspaces and labs with their
activities, monthly users and memberships; and the grants to the sector associations. Every
figure of the 전략 사업 and 지역 및 협동 기반 tables is computed from these rows by
`ecosystem.metrics`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from dure.core.models import CenterOwned
from dure.programs.records.models import ProgramRecord
from dure.registry.models import Enterprise, Institution


class Track(models.TextChoices):
    """The strategic line a pilot project belongs to."""

    FRANCHISING = "franchising", "프랜차이징 확산"
    RESIDENT_PARTICIPATION = "resident_participation", "주민참여 모델"
    COOPERATIVE_BUSINESS = "cooperative_business", "협동비즈니스"
    INTEGRATED_CARE = "integrated_care", "통합돌봄"
    OTHER = "other", "기타"


class Round(models.TextChoices):
    FIRST = "1차", "1차"
    SECOND = "2차", "2차"


class Project(ProgramRecord):
    """A pilot project or consortium: its track, lead organisation and members; dated when it
    was chosen."""

    track = models.CharField("분야 구분", max_length=30, choices=Track.choices)
    title = models.CharField("사업명", max_length=300)
    field = models.CharField(
        "분야", max_length=100, blank=True, help_text="공동 소비망, 자원 순환 …"
    )
    round = models.CharField("차수", max_length=10, choices=Round.choices, blank=True)
    lead_institution = models.ForeignKey(
        Institution,
        verbose_name="수행기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ecosystem_led_projects",
    )
    lead_enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="주관기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ecosystem_led_projects",
    )
    members = models.ManyToManyField(
        Enterprise, verbose_name="참여기업", blank=True, related_name="ecosystem_projects"
    )
    member_institutions = models.ManyToManyField(
        Institution, verbose_name="참여기관", blank=True, related_name="ecosystem_projects"
    )
    result = models.TextField("추진결과", blank=True)

    class Meta:
        verbose_name = "전략 사업"
        verbose_name_plural = "전략 사업"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        return f"{self.round} {self.title}".strip()


class Milestone(models.Model):
    """A step of a project: due on a day, done on another (empty while open)."""

    project = models.ForeignKey(
        Project, verbose_name="사업", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField("단계", max_length=200)
    due = models.DateField("예정일")
    done = models.DateField("완료일", null=True, blank=True)

    class Meta:
        verbose_name = "추진 단계"
        verbose_name_plural = "추진 단계"
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return f"{self.project} · {self.title}"

    def clean(self) -> None:
        super().clean()
        if self.due and self.done and self.project_id and self.done < self.project.date:
            raise ValidationError({"done": "완료일이 사업의 일자보다 앞섭니다."})


class OutputKind(models.TextChoices):
    MODEL = "model", "모델"
    REPORT = "report", "보고서"
    STORE = "store", "매장"
    PILOT_SITE = "pilot_site", "시범사업지"
    RECORD = "record", "기록물"


class Output(ProgramRecord):
    """An output of the strategic work (a model, a report, a store, a pilot site), dated when it
    was delivered; of a project or of the program alone."""

    project = models.ForeignKey(
        Project,
        verbose_name="전략 사업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outputs",
    )
    kind = models.CharField("성과물 구분", max_length=20, choices=OutputKind.choices)
    title = models.CharField("성과물", max_length=300)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ecosystem_outputs",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ecosystem_outputs",
        help_text="개발·수행기관, 시범사업지의 운영기관",
    )

    class Meta:
        verbose_name = "성과물"
        verbose_name_plural = "성과물"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.title}"


class SpecialZone(ProgramRecord):
    """예비특구: a district's special-zone project, dated when it was chosen."""

    title = models.CharField("사업명", max_length=300)

    class Meta:
        verbose_name = "예비특구"
        verbose_name_plural = "예비특구"
        ordering = ["district", "pk"]

    def __str__(self) -> str:
        return f"{self.district} {self.title}"

    def clean(self) -> None:
        super().clean()
        if not self.district:
            raise ValidationError({"district": "예비특구의 자치구를 골라 주세요."})


class ZoneSupportKind(models.TextChoices):
    FIELD_MEETING = "field_meeting", "현장간담회"
    ADVISORY = "advisory", "자문회의"
    BRIEFING = "briefing", "사전간담회"
    RESULTS = "results", "성과보고회"
    CONSULTING = "consulting", "컨설팅"
    VISIT = "visit", "밀착 현장방문"


class ZoneSupport(ProgramRecord):
    """Support given to the special zones: a meeting, a consulting session or a field visit."""

    kind = models.CharField("지원 구분", max_length=20, choices=ZoneSupportKind.choices)
    zone = models.ForeignKey(
        SpecialZone,
        verbose_name="예비특구",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supports",
        help_text="여러 예비특구를 함께 지원했으면 비워 둡니다",
    )
    participants = models.PositiveIntegerField("참여인원", null=True, blank=True)

    class Meta:
        verbose_name = "예비특구 지원"
        verbose_name_plural = "예비특구 지원"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class MeetingSeries(models.TextChoices):
    """Which gathering a meeting belongs to."""

    DISTRICT_HEADS = "district_heads", "자치구 지원기관 대표자 정기회의"
    PROCUREMENT_WORKSHOP = "procurement_workshop", "자치구 공공구매 활성화 워크숍"
    INTERMEDIARY_WORKSHOP = "intermediary_workshop", "자치구 중간지원조직 워크숍"
    BENCHMARKING = "benchmarking", "벤치마킹 실무자 교육"
    ANNUAL_REVIEW = "annual_review", "자치구 연간성과 및 자문회의"
    CLUSTER_ADVISORY = "cluster_advisory", "자치구 클러스터 자문회의"
    POLICY_COUNCIL = "policy_council", "민관정책협의회 정기회의"
    GLOBAL_COMMITTEE = "global_committee", "민관정책협의회 글로벌분과"
    TASK_FORCE = "task_force", "민관정책협의회 TF"


class MeetingFormat(models.TextChoices):
    MEETING = "meeting", "회의"
    WORKSHOP = "workshop", "워크숍"
    TRAINING = "training", "교육"
    ADVISORY = "advisory", "자문회의"
    FORMATION = "formation", "구성"


class Meeting(ProgramRecord):
    """A meeting, workshop or training of the district network or the policy council; a task
    force's forming is recorded as its own kind (구성)."""

    series = models.CharField("회의 구분", max_length=30, choices=MeetingSeries.choices)
    format = models.CharField("형식", max_length=20, choices=MeetingFormat.choices)
    title = models.CharField("내용", max_length=300, blank=True)
    participants = models.PositiveIntegerField("참여인원", null=True, blank=True)

    class Meta:
        verbose_name = "협력 회의"
        verbose_name_plural = "협력 회의"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_series_display()}"


class VillageSupportKind(models.TextChoices):
    DISTRICT_SELECTION = "district_selection", "지역밀착 지원 자치구 선정"
    DISCOVERY = "discovery", "예비 주체 발굴"
    EDUCATION = "education", "설립 전후 교육"
    INSPECTION = "inspection", "현장실사"
    DAILY = "daily", "일상지원"
    NEW_MODEL_PILOT = "new_model_pilot", "신마을기업 시범사업"


class DailySupportKind(models.TextChoices):
    MENTORING = "mentoring", "일상 멘토링"
    CONSULTING = "consulting", "컨설팅"
    ACCOUNTING = "accounting", "회계지원"
    LEGAL = "legal", "법률지원"
    STUDY_TOUR = "study_tour", "해외연수"
    PROCUREMENT = "procurement", "공공구매 상담"
    VISIT = "visit", "방문 상담"
    SPACE_GRANT_SURVEY = "space_grant_survey", "공간지원금 전수조사"


class GrantStage(models.TextChoices):
    NEW_DESIGNATION = "new_designation", "마을기업 신규지정"
    SECOND_GRANT = "second_grant", "마을기업 2차 사업비 지원"


class VillageSupport(ProgramRecord):
    """Village-enterprise support: a district chosen for close support, a group found, an
    education round, a field inspection or one day-to-day support of an enterprise."""

    kind = models.CharField("지원 구분", max_length=30, choices=VillageSupportKind.choices)
    daily_kind = models.CharField(
        "일상지원 유형", max_length=30, choices=DailySupportKind.choices, blank=True
    )
    grant_stage = models.CharField(
        "사업비 단계", max_length=30, choices=GrantStage.choices, blank=True
    )
    group_name = models.CharField(
        "주체명", max_length=200, blank=True, help_text="명부에 없는 발굴 주체"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ecosystem_village_supports",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ecosystem_village_supports",
        help_text="지역밀착 지원을 맡은 자치구 센터",
    )
    sessions = models.PositiveIntegerField("횟수", default=1)
    teams = models.PositiveIntegerField("팀수", null=True, blank=True)
    applicant_teams = models.PositiveIntegerField("신청팀수", null=True, blank=True)
    participants = models.PositiveIntegerField("인원", null=True, blank=True)

    class Meta:
        verbose_name = "마을기업 지원"
        verbose_name_plural = "마을기업 지원"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        if self.kind == VillageSupportKind.DAILY and not self.daily_kind:
            raise ValidationError({"daily_kind": "일상지원의 유형을 골라 주세요."})
        if self.kind != VillageSupportKind.DAILY and self.daily_kind:
            raise ValidationError({"daily_kind": "일상지원이 아닌 지원에는 유형을 적지 않습니다."})
        teams, applicants = self.teams, self.applicant_teams
        if teams is not None and applicants is not None and teams > applicants:
            raise ValidationError({"teams": "팀수가 신청팀수보다 많습니다."})


class LevelUpType(models.TextChoices):
    MARKETING = "marketing", "홍보마케팅"
    BUSINESS_DEVELOPMENT = "business_development", "사업개발"
    PRODUCT_IMPROVEMENT = "product_improvement", "제품서비스개선"
    OTHER = "other", "기타 역량강화"


class LevelUpSupport(ProgramRecord):
    """One level-up support of one village enterprise, by type."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="마을기업",
        on_delete=models.PROTECT,
        related_name="ecosystem_levelup_supports",
    )
    support_type = models.CharField("지원유형", max_length=30, choices=LevelUpType.choices)
    amount_won = models.BigIntegerField("지원금액(원)", null=True, blank=True)

    class Meta:
        verbose_name = "레벨업 지원"
        verbose_name_plural = "레벨업 지원"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.enterprise.name} {self.get_support_type_display()}"

    def clean(self) -> None:
        super().clean()
        if self.amount_won is not None and self.amount_won < 0:
            raise ValidationError({"amount_won": "지원금액은 0원 이상이어야 합니다."})


class WorkspaceKind(models.TextChoices):
    HUB = "hub", "사회적경제 허브"
    LIVING_LAB = "living_lab", "지역재생리빙랩"
    MAKER_SPACE = "maker_space", "제작소"
    INNOVATION_LAB = "innovation_lab", "기술혁신랩"


class Workspace(CenterOwned):
    """A shared workspace or lab the center runs: where it is, how large, what for."""

    name = models.CharField("공간명", max_length=200)
    kind = models.CharField("공간 구분", max_length=30, choices=WorkspaceKind.choices)
    address = models.CharField("소재지", max_length=300, blank=True)
    area_m2 = models.DecimalField(
        "면적(m²)", max_digits=10, decimal_places=1, null=True, blank=True
    )
    purpose = models.TextField("조성 목적", blank=True)
    facilities = models.CharField("구성", max_length=300, blank=True)
    opened = models.DateField("개소일", null=True, blank=True)
    notes = models.TextField("비고", blank=True)

    class Meta:
        verbose_name = "공동 작업장"
        verbose_name_plural = "공동 작업장"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="workspace_name_once")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.area_m2 is not None and self.area_m2 <= 0:
            raise ValidationError({"area_m2": "면적은 0보다 커야 합니다."})


class WorkspaceActivityKind(models.TextChoices):
    DISCOVERY = "discovery", "주체발굴"
    COLLABORATION = "collaboration", "협업활동"
    AWARENESS = "awareness", "인지도 향상"
    PROGRAM = "program", "교육·워크숍"
    BUILDING = "building", "조성"
    TENANT_SELECTION = "tenant_selection", "입주기관 선정"


class WorkspaceActivity(ProgramRecord):
    """Work done at a workspace: a group found, a collaboration, an awareness event, a
    program (교육·워크숍), its building or the choice of its tenants."""

    workspace = models.ForeignKey(
        Workspace, verbose_name="공간", on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField("활동 구분", max_length=30, choices=WorkspaceActivityKind.choices)
    title = models.CharField("내용", max_length=300)
    participants = models.PositiveIntegerField("참여인원", null=True, blank=True)

    class Meta:
        verbose_name = "공간 활동"
        verbose_name_plural = "공간 활동"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.workspace} {self.get_kind_display()}"


class WorkspaceUse(ProgramRecord):
    """The users of a workspace over a month (the date is the month's last day recorded)."""

    workspace = models.ForeignKey(
        Workspace, verbose_name="공간", on_delete=models.PROTECT, related_name="uses"
    )
    users = models.PositiveIntegerField("이용자수")

    class Meta:
        verbose_name = "공간 이용"
        verbose_name_plural = "공간 이용"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m} {self.workspace} {self.users}명"


class WorkspaceMembership(ProgramRecord):
    """A membership of a workspace, dated when it began."""

    workspace = models.ForeignKey(
        Workspace, verbose_name="공간", on_delete=models.PROTECT, related_name="memberships"
    )
    member_name = models.CharField("회원", max_length=200, blank=True)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ecosystem_memberships",
    )

    class Meta:
        verbose_name = "멤버십"
        verbose_name_plural = "멤버십"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        name = self.enterprise.name if self.enterprise else self.member_name or "회원"
        return f"{self.date} {self.workspace} {name}"


class Sector(models.TextChoices):
    SOCIAL_ENTERPRISE = "social_enterprise", "사회적기업"
    COOPERATIVE = "cooperative", "협동조합"
    VILLAGE_ENTERPRISE = "village_enterprise", "마을기업"
    SELF_SUFFICIENCY = "self_sufficiency", "자활기업"
    INDUSTRY = "industry", "업종"


class SectorGrant(ProgramRecord):
    """A grant to a sector or industry association for its cooperation work."""

    institution = models.ForeignKey(
        Institution,
        verbose_name="지원 기관",
        on_delete=models.PROTECT,
        related_name="ecosystem_grants",
    )
    sector = models.CharField("부문", max_length=30, choices=Sector.choices)
    amount_won = models.BigIntegerField("지원금액(원)")
    purpose = models.TextField("사업 추진 내용", blank=True)

    class Meta:
        verbose_name = "협동화 지원"
        verbose_name_plural = "협동화 지원"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.institution.name} {self.get_sector_display()}"

    def clean(self) -> None:
        super().clean()
        if self.amount_won is not None and self.amount_won < 0:
            raise ValidationError({"amount_won": "지원금액은 0원 이상이어야 합니다."})
