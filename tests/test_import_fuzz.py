"""Random files against every import kind: each ends as a saved file or as Korean row errors
(`N행 [열이름]: 사유`), never as a traceback and never half-saved — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dure.core.imports import ImportRejected, registered_importers, run_import
from dure.core.models import Center

KINDS = sorted(registered_importers())
AUDITED_APPS = {"core", "registry", "programs", "budget", "support", "market", "auditlog"}

# Cells a hostile or careless file holds: any text (control characters and NUL included),
# numbers that are not finite or far too large, impossible or padded dates, formulas, and
# cells far larger than any field.
CELLS = st.one_of(
    st.text(max_size=40),
    # Longer than most name columns (50, 100, 200 characters) but under the cell limit.
    st.text(alphabet="가나다 ABC", min_size=45, max_size=400),
    st.sampled_from(
        [
            "Infinity",
            "-inf",
            "NaN",
            "sNaN",
            "1e600000",
            "9" * 40,
            "-0",
            "2099-01-01",
            "1800-01-01",
            "2017-02-30",
            "2017-05-23 <script>",
            "△",
            "()",
            '=HYPERLINK("http://x")',
            "\x00",
            "가\x00나",
            "\x1b[31m",
            "\u202e",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["가" * 140_000, "1" * 200_000]),
)


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in AUDITED_APPS
    }


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def _outcome(kind: str, data: bytes, filename: str) -> None:
    importer = registered_importers()[kind](center=Center.objects.get(code="SEOUL"), year=2017)
    before = _row_counts()
    try:
        run_import(importer, data, filename)
    except ImportRejected as rejected:
        assert rejected.errors, "a rejection names at least one problem"
        for line in rejected.lines:
            assert "행" in line, line
        assert _row_counts() == before, "a rejected file saved rows"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_cells_under_every_kinds_headers_never_crash_nor_half_save(kind, data):
    columns = registered_importers()[kind].columns
    header = [column.label for column in columns]
    rows = data.draw(
        st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=3)
    )
    _outcome(kind, _csv(header, rows), "records.csv")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_never_crash_nor_half_save(kind, content, suffix):
    _outcome(kind, content, f"records{suffix}")
