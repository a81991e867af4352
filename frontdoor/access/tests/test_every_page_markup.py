"""Every page of the service (the URL table, walked as the permission matrix walks it), rendered once for a
role that can open it: no inline script, `<style>` element, style attribute or event-handler attribute
(the Content Security Policy forbids them), and every form sent by POST carries the CSRF token. The pages
the matrix's world cannot reach (registers, a held email, emergency access) are given records here; the
sign-in and two-factor pages are rendered before the second step."""

import datetime
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.people.services import person_create
from frontdoor.registers import services as rs
from frontdoor.registers.models import Consultation

from .test_matrix import EXPECTED, SHORT, _parse, _paths, _user, _world

pytestmark = pytest.mark.django_db

INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE),
    "javascript: link": re.compile(r"javascript:", re.IGNORECASE),
}
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)
# Answer only POST and have no page of their own (they redirect), so there is nothing to render.
NO_PAGE = {"people:merge-undo", "notices:read", "accounts:sign-out", "access:bar-lift", "contacts:young-parent-refer"}


def problems(where: str, html: str) -> list[str]:
    found = [f"{where}: {what}" for what, pattern in INLINE.items() if pattern.search(html)]
    for attributes, body in FORM.findall(html):
        if re.search(r'method="post"', attributes, re.IGNORECASE) and "csrfmiddlewaretoken" not in body:
            found.append(f"{where}: a form sent by POST without the CSRF token")
    return found


def _registers(officer: User, manager: User) -> dict[str, tuple[User, dict]]:
    """Records for the register pages, and who opens each."""
    consultation = rs.consultation_record(
        by=officer,
        consulted_at=timezone.now() - datetime.timedelta(hours=1),
        professional_name="Sam Nurse",
        agency="Health",
        child_family_name="Matrix",
        concern="Worried about bruising.",
        caller_told_not_recorded=True,
    )
    common = {
        "by": officer,
        "agency": "CAFCASS",
        "caller_name": "Chris Guardian",
        "caller_role": "Family court adviser",
        "verification": "confirmed",
        "active_involvement_confirmed": True,
        "child_given_names": "Mira",
        "child_family_name": "Matrix",
    }
    checks = rs.checks_request_record(**common)
    detailed = rs.checks_request_record(
        **common,
        detailed=rs.DetailedRequest(in_writing=True, purpose="Court proceedings", consent_obtained=True),
    )
    transfer = rs.transfer_in_notify(
        by=officer,
        notified_at=timezone.now() - datetime.timedelta(hours=1),
        authority="Norfolk County Council",
        notifier_name="Dee Social Worker",
    )
    unborn = person_create(
        created_by=officer,
        given_names="Baby",
        family_name="Matrix",
        is_unborn=True,
        expected_delivery_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    return {
        "people:born": (officer, {"person_id": unborn.pk}),
        "registers:consultation": (officer, {"pk": consultation.pk}),
        "registers:consultation-advice": (officer, {"pk": consultation.pk}),
        "registers:checks-request": (officer, {"pk": checks.pk}),
        "registers:checks-answer": (officer, {"pk": checks.pk}),
        "registers:checks-authorise": (manager, {"pk": detailed.pk}),
        "registers:transfer": (officer, {"pk": transfer.pk}),
        "registers:transfer-record": (officer, {"pk": transfer.pk}),
        "registers:transfer-forward": (officer, {"pk": transfer.pk}),
        "registers:transfer-escalate": (manager, {"pk": transfer.pk}),
    }


def _render(client: Client, user: User | None, method: str, path: str) -> tuple[int, str]:
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        response = client.get(path) if method == "GET" else client.post(path, {})
        transaction.set_rollback(True)
    if not response.get("Content-Type", "").startswith("text/html") or response.get(
        "Content-Disposition", ""
    ).startswith("attachment"):
        return response.status_code, ""  # a download (a document, a subject access export): a file, not a page
    return response.status_code, response.content.decode()


def _opener(key: str, users: dict[str, User]) -> tuple[User, str] | None:
    """A role that gets the page (200), by GET where it can, else by POST (a page answering a form)."""
    for index, method in enumerate(("GET", "POST")):
        spec = _parse(EXPECTED[key][index])
        role = next((role for role in SHORT.values() if spec[role] == 200), None)
        if role is not None:
            return users[role], method
    return None


def _before_second_step(make_user) -> list[str]:  # noqa: ANN001
    """The sign-in page, the two-factor set-up page and the code page, as a user sees them before the code."""
    found = problems("sign-in", Client().get(reverse("accounts:sign-in")).content.decode())
    user = make_user(Role.DUTY_SOCIAL_WORKER, "no-app-yet")
    client = Client()
    client.post(reverse("accounts:sign-in"), {"username": user.username, "password": "x-test-password-123"})
    page = client.get(reverse("accounts:two-factor-set-up"))
    assert page.status_code == 200
    found += problems("two-factor set-up", page.content.decode())
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).update(confirmed=True)
    page = client.get(reverse("accounts:two-factor"))
    assert page.status_code == 200
    return found + problems("two-factor", page.content.decode())


def test_every_page_has_no_inline_script_or_style_and_every_posted_form_carries_the_csrf_token(  # noqa: C901
    record, officer, manager, make_user, settings, tmp_path  # noqa: ANN001
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert len(problems("probe", '<p style="x" onclick="y"><style></style><script>z</script><form method="post">')) == 4
    world = _world(record, officer, manager, settings, tmp_path)
    extra = {Role.MASH_PARTNER: {"agency": "police"}}
    users = {role: _user(f"page-{role}", role, **extra.get(role, {})) for role in SHORT.values()}
    registers = _registers(officer, manager)
    held = outbox_enqueue(to="someone@example.com", subject="Held", body="Held back.", kind="test")
    registers["outbox:sent-another-way"] = (manager, {"message_id": held.pk})
    old = Consultation.objects.get(pk=registers["registers:consultation"][1]["pk"])
    Consultation.objects.filter(pk=old.pk).update(consulted_at=timezone.now().replace(year=1950))
    review = {"kind": "consultation", "object_id": str(old.pk)}
    registers["records:retention-review"] = (users[Role.INFORMATION_GOVERNANCE], review)
    client = Client()
    found: list[str] = []
    rendered = set()
    for key, path, _ in _paths(world):
        user, method = None, "GET"
        if key in registers:
            user, params = registers[key]
            path = reverse(key, kwargs=params)
        elif key == "access:emergency":
            continue  # below, with a token in the session
        else:
            opener = _opener(key, users)
            if opener is None:
                continue
            user, method = opener
        status, html = _render(client, user, method, path)
        if status != 200:
            continue  # a redirect or "not found": the page it leads to is rendered under its own name
        rendered.add(key)
        found += problems(f"{method} {key}", html)
    # emergency access: a token from a search, for someone who may use it
    worker = users[Role.DUTY_SOCIAL_WORKER]
    client.force_login(worker)
    session = client.session
    session["frontdoor_emergency"] = {"a-token": world["person_id"]}
    session.save()
    from frontdoor.people.models import Person

    Person.objects.filter(pk=world["person_id"]).update(restricted=True)
    status, html = _render(client, None, "GET", reverse("access:emergency", args=["a-token"]))
    assert status == 200
    rendered.add("access:emergency")
    found += problems("GET access:emergency", html)
    found += _before_second_step(make_user)
    # a 404 page too
    status, html = _render(client, worker, "GET", "/no-such-page/")
    assert status == 404
    found += problems("not found", html)
    missing = set(EXPECTED) - rendered - NO_PAGE - {k for k in EXPECTED if k.startswith(("accounts:", "ops:"))}
    assert not missing, f"pages not rendered: {sorted(missing)}"
    assert not found, "\n".join(found)
