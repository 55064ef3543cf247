"""Ids made in bulk look exactly like the ones made one at a time: random UUID4 strings."""

from __future__ import annotations

import uuid
from collections import Counter

from persistence.tables import new_id, new_ids


def test_bulk_ids_are_canonical_random_uuid4_strings() -> None:
    ids = new_ids(4000)

    parsed = [uuid.UUID(i) for i in ids]
    assert len(set(ids)) == 4000
    assert all(str(p) == i for p, i in zip(parsed, ids, strict=True))
    assert {p.version for p in parsed} == {4}
    assert {p.variant for p in parsed} == {uuid.RFC_4122}
    assert len(new_id()) == len(ids[0]) == 36


def test_bulk_ids_use_every_variant_digit() -> None:
    variants = Counter(i[19] for i in new_ids(4000))

    assert set(variants) == set("89ab")
    assert min(variants.values()) > 800  # about 1,000 each


def test_no_ids_for_none() -> None:
    assert new_ids(0) == []
