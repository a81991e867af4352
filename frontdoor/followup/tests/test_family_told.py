"""The child and family are told what will happen (R-FB-3), without naming a non-professional referrer (R-CON-8);
closing lists what is still owed to the referrer and the family."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from frontdoor.contacts import services as cs
from frontdoor.core.errors import ServiceError
from frontdoor.followup import selectors as sel
from frontdoor.followup.models import FamilyTold
from frontdoor.followup.services import family_told_record
from frontdoor.followup.texts import acknowledgement_text, confidential_outcome_text, family_text, outcome_text

pytestmark = pytest.mark.django_db


def test_r_fb_3_who_was_told_when_how_and_what_is_recorded_after_the_decision(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    assert sel.family_told_outstanding(contact)
    at = timezone.now() - datetime.timedelta(hours=1)
    what = family_text(contact)
    assert "a social worker will visit" in what
    assert "Alfie" in what
    record = family_told_record(
        contact=contact, by=social_worker, told=True, who="Mother and Alfie", told_at=at, method="home_visit", what=what
    )
    assert (record.who, record.told_at, record.method, record.what) == ("Mother and Alfie", at, "home_visit", what)
    assert not sel.family_told_outstanding(contact)
    with pytest.raises(ServiceError, match="already recorded"):
        family_told_record(contact=contact, by=social_worker, told=False, not_told_reason="x")


def test_r_fb_3_not_told_needs_the_reason(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided(outcome="strategy_discussion", need="significant_harm", rating="red", initial_rating="red")
    with pytest.raises(ServiceError) as caught:
        family_told_record(contact=contact, by=social_worker, told=False)
    assert caught.value.field == "not_told_reason"
    record = family_told_record(
        contact=contact, by=social_worker, told=False, not_told_reason="Telling the father now would put Alfie at risk."
    )
    assert record.told is False
    assert record.who == ""


def test_r_fb_3_the_family_is_told_only_after_the_decision(record, social_worker) -> None:  # noqa: ANN001
    contact = record()
    assert not sel.family_told_outstanding(contact)
    with pytest.raises(ServiceError, match="once a manager has made the decision"):
        family_told_record(contact=contact, by=social_worker, told=False, not_told_reason="x")


@pytest.mark.parametrize("missing", ["who", "told_at", "method", "what"])
def test_r_fb_3_told_needs_who_when_how_and_what(decided, social_worker, missing: str) -> None:  # noqa: ANN001
    values = {"who": "Mother", "told_at": timezone.now(), "method": "phone", "what": "An assessment will follow."}
    values[missing] = None if missing == "told_at" else ""
    with pytest.raises(ServiceError) as caught:
        family_told_record(contact=decided(), by=social_worker, told=True, **values)
    assert caught.value.field == missing


def test_r_con_8_a_non_professional_referrer_is_never_named_to_the_family(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided(referrer_kind="public", referrer_name="Pat Neighbour", referrer_agency="", referrer_phone="0777")
    for text in (family_text(contact), outcome_text(contact).split("\n", 1)[1]):
        assert "Pat" not in text
        assert "Neighbour" not in text
    with pytest.raises(ServiceError, match="never named") as caught:
        family_told_record(
            contact=contact,
            by=social_worker,
            told=True,
            who="Mother",
            told_at=timezone.now(),
            method="phone",
            what="Your neighbour Pat rang us; a social worker will visit.",
        )
    assert caught.value.field == "what"
    assert not FamilyTold.objects.exists()


def test_r_con_8_a_professional_may_be_named_to_the_family(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    family_told_record(
        contact=contact,
        by=social_worker,
        told=True,
        who="Mother",
        told_at=timezone.now(),
        method="phone",
        what="Sam Teacher at the school shared the concern; a social worker will visit.",
    )


def test_r_con_8_no_text_prefilled_for_a_non_professional_names_them(decided, settings) -> None:  # noqa: ANN001
    settings.FRONTDOOR_PROFILE = "kent"
    contact = decided(
        referrer_kind="family_member",
        referrer_name="Pat Gran",
        referrer_agency="",
        rating="standard",
        initial_rating="standard",
    )
    for text in (acknowledgement_text(contact), confidential_outcome_text(contact), family_text(contact)):
        assert "Pat" not in text
        assert "Gran" not in text


def test_r_fb_1_r_fb_3_closing_lists_the_outcome_and_the_family_still_to_tell(decided, manager, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    outstanding = cs.contact_close(
        contact=contact, by=manager, summary="Assessment allocated", outstanding_reason="Told by phone, not recorded"
    ).closed_with_outstanding
    assert "The referrer has not been told the outcome." in outstanding
    assert "The child and family have not been told what will happen." in outstanding


def test_r_fb_2_closing_does_not_list_feedback_the_profile_does_not_give(decided, manager, social_worker) -> None:  # noqa: ANN001
    contact = decided(referrer_kind="public", referrer_name="Pat Neighbour", referrer_agency="")
    family_told_record(contact=contact, by=social_worker, told=False, not_told_reason="Risk to the child")
    client = Client()
    client.force_login(manager)
    page = client.get(f"/contacts/{contact.reference}/close/").content.decode()
    assert "told the outcome" not in page
    assert "have not been told what will happen" not in page


def test_r_fb_3_the_family_page_records_who_when_how_and_what(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    client = Client()
    client.force_login(social_worker)
    url = f"/contacts/{contact.reference}/family-told/"
    page = client.get(url).content.decode()
    assert "a social worker will visit" in page
    response = client.post(url, {"told": "yes", "who": "", "what": "An assessment"})
    assert "Enter who was told." in response.content.decode()
    assert "An assessment" in response.content.decode()  # typed input survives the error
    now = timezone.localtime()
    response = client.post(
        url,
        {
            "told": "yes",
            "who": "Mother",
            "told_at_0": now.day,
            "told_at_1": now.month,
            "told_at_2": now.year,
            "told_at_3": now.strftime("%H:%M"),
            "method": "phone",
            "what": "An assessment",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert FamilyTold.objects.get().who == "Mother"
