"""The load generator of `manage.py bench_load` (run by it; loopback only).

`StaffUser`: one logged-in member of staff per simulated user, each with its own session, browsing
the plan's pages with a pause between pages. `HelloUser`: the health view as fast as it answers,
the baseline of what the same app servers can do. `BusyStaffUser`: the staff pages without a
pause. The plan (paths, weights, session cookies) is the JSON file named by DURE_LOAD_PLAN,
written by `bench_load`; this file reads no Django."""

from __future__ import annotations

import itertools
import json
import os
import random
from typing import Any

from locust import HttpUser, between, task

with open(os.environ["DURE_LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN: dict[str, Any] = json.load(plan_file)

SESSION_COOKIE = PLAN.get("session_cookie", "sessionid")
_sessions = itertools.cycle(PLAN["sessions"])
_categories = list(PLAN["weights"])
_weights = [PLAN["weights"][c] for c in _categories]


class StaffUser(HttpUser):
    wait_time = between(PLAN["think_min"], PLAN["think_max"])

    def on_start(self) -> None:
        self.client.cookies.set(SESSION_COOKIE, next(_sessions))
        self.random = random.Random()
        # Staff do not all click at the same instant: each session starts after a pause.
        self.wait()

    @task
    def browse(self) -> None:
        category = self.random.choices(_categories, _weights)[0]
        path = self.random.choice(PLAN["paths"][category])
        with self.client.get(path, name=category, allow_redirects=False, catch_response=True) as r:
            # A page that sends the session to the login form is a failure, not a fast answer.
            if r.status_code != 200:
                r.failure(f"{r.status_code} {path}")


class HelloUser(HttpUser):
    wait_time = between(0, 0)

    @task
    def hello(self) -> None:
        with self.client.get(PLAN["hello"], name="hello", catch_response=True) as r:
            if r.status_code != 200 or r.text != "ok":
                r.failure(f"{r.status_code}")


class BusyStaffUser(StaffUser):
    """The same pages without a pause: how many staff pages the servers answer at most."""

    wait_time = between(0, 0)
