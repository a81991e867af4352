"""R-CHK-1: every judgement the front door makes about a search answer is kept as a labelled pair
(`MatchLabel`) by the service that makes it, in its transaction, with no audit event of its own."""

import datetime

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.services import ChildInput, contact_add_person
from frontdoor.people.merging import people_confirm_distinct, person_merge, person_merge_undo
from frontdoor.people.models import MatchLabel, Person
from frontdoor.people.services import person_create

pytestmark = pytest.mark.django_db
D = datetime.date
S = MatchLabel.Source


@pytest.fixture
def alfred(officer) -> Person:  # noqa: ANN001
    return person_create(
        created_by=officer, given_names="Alfred", family_name="Smith", date_of_birth=D(2015, 3, 7), postcode="CB1 2AB"
    )


@pytest.fixture
def alfie(officer) -> Person:  # noqa: ANN001
    return person_create(
        created_by=officer, given_names="Alfie", family_name="Jones", date_of_birth=D(2015, 3, 7), postcode="PE13 1AA"
    )


def labels() -> list[tuple]:
    return list(
        MatchLabel.objects.order_by("pk").values_list("source", "same", "person_id", "other_id", "recorded_by_id")
    )


def test_r_chk_1_picking_a_record_on_a_contact_keeps_what_was_typed_and_no_event_of_its_own(
    record,  # noqa: ANN001
    officer,  # noqa: ANN001
    alfred,  # noqa: ANN001
) -> None:
    start = AuditEvent.objects.count()
    record([ChildInput(person_id=alfred.pk)])  # nothing typed: nothing to learn from
    assert labels() == []
    middle = AuditEvent.objects.count()
    typed = ChildInput(person_id=alfred.pk, given_names="Alfie", family_name="Smyth", date_of_birth=D(2015, 7, 3))
    record([typed])
    assert labels() == [(S.PICKED, True, alfred.pk, None, officer.pk)]
    label = MatchLabel.objects.get()
    assert (label.query["given_names"], label.query["date_of_birth"]) == ("Alfie", "2015-07-03")
    assert AuditEvent.objects.count() - middle == middle - start


def test_r_chk_1_a_new_person_despite_likely_matches_labels_each_match_as_not_them(
    record,  # noqa: ANN001
    officer,  # noqa: ANN001
    alfred,  # noqa: ANN001
    alfie,  # noqa: ANN001
) -> None:
    child = ChildInput(
        given_names="Alfred",
        family_name="Smith",
        date_of_birth=D(2015, 3, 7),
        postcode="CB1 2AB",
        not_same_as=(alfred.pk, alfie.pk),
        not_same_reason="A different boy of the same name, new to the area",
    )
    contact = record([child])
    made = contact.people.get().person
    got = sorted(labels(), key=lambda row: row[2])
    assert got == sorted([(S.NOT_PICKED, False, p.pk, None, officer.pk) for p in (alfred, alfie)], key=lambda r: r[2])
    assert MatchLabel.objects.filter(person=made).count() == 0  # no second label for the same judgement
    assert {q["postcode"] for q in MatchLabel.objects.values_list("query", flat=True)} == {"CB1 2AB"}


def test_r_chk_1_adding_a_person_to_a_contact_by_picking_labels_it(record, officer, alfred) -> None:  # noqa: ANN001
    contact = record()
    before = labels()
    contact_add_person(
        contact=contact,
        by=officer,
        person=ChildInput(person_id=alfred.pk, given_names="Alf", family_name="Smith", role="household"),
    )
    assert labels()[len(before) :] == [(S.PICKED, True, alfred.pk, None, officer.pk)]


def test_r_chk_1_confirming_two_records_are_different_people_labels_the_pair_once(manager, alfred, alfie) -> None:  # noqa: ANN001
    people_confirm_distinct(first=alfie, second=alfred, confirmed_by=manager, reason="Different mothers")
    people_confirm_distinct(first=alfred, second=alfie, confirmed_by=manager, reason="Checked again")
    assert labels() == [(S.DISTINCT, False, alfred.pk, alfie.pk, manager.pk)]
    assert MatchLabel.objects.get().query["family_name"] == "Jones"


def test_r_chk_1_a_merge_and_its_undoing_are_labelled(manager, alfred, alfie) -> None:  # noqa: ANN001
    merge = person_merge(duplicate=alfie, kept=alfred, merged_by=manager, reason="Same NHS number")
    assert labels() == [(S.MERGED, True, alfred.pk, alfie.pk, manager.pk)]
    # The duplicate as it was judged, before its address moved to the kept record.
    assert MatchLabel.objects.get().query["postcode"] == "PE13 1AA"
    person_merge_undo(merge=merge, undone_by=manager, reason="Twins after all")
    assert labels()[1:] == [(S.MERGE_UNDONE, False, alfred.pk, alfie.pk, manager.pk)]


def test_r_chk_1_a_refused_merge_leaves_no_label(manager, alfred) -> None:  # noqa: ANN001
    from frontdoor.core.errors import ServiceError

    with pytest.raises(ServiceError):
        person_merge(duplicate=alfred, kept=alfred, merged_by=manager, reason="x")
    assert labels() == []
