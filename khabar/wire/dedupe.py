"""Near-duplicate grouping: MinHash signatures (datasketch) banded into a database LSH index.

datasketch computes the signatures and chooses the band layout for the
threshold; the bands themselves live in the ``WireBand`` table rather than in
datasketch's in-memory ``MinHashLSH``, so the index survives restarts, is shared
by the web process and the worker, and needs no Redis. Candidates from a shared
band are confirmed by the estimated Jaccard similarity of the stored signatures.
"""

import hashlib
import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

from khabar.arabic.normalize import normalize
from khabar.core.markup import strip_tags

NUM_PERM = 64
THRESHOLD = 0.5
_LAYOUT = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS, ROWS = _LAYOUT.b, _LAYOUT.r
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1)
# Reusing one set of permutations saves generating them per story.
_PERMUTATIONS, _SCHEME = _TEMPLATE.permutations, _TEMPLATE.scheme
_WORD = re.compile(r"\w+")


# The lead of a story decides whether it is a rewrite; comparing only its first
# few thousand characters keeps grouping cost flat for long features.
LEAD_CHARS = 1500


def story_text(headline: str, body_html: str) -> str:
    """Headline and lead as one normalised string (Arabic folded, Latin lower-cased)."""
    return normalize(f"{headline} {strip_tags(body_html[: LEAD_CHARS * 2], sanitized=True)}"[:LEAD_CHARS])


def signature(text: str) -> np.ndarray | None:
    """The MinHash of the text's word pairs; None for texts too short to compare."""
    words = _WORD.findall(text)
    if len(words) < 4:
        return None
    shingles = {f"{a} {b}".encode() for a, b in zip(words, words[1:], strict=False)}
    # CRC-32 (C, stable across processes) instead of datasketch's default SHA-1: the
    # permutations do the mixing, and hashing shingles was a large part of ingest time.
    minhash = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme=_SCHEME, hashfunc=zlib.crc32)
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (the band number is part of the key)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes() + bytes([band])
        keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_bytes(sig: np.ndarray | None) -> bytes | None:
    return None if sig is None else sig.tobytes()


def from_bytes(data) -> np.ndarray | None:
    return None if not data else np.frombuffer(bytes(data), dtype=np.uint32)
