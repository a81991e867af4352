"""Each role lands on its own work when it signs in or follows the home link (cambridgeshire profile)."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.contacts.services import ChildInput
from frontdoor.decisions.models import ThresholdDecision

pytestmark = pytest.mark.django_db


def _child(given: str, family: str, born: datetime.date) -> ChildInput:
    return ChildInput(
        given_names=given, family_name=family, date_of_birth=born, sex="F", postcode="CB1 2AB", address="1 Mill Road"
    )


def _nav(page: str) -> str:
    return page.split('id="navigation"')[1].split("</nav>")[0]


def test_a_team_manager_lands_on_awaiting_my_authorisation(client, manager) -> None:  # noqa: ANN001
    client.force_login(manager)
    response = client.get("/")
    assert response.url == "/contacts/?queue=authorise"
    page = client.get(response.url).content.decode()
    assert "<h1 class=\"govuk-heading-l\">Awaiting my authorisation</h1>" in page
    assert 'href="/contacts/?queue=authorise" aria-current="page">Queues' in _nav(page)


def test_r_dec_5_leeds_advanced_practitioner_authorises_so_lands_on_authorisation(client, make_user, settings) -> None:  # noqa: ANN001
    """001 s3: in Leeds an advanced practitioner reviews the recommendation (the profile's threshold_decision)."""
    settings.FRONTDOOR_PROFILE = "leeds"
    client.force_login(make_user(Role.ADVANCED_PRACTITIONER))
    assert client.get("/").url == "/contacts/?queue=authorise"
    settings.FRONTDOOR_PROFILE = "cambridgeshire"
    assert client.get("/").url == "/contacts/?queue=duty"


def test_a_duty_worker_lands_on_my_contacts_once_they_have_some_else_the_duty_queue(  # noqa: ANN001
    client, social_worker, record
) -> None:
    client.force_login(social_worker)
    assert client.get("/").url == "/contacts/?queue=duty"
    contact = record()
    cs.contact_assign(contact=contact, by=social_worker, assignee=social_worker)
    assert client.get("/").url == "/contacts/?queue=mine"
    page = client.get("/contacts/?queue=mine").content.decode()
    assert contact.reference in page


@pytest.fixture
def partner_checks(record, officer, make_user):  # noqa: ANN001, ANN201
    """Two contacts with a police check (Red, due within 4 hours; Amber, within 24), one with a health check too."""
    amber = record(
        children=[_child("Amy", "Ambers", datetime.date(2014, 5, 6))],
        initial_rating="amber",
        referrer_kind="family_member",
        referrer_name="Auntie Val Secret",
        referrer_agency="",
        consent_status="obtained",
        consent_given_by="Mrs Consent-Giver",
    )
    amber = cs.contact_update(
        contact=amber, by=officer, version=amber.version, screening_nature="Screening words never for partners"
    )
    red = record(
        children=[_child("Ruby", "Reds", datetime.date(2016, 7, 8))],
        initial_rating="red",
        consent_status="obtained",
        consent_given_by="Dad",
        reason="The concern itself stays with the front door",
    )
    health_only = record(
        children=[_child("Harriet", "Healthonly", datetime.date(2012, 1, 2))],
        consent_status="obtained",
        consent_given_by="Mum",
    )
    for contact in (amber, red):
        cs.agency_check_request(contact=contact, by=officer, agency="police", question=f"Known to police? {contact}")
    health = cs.agency_check_request(contact=amber, by=officer, agency="health")
    cs.agency_check_request(contact=health_only, by=officer, agency="health")
    nurse = make_user(Role.MASH_PARTNER, username="nurse", agency="health")
    cs.agency_check_respond(check=health, by=nurse, response="Health answer: known to the GP")
    return {"amber": amber, "red": red, "health_only": health_only}


def test_r_route_3_a_partner_lands_on_checks_for_their_agency_soonest_due_first(  # noqa: ANN001
    client, make_user, partner_checks
) -> None:
    partner = make_user(Role.MASH_PARTNER, agency="police")
    client.force_login(partner)
    response = client.get("/")
    assert response.url == "/checks/"
    page = client.get("/checks/").content.decode()
    assert "<h1 class=\"govuk-heading-l\">Checks for Cambridgeshire Police</h1>" in page
    red = partner_checks["red"]
    # ordered by each check's own due time: the Red contact's check is due first
    assert page.index("Ruby Reds") < page.index("Amy Ambers")
    assert f"Known to police? {red.reference}" in page
    assert "Born 8 July 2016" in page
    assert "1 Mill Road" in page
    assert f"/contacts/{red.reference}/checks/{red.agency_checks.get().pk}/respond/" in page
    assert "left" in page  # time left on each check
    # nothing else: no screening, no consent discussion, no other agency's answer, no lay referrer, no concern
    for hidden in (
        "Screening words never for partners",
        "Mrs Consent-Giver",
        "Health answer",
        "Auntie Val Secret",
        "The concern itself stays with the front door",
        "Harriet",
        partner_checks["health_only"].reference,
    ):
        assert hidden not in page, hidden
    assert _nav(page).count("Checks for Cambridgeshire Police") == 1
    assert "Queues" not in _nav(page)


def test_r_route_3_an_answered_check_moves_to_the_answered_section(client, make_user, partner_checks) -> None:  # noqa: ANN001
    partner = make_user(Role.MASH_PARTNER, agency="police")
    client.force_login(partner)
    red = partner_checks["red"]
    check = red.agency_checks.get()
    response = client.post(f"/contacts/{red.reference}/checks/{check.pk}/respond/", {"response": "Nothing known"})
    assert response.url == "/checks/"
    page = client.get("/checks/").content.decode()
    waiting, answered = page.split("Answered recently")
    assert "Ruby Reds" not in waiting
    assert "Ruby Reds" in answered
    assert "Amy Ambers" in waiting
    assert "Nothing known" not in page  # the answer itself is on the contact, not repeated here


def test_002_business_support_lands_on_strategy_meetings(client, make_user, record, manager) -> None:  # noqa: ANN001
    """002 s6: business support organises and minutes strategy meetings: they land on the meetings, and a
    contact decided for a strategy discussion with no meeting yet is a manager's to allocate, not theirs."""
    going = record(children=[_child("Sam", "Strategy", datetime.date(2015, 1, 1))])
    decided = datetime.datetime(2026, 11, 30, 10, 15, tzinfo=timezone.get_default_timezone())
    ThresholdDecision.objects.create(
        contact=going,
        child=going.people.get(role="subject").person,
        need_level="significant_harm",
        outcome="strategy_discussion",
        rating="red",
        rationale="Decided.",
        team_key="mash",
        authorised_by=manager,
        authorised_at=decided,
    )
    client.force_login(make_user(Role.BUSINESS_SUPPORT))
    assert client.get("/").url == "/strategy-meetings/"
    page = client.get("/strategy-meetings/").content.decode()
    assert "Sam Strategy" not in page
    assert "Nothing to arrange." in page
    assert 'aria-current="page">Strategy meetings' in _nav(page)
    client.force_login(manager)
    page = client.get("/strategy-meetings/").content.decode()
    assert "Waiting for a manager to allocate a social worker" in page
    assert "Sam Strategy" in page


def test_r_int_7_r_dec_7_head_of_service_lands_on_what_they_must_be_consulted_on(  # noqa: ANN001
    client, make_user, record, officer
) -> None:
    staff = record(children=[_child("Stella", "Staffchild", datetime.date(2013, 3, 3))], staff_related=True)
    ordinary = record(children=[_child("Olly", "Ordinary", datetime.date(2013, 3, 3))])
    removal = record(
        children=[_child("Remy", "Removal", datetime.date(2019, 9, 9))],
        initial_rating="red",
        consent_status="obtained",
        consent_given_by="Mum",
    )
    removal = cs.contact_update(contact=removal, by=officer, version=removal.version, screening_nature="Injuries")
    cs.contact_submit_for_decision(
        contact=removal, by=officer, recommendation="immediate_protection", recommendation_reason="Unsafe at home"
    )
    client.force_login(make_user(Role.HEAD_OF_SERVICE))
    assert client.get("/").url == "/consultations/"
    page = client.get("/consultations/").content.decode()
    staff_part, removal_part = page.split("Removing a child from home")
    assert "Stella Staffchild" in staff_part
    assert "Not recorded" in staff_part
    assert "Remy Removal" in removal_part
    assert "Immediate protective action recommended" in removal_part
    assert "Olly Ordinary" not in page
    assert ordinary.reference not in page
    assert f"/consultations/{staff.reference}/record/?about=staff" in page
    nav = _nav(page)
    assert nav.index("Consultations") < nav.index("Queues") < nav.index("Find a person")


@pytest.mark.parametrize(
    ("role", "heading", "says"),
    [
        (Role.REFERRER, "Making a referral to the Integrated Front Door", "call 999"),
        (Role.PERFORMANCE_ANALYST, "Performance", "The clocks Cambridgeshire County Council works to"),
        (Role.SYSTEM_ADMIN, "Running the service", "frontdoor deadlines sweep"),
    ],
)
def test_a_role_with_nothing_case_level_yet_sees_what_it_can_do_and_where_to_go(  # noqa: ANN001
    client, make_user, role, heading, says
) -> None:
    client.force_login(make_user(role))
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert says in page
    assert page.count('<h2 class="govuk-heading-m">') >= 2  # a real page, not a single sentence
    assert 'href="/" aria-current="page"' in _nav(page)


def test_system_administrator_commands_exist() -> None:
    """The commands the system administrator's page names are real subcommands of `frontdoor`."""
    import re

    from django.core.management import get_commands
    from django.template.loader import render_to_string

    page = render_to_string("home.html", {"role": Role.SYSTEM_ADMIN.value})
    named = set(re.findall(r"<code>frontdoor ([a-z-]+)", page))
    assert named - {"help"} <= set(get_commands())
    assert "deadlines" in named
    assert "people" in named
    assert "profile" in named


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/checks/", {Role.MASH_PARTNER}),
        (
            "/strategy-meetings/",
            {
                Role.BUSINESS_SUPPORT,
                Role.INFORMATION_OFFICER,
                Role.DUTY_SOCIAL_WORKER,
                Role.ADVANCED_PRACTITIONER,
                Role.TEAM_MANAGER,
            },
        ),
        ("/consultations/", {Role.HEAD_OF_SERVICE}),
    ],
)
@pytest.mark.parametrize("role", list(Role))
def test_landing_pages_are_only_for_their_role(client, make_user, url, allowed, role) -> None:  # noqa: ANN001
    client.force_login(make_user(role, agency="police" if role == Role.MASH_PARTNER else ""))
    assert client.get(url).status_code == (200 if role in allowed else 404)


def test_r_strat_1_the_chairing_manager_reaches_the_strategy_meetings_from_the_menu(make_user) -> None:  # noqa: ANN001
    """002 s6: the team manager chairs the meeting and signs off its minutes; business support organise it."""
    from frontdoor.landing.selectors import landing_nav

    item = ("Strategy meetings", "/strategy-meetings/")
    assert item in landing_nav(make_user(Role.TEAM_MANAGER))
    assert item in landing_nav(make_user(Role.BUSINESS_SUPPORT))
    assert item not in landing_nav(make_user(Role.INFORMATION_OFFICER))
