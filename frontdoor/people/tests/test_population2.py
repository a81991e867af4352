"""The second synthetic population (benchmarks/population2.py): the same files for a seed, and rows the
import accepts (the benchmark that measures matching on it would otherwise measure nothing)."""

import csv
import datetime
import importlib.util
import sys
from pathlib import Path

from frontdoor.people.importer import parse_row

SOURCE = Path(__file__).resolve().parents[3] / "benchmarks" / "population2.py"
REFERENCE = datetime.date.today().replace(day=1)  # noqa: DTZ011 - the generator's own convention


def _population2():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("population2", SOURCE)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["population2"] = module
    spec.loader.exec_module(module)
    return module


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_population2_is_reproducible_for_a_seed_and_imports_cleanly(tmp_path: Path) -> None:
    population2 = _population2()
    first = population2.generate(tmp_path / "a", 1500, 150, seed=3, reference=REFERENCE)
    again = population2.generate(tmp_path / "b", 1500, 150, seed=3, reference=REFERENCE)
    other = population2.generate(tmp_path / "c", 1500, 150, seed=4, reference=REFERENCE)
    for made, remade in zip(first, again, strict=True):
        assert made.read_bytes() == remade.read_bytes()
    assert first[0].read_bytes() != other[0].read_bytes()

    people, queries = _rows(first[0]), _rows(first[1])
    assert len(people) == 1500
    assert len(queries) == 150
    errors = []
    for line, raw in enumerate(people, 2):
        try:
            parse_row(line, raw)
        except ValueError as error:
            errors.append((line, str(error)))
    assert errors == []
    ids = {p["person_id"] for p in people}
    assert len(ids) == 1500
    assert {q["expected_person_id"] for q in queries if q["expected_person_id"]} <= ids
    absent = [q for q in queries if not q["expected_person_id"]]
    assert 0.10 <= len(absent) / len(queries) <= 0.20
    assert any(p["expected_date_of_birth"] and not p["date_of_birth"] for p in people)  # unborn children
