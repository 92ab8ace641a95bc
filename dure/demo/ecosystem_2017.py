"""The 2017 demo's strategic and local-ecosystem work (전략 사업 육성 and 지역 및 협동 기반 조성,
P04–P08) as the records of `dure.ecosystem`: tables 20–35 and 37 of the seed. Listed items are
loaded as they are; where the report gives only a total, generated records stand in and are
marked `reconstructed` with a note. docs/seed-2017.md explains the readings."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dure.ecosystem import models as ecosystem
from dure.ecosystem import services
from dure.programs.records import services as record_services

if TYPE_CHECKING:
    from dure.demo.programs_2017 import _Loader

YEAR = 2017
UNDATED = datetime.date(YEAR, 12, 31)
UNDATED_NOTE = "일자 미기재"
DISTRICT_CENTERS = {"강동": "강동구", "관악": "관악구", "노원": "노원구"}
DAILY_KINDS = {str(kind.label): kind for kind in ecosystem.DailySupportKind}
LEVELUP_CASES = (
    (ecosystem.LevelUpType.MARKETING, 18),
    (ecosystem.LevelUpType.BUSINESS_DEVELOPMENT, 7),
    (ecosystem.LevelUpType.PRODUCT_IMPROVEMENT, 7),
    (ecosystem.LevelUpType.OTHER, 7),
)
# Table 35 in its order: one body per sector (its second row repeats the first row's name; C27).
SECTORS = (
    ecosystem.Sector.SOCIAL_ENTERPRISE,
    ecosystem.Sector.COOPERATIVE,
    ecosystem.Sector.VILLAGE_ENTERPRISE,
    ecosystem.Sector.SELF_SUFFICIENCY,
)
# Table 34 in its order, by the names the plan gives the workspaces' sub-programs.
WORKSPACES = (
    ("창신숭인 사회적경제허브", ecosystem.WorkspaceKind.HUB, datetime.date(2014, 3, 1)),
    ("세운상가 지역재생리빙랩", ecosystem.WorkspaceKind.LIVING_LAB, None),
    ("성동성수 지역재생리빙랩", ecosystem.WorkspaceKind.LIVING_LAB, datetime.date(2015, 12, 1)),
    ("소셜디자인 기술혁신랩", ecosystem.WorkspaceKind.INNOVATION_LAB, datetime.date(2017, 3, 1)),
    ("생활기술융합제작소", ecosystem.WorkspaceKind.MAKER_SPACE, datetime.date(2017, 10, 1)),
)


def _names(cell: str) -> list[str]:
    # 22's first row lacks the comma between 더블베어스 and the 중앙협의회 (six members).
    cell = cell.replace(
        "더블베어스 한국사회적기업중앙협의회", "더블베어스, 한국사회적기업중앙협의회"
    )
    return [name.strip() for name in cell.split(",") if name.strip()]


def _spread(count: int, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    span = (end - start).days
    return [start + datetime.timedelta(days=i * span // max(count, 1)) for i in range(count)]


def load_ecosystem(loader: _Loader) -> None:
    """P04–P08 as ecosystem records (the shared resources and table 36 are not loaded here)."""
    from dure.demo.programs_2017 import DECEMBER, JANUARY, _rows

    seed = loader.seed_dir
    center = loader.metropolitan
    rows: list[Any] = []

    def record(model: type, program: str, **fields: Any) -> Any:
        fields.setdefault("date", UNDATED)
        if fields["date"] == UNDATED and not fields.get("reconstructed"):
            fields["notes"] = f"{fields.get('notes', '')} ({UNDATED_NOTE})".strip()
        row = model(center=center, program=loader.programs[program], **fields)
        rows.append(row)
        return row

    def generate(model: type, program: str, count: int, *, note: str, **fields: Any) -> None:
        start, end = fields.pop("start", JANUARY), fields.pop("end", DECEMBER)
        for day in _spread(count, start, end):
            record(model, program, date=day, reconstructed=True, notes=note, **fields)

    # 전략 사업 지원 (P04): tables 20, 21, 22 and the text's deliverables.
    p04 = loader.programs["P04"]
    franchise_lead = loader.institution("대안노동자협동조합연합회")
    stores = (
        (datetime.date(YEAR, 4, 1), "은평구", "좋은이웃협동조합", "아빠맘두부+ 1호점"),
        (datetime.date(YEAR, 8, 1), "동대문구", "동대문엄마손맛반찬협동조합", "아빠맘두부+ 2호점"),
        (None, "금천구", "(주)이그린", "아빠맘두부+ 3호점 시범 운영"),
    )
    franchise = services.record_project(
        center=center,
        program=p04,
        date=datetime.date(YEAR, 7, 1),
        track=ecosystem.Track.FRANCHISING,
        title="마을기반 먹거리 전략모델 확산(소셜프랜차이즈 본사 체계 구축)",
        lead_institution=franchise_lead,
        members=[loader.enterprise(name) for _, _, name, _ in stores],
        notes="참여기관 공동 규약 및 협약 체결(7월, 일은 미기재)",
    )
    record(
        ecosystem.Output,
        "P04",
        date=datetime.date(YEAR, 7, 1),
        project=franchise,
        kind=ecosystem.OutputKind.MODEL,
        title="확산센터(본사) 모델",
        institution=franchise_lead,
    )
    for day, district, name, title in stores:
        record(
            ecosystem.Output,
            "P04",
            date=day or UNDATED,
            project=franchise,
            kind=ecosystem.OutputKind.STORE,
            title=title,
            district=district,
            enterprise=loader.enterprise(name),
        )
    resident = services.record_project(
        center=center,
        program=p04,
        date=datetime.date(YEAR, 2, 1),
        track=ecosystem.Track.RESIDENT_PARTICIPATION,
        title="서울시 특화거리 연계 사회적경제 주민참여 모델개발(석촌동고분군)",
        district="송파구",
        notes="대상 지역·분야 선정(2월, 일은 미기재)",
    )
    record(
        ecosystem.Output,
        "P04",
        project=resident,
        kind=ecosystem.OutputKind.MODEL,
        title="석촌동고분군 주민참여 모델(송파)",
        district="송파구",
    )
    for row in _rows(seed, "22_coop_business_consortia.csv"):
        members = _names(row["참여기업"])
        institutions = [n for n in members if n == "한국사회적기업중앙협의회 서울지부"]
        services.record_project(
            center=center,
            program=p04,
            date=datetime.date(YEAR, 6, 30) if row["차수"] == "1차" else datetime.date(YEAR, 9, 30),
            track=ecosystem.Track.COOPERATIVE_BUSINESS,
            round=row["차수"],
            field=row["분야"],
            title=row["사업명"],
            members=[loader.enterprise(n) for n in members if n not in institutions],
            member_institutions=[
                loader.institution("한국사회적기업 중앙협의회 서울지부") for _ in institutions
            ],
            result=row["추진결과"].replace(" - ", "\n- "),
            notes="선정일 미기재: 차수의 분기 말일",
        )
    care = services.record_project(
        center=center,
        program=p04,
        date=datetime.date(YEAR, 5, 1),
        track=ecosystem.Track.INTEGRATED_CARE,
        title="지역기반 노인통합돌봄서비스 지원체계 확산 연구",
        lead_institution=loader.institution("한림대 산학협력단"),
        notes="연구 용역 계약(5월, 일은 미기재)",
    )
    record(
        ecosystem.Output,
        "P04",
        date=datetime.date(YEAR, 5, 1),
        project=care,
        kind=ecosystem.OutputKind.MODEL,
        title="통합돌봄서비스 확산모델",
        institution=care.lead_institution,
    )
    for row in _rows(seed, "21_integrated_care_pilot_sites.csv"):
        record(
            ecosystem.Output,
            "P04",
            date=datetime.date(YEAR, 5, 1),
            project=care,
            kind=ecosystem.OutputKind.PILOT_SITE,
            title=f"{row['시범사업 시행지역']} 노인통합돌봄서비스 시범사업",
            district=row["시범사업 시행지역"],
            institution=loader.institution(row["사업수행기관"]),
            notes="시범사업 기간 2016년 7월 ~ 2019년 6월; 일자는 연구 용역 계약(5월)",
        )

    # 자치구 및 생태계 조성 지원 (P05): tables 23-26.
    for series, meeting_format, count in (
        (ecosystem.MeetingSeries.DISTRICT_HEADS, ecosystem.MeetingFormat.MEETING, 8),
        (ecosystem.MeetingSeries.PROCUREMENT_WORKSHOP, ecosystem.MeetingFormat.WORKSHOP, 1),
        (ecosystem.MeetingSeries.INTERMEDIARY_WORKSHOP, ecosystem.MeetingFormat.WORKSHOP, 2),
        (ecosystem.MeetingSeries.BENCHMARKING, ecosystem.MeetingFormat.TRAINING, 4),
        (ecosystem.MeetingSeries.ANNUAL_REVIEW, ecosystem.MeetingFormat.ADVISORY, 20),
        (ecosystem.MeetingSeries.CLUSTER_ADVISORY, ecosystem.MeetingFormat.ADVISORY, 2),
    ):
        generate(
            ecosystem.Meeting,
            "P05",
            count,
            note="표 23의 횟수만 있어 만든 기록",
            series=series,
            format=meeting_format,
        )
    zones = [
        services.record_special_zone(
            center=center,
            program=loader.programs["P05"],
            date=UNDATED,
            district=row["자치구"],
            title=row["사업명"],
            notes=UNDATED_NOTE,
        )
        for row in _rows(seed, "26_special_zone_projects.csv")
    ]
    for kind, count in (
        (ecosystem.ZoneSupportKind.FIELD_MEETING, 3),
        (ecosystem.ZoneSupportKind.ADVISORY, 1),
        (ecosystem.ZoneSupportKind.BRIEFING, 2),
        (ecosystem.ZoneSupportKind.RESULTS, 6),
        (ecosystem.ZoneSupportKind.CONSULTING, 7),
    ):
        generate(
            ecosystem.ZoneSupport, "P05", count, note="표 25의 횟수만 있어 만든 기록", kind=kind
        )
    for index, day in enumerate(_spread(60, JANUARY, DECEMBER)):
        zone = zones[index % len(zones)]
        record(
            ecosystem.ZoneSupport,
            "P05",
            date=day,
            kind=ecosystem.ZoneSupportKind.VISIT,
            zone=zone,
            district=zone.district,
            reconstructed=True,
            notes="표 25의 횟수만 있어 만든 기록: 예비특구를 차례로 방문한 것으로 둠",
        )
    record(
        ecosystem.Output,
        "P05",
        kind=ecosystem.OutputKind.RECORD,
        title="예비특구사업 기록사업 보고서(발간자료 3-2)",
    )

    # 마을 기업 발굴 및 육성 (P06): tables 27-32.
    for district in ("강동구", "관악구", "노원구"):
        record(
            ecosystem.VillageSupport,
            "P06",
            kind=ecosystem.VillageSupportKind.DISTRICT_SELECTION,
            district=district,
            institution=loader.institution(f"{district} 사회적경제지원센터"),
        )
    for row in _rows(seed, "29_village_prelim_enterprises.csv"):
        record(
            ecosystem.VillageSupport,
            "P06",
            kind=ecosystem.VillageSupportKind.DISCOVERY,
            district=DISTRICT_CENTERS.get(row["구분"], ""),
            group_name=row["기업명"],
        )
    for row in _rows(seed, "30_village_grant_education.csv"):
        stage = next(s for s in ecosystem.GrantStage if s.label == row["지원유형"])
        education = row["구분"] == "교육/상담"
        record(
            ecosystem.VillageSupport,
            "P06",
            kind=(
                ecosystem.VillageSupportKind.EDUCATION
                if education
                else ecosystem.VillageSupportKind.INSPECTION
            ),
            grant_stage=stage,
            sessions=int(row["횟수"]) if row["횟수"] else 1,
            teams=int(row["팀수"]) if row["팀수"] else None,
            applicant_teams=int(row["신청팀수"]) if row["신청팀수"] else None,
            participants=int(row["인원"]) if row["인원"] else None,
            notes=row["내용"],
        )
    generate(
        ecosystem.VillageSupport,
        "P06",
        38,
        note="설립전후교육 42회(사업 총괄표) 가운데 표 30에 없는 38회",
        kind=ecosystem.VillageSupportKind.EDUCATION,
    )
    firms = [
        loader.enterprise(f"[재구성] 레벨업 마을기업 {n:02d}", reconstructed=True)
        for n in range(1, 28)
    ]
    turn = 0
    for support_type, count in LEVELUP_CASES:
        for day in _spread(count, JANUARY, DECEMBER):
            record(
                ecosystem.LevelUpSupport,
                "P06",
                date=day,
                enterprise=firms[turn % len(firms)],
                support_type=support_type,
                reconstructed=True,
                notes="표 27의 유형별 건수와 기업수(27)만 있어 만든 기록",
            )
            turn += 1
    record(
        ecosystem.Output,
        "P06",
        kind=ecosystem.OutputKind.REPORT,
        title="서울형 신마을기업 모델 연구보고서",
        institution=loader.institution("사회투자지원재단"),
    )
    for row in _rows(seed, "32_village_daily_support_list.csv"):
        record(
            ecosystem.VillageSupport,
            "P06",
            kind=ecosystem.VillageSupportKind.DAILY,
            daily_kind=DAILY_KINDS[row["구분"]],
            enterprise=loader.enterprise(row["기업명"].replace("마을だし살림", "마을닷살림")),
        )

    # 공동 작업장 조성 관리 (P07): tables 33, 34.
    facilities = _rows(seed, "34_shared_workspace_facilities.csv")
    by_name = {}
    for (name, workspace_kind, opened), row in zip(WORKSPACES, facilities, strict=True):
        by_name[name] = services.save_workspace(
            center=center,
            name=name,
            kind=workspace_kind,
            address=" ".join(row["소재지"].split()),
            area_m2=Decimal(row["면적_m2"]),
            purpose=row["조성 목적"],
            facilities=row["구성"].lstrip("-"),
            opened=opened,
            notes=f"보고서의 공간명: {row['공간(추정)']}",
        )
    hub, sewoon, seongsu = (by_name[name] for name, _, _ in WORKSPACES[:3])
    lab, maker = by_name["소셜디자인 기술혁신랩"], by_name["생활기술융합제작소"]
    for workspace, activity_kind, items in (
        (hub, ecosystem.WorkspaceActivityKind.DISCOVERY, ("'신인류'", "창신소통공작소 씨앗모임")),
        (
            hub,
            ecosystem.WorkspaceActivityKind.COLLABORATION,
            ("청년X마을", "청년X봉제 패션위크", "꼬대기 장터", "공유공간 전시회"),
        ),
        (
            sewoon,
            ecosystem.WorkspaceActivityKind.DISCOVERY,
            ("수리수리협동조합", "옥상공원 운영 조직"),
        ),
        (sewoon, ecosystem.WorkspaceActivityKind.COLLABORATION, ("세운상가 탐방 축제",)),
        (
            seongsu,
            ecosystem.WorkspaceActivityKind.DISCOVERY,
            ("컬쳐풀 청년문화협동조합", "뚝도시장 청년상인협동조합"),
        ),
        (seongsu, ecosystem.WorkspaceActivityKind.COLLABORATION, ("청년상인 인큐베이팅",)),
    ):
        for item in items:
            record(
                ecosystem.WorkspaceActivity,
                "P07",
                workspace=workspace,
                kind=activity_kind,
                title=item,
            )
    for count, title in ((3, "팝업 쇼케이스"), (10, "SNS·홍보물")):
        generate(
            ecosystem.WorkspaceActivity,
            "P07",
            count,
            note="표 33의 건수만 있어 만든 기록",
            workspace=hub,
            kind=ecosystem.WorkspaceActivityKind.AWARENESS,
            title=title,
        )
    record(
        ecosystem.WorkspaceActivity,
        "P07",
        date=datetime.date(YEAR, 10, 1),
        workspace=maker,
        kind=ecosystem.WorkspaceActivityKind.BUILDING,
        title="생활기술융합제작소 이전확대조성",
        notes="공사 3~8월, 10월 개장(일은 미기재)",
    )
    record(
        ecosystem.WorkspaceActivity,
        "P07",
        workspace=maker,
        kind=ecosystem.WorkspaceActivityKind.TENANT_SELECTION,
        title="입주기관 6곳 선정",
    )
    record(
        ecosystem.WorkspaceUse,
        "P07",
        date=datetime.date(YEAR, 12, 29),
        workspace=lab,
        users=278,
        reconstructed=True,
        notes="3~12월 이용자 합계(표 33); 월별 인원은 보고서에 없음",
    )
    generate(
        ecosystem.WorkspaceMembership,
        "P07",
        45,
        note="표 33의 멤버십 수만 있어 만든 기록",
        workspace=lab,
        start=datetime.date(YEAR, 3, 2),
    )
    generate(
        ecosystem.WorkspaceActivity,
        "P07",
        44,
        note="장비 기초 교육 및 워크숍(표 33의 횟수만 있어 만든 기록)",
        workspace=lab,
        kind=ecosystem.WorkspaceActivityKind.PROGRAM,
        title="장비 기초 교육 및 워크숍",
        start=datetime.date(YEAR, 3, 2),
    )

    # 협력 네트워크 구축 (P08): tables 35, 37.
    for index, row in enumerate(_rows(seed, "35_sector_cooperation_support.csv")):
        name = row["기관명"]
        if index == 1 and name == "한국사회적기업 중앙협의회 서울지부":
            name = "서울지역협동조합협의회"
        record(
            ecosystem.SectorGrant,
            "P08",
            institution=loader.institution(name),
            sector=SECTORS[index],
            amount_won=30_000_000,
            purpose=row["사업 추진 내용"].replace(" - ", "\n- "),
            notes="부문별 협동화 지원(3천만원)",
        )
    for series, meeting_format, count, note in (
        (ecosystem.MeetingSeries.POLICY_COUNCIL, ecosystem.MeetingFormat.MEETING, 12, "월례회의"),
        (
            ecosystem.MeetingSeries.GLOBAL_COMMITTEE,
            ecosystem.MeetingFormat.MEETING,
            2,
            "글로벌분과",
        ),
    ):
        generate(
            ecosystem.Meeting,
            "P08",
            count,
            note=f"{note}(횟수만 있어 만든 기록)",
            series=series,
            format=meeting_format,
        )
    for name in ("부문 TF", "예산 TF"):
        record(
            ecosystem.Meeting,
            "P08",
            series=ecosystem.MeetingSeries.TASK_FORCE,
            format=ecosystem.MeetingFormat.FORMATION,
            title=f"민관정책협의회 {name} 구성",
        )
    record_services.bulk_record(rows)
