"""Translation memory: storing approved pairs, exact and fuzzy look-up."""

import threading

import pytest

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
    from khabar.core.management.commands.serve import worker_started

    for i in range(20):
        memory.remember(f"{SOURCE} Item {i}.", f"{TARGET} {i}")
    assert len(memory.index()) == 0
    thread = worker_started(worker=None)  # what gunicorn calls in each worker (``post_worker_init``)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(memory.index()) == 20  # built before any look-up
    last = memory.index().last_id
    [match, *_] = memory.lookup(SOURCE + " Item 7, officials said.")
    assert match.segment.target == f"{TARGET} 7"
    assert memory.index().last_id == last and len(memory.index()) == 20  # nothing rebuilt or added


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_look_up_during_the_warm_up_does_not_build_the_index_a_second_time(monkeypatch):
    for i in range(5):
        memory.remember(f"{SOURCE} Item {i}.", f"{TARGET} {i}")
    builds = []
    build = memory.MemoryIndex._build
    monkeypatch.setattr(memory.MemoryIndex, "_build", lambda self: (builds.append(1), build(self)))
    with memory.index()._lock:  # hold the build back until the look-up is queued behind it
        thread = memory.warm_up()
        looker = threading.Thread(target=memory.lookup, args=(SOURCE + " Item 3, officials said.",))
        looker.start()
    thread.join(timeout=30)
    looker.join(timeout=30)
    assert builds == [1]
