"""R-ACC-2: a restriction set by the case-management system (its daily status file) is lifted there, not
here; the file lifting it leaves a manager's lock-down in place; emergency access to such a record tells
those who can act on it, not the heads of service who cannot open it."""

from pathlib import Path

import pytest

from frontdoor.access import services as acs
from frontdoor.access.models import CaseSystemRestriction
from frontdoor.access.policy import people_visible_to, whom_to_ask
from frontdoor.accounts.models import Role
from frontdoor.core.errors import ServiceError
from frontdoor.outbox.models import OutboxMessage
from frontdoor.people.case_status import people_status_apply
from frontdoor.people.models import Person
from frontdoor.people.services import person_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def alfie(officer):  # noqa: ANN001, ANN201
    return person_create(
        created_by=officer,
        given_names="Alfie",
        family_name="Smith",
        source_id="S1",
        allocated_team_key="unit-cambridge",
    )


def _status(tmp_path: Path, restricted: str) -> None:
    path = tmp_path / "status.csv"
    path.write_text(f"person_id,restricted\nS1,{restricted}\n", encoding="utf-8")
    people_status_apply(path=path)


def _restricted(person: Person) -> bool:
    return Person.objects.get(pk=person.pk).restricted


def test_r_acc_2_a_case_system_restriction_is_lifted_there_not_here(tmp_path, alfie, manager) -> None:
    _status(tmp_path, "yes")
    alfie.refresh_from_db()
    with pytest.raises(ServiceError, match="Lift the restriction there"):
        acs.access_restriction_lift(person=alfie, by=manager, reason="Not needed.")
    # naming people here does not make it liftable here: the case system still restricts it
    acs.access_restrict(person=alfie, by=manager, reason="Sensitive.", manager=manager, named=[])
    with pytest.raises(ServiceError, match="case-management system"):
        acs.access_restriction_lift(person=alfie, by=manager, reason="Not needed.")
    assert _restricted(alfie)
    # the same value again changes nothing; the case system lifting it opens the record, named people or not
    _status(tmp_path, "yes")
    assert CaseSystemRestriction.objects.filter(person=alfie).count() == 1
    _status(tmp_path, "no")
    assert not CaseSystemRestriction.objects.filter(person=alfie).exists()


def test_r_acc_2_the_file_lifting_its_restriction_leaves_a_managers_lock_down(
    tmp_path, alfie, manager, officer
) -> None:
    acs.access_restrict(person=alfie, by=manager, reason="Sensitive.", manager=manager, named=[])
    _status(tmp_path, "no")
    assert _restricted(alfie)
    assert not people_visible_to(officer).filter(pk=alfie.pk).exists()
    # a lock-down set here alone is lifted here, and the next file does not bring it back
    alfie.refresh_from_db()
    acs.access_restriction_lift(person=alfie, by=manager, reason="Case closed.")
    _status(tmp_path, "no")
    assert not _restricted(alfie)


def test_r_acc_2_a_lock_down_set_here_then_by_the_case_system_stays_until_both_lift(tmp_path, alfie, manager) -> None:
    _status(tmp_path, "yes")
    _status(tmp_path, "no")
    assert not _restricted(alfie)
    alfie.refresh_from_db()
    acs.access_restrict(person=alfie, by=manager, reason="Sensitive.", manager=manager, named=[])
    _status(tmp_path, "yes")
    alfie.refresh_from_db()
    with pytest.raises(ServiceError, match="case-management system"):
        acs.access_restriction_lift(person=alfie, by=manager, reason="Not needed.")
    _status(tmp_path, "no")
    assert _restricted(alfie)
    alfie.refresh_from_db()
    acs.access_restriction_lift(person=alfie, by=manager, reason="Case closed.")
    assert not _restricted(alfie)


def test_r_acc_2_emergency_access_to_a_case_system_record_tells_its_teams_managers(
    tmp_path, alfie, make_user, social_worker
) -> None:
    head = make_user(Role.HEAD_OF_SERVICE, email="head@cambridgeshire.gov.uk")
    unit = make_user(Role.TEAM_MANAGER, "unit-lead", team_key="unit-cambridge", email="unit@cambridgeshire.gov.uk")
    make_user(Role.TEAM_MANAGER, "other-lead", team_key="unit-fenland", email="other@cambridgeshire.gov.uk")
    _status(tmp_path, "yes")
    alfie.refresh_from_db()
    acs.access_break_glass(person=alfie, by=social_worker, reason="Child at hospital now.")
    told = list(OutboxMessage.objects.values_list("to_address", flat=True))
    assert told == [unit.email]
    assert head.email not in told
    body = OutboxMessage.objects.get().body
    assert "nobody is named" in body
    assert "Alfie" not in body
    # and a search shows the same manager as the one to ask, not the head of service
    assert whom_to_ask([alfie.pk]) == {alfie.pk: unit.display_name}


def test_r_acc_2_emergency_access_tells_the_managers_named_on_the_record(
    tmp_path, alfie, make_user, social_worker
) -> None:
    make_user(Role.HEAD_OF_SERVICE, email="head@cambridgeshire.gov.uk")
    ask = make_user(Role.TEAM_MANAGER, "ask", email="ask@cambridgeshire.gov.uk")
    deputy = make_user(Role.TEAM_MANAGER, "deputy", email="deputy@cambridgeshire.gov.uk")
    worker = make_user(Role.INFORMATION_OFFICER, "worker", email="worker@cambridgeshire.gov.uk")
    _status(tmp_path, "yes")
    alfie.refresh_from_db()
    acs.access_restrict(person=alfie, by=ask, reason="Sensitive.", manager=ask, named=[deputy, worker])
    alfie.refresh_from_db()
    acs.access_break_glass(person=alfie, by=social_worker, reason="Child at hospital now.")
    told = sorted(OutboxMessage.objects.values_list("to_address", flat=True))
    assert told == [ask.email, deputy.email]  # the managers named, who can open it; not the head of service
