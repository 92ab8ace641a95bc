"""The 2017 demo's enterprises: every organisation the seed report names, with synthetic
identifiers that pass the checksums (marked as synthetic)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from pathlib import Path

from dure.core.models import Center
from dure.registry import identifiers
from dure.registry.models import Enterprise, legal_form_from_name, normalise_name

SEED_DISTRICTS = {"강동": "강동구", "관악": "관악구", "노원": "노원구"}


def synthetic_business_number(name: str) -> str:
    """A stable, checksum-valid 사업자등록번호 derived from the name (시연용)."""
    digest = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16)
    office = 100 + digest % 900
    kind = 82 if "협동조합" in name else 81
    serial = (digest // 1000) % 10000
    first_nine = f"{office:03d}{kind:02d}{serial:04d}"
    return first_nine + str(identifiers.business_number_check_digit(first_nine))


def _rows(seed_dir: Path, filename: str) -> list[dict[str, str]]:
    with (seed_dir / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seed_enterprise_names(seed_dir: Path) -> dict[str, str]:
    """Every enterprise name in the seed's lists, with its district where the seed gives one."""
    names: dict[str, str] = {}
    for row in _rows(seed_dir, "19_consulting_projects_112.csv"):
        names.setdefault(normalise_name(row["기업명"]), "")
    for row in _rows(seed_dir, "29_village_prelim_enterprises.csv"):
        names[normalise_name(row["기업명"])] = SEED_DISTRICTS.get(row["구분"], "")
    for row in _rows(seed_dir, "32_village_daily_support_list.csv"):
        names.setdefault(normalise_name(row["기업명"]), "")
    return {name: district for name, district in names.items() if name}


def load_enterprises(
    *, seed_dir: Path, center: Center, progress: Callable[[str], None] = print
) -> int:
    """Create or refresh the seed's enterprises; safe to run again."""
    names = seed_enterprise_names(seed_dir)
    for name, district in names.items():
        Enterprise.objects.update_or_create(
            center=center,
            name=name,
            defaults={
                "district": district,
                "legal_form": legal_form_from_name(name),
                "business_number": synthetic_business_number(name),
                "is_synthetic": True,
            },
        )
    progress(f"기업 {len(names)}곳을 불러왔습니다.")
    return len(names)
