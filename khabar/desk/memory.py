"""Translation memory look-up: exact first, then fuzzy (rapidfuzz) at 75% or more.

Exact matches come from an indexed hash of the normalised English. Fuzzy look-up
cannot score every stored segment (200,000 ``fuzz.ratio`` calls take seconds), so an
in-process index narrows the field first:

1. a word index (numpy posting arrays) counts, for every segment, how many of the
   query's distinct words it shares; words found in more than 10% of the memory are
   too common to discriminate and are ignored when rarer ones exist;
2. a length band: a ``fuzz.ratio`` of 75 or more is impossible between strings whose
   lengths differ by more than a factor of 0.6 (ratio = 2·matches / (a + b), matches ≤ min);
3. the ``CANDIDATES`` segments sharing the most words (and at least 30% of them) are
   scored with rapidfuzz and the best above the threshold returned with their score.

Step 1 makes the search approximate: a segment sharing few words with the query is
never scored, which only loses matches that a translator would not want anyway.

The index catches up with rows added since it was built by one indexed query
(``id > last seen``) per look-up, so it stays right in every worker process without a
shared cache; rows removed or re-targeted are read back from the database for the few
candidates returned.

Building it reads every stored segment (bench/README.md "Desk" has the measured cost), so each
server worker builds it in the background as it starts (``warm_up``, which the desk registers
with ``khabar.core.warmup`` for ``khabar serve``): the first translator of the day does not wait
for it. A look-up arriving during the build waits for it on the index lock instead of starting
another.
"""

import logging
import re
import threading
import time
from dataclasses import dataclass

import numpy as np
from django.db import connections
from rapidfuzz import fuzz, process

from .models import MemorySegment
from .models.memory import lookup_form, lookup_key

logger = logging.getLogger(__name__)

FUZZY_THRESHOLD = 75
CANDIDATES = 300
_BAND = 0.6
_COMMON = 0.10
_MIN_SHARED = 0.3
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class MemoryMatch:
    segment: MemorySegment
    score: float  # 100 for an exact match

    @property
    def exact(self) -> bool:
        return self.score >= 100


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


class MemoryIndex:
    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self):
        self.texts: list[str] = []
        self.ids: list[int] = []
        self.lengths = np.zeros(0, dtype=np.int32)
        self.postings: dict[str, np.ndarray] = {}
        self.recent: dict[str, list[int]] = {}
        self.last_id = 0

    def __len__(self):
        return len(self.texts)

    def _build(self):
        """Posting arrays for every word: the positions of the segments that contain it."""
        word_ids: dict[str, int] = {}
        word_column: list[int] = []
        counts: list[int] = []
        for text in self.texts:
            ids = [word_ids.setdefault(word, len(word_ids)) for word in _words(text)]
            word_column.extend(ids)
            counts.append(len(ids))
        segment_column = np.repeat(np.arange(len(self.texts), dtype=np.int32), counts)
        words = np.asarray(word_column, dtype=np.int32)
        segments = np.asarray(segment_column, dtype=np.int32)
        order = np.argsort(words, kind="stable")
        words, segments = words[order], segments[order]
        bounds = np.searchsorted(words, np.arange(len(word_ids) + 1))
        self.postings = {word: segments[bounds[i] : bounds[i + 1]] for word, i in word_ids.items()}
        self.recent = {}
        self.lengths = np.fromiter((len(t) for t in self.texts), dtype=np.int32, count=len(self.texts))

    def _append(self, pk: int, text: str):
        position = len(self.texts)
        self.texts.append(text)
        self.ids.append(pk)
        self.lengths = np.append(self.lengths, np.int32(len(text)))
        for word in _words(text):
            self.recent.setdefault(word, []).append(position)

    def refresh(self):
        """Take in segments stored since the last refresh (all of them the first time)."""
        with self._lock:
            rows = (
                MemorySegment.objects.filter(pk__gt=self.last_id)
                .order_by("pk")
                .values_list("pk", "normalized")
            )
            rows = list(rows.iterator(chunk_size=5000))
            if not rows:
                return
            if len(rows) > 1000 or not self.texts:
                self.ids += [pk for pk, _ in rows]
                self.texts += [text for _, text in rows]
                self._build()
            else:
                for pk, text in rows:
                    self._append(pk, text)
            self.last_id = rows[-1][0]

    def candidates(self, query: str, limit: int, cutoff: float) -> list[tuple[int, float]]:
        """(segment id, score) of the best fuzzy matches of a normalised ``query``."""
        if not self.texts:
            return []
        common = max(50, int(len(self.texts) * _COMMON))
        lists = []
        for word in _words(query):
            found = self.postings.get(word)
            recent = self.recent.get(word)
            size = (0 if found is None else len(found)) + len(recent or ())
            if size:
                lists.append((size, found, recent))
        rare = [entry for entry in lists if entry[0] <= common] or lists
        if not rare:
            return []
        arrays = [found for _, found, _ in rare if found is not None]
        arrays += [np.asarray(recent, dtype=np.int32) for _, _, recent in rare if recent]
        shared = np.bincount(np.concatenate(arrays), minlength=len(self.texts))
        n = len(query)
        outside = (self.lengths < int(n * _BAND)) | (self.lengths > int(n / _BAND) + 1)
        shared[outside] = 0
        need = max(1, int(len(rare) * _MIN_SHARED))
        hopeful = np.flatnonzero(shared >= need)
        if len(hopeful) > CANDIDATES:
            best = np.argpartition(shared[hopeful], -CANDIDATES)[-CANDIDATES:]
            hopeful = hopeful[best]
        choices = [self.texts[i] for i in hopeful]
        found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return [(self.ids[hopeful[i]], score) for _, score, i in found]


_index = MemoryIndex()


def index() -> MemoryIndex:
    return _index


def warm_up() -> threading.Thread:
    """Build this process's index in a background thread, and return the thread."""

    def build():
        started = time.perf_counter()
        try:
            _index.refresh()
            logger.info(
                "translation memory: fuzzy index of %d segments built in %.1f s",
                len(_index),
                time.perf_counter() - started,
            )
        except Exception:
            # The first look-up will try again; a server must start even if this fails.
            logger.exception("translation memory: building the fuzzy index at start-up failed")
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=build, name="translation-memory-warm-up", daemon=True)
    thread.start()
    return thread


def lookup(source: str, limit: int = 3, threshold: float = FUZZY_THRESHOLD) -> list[MemoryMatch]:
    """Exact matches first (newest first), then fuzzy ones, best score first."""
    return lookup_many([source], limit, threshold)[0]


def lookup_many(
    sources: list[str], limit: int = 3, threshold: float = FUZZY_THRESHOLD, *, fuzzy: bool = True
) -> list[list[MemoryMatch]]:
    """``lookup`` for every paragraph of a story, in three queries whatever its length.

    With ``fuzzy=False``, exact matches only: one query, and the fuzzy index is not touched.
    """
    queries = [lookup_form(source) for source in sources]
    keys = [lookup_key(source) for source in sources]
    exact_rows: dict[str, list[MemorySegment]] = {}
    wanted = {key for key, query in zip(keys, queries, strict=True) if query}
    if wanted:
        for segment in MemorySegment.objects.filter(source_key__in=wanted).order_by("-updated_at"):
            exact_rows.setdefault(segment.source_key, []).append(segment)
    results, scored = [], []
    for query, key in zip(queries, keys, strict=True):
        exact = exact_rows.get(key, [])[:limit] if query else []
        results.append([MemoryMatch(segment, 100.0) for segment in exact])
        scored.append({})
    pending = [i for i, query in enumerate(queries) if fuzzy and query and len(results[i]) < limit]
    if pending:
        _index.refresh()
        for i in pending:
            taken = {m.segment.pk for m in results[i]}
            found = _index.candidates(queries[i], limit + len(taken), threshold)
            scored[i] = {pk: score for pk, score in found if pk not in taken}
    ids = [pk for scores in scored for pk in scores]
    rows = MemorySegment.objects.in_bulk(ids) if ids else {}
    for matches, scores in zip(results, scored, strict=True):
        fuzzy = sorted(
            (MemoryMatch(rows[pk], round(score, 1)) for pk, score in scores.items() if pk in rows),
            key=lambda m: -m.score,
        )
        matches += fuzzy[: limit - len(matches)]
    return results


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
