"""The translator's and editor's guide (``docs/guide-ar.md``), rendered for the admin's help menu."""

from functools import lru_cache
from pathlib import Path

import markdown
import nh3

import khabar

DOCS = Path(khabar.__file__).resolve().parent.parent / "docs"
GUIDE = DOCS / "guide-ar.md"
PICTURES = DOCS / "guide"
_TAGS = nh3.ALLOWED_TAGS | {"img", "kbd", "figure", "figcaption"}
_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "img": {"src", "alt", "width", "height", "loading"},
    "span": {"lang", "dir"},
    "*": {"id"},
}


def guide_html(picture_url) -> str:
    """The guide as sanitised HTML, its pictures pointing at ``picture_url(name)``; empty if missing."""
    try:
        stat = GUIDE.stat()
    except OSError:
        return ""
    return _render(stat.st_mtime_ns, picture_url(""))


@lru_cache(maxsize=2)
def _render(_mtime: int, picture_base: str) -> str:
    text = GUIDE.read_text(encoding="utf-8").replace("](guide/", f"]({picture_base}")
    html = markdown.markdown(text, extensions=["toc", "tables"])
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"kbd": {"lang": "en", "dir": "ltr"}},  # key names, as printed on keys
    )


def picture_path(name: str) -> Path | None:
    """A guide picture by file name (PNG only, no path), or None."""
    if "/" in name or "\\" in name or name.startswith(".") or not name.endswith(".png"):
        return None
    path = PICTURES / name
    return path if path.is_file() else None
