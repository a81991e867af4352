"""Labelled pairs from the front door's own work (`MatchLabel`), for `frontdoor people train`.

Each is written by the service that makes the judgement, inside its transaction and covered by its
audit event (no event of its own): a worker picking a record for a person on a contact, recording a
new person despite likely matches, confirming two records are different people; a manager merging two
records or undoing a merge.
"""

import datetime

from django.utils import timezone

from frontdoor.accounts.models import User

from .models import Address, MatchLabel, Person

QUERY_KEYS = ("given_names", "family_name", "date_of_birth", "postcode", "nhs_number", "sex", "upn")


def typed_details(
    *,
    given_names: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    postcode: str = "",
    nhs_number: str = "",
    sex: str = "",
    upn: str = "",
    expected_date_of_birth: datetime.date | None = None,
) -> dict[str, str]:
    """What was typed, as a label keeps it (dates as ISO text, nothing left out)."""
    details = {
        "given_names": given_names.strip(),
        "family_name": family_name.strip(),
        "date_of_birth": date_of_birth.isoformat() if date_of_birth else "",
        "postcode": postcode.strip(),
        "nhs_number": nhs_number,
        "sex": sex if sex in ("M", "F") else "",
        "upn": upn,
    }
    if expected_date_of_birth:
        details["expected_date_of_birth"] = expected_date_of_birth.isoformat()
    return details


def record_details(person: Person) -> dict[str, str]:
    """A held record's details as they are now, in the same shape as what was typed."""
    current = Address.objects.filter(person=person, is_current=True).values_list("postcode", flat=True).first()
    return typed_details(
        given_names=person.given_names,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        postcode=current or "",
        nhs_number=person.nhs_number,
        sex=person.sex,
        upn=person.upn,
        expected_date_of_birth=person.expected_delivery_date if person.is_unborn else None,
    )


def label_record(
    *,
    source: MatchLabel.Source,
    same: bool,
    query: dict[str, str],
    person: Person,
    by: User | None,
    other: Person | None = None,
) -> MatchLabel:
    """One labelled pair. Callers hold the transaction of the service that made the judgement."""
    label = MatchLabel(
        source=source,
        same=same,
        query=query,
        person=person,
        other=other,
        recorded_at=timezone.now(),
        recorded_by=by,
    )
    label.full_clean()
    label.save()
    return label
