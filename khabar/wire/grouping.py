"""Near-duplicate grouping of filed items: MinHash band keys looked up and stored in SQL, so a rewrite of
a story from another agency joins the cluster of the first one seen (``khabar.wire.dedupe`` computes the
signatures)."""

from django.db import connection

from . import dedupe
from .models import WireBand, WireItem
from .sql import select_in, table


def group(items: list[WireItem], signatures: dict, changed_pks, old_signatures: dict) -> None:
    """Give each item the cluster of the first near-duplicate found, in the database or in this batch."""
    for item in items:
        if item.pk in changed_pks and item.pk in old_signatures:
            # Band rows are found by key (the only index), from the signature being replaced.
            WireBand.objects.filter(
                key__in=dedupe.band_keys(old_signatures[item.pk]), item_id=item.pk
            ).delete()
    keys_of = {id(i): dedupe.band_keys(signatures[id(i)]) for i in items if signatures[id(i)] is not None}
    all_keys = {k for keys in keys_of.values() for k in keys}
    stored = {}
    for key, item_id in select_in(WireBand, "key, item_id", "key", all_keys):
        stored.setdefault(key, set()).add(item_id)
    candidate_ids = set().union(*stored.values()) if stored else set()
    candidates = {}
    for pk, sig, cluster in select_in(WireItem, "id, signature, cluster_id", "id", candidate_ids):
        candidates[pk] = [dedupe.from_bytes(sig), cluster]
    bands, leads = [], {}
    for item in items:
        keys = keys_of.get(id(item))
        if not keys:
            continue
        sig = signatures[id(item)]
        match = None
        for key in keys:
            for other in stored.get(key, ()):
                if other != item.pk and candidates[other][0] is not None:
                    if dedupe.similarity(sig, candidates[other][0]) >= dedupe.THRESHOLD:
                        match = other
                        break
            if match:
                break
        if match:
            cluster = candidates[match][1] or match
            if candidates[match][1] is None:
                candidates[match][1] = leads[match] = cluster
            if item.cluster_id != cluster:
                item.cluster_id = cluster
                leads[item.pk] = cluster
        candidates[item.pk] = [sig, item.cluster_id]
        for key in keys:
            stored.setdefault(key, set()).add(item.pk)
            bands.append((key, item.pk))
    # Band rows and cluster ids go in with executemany: the ORM's per-object overhead was most of ingest time.
    with connection.cursor() as cursor:
        if bands:
            cursor.executemany(f"INSERT INTO {table(WireBand)} (key, item_id) VALUES (%s, %s)", bands)
        if leads:
            cursor.executemany(
                f"UPDATE {table(WireItem)} SET cluster_id = %s WHERE id = %s",
                [(cluster, pk) for pk, cluster in leads.items()],
            )


# Values of these column types go to the driver as they are; every other type is prepared by its field.
