"""Writes to the person index."""

import datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.access.services import lock_down_requests_check
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError, StaleEdit

from .keys import person_keys_refresh
from .models import Address, Person, Sex, normalise_name, normalise_postcode


def person_normalise(person: Person) -> None:
    person.given_names_norm = normalise_name(person.given_names)
    person.family_name_norm = normalise_name(person.family_name)


@service
@transaction.atomic
def person_create(
    *,
    created_by: User | None,
    given_names: str,
    family_name: str,
    date_of_birth: datetime.date | None = None,
    sex: str = "U",
    is_unborn: bool = False,
    expected_delivery_date: datetime.date | None = None,
    address: str = "",
    postcode: str = "",
    school: str = "",
    **extra: object,
) -> Person:
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        # R-INT-9: a search accepts a future date (query.py); a record is born, or unborn with an expected date.
        raise ServiceError(
            "A date of birth cannot be in the future: for an unborn child give the expected date of delivery.",
            field="date_of_birth",
        )
    person = Person(
        given_names=given_names.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        is_unborn=is_unborn,
        expected_delivery_date=expected_delivery_date,
        school=school,
        created_by=created_by,
        updated_by=created_by,
        **extra,
    )
    person_normalise(person)
    person.full_clean()
    person.save()
    if address or postcode:
        Address.objects.create(
            person=person,
            line=address or "Address not known",
            postcode=postcode,
            postcode_norm=normalise_postcode(postcode),
        )
    person_keys_refresh([person.pk])
    # R-ACC-2: a lock-down asked for before the child had a record holds from the record's first moment.
    lock_down_requests_check([person.pk])
    audit_record(actor=created_by, action=AuditAction.PERSON_CREATED, obj=person)
    return person


@service
@transaction.atomic
def person_record_birth(
    *,
    person: Person,
    by: User,
    date_of_birth: datetime.date,
    sex: str,
    given_names: str = "",
    version: int | None = None,
) -> Person:
    """R-INT-9: the baby is born. The unborn record becomes a born child; the expected date is kept."""
    if date_of_birth is None:
        raise ServiceError("Enter the baby's date of birth.", field="date_of_birth")
    if date_of_birth > timezone.localdate():
        raise ServiceError("The date of birth cannot be in the future.", field="date_of_birth")
    if sex not in Sex.values:
        raise ServiceError("Select the baby's sex, or 'Not known'.", field="sex")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if version is not None and person.version != version:
        raise StaleEdit("Someone else changed this record after you opened it: check it and try again.")
    if not person.is_unborn:
        raise ServiceError(f"{person.full_name} is already recorded as born.")
    edd = person.expected_delivery_date
    if edd is not None and abs((date_of_birth - edd).days) > 120:
        raise ServiceError(
            f"The date of birth is more than four months from the expected date of delivery ({edd.day} {edd:%B %Y}): "
            "check both dates.",
            field="date_of_birth",
        )
    person.is_unborn, person.date_of_birth, person.sex = False, date_of_birth, sex
    if given_names.strip():
        person.given_names = given_names.strip()
    person_normalise(person)
    person.version += 1
    person.updated_by = by
    person.full_clean()
    person.save()
    person_keys_refresh([person.pk])
    # R-ACC-2: the baby now has a name and a date of birth, so may be the child of a waiting lock-down request.
    lock_down_requests_check([person.pk])
    audit_record(
        actor=by,
        action=AuditAction.PERSON_BORN,
        obj=person,
        detail={"date_of_birth": date_of_birth.isoformat(), "expected_delivery_date": edd.isoformat() if edd else None},
    )
    return person
