"""A MASH partner reaches their agency's checks and nothing else: every other page of the service, with
real record ids filled in, answers "not found" (R-ROUTE-3, R-CON-8, R-ACC-1)."""

import re
from collections.abc import Iterator

import pytest
from django.urls import resolve, reverse

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import ContactPerson
from frontdoor.core.testing import named_routes

pytestmark = pytest.mark.django_db

# Where a partner may go: their landing page, their checks, their own account (signing in and out, two-factor
# sign-in), and the health checks a load balancer reads, which reveal nothing.
PARTNER_PAGES = {"home", "landing:checks", "ops:healthz", "ops:readyz"}


@pytest.fixture
def world(record, officer, make_user):  # noqa: ANN001, ANN201
    contact = record(consent_status="obtained", consent_given_by="Mum", initial_rating="red")
    police = cs.agency_check_request(contact=contact, by=officer, agency="police", question="Call-outs?")
    health = cs.agency_check_request(contact=contact, by=officer, agency="health")
    person = ContactPerson.objects.filter(contact=contact).first().person  # type: ignore[union-attr]
    return {
        "contact": contact,
        "own": police,
        "other": health,
        "partner": make_user(Role.MASH_PARTNER, username="pc-partner", agency="police"),
        "person": person,
    }


def _values(name: str, world: dict) -> list[str]:
    """Real ids for each parameter, and more than one where the page differs by them."""
    from frontdoor.contacts.views import ACTIONS

    if name == "reference":
        return [world["contact"].reference]
    if name == "action":
        return list(ACTIONS)
    if name == "check_id":
        return [str(world["own"].pk), str(world["other"].pk)]
    if name in ("person_id", "other_id"):
        return [str(world["person"].pk)]
    return ["1"]


def _paths(route: str, world: dict) -> Iterator[str]:
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    paths = [route]
    for param in params:
        paths = [
            re.sub(rf"<(?:\w+:)?{param}>", value, path, count=1) for path in paths for value in _values(param, world)
        ]
    for path in paths:
        yield "/" + path


def test_r_route_3_every_page_but_the_partners_checks_is_not_found(client, world) -> None:  # noqa: ANN001
    client.force_login(world["partner"])
    own = reverse("contacts:check-respond", args=[world["contact"].reference, world["own"].pk])
    assert client.get(own).status_code == 200
    assert client.get(reverse("landing:checks")).status_code == 200
    assert client.get(reverse("home")).url == reverse("landing:checks")
    answers: dict[str, int] = {}
    for name, route in named_routes():
        if name in PARTNER_PAGES or name.startswith("accounts:"):
            continue
        for path in _paths(route, world):
            if path == own:
                continue
            status = client.get(path).status_code
            if status == 405:  # a form's target: what matters is what sending to it does
                status = client.post(path, {}).status_code
            answers[path] = status
    assert len(answers) > 40
    wrong = {path: status for path, status in answers.items() if status != 404}
    assert not wrong, wrong
    reached = {resolve(path.split("?")[0]).view_name for path in answers}
    for name in ("contacts:queue", "contacts:detail", "people:search", "decisions:decide", "dashboard:index"):
        assert name in reached


def test_business_support_lands_on_the_strategy_meetings(client, make_user) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.BUSINESS_SUPPORT))
    landing = client.get(reverse("home"))
    assert landing.status_code == 302
    assert "strategy" in resolve(landing.url.split("?")[0]).view_name
    assert client.get(landing.url).status_code == 200
