"""Translation memory look-up: exact first, then fuzzy (rapidfuzz) at 75% or more.

Fuzzy look-up runs over an in-process index of every stored source segment,
sorted by length. A ``fuzz.ratio`` of 75 or more is impossible between strings
whose lengths differ by more than a factor of 0.6 (ratio = 2·matches / (a + b)
and matches ≤ min(a, b)), so only that length band is scored, with rapidfuzz's
C ``process.extract`` and a score cutoff. The index catches up with rows added
since it was built by one indexed query (``id > last seen``) per look-up, so it
stays right in every worker process without a shared cache; rows removed or
re-targeted are read back from the database for the few candidates returned.
"""

import bisect
import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .models import MemorySegment
from .models.memory import lookup_form, lookup_key

FUZZY_THRESHOLD = 75
_BAND = 0.6


@dataclass(frozen=True)
class MemoryMatch:
    segment: MemorySegment
    score: float  # 100 for an exact match

    @property
    def exact(self) -> bool:
        return self.score >= 100


class MemoryIndex:
    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self):
        self.lengths: list[int] = []
        self.texts: list[str] = []
        self.ids: list[int] = []
        self.last_id = 0

    def add(self, pk: int, normalized: str):
        at = bisect.bisect_right(self.lengths, len(normalized))
        self.lengths.insert(at, len(normalized))
        self.texts.insert(at, normalized)
        self.ids.insert(at, pk)
        self.last_id = max(self.last_id, pk)

    def refresh(self):
        """Load segments stored since the last refresh (all of them the first time)."""
        with self._lock:
            rows = (
                MemorySegment.objects.filter(pk__gt=self.last_id)
                .order_by("pk")
                .values_list("pk", "normalized")
            )
            rows = list(rows.iterator(chunk_size=5000))
            if not rows:
                return
            if len(rows) > 1000 or not self.ids:
                pairs = sorted(
                    [
                        *zip(self.lengths, self.texts, self.ids, strict=True),
                        *((len(t), t, pk) for pk, t in rows),
                    ]
                )
                self.lengths = [p[0] for p in pairs]
                self.texts = [p[1] for p in pairs]
                self.ids = [p[2] for p in pairs]
                self.last_id = max(self.last_id, rows[-1][0])
            else:
                for pk, text in rows:
                    self.add(pk, text)

    def candidates(self, query: str, limit: int, cutoff: float) -> list[tuple[int, float]]:
        """(segment id, score) of the best fuzzy matches of a normalised ``query``."""
        n = len(query)
        lo = bisect.bisect_left(self.lengths, int(n * _BAND))
        hi = bisect.bisect_right(self.lengths, int(n / _BAND) + 1)
        if lo >= hi:
            return []
        found = process.extract(query, self.texts[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return [(self.ids[lo + i], score) for _, score, i in found]


_index = MemoryIndex()


def index() -> MemoryIndex:
    return _index


def lookup(source: str, limit: int = 3, threshold: float = FUZZY_THRESHOLD) -> list[MemoryMatch]:
    """Exact matches first (newest first), then fuzzy ones, best score first."""
    query = lookup_form(source)
    if not query:
        return []
    exact = list(MemorySegment.objects.filter(source_key=lookup_key(source)).order_by("-updated_at")[:limit])
    matches = [MemoryMatch(segment, 100.0) for segment in exact]
    if len(matches) >= limit:
        return matches
    _index.refresh()
    found = _index.candidates(query, limit + len(exact), threshold)
    scores = {pk: score for pk, score in found if pk not in {s.pk for s in exact}}
    if scores:
        rows = MemorySegment.objects.in_bulk(list(scores))
        fuzzy = sorted(
            (MemoryMatch(rows[pk], round(score, 1)) for pk, score in scores.items() if pk in rows),
            key=lambda m: -m.score,
        )
        matches += fuzzy[: limit - len(matches)]
    return matches


def remember(
    source: str, target: str, *, origin: str = "desk", article=None, user=None
) -> MemorySegment | None:
    """Store an approved pair (once); returns the stored segment, or None for an empty pair."""
    if not source.strip() or not target.strip():
        return None
    probe = MemorySegment(source=source.strip(), target=target.strip())
    probe.fill_keys()
    segment, created = MemorySegment.objects.get_or_create(
        source_key=probe.source_key,
        target_key=probe.target_key,
        defaults={
            "source": probe.source,
            "target": probe.target,
            "origin": origin,
            "article": article,
            "approved_by": user,
        },
    )
    if not created:
        segment.save(update_fields=["updated_at"])
    return segment
