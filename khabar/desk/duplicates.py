"""Is this story already on the desk? The same wire item, or a near-duplicate of it from another agency."""

from django.db.models import Q

from khabar.wire.models import ItemUse


def already_on_desk(item) -> list:
    """Articles already made from ``item`` or from an item of its near-duplicate group, oldest first."""
    same_story = Q(item=item)
    if item.cluster_id is not None:
        same_story |= Q(item__cluster_id=item.cluster_id)
    uses = (
        ItemUse.objects.filter(same_story)
        .select_related(
            "article", "item", "item__agency", "item__source", "article__translation", "created_by"
        )
        .order_by("created_at", "pk")
    )
    return list(uses)
