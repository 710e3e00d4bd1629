from django.db import models


class CacheTag(models.Model):
    """When a page-cache tag last changed, shared by every process through the database.

    A tag that has never changed has no row (it reads as 0). ``changed`` is microseconds since the
    epoch: it is the tag's version and also tells a render that began before the change not to store.
    """

    tag = models.CharField(max_length=200, primary_key=True)
    changed = models.BigIntegerField()

    class Meta:
        db_table = "core_cachetag"

    def __str__(self):
        return self.tag
