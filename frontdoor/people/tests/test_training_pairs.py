"""R-CHK-1: `frontdoor people train` reads a blocking rule's pairs without holding them all (a million
people's blocks hold tens of millions), and learns from exactly the pairs, and the seeded sample of them,
that listing every pair would give: the same data and seed, the same model."""

import random
from itertools import combinations

import pytest

from frontdoor.people import training
from frontdoor.people.training import BlockPairs, blocked_pairs


def _every_pair(blocks: list[list[int]]) -> list[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for members in blocks:
        pairs.update(combinations(members, 2))
    return sorted(pairs)


def _blocks(rng: random.Random) -> list[list[int]]:
    """Blocks of ascending record ids, some records in several blocks (a person with two postcodes)."""
    people = rng.randint(2, 80)
    blocks = [sorted(rng.sample(range(people), rng.randint(2, min(people, 9)))) for _ in range(rng.randint(1, 20))]
    return blocks


def test_r_chk_1_the_pairs_of_a_rule_are_every_pair_of_its_blocks_in_order() -> None:
    rng = random.Random(5)
    for _ in range(300):
        blocks = _blocks(rng)
        every = _every_pair(blocks)
        pairs = BlockPairs(blocks)
        assert len(pairs) == len(every)
        assert list(pairs) == every
        assert [pairs[i] for i in range(len(pairs))] == every
        assert pairs[-1] == every[-1]
        with pytest.raises(IndexError):
            pairs[len(every)]


def test_r_chk_1_a_seeded_sample_of_the_pairs_is_the_sample_of_every_pair_listed() -> None:
    """`random.sample` draws the same places from the sequence as from the list, so the seed gives the same
    pairs, and leaves the generator in the same state for the next rule's sample."""
    rng = random.Random(8)
    for seed in range(100):
        blocks = _blocks(rng)
        every = _every_pair(blocks)
        k = rng.randint(0, len(every))
        listed, lazy = random.Random(seed), random.Random(seed)
        assert lazy.sample(BlockPairs(blocks), k) == listed.sample(every, k)
        assert lazy.random() == listed.random()


def test_r_chk_1_a_big_sample_reads_pairs_by_their_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """More pairs than `random.sample` would copy into a list (the case of a million people): drawn by
    place, the same as from the list."""
    blocks = [list(range(start, start + 40)) for start in range(0, 40 * 2_000, 40)]  # 1,560,000 pairs
    every = _every_pair(blocks)
    assert BlockPairs(blocks)[1_234_567] == every[1_234_567]
    assert random.Random(3).sample(BlockPairs(blocks), 50) == random.Random(3).sample(every, 50)


class _Held:
    def __init__(self, given: str, family: str) -> None:
        self.given, self.family, self.dob, self.postcodes = given, family, None, []


def test_r_chk_1_blocked_pairs_leave_out_big_blocks_and_sample_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(training, "MAX_BLOCK", 4)
    monkeypatch.setattr(training, "MAX_RULE_PAIRS", 5)
    people = {pk: _Held("Amy", "Smith") for pk in range(1, 6)}  # a block of five: too big
    people |= {pk: _Held("Jon", "Okafor") for pk in range(6, 10)}  # four: six pairs, sampled to five
    people |= {10: _Held("Zed", "Quill"), 11: _Held("Zed", "Quill")}
    every = [(6, 7), (6, 8), (6, 9), (7, 8), (7, 9), (8, 9), (10, 11)]
    got = blocked_pairs("names that sound the same", people, random.Random(1))  # type: ignore[arg-type]
    assert got == sorted(random.Random(1).sample(every, 5))
