"""Seoul's 25 자치구 with their administrative codes (행정표준코드) and Dure's center codes."""

from typing import Any, NamedTuple


class District(NamedTuple):
    name: str
    administrative_code: str
    center_code: str


SEOUL_CODE = "11000"
SEOUL_CENTER_CODE = "SEOUL"
SEOUL_CENTER_NAME = "서울특별시 사회적경제지원센터"
SEOUL_REGION = "서울특별시"

SEOUL_DISTRICTS: tuple[District, ...] = (
    District("종로구", "11110", "SEOUL-JONGNO"),
    District("중구", "11140", "SEOUL-JUNG"),
    District("용산구", "11170", "SEOUL-YONGSAN"),
    District("성동구", "11200", "SEOUL-SEONGDONG"),
    District("광진구", "11215", "SEOUL-GWANGJIN"),
    District("동대문구", "11230", "SEOUL-DONGDAEMUN"),
    District("중랑구", "11260", "SEOUL-JUNGNANG"),
    District("성북구", "11290", "SEOUL-SEONGBUK"),
    District("강북구", "11305", "SEOUL-GANGBUK"),
    District("도봉구", "11320", "SEOUL-DOBONG"),
    District("노원구", "11350", "SEOUL-NOWON"),
    District("은평구", "11380", "SEOUL-EUNPYEONG"),
    District("서대문구", "11410", "SEOUL-SEODAEMUN"),
    District("마포구", "11440", "SEOUL-MAPO"),
    District("양천구", "11470", "SEOUL-YANGCHEON"),
    District("강서구", "11500", "SEOUL-GANGSEO"),
    District("구로구", "11530", "SEOUL-GURO"),
    District("금천구", "11545", "SEOUL-GEUMCHEON"),
    District("영등포구", "11560", "SEOUL-YEONGDEUNGPO"),
    District("동작구", "11590", "SEOUL-DONGJAK"),
    District("관악구", "11620", "SEOUL-GWANAK"),
    District("서초구", "11650", "SEOUL-SEOCHO"),
    District("강남구", "11680", "SEOUL-GANGNAM"),
    District("송파구", "11710", "SEOUL-SONGPA"),
    District("강동구", "11740", "SEOUL-GANGDONG"),
)

DISTRICT_NAMES: tuple[str, ...] = tuple(d.name for d in SEOUL_DISTRICTS)
DISTRICT_CHOICES = [(name, name) for name in DISTRICT_NAMES]


def district_center_name(district: str) -> str:
    return f"{district} 사회적경제지원센터"


def create_seoul_centers(center_model: Any) -> None:
    """Create or refresh Seoul's metropolitan center and its 25 district centers.

    Takes the model class so that the data migration can pass its historical model."""
    metropolitan, _ = center_model.objects.update_or_create(
        code=SEOUL_CENTER_CODE,
        defaults={
            "name": SEOUL_CENTER_NAME,
            "kind": "metropolitan",
            "region": SEOUL_REGION,
            "administrative_code": SEOUL_CODE,
        },
    )
    for district in SEOUL_DISTRICTS:
        center_model.objects.update_or_create(
            code=district.center_code,
            defaults={
                "name": district_center_name(district.name),
                "kind": "district",
                "region": SEOUL_REGION,
                "district": district.name,
                "administrative_code": district.administrative_code,
                "parent": metropolitan,
            },
        )
