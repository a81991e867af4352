"""Two managers deciding the same contact at the same moment, against the real database (each in its
own thread and connection): one decision is made, the other manager is told someone else changed the
contact, and nothing of the winner's decision is lost or overwritten. R-DEC-5."""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact, Status
from frontdoor.core.errors import StaleEdit
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.ops.backup import sqlite_backup


def _in_thread(database: str | None, work: Callable[[], Any], start: threading.Barrier | None = None) -> Any:
    """Run `work` in a new thread, with its own connection (to the file `database` on SQLite)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        if database:
            connections["default"].settings_dict = {**connections["default"].settings_dict, "NAME": database}
        try:
            if start:
                start.wait(timeout=10)
            outcome["value"] = work()
        except Exception as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error
        finally:
            connections["default"].close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


@pytest.mark.django_db(transaction=True)
def test_r_dec_5_two_managers_deciding_at_once_one_wins_the_other_is_told(record, officer, make_user, tmp_path):
    contact = record(initial_rating="amber", consent_status="obtained", consent_given_by="Mum")
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    contact = cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
    )
    managers = [make_user(Role.TEAM_MANAGER, username=f"manager{i}") for i in (1, 2)]
    child = contact.people.get().person_id
    # On SQLite the in-memory test database cannot be shared between connections: a file copy of it.
    database = None
    if connection.vendor == "sqlite":
        database = str(Path(tmp_path) / "decide.sqlite3")
        sqlite_backup("default", Path(database))

    def decide(manager) -> Callable[[], Any]:  # noqa: ANN001
        return lambda: decision_authorise(
            contact=contact,  # both opened the contact at the same version
            manager=manager,
            rating="amber",
            rationale=f"Decided by {manager.username}",
            version=contact.version,
            children=[ChildDecision(person_id=child, opened=True, need_level="cin_moderate", outcome="cfa")],
        )

    start = threading.Barrier(2)
    runs = [_in_thread(database, decide(manager), start) for manager in managers]
    for thread, _ in runs:
        thread.join(timeout=60)
    outcomes = [outcome for _, outcome in runs]
    winners = [i for i, o in enumerate(outcomes) if "value" in o]
    losers = [o["error"] for o in outcomes if "error" in o]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1
    assert isinstance(losers[0], StaleEdit), losers
    assert "Someone else changed this contact" in losers[0].message
    winner = managers[winners[0]]

    def stored() -> tuple:
        saved = Contact.objects.get(pk=contact.pk)
        decisions = list(ThresholdDecision.objects.filter(contact_id=contact.pk).values_list("rationale", "is_current"))
        events = AuditEvent.objects.filter(action=AuditAction.CONTACT_DECIDED, object_id=str(contact.pk))
        return saved.status, saved.decided_by_id, saved.version, decisions, events.count()

    thread, outcome = _in_thread(database, stored)
    thread.join(timeout=30)
    status, decided_by, version, decisions, events = outcome["value"]
    assert (status, decided_by) == (Status.DECIDED, winner.pk)
    assert version > contact.version
    assert decisions == [(f"Decided by {winner.username}", True)]
    assert events == 1
