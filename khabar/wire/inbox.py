"""The inbox's view of items: one entry per story however many agencies sent it, and what the desk made of it.

Near-duplicates share ``WireItem.cluster_id`` (see ``dedupe``). The inbox shows the newest item of each
group among those the filters and search keep, and lists the others under it; every entry says whether
the story (any item of its group) is already used for an article.
"""

from django.db.models import F, Q, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from .models import ItemUse, WireItem


def _group_key():
    # Items never grouped stand alone: a negative key of their own can't meet a cluster id (a positive pk).
    return Coalesce(F("cluster_id"), Value(0) - F("pk"))


def fold_near_duplicates(queryset):
    """``queryset`` with one item per near-duplicate group: the newest one it holds."""
    newest = (
        queryset.order_by()
        .annotate(
            group_rank=Window(
                RowNumber(), partition_by=[_group_key()], order_by=[F("received_at").desc(), F("pk").desc()]
            )
        )
        .filter(group_rank=1)
        .values("pk")
    )
    return queryset.filter(pk__in=newest)


def annotate_entries(items, among=None) -> None:
    """Give each inbox entry ``folded`` (the other items of its group that ``among`` holds, i.e. that the
    inbox's filters keep; newest first) and ``desk_uses`` (articles made from any item of the whole group), in
    three queries for the whole page."""
    items = list(items)
    clusters = {item.cluster_id for item in items if item.cluster_id is not None}
    members = {}
    if clusters:
        others = (
            (WireItem.objects.all() if among is None else among)
            .filter(cluster_id__in=clusters)
            .select_related("source", "agency")
            .only(
                "pk",
                "cluster_id",
                "headline",
                "language",
                "received_at",
                "provider",
                "source__name",
                "agency__name",
                "agency__credit",
            )  # fmt: skip
            .order_by("-received_at", "-pk")
        )
        for other in others:
            members.setdefault(other.cluster_id, []).append(other)
    for item in items:
        item.folded = [o for o in members.get(item.cluster_id, []) if o.pk != item.pk]
        item.desk_uses = []
    by_item = {item.pk: item for item in items}
    by_cluster = {item.cluster_id: item for item in items if item.cluster_id is not None}
    uses = (
        ItemUse.objects.filter(Q(item_id__in=by_item) | Q(item__cluster_id__in=by_cluster))
        .select_related("article", "item")
        .only("item_id", "item__cluster_id", "article__title", "article__draft_title", "created_at")
        .order_by("created_at")
    )
    for use in uses:
        entry = by_item.get(use.item_id) or by_cluster.get(use.item.cluster_id)
        if entry is not None:
            entry.desk_uses.append(use)
