"""Blocking keys: the indexed ways a record can be found, so a search of a million people reads a
few hundred rows instead of scanning names (R-CHK-1; ADR 0006).

Each key needs two of the person's own details to agree, so any one detail recorded wrongly still
leaves another key that finds the record:

- `d:<date of birth>:<initial sound>`       a misspelt name (typos, nicknames, placeholders), keyed once
                                            by the first sound of each given and each family name, so
                                            a date shared by thousands (a default date) stays small;
- `y:<family sound>:<year of birth>`        a wrong day or month of birth;
- `n:<given sound>:<family sound>`          a missing or wrong date of birth;
- `p:<postcode>`                            a misspelt name and a missing or wrong date of birth
                                            (a postcode holds a few households, so the block is small).

Family names are keyed as written, by each part of a double-barrelled name and by every previous
name. An unborn child's expected date of delivery is keyed as a date of birth is (R-INT-9), so a query
with that date, or with the child's date of birth once born, finds the record. The query side expands
a given name into its short and formal forms (Alfie → Alfred), swaps given and family names, swaps day
and month and moves the year by one either way; a date of birth in the future (query.py) is also looked
up as the family's year before, for a baby's year typed one too high.
"""

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone

from .matching import PLACEHOLDERS, Details, name_forms, sound
from .models import Person, PersonKey, normalise_name, normalise_postcode

MAX_GIVEN_TOKENS = 2


NAME_KEY = "n:"


def name_key(given_sound: str, family_sound: str) -> str:
    """The name key: a given name's sound and a family name's sound (`family_variants`). A prefix of it
    (a family sound cut short) reads a range of the key index."""
    return f"{NAME_KEY}{given_sound}:{family_sound}"


def family_variants(*names: str) -> set[str]:
    """The sounds of family names as written and of each part of a double-barrelled one."""
    out = set()
    for name in names:
        norm = normalise_name(name)
        if not norm:
            continue
        out.add(sound(norm))
        parts = norm.split()
        if len(parts) > 1:
            out.update(sound(p) for p in parts if len(p) > 1)
    return out


def given_tokens(given_names: str) -> list[str]:
    tokens = [t for t in normalise_name(given_names).split() if t not in PLACEHOLDERS]
    return tokens[:MAX_GIVEN_TOKENS]


def postcode_key(postcode: str) -> str:
    return "p:" + normalise_postcode(postcode)


def person_keys(
    *,
    given_names: str,
    family_name: str,
    other_names: Iterable[str],
    dob: datetime.date | None,
    postcodes: Iterable[str] = (),
    expected: datetime.date | None = None,
) -> set[str]:
    """The keys of a held record; `expected` is an unborn child's expected date of delivery."""
    families = family_variants(family_name, *other_names)
    givens = {sound(g) for g in given_tokens(given_names)}
    keys = {name_key(g, f) for g in givens for f in families}
    keys.update(postcode_key(p) for p in postcodes if p.strip())
    for day in {d for d in (dob, expected) if d is not None}:
        keys.update(f"d:{day.isoformat()}:{s[:1]}" for s in givens | families)
        keys.update(f"y:{f}:{day.year}" for f in families)
    return keys


def near_dates(dob: datetime.date) -> Iterator[datetime.date]:
    """The date, with day and month swapped, and a year either side."""
    yield dob
    for change in ({"day": dob.month, "month": dob.day}, {"year": dob.year + 1}, {"year": dob.year - 1}):
        try:
            yield dob.replace(**change)
        except ValueError:
            continue


def _key_years(dob: datetime.date) -> list[int]:
    """The years a query's date is looked up under: a date in the future also as the year before."""
    return [dob.year, dob.year - 1] if dob > timezone.localdate() else [dob.year]


def query_keys(query: Details) -> set[str]:
    """Every key under which the person the query describes may be held."""
    given, family = given_tokens(query.given_names), normalise_name(query.family_name)
    keys: set[str] = set()
    initials: set[str] = set()
    orders = [(given, family)]
    if given and family:
        orders.append((given_tokens(family), " ".join(given)))  # names written the wrong way round
    for first_names, family_name in orders:
        families = family_variants(family_name)
        sounds = {sound(form) for g in first_names for form in name_forms(g)}
        keys.update(name_key(s, f) for s in sounds for f in families)
        initials.update(s[:1] for s in sounds | families)
        if query.date_of_birth:
            keys.update(f"y:{f}:{year}" for f in families for year in _key_years(query.date_of_birth))
    if query.date_of_birth:
        keys.update(f"d:{day.isoformat()}:{i}" for day in near_dates(query.date_of_birth) for i in initials)
    if query.postcode.strip() and (given or family):
        keys.add(postcode_key(query.postcode))
    return keys


def match_columns(other_names: Iterable[str], postcodes: Iterable[str]) -> dict[str, str]:
    """The denormalised columns scoring reads (`Person.match_other_names`, `match_postcodes`)."""
    return {
        "match_other_names": ";".join(sorted({normalise_name(n) for n in other_names if n}))[:400],
        "match_postcodes": ";".join(sorted({normalise_postcode(p) for p in postcodes if p}))[:200],
    }


def person_keys_refresh(person_ids: Iterable[int], *, person_model: Any = Person, key_model: Any = PersonKey) -> int:
    """Recompute the keys and match columns of these people from their rows. Callers hold a transaction.

    The models can be passed in so that a migration can run it on its historical models.
    """
    ids = list(person_ids)
    people = person_model.objects.filter(pk__in=ids).prefetch_related("other_names", "addresses")
    key_model.objects.filter(person_id__in=ids).delete()
    rows: list[Any] = []
    updated: list[Any] = []
    for person in people:
        others = [n.family_name for n in person.other_names.all()]
        postcodes = [a.postcode for a in person.addresses.all()]
        keys = person_keys(
            given_names=person.given_names,
            family_name=person.family_name,
            other_names=others,
            dob=person.date_of_birth,
            postcodes=postcodes,
            expected=person.expected_delivery_date if person.is_unborn else None,
        )
        rows.extend(key_model(person_id=person.pk, key=k) for k in keys)
        for name, value in match_columns(others, postcodes).items():
            setattr(person, name, value)
        updated.append(person)
    person_model.objects.bulk_update(updated, ["match_other_names", "match_postcodes"], batch_size=500)
    key_model.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def people_reindex(
    *,
    person_ids: Iterable[int] | None = None,
    person_model: Any = Person,
    key_model: Any = PersonKey,
    chunk: int = 5000,
) -> int:
    """Rebuild the keys of these people, or of everyone (after a migration, or `frontdoor people reindex`),
    a chunk at a time."""
    if person_ids is None:
        person_ids = person_model.objects.order_by("pk").values_list("pk", flat=True)
    ids = list(person_ids)
    return sum(
        person_keys_refresh(ids[i : i + chunk], person_model=person_model, key_model=key_model)
        for i in range(0, len(ids), chunk)
    )
