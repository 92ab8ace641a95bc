"""Roles and the capabilities each role holds: the single source for docs/access.md."""

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    CENTER_ADMIN = "center_admin", "센터 관리자"
    PROGRAM_STAFF = "program_staff", "사업 담당자"
    DISTRICT_STAFF = "district_staff", "자치구 센터 담당자"
    EXPERT = "expert", "전문가"
    MEMBER = "member", "기업 회원"
    FUNDER = "funder", "서울시 담당관(열람)"
    AUDITOR = "auditor", "회계감사인(열람)"


class Capability(StrEnum):
    VIEW_REGISTRY = "view_registry"
    EDIT_REGISTRY = "edit_registry"
    VIEW_PERSONAL_DATA = "view_personal_data"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    VIEW_MONEY = "view_money"
    EDIT_MONEY = "edit_money"
    APPROVE_MONEY = "approve_money"
    VIEW_REPORTS = "view_reports"
    MANAGE_PROGRAMS = "manage_programs"
    RECORD_ACTIVITIES = "record_activities"
    LOG_SESSIONS = "log_sessions"
    REVIEW_APPLICATIONS = "review_applications"
    USE_PORTAL = "use_portal"
    MANAGE_CENTER = "manage_center"
    REVIEW_AUDIT_LOG = "review_audit_log"
    REVIEW_ACCESS_LOG = "review_access_log"
    REVIEW_MONEY_ACCESS_LOG = "review_money_access_log"


CAPABILITY_LABELS: dict[Capability, str] = {
    Capability.VIEW_REGISTRY: "기업·기관 명부 열람",
    Capability.EDIT_REGISTRY: "기업·기관 명부 등록·수정",
    Capability.VIEW_PERSONAL_DATA: "담당자 개인정보 열람",
    Capability.EXPORT_PERSONAL_DATA: "개인정보 포함 내보내기",
    Capability.VIEW_MONEY: "예산·정산 열람",
    Capability.EDIT_MONEY: "예산·집행 기록",
    Capability.APPROVE_MONEY: "전용·집행 승인, 정산 마감",
    Capability.VIEW_REPORTS: "성과보고서 열람",
    Capability.MANAGE_PROGRAMS: "사업·지표·목표 설정",
    Capability.RECORD_ACTIVITIES: "활동 기록 입력",
    Capability.LOG_SESSIONS: "담당 지원 회차 기록",
    Capability.REVIEW_APPLICATIONS: "배정된 신청 심사",
    Capability.USE_PORTAL: "기업 회원 포털",
    Capability.MANAGE_CENTER: "센터 설정·사용자 관리",
    Capability.REVIEW_AUDIT_LOG: "변경 이력 검색",
    Capability.REVIEW_ACCESS_LOG: "개인정보 접근기록 검토",
    Capability.REVIEW_MONEY_ACCESS_LOG: "감사인 열람기록 검토",
}

STAFF_ROLES = frozenset({Role.CENTER_ADMIN, Role.PROGRAM_STAFF, Role.DISTRICT_STAFF})
READ_ONLY_ROLES = frozenset({Role.FUNDER, Role.AUDITOR})

CAPABILITIES: dict[Capability, frozenset[Role]] = {
    Capability.VIEW_REGISTRY: STAFF_ROLES | {Role.FUNDER},
    Capability.EDIT_REGISTRY: STAFF_ROLES,
    Capability.VIEW_PERSONAL_DATA: STAFF_ROLES,
    Capability.EXPORT_PERSONAL_DATA: frozenset({Role.CENTER_ADMIN, Role.PROGRAM_STAFF}),
    Capability.VIEW_MONEY: STAFF_ROLES | READ_ONLY_ROLES,
    Capability.EDIT_MONEY: STAFF_ROLES,
    Capability.APPROVE_MONEY: frozenset({Role.CENTER_ADMIN}),
    Capability.VIEW_REPORTS: STAFF_ROLES | READ_ONLY_ROLES,
    Capability.MANAGE_PROGRAMS: frozenset({Role.CENTER_ADMIN}),
    Capability.RECORD_ACTIVITIES: STAFF_ROLES,
    Capability.LOG_SESSIONS: frozenset({Role.EXPERT}),
    Capability.REVIEW_APPLICATIONS: frozenset({Role.EXPERT}),
    Capability.USE_PORTAL: frozenset({Role.MEMBER}),
    Capability.MANAGE_CENTER: frozenset({Role.CENTER_ADMIN}),
    Capability.REVIEW_AUDIT_LOG: frozenset({Role.CENTER_ADMIN}),
    Capability.REVIEW_ACCESS_LOG: frozenset({Role.CENTER_ADMIN}),
    Capability.REVIEW_MONEY_ACCESS_LOG: frozenset({Role.CENTER_ADMIN}),
}


def has_capability(user: object, capability: Capability) -> bool:
    """True when an active, logged-in user's role grants the capability."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_active", False):
        return False
    return getattr(user, "role", None) in CAPABILITIES[capability]
