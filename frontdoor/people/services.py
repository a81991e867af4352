"""Writes to the person index."""

import datetime

from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

from .keys import person_keys_refresh
from .models import Address, Person, normalise_name, normalise_postcode


def person_normalise(person: Person) -> None:
    person.given_names_norm = normalise_name(person.given_names)
    person.family_name_norm = normalise_name(person.family_name)


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
    audit_record(actor=created_by, action="person.created", obj=person)
    return person
