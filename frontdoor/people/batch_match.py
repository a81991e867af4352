"""`frontdoor people match`: rank candidates for a file of queries, for migrations and testing.

An operational batch run over the whole index (not a user's browsing); it is audited as one event.
A date of birth in the future is searched as query.py says, its note first among each result's
reasons; only a row that cannot be searched at all (no name, date of birth or identifier, a date that is
not a date) is reported as skipped.
"""

import csv
from pathlib import Path

from django.utils import timezone

from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_operation

from .importer import ImportFileError, ImportResult, parse_date
from .matching import Details
from .models import Person
from .query import usable_query
from .selectors import rank_candidates

QUERY_COLUMNS = ("query_id", "given_names", "family_name", "date_of_birth")
RESULT_COLUMNS = ("query_id", "rank", "person_id", "score", "band", "reasons")


def _details(raw: dict[str, str]) -> tuple[Details, list[str]]:
    get = lambda k: (raw.get(k) or "").strip()  # noqa: E731
    if len(get("given_names")) > 100 or len(get("family_name")) > 100:
        raise ValueError("a name is longer than 100 characters")
    details = Details(
        get("given_names"),
        get("family_name"),
        parse_date(get("date_of_birth")),
        get("postcode"),
        "".join(get("nhs_number").split()),
        get("sex").upper(),
        "".join(get("upn").split()).upper(),
    )
    usable, notes = usable_query(details, timezone.localdate())
    if not usable.has_search_terms:
        if details.date_of_birth:
            raise ValueError(
                f"date_of_birth {details.date_of_birth.isoformat()} is more than a year ahead and the query "
                "gives nothing else to search on (a name, an NHS number or a UPN)"
            )
        raise ValueError("a query needs a name, a date of birth, an NHS number or a UPN")
    return usable, notes


def people_match(*, queries: Path, out: Path, top: int = 5) -> ImportResult:
    result = ImportResult()
    try:
        handle = queries.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ImportFileError(f"{queries}: {error.strerror}") from None
    with handle, out.open("w", encoding="utf-8", newline="") as target:
        reader, writer = csv.DictReader(handle), csv.writer(target)
        try:
            missing = [c for c in QUERY_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ImportFileError(f"{queries.name}: missing column(s): {', '.join(missing)}")
            writer.writerow(RESULT_COLUMNS)
            for raw in reader:
                try:
                    details, notes = _details(raw)
                except ValueError as error:
                    result.errors.append((reader.line_num, str(error)))
                    continue
                for rank, c in enumerate(rank_candidates(people=Person.objects.all(), query=details, limit=top), 1):
                    writer.writerow(
                        (
                            raw["query_id"],
                            rank,
                            c.person.source_id or c.person.pk,
                            f"{c.score:.3f}",
                            c.band,
                            "; ".join([*notes, *(f"{words} ({weight:+.1f})" for words, weight in c.evidence)]),
                        )
                    )
                result.created += 1
        except UnicodeDecodeError as error:
            raise ImportFileError(f"{queries.name}: not UTF-8 text (byte {error.start})") from None
    audit_operation(
        action=AuditAction.PEOPLE_MATCHED,
        object_type="people.match",
        object_id=queries.name,
        detail={"queries": result.created, "errors": len(result.errors)},
    )
    return result
