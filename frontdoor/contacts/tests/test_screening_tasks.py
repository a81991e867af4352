"""The screening task list: each section's status from the data, and blocked actions linking to the field."""

import pytest
from django.utils import timezone

from frontdoor.contacts import services as cs
from frontdoor.contacts.tasks import CANNOT_START, COMPLETED, INCOMPLETE, NOT_STARTED, screening_tasks

pytestmark = pytest.mark.django_db


def statuses(contact) -> dict[str, str]:  # noqa: ANN001
    contact.refresh_from_db()
    return {t.key: t.status for t in screening_tasks(contact)}


def task_of(contact, key: str):  # noqa: ANN001, ANN201
    contact.refresh_from_db()
    return next(t for t in screening_tasks(contact) if t.key == key)


def update(contact, officer, **fields):  # noqa: ANN001, ANN003, ANN201
    contact.refresh_from_db()
    return cs.contact_update(contact=contact, by=officer, version=contact.version, **fields)


def test_r_dec_4_concern_not_started_incomplete_then_completed(record, officer) -> None:
    contact = record()
    assert statuses(contact)["concern"] == NOT_STARTED
    update(contact, officer, screening_nature="Bruise on arm")
    assert statuses(contact)["concern"] == INCOMPLETE
    update(
        contact,
        officer,
        screening_how_why="Said dad hit him",
        screening_needs="Safety at home",
        screening_significant_harm="yes",
        screening_urgent_action="no",
    )
    assert statuses(contact)["concern"] == COMPLETED


def test_r_int_4_household_questions_each_answered(record, officer) -> None:
    contact = record()
    assert statuses(contact)["household"] == NOT_STARTED
    update(contact, officer, hh_domestic_abuse="no", hh_mental_illness="yes")
    task = task_of(contact, "household")
    assert task.status == INCOMPLETE
    assert "substance misuse" in task.hint
    assert task.href.endswith("#id_hh_substance_misuse_0")
    update(contact, officer, hh_substance_misuse="no", hh_learning_difficulties="no")
    assert statuses(contact)["household"] == COMPLETED


def test_r_con_2_consent_section_from_parents_aware_and_consent(record, officer) -> None:
    contact = record()
    assert statuses(contact)["consent"] == NOT_STARTED
    update(contact, officer, parents_aware="yes")
    assert statuses(contact)["consent"] == INCOMPLETE
    update(contact, officer, consent_status="obtained", consent_given_by="Mum")
    assert statuses(contact)["consent"] == COMPLETED


def test_r_int_3_checklist_incomplete_while_items_are_missing(record) -> None:
    contact = record()
    task = task_of(contact, "checklist")
    assert task.status == INCOMPLETE  # the children and the cause for concern are already on the contact
    assert "items still missing" in task.hint
    assert "#id_checklist_" in task.href


def test_r_int_5_r_dec_6_flags_incomplete_until_followed_up(record, officer) -> None:
    contact = record()
    assert statuses(contact)["flags"] == NOT_STARTED
    update(contact, officer, domestic_abuse=True, suspected_crime=True)
    task = task_of(contact, "flags")
    assert task.status == INCOMPLETE
    links = [m.href for m in task.missing]
    assert any(h.endswith("#id_da_risk") for h in links)
    assert any("/police-notified/" in h for h in links)
    update(contact, officer, da_risk="standard")
    contact.refresh_from_db()
    cs.contact_record_police_notified(contact=contact, by=officer, at=timezone.now())
    assert statuses(contact)["flags"] == COMPLETED


def test_r_dec_4_send_for_decision_cannot_start_until_rating_and_concern(record, officer) -> None:
    contact = record()
    task = task_of(contact, "submit")
    assert task.status == CANNOT_START
    hrefs = [m.href for m in task.missing]
    assert hrefs == [
        f"/contacts/{contact.reference}/rate/#id_rating_0",
        f"/contacts/{contact.reference}/screening/#id_screening_nature",
    ]
    update(contact, officer, screening_nature="Bruise")
    cs.contact_rate_initial(contact=contact, by=officer, rating="amber")
    assert statuses(contact)["submit"] == NOT_STARTED
    assert statuses(contact)["rating"] == COMPLETED


def test_screening_page_shows_the_task_list_with_statuses(client, record, officer) -> None:
    contact = record()
    client.force_login(officer)
    page = client.get(f"/contacts/{contact.reference}/screening/").content.decode()
    assert 'class="govuk-task-list"' in page
    assert "Household questions" in page
    assert "Not started" in page
    assert "Cannot start yet" in page
    assert 'href="#id_screening_nature"' not in page  # links carry the page, so they work from anywhere
    assert f'href="/contacts/{contact.reference}/screening/#id_screening_nature"' in page


def test_r_dec_4_blocked_send_for_decision_links_to_the_missing_field(client, record, officer) -> None:
    contact = record()
    cs.contact_rate_initial(contact=contact, by=officer, rating="amber")
    client.force_login(officer)
    url = f"/contacts/{contact.reference}/submit/"
    page = client.get(url).content.decode()
    assert "Before you can send this for a decision" in page
    assert f'href="/contacts/{contact.reference}/screening/#id_screening_nature"' in page
    response = client.post(url, {"recommendation": "cfa", "recommendation_reason": "Needs assessment"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert (
        f'<a href="/contacts/{contact.reference}/screening/#id_screening_nature">Record the nature of the concern'
        in page
    )
    assert "<title>Error:" in page


def test_r_dec_4_contact_page_shows_the_task_list_while_screening_only(client, record, officer) -> None:
    contact = record()
    client.force_login(officer)
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert 'id="task-concern"' in page
    update(contact, officer, screening_nature="Bruise")
    cs.contact_rate_initial(contact=contact, by=officer, rating="amber")
    contact.refresh_from_db()
    cs.contact_submit_for_decision(contact=contact, by=officer, recommendation="cfa", recommendation_reason="Assess")
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert 'id="task-concern"' not in page
