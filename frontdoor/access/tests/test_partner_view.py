"""R-ROUTE-3, R-CON-8: a MASH partner sees the question and the children's identifying details, nothing else."""

import datetime

import pytest
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.contacts.services import ChildInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(record, officer, make_user):  # noqa: ANN001, ANN201
    """A contact with a family referrer, a consent discussion and screening, checked by police and health."""
    contact = record(
        children=[
            ChildInput(
                given_names="Polly",
                family_name="Partnerview",
                date_of_birth=datetime.date(2015, 3, 4),
                sex="F",
                postcode="CB1 2AB",
                address="1 Mill Road",
            )
        ],
        referrer_kind="family_member",
        referrer_name="Auntie Val Secret",
        referrer_agency="",
        consent_status="obtained",
        consent_given_by="Mrs Consent-Giver",
        reason="The concern itself stays with the front door",
    )
    contact = cs.contact_update(
        contact=contact, by=officer, version=contact.version, screening_nature="Screening words never for partners"
    )
    police = cs.agency_check_request(contact=contact, by=officer, agency="police", question="Any call-outs?")
    health = cs.agency_check_request(contact=contact, by=officer, agency="health")
    nurse = make_user(Role.MASH_PARTNER, username="nurse", agency="health")
    cs.agency_check_respond(check=health, by=nurse, response="Health answer: known to the GP")
    return {"contact": contact, "police": police, "health": health}


@pytest.mark.parametrize(
    "page",
    [
        ("contacts:detail", []),
        ("contacts:screening", []),
        ("contacts:action", ["note"]),
        ("contacts:action", ["rate"]),
        ("contacts:add-person", []),
        ("documents:new", []),
        ("decisions:decide", []),
    ],
)
def test_r_route_3_a_partner_cannot_open_the_contact_their_check_is_on(client, make_user, checked, page) -> None:  # noqa: ANN001
    name, extra = page
    client.force_login(make_user(Role.MASH_PARTNER, agency="police"))
    assert client.get(reverse(name, args=[checked["contact"].reference, *extra])).status_code == 404


def test_r_route_3_the_respond_page_shows_only_the_question_and_the_child(client, make_user, checked) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.MASH_PARTNER, agency="police"))
    url = reverse("contacts:check-respond", args=[checked["contact"].reference, checked["police"].pk])
    page = client.get(url).content.decode()
    assert "Any call-outs?" in page
    assert "Polly Partnerview" in page
    assert "4 March 2015" in page
    for hidden in (
        "Screening words never for partners",
        "Health answer",
        "Mrs Consent-Giver",
        "Auntie Val Secret",
        "The concern itself stays with the front door",
    ):
        assert hidden not in page, hidden

    response = client.post(url, {"response": "Two call-outs in 2025"})
    assert response.status_code == 302
    assert response.url == reverse("landing:checks")
    page = client.get(url).content.decode()
    assert "Two call-outs in 2025" in page
    assert "Health answer" not in page


def test_r_route_3_another_agency_cannot_open_the_check(client, make_user, checked) -> None:  # noqa: ANN001
    reference = checked["contact"].reference
    client.force_login(make_user(Role.MASH_PARTNER, username="probation", agency="probation"))
    assert client.get(reverse("contacts:check-respond", args=[reference, checked["police"].pk])).status_code == 404
    client.force_login(make_user(Role.MASH_PARTNER, username="police", agency="police"))
    assert client.get(reverse("contacts:check-respond", args=[reference, checked["health"].pk])).status_code == 404
    assert client.get(reverse("contacts:check-respond", args=["NOPE", checked["police"].pk])).status_code == 404
