"""Under the Content-Security-Policy (scripts from the site only, no eval) the pages still work:
a list filter refreshes the results as a select changes, the activity grid adds a row, the
language switch submits itself — and the browser reports no violation."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from dure.budget.tests.factories import program_in
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from tests.personas import PASSWORD


def test_pages_work_without_inline_scripts_or_eval(live_server, login, metro_admin):
    program_in(Center.objects.get(code="SEOUL"), ensure_fiscal_year(year=2017))
    page = login(metro_admin, PASSWORD)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "EvalError" in message.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/registry/enterprises/")
    page.get_by_label("자치구").select_option("강동구")
    expect(page).to_have_url(re.compile(r"district="))
    # Typing searches once after a pause; leaving the box does not search again.
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if "q=" in request.url else None)
    page.get_by_label("검색어").fill("돌봄")
    expect(page).to_have_url(re.compile(r"q=%EB%8F%8C%EB%B4%84|q=돌봄"))
    page.get_by_label("자치구").focus()
    page.wait_for_timeout(800)
    assert len(sent) == 1, sent

    page.goto(f"{live_server.url}/programs/activities/grid/?year=2017")
    rows = page.locator("#grid-rows tr")
    before = rows.count()
    page.get_by_role("button", name="줄 추가").click()
    expect(rows).to_have_count(before + 1)

    page.get_by_label("언어").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert violations == []
