"""The information governance officer's home: their own pages, in their menu."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.landing.selectors import landing_nav, landing_url

pytestmark = pytest.mark.django_db


def test_information_governance_lands_on_its_own_page_with_its_work_in_the_menu(client, make_user) -> None:  # noqa: ANN001
    user = make_user(Role.INFORMATION_GOVERNANCE)
    assert landing_url(user) == "/records/"
    assert ("Subject access requests", "/records/subject-access/") in landing_nav(user)
    client.force_login(user)
    page = client.get("/", follow=True).content.decode()
    assert '<h1 class="govuk-heading-l">Information governance</h1>' in page
    assert 'href="/records/subject-access/"' in page


@pytest.mark.parametrize("role", list(Role))
def test_only_information_governance_reaches_its_pages(client, make_user, role) -> None:  # noqa: ANN001
    client.force_login(make_user(role))
    allowed = role == Role.INFORMATION_GOVERNANCE
    for url in ("/records/", "/records/subject-access/"):
        assert client.get(url).status_code == (200 if allowed else 404), url
