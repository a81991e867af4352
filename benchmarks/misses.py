"""Why the person search misses: every query whose person is not first, as retrieval or ranking, by change.

Usage: .venv/bin/python benchmarks/misses.py --db data/match2-1000000.sqlite3 --queries <queries.csv>
                                             [--limit N] [--show 40] [--out misses.csv]

A database built by `benchmarks/matching.py` (imported and trained) is searched with `people_search` as
the search page does. For each query about someone in the index whose person is not first, the miss is
put in one class:

- **not keyed**: the person shares no blocking key with the query (keys.py), so no cap could help;
- **capped**: in the query's blocks, but beyond the most candidates a search scores (`SCORED_CAP`);
- **first pass**: among the candidates, but beyond the first pass (`FIRST_PASS`) and another record was
  "likely" in it, so the rest were not scored;
- **ranking**: scored, and outranked (by band, then by weight).

Printed: the classes by the query's changes (`corruptions`), and for the ranking misses the evidence of
the person sought beside the record put first, so that a weight read wrongly can be seen.
"""

import argparse
import csv
import datetime
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:  # noqa: C901, PLR0915
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", type=int, default=40, help="print this many ranking misses with their evidence")
    parser.add_argument("--out", type=Path, default=None, help="write every miss to this CSV file")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{args.db.resolve()}"
    import django

    django.setup()
    from matching import read_queries

    from frontdoor.access.policy import people_searchable_by
    from frontdoor.accounts.models import User
    from frontdoor.demo.loader import ensure_users
    from frontdoor.people import selectors
    from frontdoor.people.matching import HELD_FIELDS, Details, Held, score_held
    from frontdoor.people.model import current_model
    from frontdoor.people.models import Person
    from frontdoor.people.query import usable_query

    ensure_users()
    user = User.objects.get(username="team_manager")
    people = people_searchable_by(user)
    model = current_model()
    queries = read_queries(args.queries)
    if args.limit:
        queries = queries[: args.limit]
    wanted = {q["expected_person_id"] for q in queries if q["expected_person_id"]}
    pk_of = dict(Person.objects.filter(source_id__in=wanted).values_list("source_id", "pk"))
    source_of = {pk: sid for sid, pk in pk_of.items()}

    classes: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    rows, shown = [], 0
    present = 0
    for q in queries:
        expected = q["expected_person_id"]
        if not expected:
            continue
        present += 1
        dob = datetime.date.fromisoformat(q["date_of_birth"]) if q["date_of_birth"] else None
        asked = Details(q["given_names"], q["family_name"], dob, q["postcode"], q["nhs_number"], q["sex"])
        found = selectors.people_search(user=user, **vars(asked), limit=5)
        ids = [c.person.source_id for c in found]
        if ids and ids[0] == expected:
            continue
        query, _ = usable_query(asked, datetime.date.today())  # noqa: DTZ011
        target = pk_of.get(expected)
        ordered = selectors.ordered_candidate_ids(people, query)
        cap, selectors.SCORED_CAP = selectors.SCORED_CAP, 10**7
        try:
            everyone = selectors.ordered_candidate_ids(people, query)
        finally:
            selectors.SCORED_CAP = cap
        if target not in everyone:
            kind = "not keyed"
        elif target not in ordered:
            kind = "capped"
        elif ordered.index(target) >= selectors.FIRST_PASS and found and found[0].band == "likely":
            kind = "first pass"
        else:
            kind = "ranking"
        where = everyone.index(target) + 1 if target in everyone else 0
        in5 = expected in ids
        classes[kind, in5] += 1
        for change in q["corruptions"].split(";") if q["corruptions"] else ["none"]:
            by_kind[change][kind] += 1
        row = {
            "class": kind,
            "in_top5": in5,
            "place_in_blocks": where,
            "candidates": len(everyone),
            "query": f"{q['given_names']} | {q['family_name']} | {q['date_of_birth'] or '-'} | {q['postcode'] or '-'}",
            "corruptions": q["corruptions"],
            "categories": q.get("categories", ""),
            "first": f"{found[0].person.given_names} {found[0].person.family_name} {found[0].band} {found[0].score:.3f}"
            if found
            else "",
        }
        rows.append(row)
        if kind == "ranking" and shown < args.show:
            shown += 1
            values = Person.objects.filter(pk=target).values_list(*HELD_FIELDS).get()
            mine = score_held(query, Held.from_row(*values), model)
            print(f"\n[{kind}] {row['query']}  [{q['corruptions']}] {q.get('categories', '')}")
            print(f"  sought: {values[0]} {values[1]} {values[3]} {values[4]}  w={mine.weight:.1f} {mine.band}")
            print("     " + "; ".join(f"{w} {v:+.1f}" for w, v in mine.evidence))
            if found:
                top = found[0]
                print(
                    f"  first:  {top.person.given_names} {top.person.family_name} {top.person.date_of_birth} "
                    f"{top.band} {top.score:.3f} ({source_of.get(top.person.pk, top.person.source_id)})"
                )
                print("     " + "; ".join(f"{w} {v:+.1f}" for w, v in top.evidence))
        elif kind != "ranking" and shown < args.show:
            shown += 1
            print(f"\n[{kind}] {row['query']}  [{q['corruptions']}] place {where} of {len(everyone)}")
    missed = sum(classes.values())
    print(f"\n{present} queries about people in the index; {missed} with the person not first")
    for (kind, in5), n in sorted(classes.items()):
        print(f"  {kind:10s} {'in top 5' if in5 else 'not in top 5':13s} {n}")
    print("\n| change | not keyed | capped | first pass | ranking |\n|---|---:|---:|---:|---:|")
    for change, c in sorted(by_kind.items(), key=lambda item: -sum(item[1].values())):
        print(f"| {change} | {c['not keyed']} | {c['capped']} | {c['first pass']} | {c['ranking']} |")
    if args.out:
        with args.out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["class"])
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()
