"""Subject access (UK GDPR art. 15) with third parties and non-professional referrers left out (R-CON-8)."""

import datetime

import pytest
from django.test import Client

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.contacts.services import ChildInput
from frontdoor.core.errors import PermissionDenied
from frontdoor.people.models import Person
from frontdoor.records.services import subject_access_export

pytestmark = pytest.mark.django_db

NEIGHBOUR = {
    "referrer_kind": "public",
    "referrer_name": "Pat Quenby",
    "referrer_phone": "07700 900123",
    "referrer_email": "pat.quenby@example.com",
    "referrer_relationship": "Neighbour at 14 Larkspur Road",
}
# Every trace of the neighbour, as typed and as a worker might retype it.
TRACES = ["Quenby", "07700", "900123", "900 123", "pat.quenby", "Larkspur", "Neighbour at"]


@pytest.fixture
def ig(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.INFORMATION_GOVERNANCE)


@pytest.fixture
def neighbour_contact(record, officer):  # noqa: ANN001, ANN201
    children = [
        ChildInput(given_names="Alfie", family_name="Smith", date_of_birth=datetime.date(2015, 3, 27), sex="M"),
        ChildInput(given_names="Rosalind", family_name="Smith", date_of_birth=datetime.date(2017, 6, 1), sex="F"),
    ]
    contact = record(
        children=children,
        reason="Pat Quenby heard shouting next door; call her back on 07700900123 or pat.quenby@example.com.",
        checklist={"referrer_relationship": "Lives next door at 14 Larkspur Road", "significant_events": "None known"},
        **NEIGHBOUR,
    )
    cs.contact_start_screening(contact=contact, by=officer)
    contact.refresh_from_db()
    cs.contact_update(
        contact=contact,
        by=officer,
        version=contact.version,
        screening_nature="Mrs Quenby says Rosalind was crying in the garden for an hour.",
    )
    cs.note_add(contact=contact, by=officer, text="Rang Pat Quenby back on 07700 900 123: she saw Alfie with a bruise.")
    return contact


def _alfie() -> Person:
    return Person.objects.get(given_names="Alfie")


def test_r_con_8_a_subject_access_export_holds_no_trace_of_a_neighbour(neighbour_contact, ig) -> None:
    client = Client()
    client.force_login(ig)
    alfie = _alfie()
    review = client.get(f"/records/subject-access/{alfie.pk}/").content.decode()
    download = client.post(f"/records/subject-access/{alfie.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    copy = download.content.decode()
    assert "Alfie Smith" in copy
    assert "heard shouting next door" in copy
    assert "with a bruise" in copy
    for trace in TRACES:
        assert trace.lower() not in copy.lower(), trace
    # the review page lists what was left out, where and why; the copy on it is redacted too
    assert "The referrer&#x27;s name" in review or "The referrer's name" in review
    assert "has not agreed to be named to the family" in review
    review_copy = review.split("The copy</h2>", 1)[1]
    for trace in TRACES:
        assert trace.lower() not in review_copy.lower(), trace


def test_r_con_8_the_referrers_name_phone_and_email_typed_in_free_text_are_replaced(neighbour_contact, ig) -> None:
    export = subject_access_export(person_id=_alfie().pk, by=ig)
    texts = {
        label: value for section in export.sections for part in [section, *section.parts] for label, value in part.rows
    }
    assert texts["Reason for contact"] == (
        "[the referrer's name] heard shouting next door; call her back on [the referrer's phone number] "
        "or [the referrer's email address]."
    )
    assert (
        texts["Nature of the concern"]
        == "Mrs [the referrer's name] says [another child] was crying in the garden for an hour."
    )
    assert (
        texts["Note"]
        == "Rang [the referrer's name] back on [the referrer's phone number]: she saw Alfie with a bruise."
    )
    where = {(r.what, r.where) for r in export.redactions}
    assert ("The referrer's name, in the text", f"Contact {neighbour_contact.reference}") in where
    assert ("Another child's name", f"Contact {neighbour_contact.reference}, the people on it") in where


def test_another_childs_name_is_left_out_and_the_subjects_own_surname_kept(neighbour_contact, ig) -> None:
    export = subject_access_export(person_id=_alfie().pk, by=ig)
    flat = repr(export.sections)
    assert "Rosalind" not in flat
    assert "Alfie Smith" in flat


def test_a_professional_referrers_name_and_organisation_stay_their_direct_details_go(record, ig) -> None:
    # 000, 001, 004 protect non-professional referrers; a professional's phone and email are a third party's.
    record(referrer_phone="01223 555 0101", referrer_email="sam.teacher@oak.sch.uk", referrer_role="Class teacher")
    export = subject_access_export(person_id=_alfie().pk, by=ig)
    texts = {label: value for section in export.sections for label, value in section.rows}
    assert texts["Referrer's name"] == "Sam Teacher"
    assert texts["Organisation"] == "Oak School"
    assert "0101" not in repr(export.sections)
    assert "sam.teacher@" not in repr(export.sections)
    assert any(r.what == "A phone number" for r in export.redactions)


def test_a_referrer_who_agreed_to_be_named_is_not_left_out(record, ig) -> None:
    record(referrer_consents_to_disclosure=True, **NEIGHBOUR)
    export = subject_access_export(person_id=_alfie().pk, by=ig)
    assert "Pat Quenby" in repr(export.sections)


def test_the_export_is_audited_with_its_counts_and_redactions(neighbour_contact, ig) -> None:
    alfie = _alfie()
    export = subject_access_export(person_id=alfie.pk, by=ig)
    event = AuditEvent.objects.get(action=AuditAction.SUBJECT_ACCESS_EXPORTED)
    assert event.object_id == str(alfie.pk)
    assert event.actor == ig
    assert event.detail["counts"]["contacts"] == 1
    assert event.detail["counts"]["notes"] == 1
    assert event.detail["redactions"] == len(export.redactions) > 0


def test_only_information_governance_makes_an_export(neighbour_contact, manager, ig) -> None:
    alfie = _alfie()
    with pytest.raises(PermissionDenied):
        subject_access_export(person_id=alfie.pk, by=manager)
    client = Client()
    client.force_login(manager)
    assert client.get(f"/records/subject-access/{alfie.pk}/").status_code == 404
    assert client.post(f"/records/subject-access/{alfie.pk}/download/").status_code == 404


def test_r_acc_2_a_locked_down_person_answers_as_if_missing(neighbour_contact, ig) -> None:
    alfie = _alfie()
    Person.objects.filter(pk=alfie.pk).update(restricted=True)
    client = Client()
    client.force_login(ig)
    assert client.get(f"/records/subject-access/{alfie.pk}/").status_code == 404
    assert client.post(f"/records/subject-access/{alfie.pk}/download/").status_code == 404
    found = client.post("/records/subject-access/", {"family_name": "Smith"}).content.decode()
    assert "Alfie" not in found
    assert "Rosalind" in found


def test_the_person_is_found_by_a_posted_search(neighbour_contact, ig) -> None:
    client = Client()
    client.force_login(ig)
    page = client.post("/records/subject-access/", {"family_name": "smith", "given_names": "alf"}).content.decode()
    assert f"/records/subject-access/{_alfie().pk}/" in page
    assert "Rosalind" not in page
    assert "Enter family name" in client.post("/records/subject-access/", {}).content.decode()
