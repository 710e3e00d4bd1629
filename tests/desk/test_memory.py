"""Translation memory: storing approved pairs, exact and fuzzy look-up."""

import threading

import pytest
from django.db import connections

from khabar.desk import memory
from khabar.desk.models import MemorySegment

pytestmark = pytest.mark.django_db

SOURCE = "Russia's Federation Council ratified the treaty on Wednesday."
TARGET = "صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء."


@pytest.fixture(autouse=True)
def _fresh_index():
    memory.index().clear()
    yield
    memory.index().clear()


def test_remember_stores_a_pair_once_with_provenance(admin_user):
    first = memory.remember(SOURCE, TARGET, user=admin_user)
    again = memory.remember(SOURCE + "  ", " " + TARGET, user=admin_user)
    assert first.pk == again.pk
    assert MemorySegment.objects.count() == 1
    assert first.origin == "desk" and first.approved_by == admin_user
    assert memory.remember("", TARGET) is None and memory.remember(SOURCE, " ") is None


def test_exact_match_ignores_case_spacing_and_unicode_form():
    memory.remember(SOURCE, TARGET)
    [match] = memory.lookup("  russia's FEDERATION  Council ratified the treaty on Wednesday. ")
    assert match.exact and match.score == 100 and match.segment.target == TARGET


def test_fuzzy_match_reports_its_score_and_respects_the_threshold():
    memory.remember(SOURCE, TARGET)
    memory.remember("The weather in Moscow was cold.", "كان الطقس باردا في موسكو.")
    [match] = memory.lookup("Russia's Federation Council ratified the agreement on Thursday.")
    assert not match.exact
    assert 75 <= match.score < 100
    assert match.segment.target == TARGET
    assert memory.lookup("A completely different sentence about football.") == []


def test_exact_matches_come_before_fuzzy_ones_and_best_fuzzy_first():
    memory.remember(SOURCE, TARGET)
    memory.remember(SOURCE.replace("Wednesday", "Tuesday"), "… يوم الثلاثاء.")
    memory.remember(SOURCE.replace("ratified the treaty", "approved a deal"), "… وافق على اتفاق")
    matches = memory.lookup(SOURCE)
    assert matches[0].exact and matches[0].segment.target == TARGET
    assert [m.score for m in matches[1:]] == sorted((m.score for m in matches[1:]), reverse=True)
    assert all(m.score >= 75 for m in matches)


def test_index_catches_up_with_rows_added_after_it_was_built():
    memory.remember(SOURCE, TARGET)
    assert memory.lookup(SOURCE + " Officials said.")  # builds the index
    MemorySegment.objects.create(
        source="Kyiv was hit by drones overnight.", target="تعرضت كييف لهجوم بمسيرات ليلا."
    )
    [match] = memory.lookup("Kyiv was hit by drones overnight, officials said.")
    assert match.segment.target.startswith("تعرضت كييف")


def test_deleted_rows_are_not_returned_from_a_stale_index():
    segment = memory.remember(SOURCE, TARGET)
    assert memory.lookup(SOURCE + " Officials said.")
    segment.delete()
    assert memory.lookup(SOURCE + " Officials said.") == []


def test_lookup_query_count_is_bounded(django_assert_max_num_queries):
    for i in range(50):
        memory.remember(f"{SOURCE} Item {i}.", f"{TARGET} {i}")
    memory.lookup(SOURCE)
    with django_assert_max_num_queries(3):
        matches = memory.lookup(SOURCE + " Item 7")
    assert len(matches) == 3


# Committed rows: the warm-up thread reads through its own database connection.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_server_workers_build_the_index_in_the_background_as_they_start():
    from khabar.core.warmup import worker_started

    for i in range(20):
        memory.remember(f"{SOURCE} Item {i}.", f"{TARGET} {i}")
    assert len(memory.index()) == 0
    [thread] = worker_started()  # what each `khabar serve` worker process calls as it starts
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(memory.index()) == 20  # built before any look-up
    last = memory.index().last_id
    [match, *_] = memory.lookup(SOURCE + " Item 7, officials said.")
    assert match.segment.target == f"{TARGET} 7"
    assert memory.index().last_id == last and len(memory.index()) == 20  # nothing rebuilt or added


class WatchedLock:
    """The index's lock, telling the test when a thread asks for it while another is building."""

    def __init__(self, builders):
        self.lock = threading.Lock()
        self.builders = builders  # names of the threads that entered a build
        self.asked_by_another = threading.Event()

    def __enter__(self):
        if self.builders and threading.current_thread().name not in self.builders:
            self.asked_by_another.set()
        return self.lock.__enter__()

    def __exit__(self, *exc):
        return self.lock.__exit__(*exc)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_look_up_during_the_warm_up_does_not_build_the_index_a_second_time(monkeypatch):
    """The look-up arrives while the warm-up is inside its build (both are held there by events, so the
    two calls overlap whatever the machine's speed), waits for it, and uses the index it built."""
    for i in range(5):
        memory.remember(f"{SOURCE} Item {i}.", f"{TARGET} {i}")
    building, finish = threading.Event(), threading.Event()
    builds = []
    build = memory.MemoryIndex._build

    def held_build(self):
        builds.append(threading.current_thread().name)
        building.set()
        assert finish.wait(30), "the test never let the build finish"
        build(self)

    monkeypatch.setattr(memory.MemoryIndex, "_build", held_build)
    lock = WatchedLock(builds)
    monkeypatch.setattr(memory.index(), "_lock", lock)
    found = []

    def look_up():
        try:
            found.extend(memory.lookup(SOURCE + " Item 3, officials said."))
        finally:
            connections.close_all()  # this thread's own connection

    thread = memory.warm_up()
    try:
        assert building.wait(30), "the warm-up never started its build"
        looker = threading.Thread(target=look_up)
        looker.start()
        assert lock.asked_by_another.wait(30), "the look-up never reached the index"
        assert looker.is_alive() and not found  # queued behind the build, which still holds the lock
    finally:
        finish.set()
    thread.join(timeout=30)
    looker.join(timeout=30)
    assert not thread.is_alive() and not looker.is_alive()
    assert builds == [thread.name]  # built once, by the warm-up, not again by the look-up
    assert found and found[0].segment.target == f"{TARGET} 3"
    assert len(memory.index()) == 5
