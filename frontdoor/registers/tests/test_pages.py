"""The registers in the service navigation, for the roles that keep them (R-CONS-1, R-CHK-2, R-TRF-1)."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.landing.selectors import landing_nav

pytestmark = pytest.mark.django_db

KEEPERS = {Role.INFORMATION_OFFICER, Role.DUTY_SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER}


@pytest.mark.parametrize("role", list(Role))
def test_r_cons_1_r_chk_2_r_trf_1_registers_in_the_menu_for_those_who_keep_them(role, make_user, client) -> None:  # noqa: ANN001
    user = make_user(role)
    shown = ("Registers", "/registers/") in landing_nav(user)
    assert shown == (role in KEEPERS)
    client.force_login(user)
    response = client.get("/registers/")
    assert response.status_code == (200 if role in KEEPERS else 404)
    if role in KEEPERS:
        page = response.content.decode()
        for name in ("Professional consultations", "Requests for checks", "Transfers in"):
            assert name in page
