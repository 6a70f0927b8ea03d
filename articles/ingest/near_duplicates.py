"""Syndicated copies: the same wire story republished with small edits.

Each article gets a MinHash signature over word 3-shingles of its normalized body
(datasketch). Locality-sensitive hashing splits the signature into bands; two
articles that share a band key are candidates, stored in an indexed array column
so PostgreSQL finds them (`lsh_bands && ARRAY[...]`). A candidate whose estimated
Jaccard similarity reaches the threshold is the same story.

With 64 permutations in 16 bands of 4, pairs at similarity 0.5 become candidates
with probability 1 − (1 − 0.5⁴)¹⁶ ≈ 0.64 and pairs at 0.7 with ≈ 0.98.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from datasketch import MinHash

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE_WORDS = 3
SAME_STORY = 0.5  # estimated Jaccard similarity from which two articles are one story
_SEED = 20201110


class Signature(NamedTuple):
    minhash: list[int]
    bands: list[int]


def signature(normalized_text: str) -> Signature:
    words = normalized_text.split()
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    minhash = _empty_minhash().copy()
    minhash.update_batch(list(shingles))
    values = [int(v) for v in minhash.hashvalues]
    return Signature(values, [_band_key(b, values[b * ROWS : (b + 1) * ROWS]) for b in range(BANDS)])


@cache
def _empty_minhash() -> MinHash:
    """Drawing the permutations costs more than hashing a short article: done once."""
    from datasketch import MinHash  # imported here: the package takes over a second to load

    return MinHash(num_perm=PERMUTATIONS, seed=_SEED)


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def _band_key(band: int, rows: list[int]) -> int:
    digest = hashlib.blake2b(repr((band, rows)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
