"""The registry of output formats: each module (``ninjs``, ``newsml_g2``) registers one ``Format``.

A format turns :class:`~khabar.syndication.content.Story` objects into bytes; the views, the partner
checks, paging and caching headers are shared. ``/api/<name>/<id>`` and ``/api/<name>/?since=`` are routed
for every registered format.
"""

from collections.abc import Callable
from dataclasses import dataclass

FORMATS: dict[str, "Format"] = {}


@dataclass(frozen=True)
class Format:
    name: str  # the URL segment: /api/<name>/
    content_type: str
    item: Callable  # (story) -> bytes
    listing: Callable  # (stories, next_url, has_more) -> bytes
    list_content_type: str = ""  # when a page of stories is not of the item's type

    @property
    def listing_content_type(self) -> str:
        return self.list_content_type or self.content_type


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt
