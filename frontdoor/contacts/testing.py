"""A valid "Record a contact" form submission, shared by the tests and the benchmarks."""

import uuid


def contact_form_data(**overrides: str) -> dict[str, str]:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "received_at": "2026-11-24T09:30",
        "channel": "phone",
        "referrer_kind": "professional",
        "referrer_name": "Sam Teacher",
        "referrer_agency": "Oak School",
        "reason": "Bruise on arm",
        "hh_domestic_abuse": "unknown",
        "hh_mental_illness": "unknown",
        "hh_substance_misuse": "unknown",
        "hh_learning_difficulties": "unknown",
        "parents_aware": "yes",
        "consent_status": "obtained",
        "consent_given_by": "Mum",
        "initial_rating": "amber",
        "child-0-given_names": "Bella",
        "child-0-family_name": "Jones",
        "child-0-date_of_birth_0": "1",
        "child-0-date_of_birth_1": "2",
        "child-0-date_of_birth_2": "2016",
        "child-0-sex": "F",
        "action": "record",
    }
    data.update(overrides)
    return data
