"""The permission table: every service × every role, walked through the real service functions, and
every service writes exactly one audit event of its kind (cambridgeshire profile)."""

import importlib
import inspect
import pkgutil

import pytest
from django.db import transaction

import frontdoor
from frontdoor.access.permissions import REGISTRY, SERVICES, NothingToDo, Permission, service
from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import PermissionDenied

CASEWORK = {Role.INFORMATION_OFFICER, Role.DUTY_SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER}
CLOSERS = {Role.DUTY_SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER}
MANAGER = {Role.TEAM_MANAGER}
NOBODY: set[str] = set()
EVERYONE = set(Role)

# Written out by hand, apart from the table: who may call each service in the cambridgeshire profile.
EXPECTED: dict[str, set[str]] = {
    "contact_record": CASEWORK,
    "contact_update": CASEWORK,
    "contact_start_screening": CASEWORK,
    "contact_assign": CASEWORK,
    "contact_rate_initial": CASEWORK,
    "contact_submit_for_decision": CASEWORK,
    "contact_return_for_screening": MANAGER,
    "contact_pass_to_allocated_team": CASEWORK,
    "contact_acknowledge_receipt": CASEWORK,
    "contact_close": CLOSERS,
    "notice_mark_read": CASEWORK | {Role.HEAD_OF_SERVICE, Role.BUSINESS_SUPPORT},
    "contact_request_dash": CASEWORK,
    "contact_acknowledge": CASEWORK,
    "contact_record_written_follow_up": CASEWORK,
    "contact_record_police_notified": CASEWORK,
    "note_add": CASEWORK,
    "contact_add_person": CASEWORK,
    "contact_refer_young_parent": CASEWORK,
    "contact_record_young_parent_declined": MANAGER,
    "document_attach": CASEWORK,
    "document_download_record": CASEWORK | {Role.HEAD_OF_SERVICE, Role.BUSINESS_SUPPORT},
    "out_of_hours_handover": NOBODY,
    "out_of_hours_outcome_record": CASEWORK,
    "contact_alert_acknowledge": MANAGER,
    "person_record_birth": CASEWORK,
    "consent_authorise_share_without": MANAGER,
    "sharing_decision_record": CASEWORK,
    "agency_check_request": CASEWORK,
    "agency_check_respond": {Role.MASH_PARTNER},
    "decision_authorise": MANAGER,
    "decision_reopen_for_review": MANAGER,
    "contact_progress_to_referral": MANAGER,
    "head_of_service_consultation_record": {Role.HEAD_OF_SERVICE},
    "consultation_record": CASEWORK,
    "consultation_record_advice": CASEWORK,
    "consultation_convert": CASEWORK,
    "checks_request_record": CASEWORK,
    "outbox_mark_sent_another_way": {Role.TEAM_MANAGER},
    "subject_access_export": {Role.INFORMATION_GOVERNANCE},
    "retention_review_record": {Role.INFORMATION_GOVERNANCE},
    "checks_request_answer": CASEWORK,
    "checks_request_authorise": MANAGER,
    "transfer_in_notify": CASEWORK,
    "transfer_in_record": CASEWORK,
    "transfer_in_forward": CASEWORK,
    "transfer_in_escalate": MANAGER,
    "feedback_give": CASEWORK,
    "family_told_record": CASEWORK,
    "child_seen_record": CASEWORK,
    "challenge_raise": CASEWORK,
    "challenge_step_record": CASEWORK,
    "challenge_resolve": CASEWORK,
    "strategy_worker_allocate": MANAGER,
    "strategy_request_record": CASEWORK,
    "strategy_meeting_time_set": CASEWORK | {Role.BUSINESS_SUPPORT},
    "strategy_partner_invite": CASEWORK | {Role.BUSINESS_SUPPORT},
    "strategy_reply_record": CASEWORK | {Role.BUSINESS_SUPPORT},
    "strategy_referrer_not_invited": CASEWORK | {Role.BUSINESS_SUPPORT},
    "strategy_minutes_record": CASEWORK | {Role.BUSINESS_SUPPORT},
    "strategy_minutes_sign_off": MANAGER,
    "strategy_child_outcome_record": MANAGER,
    "strategy_action_add": CASEWORK | {Role.BUSINESS_SUPPORT},
    "person_create": CASEWORK,
    "person_merge": MANAGER,
    "person_merge_undo": MANAGER,
    "people_confirm_distinct": CASEWORK,
    "people_import": NOBODY,
    "people_status_apply": NOBODY,
    # R-ACC-2 (002 s2: "A manager or relevant business support manager may request ACL"): the managers lock
    # records down and bar staff; a business support manager (or any manager) asks, and the managers decide;
    # those who may have to act on a child at once use emergency access
    "access_restrict": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_restriction_lift": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_bar": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_bar_lift": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_lock_down_request": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.BUSINESS_SUPPORT_MANAGER},
    "access_lock_down_apply": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_lock_down_decline": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_lock_down_wait": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_lock_down_close": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_lock_down_record_found": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_lock_down_confirm": {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE},
    "access_break_glass": {Role.DUTY_SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER},
    # signing in and out and two-factor: every role, on their own account
    "sign_in_record": EVERYONE,
    "sign_out_record": EVERYONE,
    "two_factor_set_up": EVERYONE,
    "recovery_codes_issue": EVERYONE,
    # a lost authenticator app: an administrator or the head of service, never the user alone
    "two_factor_reset": {Role.SYSTEM_ADMIN, Role.HEAD_OF_SERVICE},
    # an administrator's changes to an account (or an operator's command)
    "account_deactivate": {Role.SYSTEM_ADMIN},
    "account_reactivate": {Role.SYSTEM_ADMIN},
    "account_password_set": {Role.SYSTEM_ADMIN},
}


SERVICE_LEAVES = ("services", "merging", "importer", "case_status", "alerts")


def _service_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(frontdoor.__path__, "frontdoor."):
        leaf = info.name.rsplit(".", 1)[-1]
        if (leaf in SERVICE_LEAVES or ".services." in info.name) and "audit" not in info.name:
            names.append(info.name)
    return names


SERVICE_MODULES = [importlib.import_module(name) for name in _service_modules()]


def test_every_service_has_a_row_in_the_table_and_in_this_test() -> None:
    """A new service must be declared in access/permissions.py (with @service) and given its roles here."""
    public = set()
    for module in SERVICE_MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            writes = "audit_record" in inspect.getsource(fn)
            if fn.__module__ == module.__name__ and not name.startswith("_") and writes:
                public.add(name)
    assert public <= set(REGISTRY), f"services writing audit events without @service: {public - set(REGISTRY)}"
    assert set(REGISTRY) == set(SERVICES)
    assert set(EXPECTED) == set(SERVICES), "give each new service its roles in EXPECTED"


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role))
def test_service_by_role(name: str, role: Role, make_user) -> None:  # noqa: ANN001
    user = make_user(role)
    call = REGISTRY[name]
    actor = SERVICES[name].actor
    if role in EXPECTED[name]:
        # Allowed: the call goes past the permission check and fails only for want of its other arguments.
        with pytest.raises(Exception) as raised:  # noqa: PT011
            call(**{actor: user})
        assert not isinstance(raised.value, PermissionDenied)
    else:
        with pytest.raises(PermissionDenied):
            call(**{actor: user})


def test_operator_services_run_without_a_user_and_others_do_not() -> None:
    for name, rule in SERVICES.items():
        if rule.operator:
            continue
        with pytest.raises(PermissionDenied):
            REGISTRY[name](**{rule.actor: None})


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("events", [0, 2])
def test_a_service_writing_other_than_one_event_of_its_kind_is_rolled_back(events: int, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setitem(
        SERVICES, "probe_service", Permission(actor="by", actions=(AuditAction.CONTACT_NOTE_ADDED,), operator=True)
    )
    monkeypatch.setitem(REGISTRY, "probe_service", None)  # so that the test's own service is gone afterwards

    @service
    def probe_service(*, by: None) -> None:
        audit_record(actor=by, action=AuditAction.CONTACT_UPDATED, object_type="probe", object_id="1")
        for _ in range(events):
            audit_record(actor=by, action=AuditAction.CONTACT_NOTE_ADDED, object_type="probe", object_id="1")

    with pytest.raises(RuntimeError, match="exactly one"):
        probe_service(by=None)
    assert not AuditEvent.objects.filter(object_type="probe").exists()


def test_an_unnamed_audit_action_is_refused(db) -> None:  # noqa: ANN001
    with transaction.atomic(), pytest.raises(ValueError, match="not a valid AuditAction"):
        audit_record(actor=None, action="contact.something_new", object_type="probe", object_id="1")  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True)
def test_a_service_with_nothing_to_do_writes_nothing_and_returns_none(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setitem(
        SERVICES, "probe_idle_service", Permission(actor="by", actions=(AuditAction.CONTACT_NOTE_ADDED,), operator=True)
    )
    monkeypatch.setitem(REGISTRY, "probe_idle_service", None)

    @service
    def probe_idle_service(*, by: None) -> str | None:
        audit_record(actor=by, action=AuditAction.CONTACT_UPDATED, object_type="probe", object_id="1")
        raise NothingToDo

    assert probe_idle_service(by=None) is None
    assert not AuditEvent.objects.filter(object_type="probe").exists()  # what it began is rolled back
