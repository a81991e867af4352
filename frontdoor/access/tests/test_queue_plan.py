"""R-ACC-2 without slowing the queues: `contacts_visible_to` excludes restricted contacts through
uncorrelated subqueries over the few restricted records (the partial index `person_restricted`), so the
database works each set out once per query, not once per contact row."""

import pytest
from django.db import connection

from frontdoor.access.policy import contacts_visible_to
from frontdoor.accounts.models import Role

pytestmark = pytest.mark.django_db


def _plan(sql: str, params: tuple) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def test_r_acc_2_the_restricted_set_is_worked_out_once_through_its_index(make_user) -> None:
    worker = make_user(Role.DUTY_SOCIAL_WORKER)
    page = contacts_visible_to(worker).filter(status="received").order_by("due_at", "id")[:25]
    sql, params = page.query.sql_with_params()
    plan = _plan(sql, params)
    if connection.vendor == "postgresql":
        assert "SubPlan" in plan or "Anti Join" in plan, plan
        return
    assert "CORRELATED" not in plan, plan
    assert "person_restricted" in plan, plan
