"""A manager merges two person records (everything re-pointed, both histories kept, audited) and can
undo it exactly; "different people" is recorded; the household table (R-CHK-1, R-ACC-1, R-ACC-2, R-REC-1/2)."""

import datetime
import re

import pytest

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import ContactPerson
from frontdoor.contacts.services import ChildInput
from frontdoor.core.errors import PermissionDenied, ServiceError, StaleEdit
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.people.household import SAME_ADDRESS, household_of_person
from frontdoor.people.keys import person_keys_refresh
from frontdoor.people.merge_selectors import merge_candidates
from frontdoor.people.merging import people_confirm_distinct, person_merge, person_merge_undo
from frontdoor.people.models import Address, DistinctPair, Person, PersonKey, PersonMerge, PersonName, Relationship
from frontdoor.people.selectors import people_search
from frontdoor.people.services import person_create

pytestmark = pytest.mark.django_db

D = datetime.date
REASON = "Same NHS number; the school confirmed Alfie Jones is Alfred Smith."


@pytest.fixture
def kept(officer):  # noqa: ANN001, ANN201
    return person_create(
        created_by=officer,
        given_names="Alfred",
        family_name="Smith",
        date_of_birth=D(2015, 3, 7),
        postcode="CB1 2AB",
        address="1 Mill Road, Cambridge",
    )


@pytest.fixture
def duplicate(officer):  # noqa: ANN001, ANN201
    """The same child recorded again under his mother's surname, with the NHS number and a CP plan."""
    return person_create(
        created_by=officer,
        given_names="Alfie",
        family_name="Jones",
        date_of_birth=D(2015, 3, 7),
        postcode="PE13 1AA",
        address="4 High Street, Wisbech",
        nhs_number="9434765919",
        cp_plan=True,
    )


def make_decision(record, officer, manager, person: Person) -> ThresholdDecision:  # noqa: ANN001
    contact = record(
        children=[ChildInput(person_id=person.pk)],
        initial_rating="amber",
        consent_status="obtained",
        consent_given_by="Mum",
    )
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    contact = cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
    )
    made = decision_authorise(
        contact=contact,
        manager=manager,
        rating="amber",
        rationale="Assess the family.",
        children=[ChildDecision(person_id=person.pk, opened=True, need_level="cin_moderate", outcome="cfa")],
        version=contact.version,
    )
    return made[0]


@pytest.fixture
def family(officer, manager, record, kept, duplicate):  # noqa: ANN001, ANN201
    """Rows around both records, including ones that cannot move without breaking a constraint."""
    mum = person_create(created_by=officer, given_names="Sarah", family_name="Jones", date_of_birth=D(1990, 1, 2))
    sister = person_create(created_by=officer, given_names="Ella", family_name="Smith", date_of_birth=D(2017, 5, 1))
    rel = Relationship.objects.create
    rows = {
        "mum_to_dup": rel(person=mum, other=duplicate, kind=Relationship.Kind.PARENT),
        "dup_to_kept": rel(person=duplicate, other=kept, kind=Relationship.Kind.SIBLING),  # the pair itself
        "kept_to_sister": rel(person=kept, other=sister, kind=Relationship.Kind.SIBLING),
        "dup_to_sister": rel(person=duplicate, other=sister, kind=Relationship.Kind.SIBLING),  # kept has it already
        "dup_to_mum": rel(person=duplicate, other=mum, kind=Relationship.Kind.HOUSEHOLD_MEMBER),
    }
    rows["previous_name"] = PersonName.objects.create(
        person=duplicate, given_names="Alfie", family_name="Brown", family_name_norm="brown"
    )
    person_keys_refresh([duplicate.pk])
    rows["decision"] = make_decision(record, officer, manager, duplicate)
    rows["dup_link"] = rows["decision"].contact.people.get()
    both = record(children=[ChildInput(person_id=duplicate.pk), ChildInput(person_id=kept.pk)])
    rows["both_dup_link"] = both.people.get(person=duplicate)  # the same contact already names the kept record
    return {"mum": mum, "sister": sister, **rows}


def merge(duplicate: Person, kept: Person, by, **extra) -> PersonMerge:  # noqa: ANN001, ANN003
    return person_merge(duplicate=duplicate, kept=kept, merged_by=by, reason=REASON, **extra)


def snapshot(*people: Person) -> dict:
    """Every row a merge may touch, as plain values."""
    ignore = {"version", "updated_at", "updated_by"}
    fields = [f.attname for f in Person._meta.concrete_fields if f.name not in ignore]
    ids = [p.pk for p in people]
    return {
        "contact_links": list(ContactPerson.objects.order_by("pk").values()),
        "decisions": list(
            ThresholdDecision.objects.order_by("pk").values("pk", "child_id", "contact_id", "is_current")
        ),
        "names": list(PersonName.objects.order_by("pk").values()),
        "addresses": list(Address.objects.order_by("pk").values()),
        "relationships": list(Relationship.objects.order_by("pk").values()),
        "people": list(Person.objects.filter(pk__in=ids).order_by("pk").values(*fields)),
        "keys": sorted(PersonKey.objects.filter(person_id__in=ids).values_list("person_id", "key")),
    }


# --- the merge service -------------------------------------------------------------------------


def test_merge_repoints_every_row_and_keeps_both_records(family, kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert Person.objects.filter(pk__in=[kept.pk, duplicate.pk]).count() == 2  # both histories kept
    family["dup_link"].refresh_from_db()
    family["decision"].refresh_from_db()
    family["previous_name"].refresh_from_db()
    family["mum_to_dup"].refresh_from_db()
    family["dup_to_mum"].refresh_from_db()
    assert family["dup_link"].person == kept
    assert family["decision"].child == kept
    assert family["previous_name"].person == kept
    assert (family["mum_to_dup"].person, family["mum_to_dup"].other) == (family["mum"], kept)
    assert (family["dup_to_mum"].person, family["dup_to_mum"].other) == (kept, family["mum"])
    assert set(kept.addresses.values_list("line", flat=True)) == {"1 Mill Road, Cambridge", "4 High Street, Wisbech"}
    assert made.moved["rows"]["threshold_decisions"] == [family["decision"].pk]


def test_rows_that_would_break_a_constraint_stay_with_the_duplicate_and_are_recorded(
    family,  # noqa: ANN001
    kept,  # noqa: ANN001
    duplicate,  # noqa: ANN001
    manager,  # noqa: ANN001
) -> None:
    made = merge(duplicate, kept, manager)
    for name in ("dup_to_kept", "dup_to_sister", "both_dup_link"):
        family[name].refresh_from_db()
        assert family[name].person == duplicate, name
    back = made.moved["kept_back"]
    assert sorted(back["relationships_from"]) == sorted([family["dup_to_kept"].pk, family["dup_to_sister"].pk])
    assert back["contact_links"] == [family["both_dup_link"].pk]


def test_kept_current_address_stays_current_and_the_duplicates_become_history(kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    current = {a.line: a.is_current for a in kept.addresses.all()}
    assert current == {"1 Mill Road, Cambridge": True, "4 High Street, Wisbech": False}
    assert len(made.moved["addresses_made_history"]) == 1


def test_identifiers_are_copied_and_flags_kept_as_the_or_of_both(kept, duplicate, manager) -> None:  # noqa: ANN001
    Person.objects.filter(pk=duplicate.pk).update(restricted=True, upn="A123456789012")
    duplicate.refresh_from_db()
    made = merge(duplicate, kept, manager)
    kept.refresh_from_db()
    assert kept.nhs_number == "9434765919"
    assert kept.upn == "A123456789012"
    assert kept.cp_plan is True
    assert kept.restricted is True  # R-ACC-2: a restriction is never lost by merging
    assert kept.date_of_birth == D(2015, 3, 7)
    assert made.moved["fields"]["nhs_number"] == ["", "9434765919"]
    assert made.moved["fields"]["restricted"] == [False, True]
    assert "date_of_birth" not in made.moved["fields"]  # the kept record had one


def test_a_missing_date_of_birth_is_copied(officer, kept, manager) -> None:  # noqa: ANN001
    Person.objects.filter(pk=kept.pk).update(date_of_birth=None)
    kept.refresh_from_db()
    other = person_create(created_by=officer, given_names="Alfred", family_name="Smith", date_of_birth=D(2015, 3, 7))
    made = merge(other, kept, manager)
    kept.refresh_from_db()
    assert kept.date_of_birth == D(2015, 3, 7)
    assert made.moved["fields"]["date_of_birth"] == [None, "2015-03-07"]


def test_versions_are_bumped_on_both_records(kept, duplicate, manager) -> None:  # noqa: ANN001
    before = (duplicate.version, kept.version)
    merge(duplicate, kept, manager)
    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert (duplicate.version, kept.version) == (before[0] + 1, before[1] + 1)


def test_r_chk_1_the_duplicates_spelling_still_finds_the_child(kept, duplicate, manager, officer) -> None:  # noqa: ANN001
    merge(duplicate, kept, manager)
    alias = kept.other_names.get(kind=PersonName.Kind.ALIAS)
    assert (alias.given_names, alias.family_name) == ("Alfie", "Jones")
    by_name = people_search(user=officer, given_names="Alfie", family_name="Jones")
    assert [c.person.pk for c in by_name] == [kept.pk]
    with_dob = people_search(user=officer, given_names="Alfie", family_name="Jones", date_of_birth=D(2015, 3, 7))
    assert with_dob[0].person == kept
    assert with_dob[0].band == "likely"


def test_r_chk_1_a_merged_record_no_longer_appears_in_search(kept, duplicate, manager, officer) -> None:  # noqa: ANN001
    found = people_search(user=officer, given_names="Alfie", family_name="Jones", date_of_birth=D(2015, 3, 7))
    assert duplicate.pk in {c.person.pk for c in found}
    merge(duplicate, kept, manager)
    found = people_search(user=officer, given_names="Alfie", family_name="Jones", date_of_birth=D(2015, 3, 7))
    assert duplicate.pk not in {c.person.pk for c in found}


def test_no_alias_when_the_names_are_the_same(officer, kept, manager) -> None:  # noqa: ANN001
    again = person_create(created_by=officer, given_names="Alfred", family_name="SMITH", date_of_birth=D(2015, 3, 7))
    made = merge(again, kept, manager)
    assert made.moved["alias"] is None
    assert not kept.other_names.exists()


def test_merge_is_audited_with_both_ids_and_the_counts(family, kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    event = AuditEvent.objects.get(action="person.merged")
    assert event.actor == manager
    assert event.detail["duplicate"] == duplicate.pk
    assert event.detail["kept"] == kept.pk
    assert event.detail["merge"] == made.pk
    assert event.detail["moved"]["threshold_decisions"] == 1
    assert event.detail["kept_back"]["relationships_from"] == 2


def test_stale_version_is_refused_and_nothing_changes(family, kept, duplicate, manager) -> None:  # noqa: ANN001
    seen = (duplicate.version, kept.version)
    Person.objects.filter(pk=kept.pk).update(version=kept.version + 1)  # someone saved it meanwhile
    before = snapshot(kept, duplicate)
    with pytest.raises(StaleEdit, match="Someone changed one of these records"):
        merge(duplicate, kept, manager, expected_versions=seen)
    assert snapshot(kept, duplicate) == before
    assert not PersonMerge.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("same", "cannot be merged with itself"),
        ("blank_reason", "Enter the reason for merging"),
    ],
)
def test_merge_refuses_bad_requests(kept, duplicate, manager, change, message) -> None:  # noqa: ANN001
    other = kept if change == "same" else duplicate
    reason = "   " if change == "blank_reason" else REASON
    with pytest.raises(ServiceError, match=message):
        person_merge(duplicate=other, kept=kept, merged_by=manager, reason=reason)
    assert not PersonMerge.objects.exists()


def test_a_record_already_merged_cannot_be_merged_again(officer, kept, duplicate, manager) -> None:  # noqa: ANN001
    third = person_create(created_by=officer, given_names="Alfy", family_name="Smith", date_of_birth=D(2015, 3, 7))
    merge(duplicate, kept, manager)
    with pytest.raises(ServiceError, match="has already been merged into the record of"):
        merge(duplicate, third, manager)
    with pytest.raises(ServiceError, match="has already been merged into the record of"):
        merge(third, duplicate, manager)


def test_only_a_team_manager_may_merge(kept, duplicate, social_worker, make_user) -> None:  # noqa: ANN001
    for user in (social_worker, make_user(Role.HEAD_OF_SERVICE)):
        with pytest.raises(PermissionDenied):
            merge(duplicate, kept, user)


# --- undo --------------------------------------------------------------------------------------


def test_undo_restores_every_row_exactly(family, kept, duplicate, manager) -> None:  # noqa: ANN001
    Person.objects.filter(pk=duplicate.pk).update(restricted=True, looked_after=True)
    before = snapshot(kept, duplicate)
    made = merge(duplicate, kept, manager)
    assert snapshot(kept, duplicate) != before
    person_merge_undo(merge=made, undone_by=manager, reason="The school was wrong: two different boys.")
    assert snapshot(kept, duplicate) == before
    made.refresh_from_db()
    assert made.undone_by == manager
    assert made.undo_reason == "The school was wrong: two different boys."
    event = AuditEvent.objects.get(action="person.merge_undone")
    assert (event.detail["duplicate"], event.detail["kept"]) == (duplicate.pk, kept.pk)


def test_undo_leaves_a_field_someone_changed_since(kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    Person.objects.filter(pk=kept.pk).update(nhs_number="4010232137")  # corrected after the merge
    person_merge_undo(merge=made, undone_by=manager, reason="Wrong child")
    kept.refresh_from_db()
    assert kept.nhs_number == "4010232137"
    assert kept.cp_plan is False
    assert AuditEvent.objects.get(action="person.merge_undone").detail["left_as_changed_since"] == ["nhs_number"]


def test_undo_is_refused_twice_and_needs_a_reason(kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    with pytest.raises(ServiceError, match="Enter the reason for undoing"):
        person_merge_undo(merge=made, undone_by=manager, reason="")
    person_merge_undo(merge=made, undone_by=manager, reason="Wrong child")
    with pytest.raises(ServiceError, match="already undone"):
        person_merge_undo(merge=made, undone_by=manager, reason="Again")


def test_undo_is_refused_when_the_kept_record_was_merged_again(officer, kept, duplicate, manager) -> None:  # noqa: ANN001
    third = person_create(created_by=officer, given_names="Alfy", family_name="Smith", date_of_birth=D(2015, 3, 7))
    first = merge(duplicate, kept, manager)
    merge(kept, third, manager)
    with pytest.raises(ServiceError, match=re.escape(f"has since been merged into the record of {third.described}")):
        person_merge_undo(merge=first, undone_by=manager, reason="Wrong child")


def test_a_record_can_be_merged_again_after_an_undo(kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    person_merge_undo(merge=made, undone_by=manager, reason="Wrong way round")
    merge(kept, duplicate, manager)
    kept.refresh_from_db()
    assert kept.merged_into == duplicate


# --- different people --------------------------------------------------------------------------


def test_confirm_distinct_orders_the_pair_is_idempotent_and_audited(kept, duplicate, manager) -> None:  # noqa: ANN001
    high, low = sorted([kept, duplicate], key=lambda p: -p.pk)
    pair = people_confirm_distinct(first=high, second=low, confirmed_by=manager, reason="Twins")
    again = people_confirm_distinct(first=low, second=high, confirmed_by=manager, reason="Twins, really")
    assert pair.pk == again.pk
    assert (pair.first_id, pair.second_id) == (low.pk, high.pk)
    assert AuditEvent.objects.filter(action="people.confirmed_distinct").count() == 1


def test_confirm_distinct_needs_a_reason(kept, duplicate, manager) -> None:  # noqa: ANN001
    with pytest.raises(ServiceError, match="Enter why these are different people"):
        people_confirm_distinct(first=kept, second=duplicate, confirmed_by=manager, reason=" ")


def test_candidates_leave_out_the_person_merged_records_and_distinct_pairs(officer, kept, duplicate, manager) -> None:  # noqa: ANN001
    twin = person_create(
        created_by=officer, given_names="Alfred", family_name="Smyth", date_of_birth=D(2015, 3, 7), postcode="CB1 2AB"
    )
    ids = {c.person.pk for c in merge_candidates(user=manager, person=kept)}
    assert twin.pk in ids
    assert kept.pk not in ids
    people_confirm_distinct(first=kept, second=twin, confirmed_by=manager, reason="Twins")
    merge(duplicate, kept, manager)
    assert {c.person.pk for c in merge_candidates(user=manager, person=kept)} == set()


# --- household ---------------------------------------------------------------------------------


def test_household_lists_relationships_and_people_at_the_same_address(officer, family, kept, manager) -> None:  # noqa: ANN001
    lodger = person_create(
        created_by=officer, given_names="Tom", family_name="Lodger", postcode="cb12ab", address="1 mill road, Cambridge"
    )
    person_create(created_by=officer, given_names="Far", family_name="Away", postcode="CB1 2AB", address="2 Mill Road")
    rows = household_of_person(user=manager, person=kept, today=D(2025, 3, 8))
    assert [(r.relationship, r.person.full_name) for r in rows] == [
        ("Sibling", "Ella Smith"),
        ("Sibling", "Alfie Jones"),  # the duplicate still links to the kept record
        (SAME_ADDRESS, lodger.full_name),
    ]
    assert rows[0].age == 7


def test_household_gives_one_row_a_person_with_every_relationship(officer, manager) -> None:  # noqa: ANN001
    child = person_create(created_by=officer, given_names="Mia", family_name="Field", date_of_birth=D(2016, 4, 8))
    mum = person_create(created_by=officer, given_names="Grace", family_name="Field", date_of_birth=D(1991, 11, 2))
    Relationship.objects.create(person=mum, other=child, kind=Relationship.Kind.PARENT)
    Relationship.objects.create(person=mum, other=child, kind=Relationship.Kind.PARENTAL_RESPONSIBILITY)
    rows = household_of_person(user=manager, person=child, today=D(2025, 3, 8))
    assert [(r.relationship, r.person.full_name) for r in rows] == [
        ("Parent; has parental responsibility", "Grace Field")
    ]


def test_r_acc_2_restricted_household_members_show_as_restricted_only(client, family, kept, officer) -> None:  # noqa: ANN001
    Person.objects.filter(pk=family["sister"].pk).update(restricted=True)
    client.force_login(officer)
    page = client.get(f"/people/{kept.pk}/").content.decode()
    assert "Household and family" in page
    assert "Restricted record" in page
    assert "Ella" not in page
    assert "1 May 2017" not in page


# --- pages -------------------------------------------------------------------------------------


@pytest.fixture
def as_manager(client, manager):  # noqa: ANN001, ANN201
    client.force_login(manager)
    return client


def merge_post(first: Person, second: Person, **overrides: str) -> dict:
    data = {
        "action": "merge",
        "keep": str(first.pk),
        "reason": REASON,
        "first_version": str(first.version),
        "second_version": str(second.version),
    }
    data.update(overrides)
    return data


def test_manager_merges_from_the_person_page_through_to_the_kept_record(as_manager, kept, duplicate) -> None:  # noqa: ANN001
    page = as_manager.get(f"/people/{kept.pk}/").content.decode()
    assert "Merge with another record" in page
    page = as_manager.get(f"/people/{kept.pk}/merge/").content.decode()
    assert "Alfie Jones" in page
    assert f"/people/{kept.pk}/merge/{duplicate.pk}/" in page
    page = as_manager.get(f"/people/{kept.pk}/merge/{duplicate.pk}/").content.decode()
    assert "9434765919" in page
    assert "Merge records" in page
    assert "These are different people" in page
    response = as_manager.post(f"/people/{kept.pk}/merge/{duplicate.pk}/", merge_post(kept, duplicate), follow=True)
    assert response.redirect_chain[-1][0] == f"/people/{kept.pk}/"
    page = response.content.decode()
    assert "govuk-notification-banner--success" in page
    assert f"The record of {duplicate.described} was merged into this record" in page
    assert "Merge history" in page
    assert "Undo this merge" in page
    page = as_manager.get(f"/people/{duplicate.pk}/").content.decode()
    assert "This record was merged into" in page
    assert f'href="/people/{kept.pk}/"' in page


def test_keeping_the_other_record_merges_the_other_way(as_manager, kept, duplicate) -> None:  # noqa: ANN001
    response = as_manager.post(
        f"/people/{kept.pk}/merge/{duplicate.pk}/", merge_post(kept, duplicate, keep=str(duplicate.pk))
    )
    assert response.url == f"/people/{duplicate.pk}/"
    kept.refresh_from_db()
    assert kept.merged_into_id == duplicate.pk


def test_blank_reason_gets_a_message_next_to_the_field_and_keeps_the_choice(as_manager, kept, duplicate) -> None:  # noqa: ANN001
    data = merge_post(kept, duplicate, keep=str(duplicate.pk), reason="")
    response = as_manager.post(f"/people/{kept.pk}/merge/{duplicate.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'id="id_reason-error"' in page
    assert "Enter the reason for merging these records" in page
    assert f'value="{duplicate.pk}" checked' in page
    assert not PersonMerge.objects.exists()


def test_no_choice_of_record_to_keep_gets_a_message(as_manager, kept, duplicate) -> None:  # noqa: ANN001
    data = merge_post(kept, duplicate, keep="", reason="Typed reason survives")
    page = as_manager.post(f"/people/{kept.pk}/merge/{duplicate.pk}/", data).content.decode()
    assert "Select which record to keep" in page
    assert "Typed reason survives" in page


def test_stale_page_is_refused_with_a_message_and_fresh_versions(as_manager, kept, duplicate) -> None:  # noqa: ANN001
    data = merge_post(kept, duplicate)
    Person.objects.filter(pk=duplicate.pk).update(version=duplicate.version + 1)
    page = as_manager.post(f"/people/{kept.pk}/merge/{duplicate.pk}/", data).content.decode()
    assert "Someone changed one of these records after you opened this page" in page
    assert not PersonMerge.objects.exists()
    assert f'name="second_version" value="{duplicate.version + 1}"' in page
    assert REASON in page


def test_merging_a_merged_record_is_refused_with_a_message(as_manager, officer, kept, duplicate, manager) -> None:  # noqa: ANN001
    third = person_create(created_by=officer, given_names="Alfy", family_name="Smith", date_of_birth=D(2015, 3, 7))
    merge(duplicate, kept, manager)
    duplicate.refresh_from_db()
    page = as_manager.get(f"/people/{third.pk}/merge/{duplicate.pk}/").content.decode()
    assert "A merged record cannot be merged again" in page
    page = as_manager.post(f"/people/{third.pk}/merge/{duplicate.pk}/", merge_post(third, duplicate)).content.decode()
    assert "has already been merged into the record of" in page
    assert PersonMerge.objects.count() == 1


def test_finding_another_record_needs_its_family_name(as_manager, kept) -> None:  # noqa: ANN001
    page = as_manager.post(f"/people/{kept.pk}/merge/", {"given_names": "Alfie", "family_name": ""}).content.decode()
    assert "There is a problem" in page
    assert "Enter the family name of the other record" in page
    assert 'value="Alfie"' in page


def test_another_record_is_found_by_name_to_compare_never_by_its_number(as_manager, kept, duplicate) -> None:  # noqa: ANN001
    page = as_manager.post(
        f"/people/{kept.pk}/merge/", {"given_names": "Alfie", "family_name": "Jones"}
    ).content.decode()
    assert "Records found by name" in page
    assert f'href="/people/{kept.pk}/merge/{duplicate.pk}/"' in page
    assert f"/people/{kept.pk}/merge/{kept.pk}/" not in page  # not the record itself
    assert f"record {duplicate.pk}" not in page.lower()
    page = as_manager.post(f"/people/{kept.pk}/merge/", {"family_name": "Nobody-Here"}).content.decode()
    assert "No other record with that name was found" in page


def test_these_are_different_people_is_recorded_with_a_reason(as_manager, kept, duplicate) -> None:  # noqa: ANN001
    url = f"/people/{kept.pk}/merge/{duplicate.pk}/"
    page = as_manager.post(url, {"action": "distinct", "distinct-reason": ""}).content.decode()
    assert "Enter why these are different people" in page
    assert not DistinctPair.objects.exists()
    response = as_manager.post(url, {"action": "distinct", "distinct-reason": "Different mothers"})
    assert response.url == f"/people/{kept.pk}/"
    assert DistinctPair.objects.get().reason == "Different mothers"
    page = as_manager.get(f"/people/{kept.pk}/merge/").content.decode()
    assert f"/people/{kept.pk}/merge/{duplicate.pk}/" not in page


def test_manager_undoes_a_merge_from_the_confirmation_page(as_manager, kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    url = f"/people/{kept.pk}/merges/{made.pk}/undo/"
    page = as_manager.get(url).content.decode()
    assert REASON in page
    page = as_manager.post(url, {"reason": ""}).content.decode()
    assert "Enter the reason for undoing this merge" in page
    response = as_manager.post(url, {"reason": "Two different boys"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/people/{kept.pk}/"
    assert "Merge undone" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert "This merge was undone" in as_manager.get(url).content.decode()


def test_an_undo_url_for_another_records_merge_is_not_found(as_manager, officer, kept, duplicate, manager) -> None:  # noqa: ANN001
    made = merge(duplicate, kept, manager)
    assert as_manager.get(f"/people/{duplicate.pk}/merges/{made.pk}/undo/").status_code == 404


def test_caseworkers_do_not_see_the_merge_button(client, kept, officer) -> None:  # noqa: ANN001
    client.force_login(officer)
    assert "Merge with another record" not in client.get(f"/people/{kept.pk}/").content.decode()


@pytest.mark.parametrize("role", [Role.INFORMATION_OFFICER, Role.DUTY_SOCIAL_WORKER, Role.HEAD_OF_SERVICE])
def test_a_non_manager_cannot_merge_or_undo_by_posting(client, make_user, kept, duplicate, manager, role) -> None:  # noqa: ANN001
    client.force_login(make_user(role, username=f"x-{role}"))
    response = client.post(f"/people/{kept.pk}/merge/{duplicate.pk}/", merge_post(kept, duplicate))
    assert response.status_code == 404
    assert not PersonMerge.objects.exists()
    made = merge(duplicate, kept, manager)
    assert client.post(f"/people/{kept.pk}/merges/{made.pk}/undo/", {"reason": "x"}).status_code == 404
    made.refresh_from_db()
    assert made.undone_at is None


# R-ACC-1: the merge pages are for team managers; everybody else gets 404, the anonymous the sign-in page.
MERGE_PAGES = [
    "/people/{kept}/merge/",
    "/people/{kept}/merge/{duplicate}/",
    "/people/{kept}/merges/{merge}/undo/",
]


@pytest.mark.parametrize("url", MERGE_PAGES)
@pytest.mark.parametrize("role", [*Role.values, None])
def test_permission_matrix_of_the_merge_pages(client, make_user, officer, manager, url, role) -> None:  # noqa: ANN001
    kept = person_create(created_by=officer, given_names="Alfred", family_name="Smith", date_of_birth=D(2015, 3, 7))
    dup = person_create(created_by=officer, given_names="Alfie", family_name="Smith", date_of_birth=D(2015, 3, 7))
    other = person_create(created_by=officer, given_names="Alfy", family_name="Smith", date_of_birth=D(2015, 3, 7))
    made = merge(other, kept, manager)
    target = url.format(kept=kept.pk, duplicate=dup.pk, merge=made.pk)
    if role is None:
        response = client.get(target)
        assert response.status_code == 302
        assert "/accounts/sign-in/" in response.url
        return
    user = {Role.TEAM_MANAGER: manager, Role.INFORMATION_OFFICER: officer}.get(role) or make_user(
        role, agency="police" if role == Role.MASH_PARTNER else ""
    )
    client.force_login(user)
    assert client.get(target).status_code == (200 if role == Role.TEAM_MANAGER else 404), (role, target)


def test_r_acc_1_the_comparison_logs_a_view_of_both_records(as_manager, manager, kept, duplicate) -> None:  # noqa: ANN001
    as_manager.get(f"/people/{kept.pk}/merge/{duplicate.pk}/")
    viewed = AuditEvent.objects.filter(action="viewed", actor=manager, object_type="people.person")
    assert set(viewed.values_list("object_id", flat=True)) == {str(kept.pk), str(duplicate.pk)}
