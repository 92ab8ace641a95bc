"""Report editions: live figures, the consistency check, freezing and the diff, the screens and
who may open them."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dure.programs.models import ManualFigure
from dure.programs.services import create_indicator
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.reports import services
from dure.reports.consistency import check
from dure.reports.document import Cell, Document, Figure, Table
from dure.reports.livefigures import load_context, paragraphs
from dure.reports.models import EditionFile, EditionJob, EditionStatus, JobStatus, ReportEdition


@pytest.fixture
def tree(db):
    tree = build_tree()
    indicator = activity_indicator(tree.program, target=4)
    for _ in range(3):
        record(tree.program)
    tree.indicator = indicator  # type: ignore[attr-defined]
    return tree


@pytest.fixture
def edition(tree, metro_admin):
    return services.create_edition(
        center=tree.program.center, fiscal_year=tree.fiscal_year, user=metro_admin
    )


def _findings(edition: ReportEdition) -> list:
    edition.refresh_from_db()
    context, document = services.render(edition, links=False)
    return check(context, document)


def test_a_new_edition_has_every_program_its_table_and_a_glance(edition, tree):
    section = edition.sections.get()
    assert section.program == tree.program
    assert section.blocks == ["kpi"]
    assert edition.glance == [tree.indicator.pk]
    _, document = services.render(edition)
    assert [t.key for t in document.tables][:3] == ["glance", "overview", "kpi:P01"]
    overview = document.tables[1]
    assert overview.rows[0][3].text() == "공공기관 방문영업 3건"


def test_a_token_renders_the_live_figure_linked_to_its_records(edition, tree):
    context = load_context(edition)
    text = "방문영업은 {{실적:P01.I01}}, 달성률 {{달성률:P01.I01}}입니다."
    [paragraph] = paragraphs(context, text)
    figures = [p for p in paragraph.parts if isinstance(p, Figure)]
    assert [f.text() for f in figures] == ["3건", "75.0%"]
    assert figures[0].link == f"/programs/indicators/{tree.indicator.pk}/records/"
    record(tree.program)
    [again] = paragraphs(load_context(edition), "{{실적:P01.I01}}")
    assert again.text() == "4건"


def test_a_token_naming_nothing_is_shown_and_found(edition):
    services.update_edition(
        edition,
        title=edition.title,
        foreword="없는 지표 {{실적:P01.I99}}와 {{정산:없는값}}.",
        roll_up=False,
        glance=[],
        appendix=[],
    )
    findings = _findings(edition)
    assert [f.kind for f in findings] == ["token", "token"]
    assert "P01.I99" in findings[0].message
    assert all(f.blocking for f in findings)


def test_a_typed_number_contradicting_the_named_indicator_blocks(edition):
    services.update_edition(
        edition,
        title=edition.title,
        foreword="올해 공공기관 방문영업은 5건이었습니다.\n\n행사는 7회 열었습니다.",
        roll_up=False,
        glance=[],
        appendix=[],
    )
    findings = _findings(edition)
    contradiction, unmatched = findings
    assert contradiction.kind == "narrative" and contradiction.blocking
    assert "5건" in contradiction.message and "3건" in contradiction.message
    assert contradiction.other == "지표 「공공기관 방문영업」"
    assert unmatched.kind == "narrative" and not unmatched.blocking
    assert "7회" in unmatched.place


def test_typed_numbers_equal_to_computed_figures_pass(edition):
    services.update_edition(
        edition,
        title=edition.title,
        foreword="공공기관 방문영업은 3건으로 목표 4건의 75.0%입니다.",
        roll_up=False,
        glance=[],
        appendix=[],
    )
    assert _findings(edition) == []


def test_a_manual_indicator_without_its_figure_blocks(edition, tree):
    create_indicator(
        program=tree.program,
        code="I02",
        name="누적 콘텐츠",
        unit="건",
        target=None,
        source="manual",
    )
    findings = _findings(edition)
    assert [f.kind for f in findings] == ["manual"]
    assert "누적 콘텐츠" in findings[0].place


def test_a_rate_that_is_not_actual_over_target_is_found():
    from dure.reports.consistency import _rates

    table = Table("kpi", "주요실적", ["목표", "실적", "달성률"])
    table.add(
        [
            Cell.of(Figure("indicator:1:target", Decimal(20), "건", label="매칭 목표")),
            Cell.of(Figure("indicator:1:actual", Decimal(26), "건", label="매칭 실적")),
            Cell.of(Figure("indicator:1:rate", Decimal(131), "%", 1, label="매칭 달성률")),
        ]
    )
    document = Document("보고서", "센터", 2017, blocks=[table])
    [finding] = _rates(document.figures())
    assert finding.message == "매칭 달성률 131.0% ≠ 실적 26건 ÷ 목표 20건 = 130.0%"
    assert finding.place == "표 「주요실적」 1행"


def test_one_figure_with_two_values_is_found():
    from dure.reports.consistency import _same_key_twice

    first = Table("a", "가", ["실적"])
    first.add([Cell.of(Figure("indicator:1:actual", Decimal(10), "건", label="교육 실적"))])
    second = Table("b", "나", ["실적"])
    second.add([Cell.of(Figure("indicator:1:actual", Decimal(11), "건", label="교육 실적"))])
    document = Document("보고서", "센터", 2017, blocks=[first, second])
    [finding] = _same_key_twice(document.figures())
    assert (finding.place, finding.other) == ("표 「가」 1행", "표 「나」 1행")
    assert finding.message == "교육 실적: 10건 ≠ 11건"


def test_settlement_parts_that_do_not_add_up_are_found():
    from types import SimpleNamespace

    from dure.budget.statements import Figures
    from dure.reports.consistency import _statement_sums

    def row(label, level, executed):
        return SimpleNamespace(label=label, level=level, figures=Figures(executed_won=executed))

    rows = [
        row("보조금 계", "fund", 100),
        row("사업 가", "unit", 60),
        row("사업 나", "unit", 30),
        row("총계", "total", 100),
    ]
    findings = _statement_sums(rows)
    assert any(
        f.place == "정산보고서 「보조금 계」 집행금액" and "100원 ≠ 합 90원" in f.message
        for f in findings
    )
    rows[2].figures = Figures(executed_won=40)
    assert _statement_sums(rows) == []


def test_freezing_keeps_the_figures_and_the_diff_shows_exactly_what_moved(
    edition, tree, metro_admin
):
    services.update_section(edition.sections.get(), introduction="", narrative="", blocks=[])
    edition.appendix = []
    edition.save()
    frozen = services.freeze(edition, metro_admin)
    assert frozen.status == EditionStatus.FROZEN
    assert {f.format for f in frozen.files.all()} == {"pdf", "xlsx", "hwpx", "json"}
    assert all(f.frozen for f in frozen.files.all())
    filed = frozen.snapshot["figures"]
    assert filed[f"indicator:{tree.indicator.pk}:actual"]["value"] == "3"
    assert services.diff(frozen) == []
    record(tree.program)
    changes = {c.key: (c.filed, c.now) for c in services.diff(frozen)}
    assert changes == {
        f"indicator:{tree.indicator.pk}:actual": ("3", "4"),
        f"indicator:{tree.indicator.pk}:rate": ("75", "100"),
    }
    kept = frozen.files.get(format="json")
    assert b'"value": "3"' in bytes(kept.content)
    with pytest.raises(ValidationError):
        services.update_section(frozen.sections.get(), introduction="x", narrative="", blocks=[])


def test_freezing_is_refused_while_the_check_finds_a_contradiction(edition, metro_admin):
    services.update_edition(
        edition,
        title=edition.title,
        foreword="공공기관 방문영업은 9건입니다.",
        roll_up=False,
        glance=[],
        appendix=[],
    )
    with pytest.raises(ValidationError, match="맞지 않는 곳 1건"):
        services.freeze(edition, metro_admin)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT
    assert not edition.files.exists()
    assert edition.findings[0]["kind"] == "narrative"


def test_only_a_center_admin_freezes(edition, program_staff):
    with pytest.raises(ValidationError, match="센터 관리자"):
        services.freeze(edition, program_staff)


def test_a_build_runs_in_the_background_and_keeps_its_file(
    edition, metro_admin, django_capture_on_commit_callbacks
):
    edition.appendix = []
    edition.save()
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_job(edition, "xlsx", metro_admin)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100
    kept = EditionFile.objects.get(job=job)
    assert kept.format == "xlsx" and kept.content[:2] == b"PK" and not kept.frozen


def test_a_build_that_fails_ends_as_failed_with_a_message(
    edition, metro_admin, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "write", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_job(edition, "pdf", metro_admin)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "예기치 못한 오류" in job.message
    assert not EditionFile.objects.exists()


def test_a_copy_takes_over_the_texts_of_a_frozen_edition(edition, metro_admin):
    services.update_edition(
        edition, title="판", foreword="머리말", roll_up=False, glance=[], appendix=[]
    )
    copy = services.create_edition(
        center=edition.center,
        fiscal_year=edition.fiscal_year,
        user=metro_admin,
        copy_of=edition,
    )
    assert copy.foreword == "머리말" and copy.pk != edition.pk
    assert copy.sections.get().blocks == edition.sections.get().blocks


# Screens and access ------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_write_a_section_and_the_preview_shows_the_live_figure(edition, program_staff):
    client = _client(program_staff)
    section = edition.sections.get()
    url = f"/reports/editions/{edition.pk}/sections/{section.pk}/edit/"
    page = client.get(url).content.decode()
    assert "{{실적:P01.I01}}" in page  # offered by the figure picker
    response = client.post(
        url,
        {"introduction": "방문영업 {{실적:P01.I01}}", "narrative": "", "blocks": ["kpi"]},
    )
    assert response.status_code == 302
    detail = client.get(f"/reports/editions/{edition.pk}/").content.decode()
    assert '방문영업 <a class="figure"' in detail and ">3건</a>" in detail


def test_a_block_the_program_does_not_offer_is_refused(edition, program_staff):
    client = _client(program_staff)
    section = edition.sections.get()
    response = client.post(
        f"/reports/editions/{edition.pk}/sections/{section.pk}/edit/",
        {"introduction": "", "narrative": "", "blocks": ["records:999999"]},
    )
    assert response.status_code == 200
    section.refresh_from_db()
    assert section.blocks == ["kpi"]


def test_the_funder_reads_but_cannot_write_or_build(edition, funder):
    client = _client(funder)
    assert client.get(f"/reports/editions/{edition.pk}/").status_code == 200
    section = edition.sections.get()
    edit = f"/reports/editions/{edition.pk}/sections/{section.pk}/edit/"
    assert client.post(edit, {"introduction": "x", "narrative": ""}).status_code == 403
    assert client.post(f"/reports/editions/{edition.pk}/build/pdf/").status_code == 403
    assert client.post(f"/reports/editions/{edition.pk}/freeze/").status_code == 403
    assert client.post(f"/reports/editions/{edition.pk}/check/").status_code == 403
    assert not EditionJob.objects.exists()
    edition.refresh_from_db()
    assert edition.checked_at is None


def test_a_district_staff_member_never_sees_another_centers_edition(
    edition, other_district_staff, member, expert
):
    for user in (other_district_staff, member, expert):
        client = _client(user)
        assert client.get(f"/reports/editions/{edition.pk}/").status_code in {403, 404}
        assert client.post(f"/reports/editions/{edition.pk}/check/").status_code in {403, 404}
    assert Client().get(f"/reports/editions/{edition.pk}/").status_code == 302


def test_program_staff_cannot_freeze(edition, program_staff):
    client = _client(program_staff)
    assert client.post(f"/reports/editions/{edition.pk}/freeze/").status_code == 403
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT


def test_a_kept_file_downloads_only_through_its_edition(edition, metro_admin, other_district_staff):
    edition.appendix = []
    edition.save()
    kept = services.build_file(edition, "json", metro_admin)
    response = _client(metro_admin).get(f"/reports/files/{kept.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert _client(other_district_staff).get(f"/reports/files/{kept.pk}/").status_code == 404


def test_the_admin_freezes_from_the_screen_and_the_page_shows_what_was_filed(
    edition, tree, metro_admin, django_capture_on_commit_callbacks
):
    services.update_section(edition.sections.get(), introduction="", narrative="", blocks=["kpi"])
    edition.appendix = []
    edition.save()
    client = _client(metro_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/editions/{edition.pk}/freeze/")
    response = client.get(response["Location"])
    assert "완료" in response.content.decode()
    record(tree.program)
    page = client.get(f"/reports/editions/{edition.pk}/").content.decode()
    assert ">3건</a>" in page and ">4건</a>" not in page
    diff = client.get(f"/reports/editions/{edition.pk}/diff/").content.decode()
    assert "달라진 수치 2개" in diff


def test_a_manual_figure_with_evidence_passes(edition, tree, metro_admin):
    indicator = create_indicator(
        program=tree.program,
        code="I02",
        name="누적 콘텐츠",
        unit="건",
        target=None,
        source="manual",
    )
    ManualFigure.objects.create(indicator=indicator, value=5, evidence="포털 집계 화면")
    assert _findings(edition) == []


def test_export_report_writes_the_draft_and_then_the_filed_file(
    edition, tree, metro_admin, tmp_path
):
    from django.core.management import CommandError, call_command

    edition.appendix = []
    edition.save()
    target = tmp_path / "report.xlsx"
    call_command(
        "export_report", "2017", "--format", "xlsx", "-o", str(target), stderr=io.StringIO()
    )
    assert target.read_bytes()[:2] == b"PK"
    services.update_section(edition.sections.get(), introduction="", narrative="", blocks=[])
    frozen = services.freeze(edition, metro_admin)
    record(tree.program)
    filed = tmp_path / "filed.json"
    call_command(
        "export_report",
        "2017",
        "--format",
        "json",
        "--edition",
        str(frozen.pk),
        "-o",
        str(filed),
        stderr=io.StringIO(),
    )
    assert filed.read_bytes() == bytes(frozen.files.get(format="json").content)
    with pytest.raises(CommandError, match="보고서 판이 없습니다"):
        call_command(
            "export_report",
            "2017",
            "--center",
            "SEOUL-GANGDONG",
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        )
