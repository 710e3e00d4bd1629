"""TMX 1.4 import and export of the translation memory.

Files are read with the same hardened lxml set-up the wire desk uses for agency
XML (no entities, no DTD, no network; entity declarations refused unread). A
translation unit needs one English and one Arabic variant (``xml:lang`` en, en-GB,
ar, ar-EG …); inline markup is flattened to its text and native codes
(``bpt``/``ept``/``ph``/``it``) are dropped. Units that cannot be used are counted
and described, never silently skipped.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from khabar.wire.parsers import safexml

from .models import MemorySegment

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NATIVE_CODES = {"bpt", "ept", "ph", "it", "ut"}
MAX_BYTES = 100 * 1024 * 1024


class TMXError(ValueError):
    """The file is not usable TMX; the message says why, in the admin's language."""


class _UnsafeTMX(TMXError):
    pass


@dataclass
class TMXReport:
    units: int = 0
    created: int = 0
    existing: int = 0
    skipped: list[str] = field(default_factory=list)


def _lang(element) -> str:
    return (element.get(XML_LANG) or element.get("lang") or "").strip().lower()


def _seg_text(seg) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if etree.QName(child).localname not in NATIVE_CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_units(data: bytes) -> tuple[list[tuple[str, str]], TMXReport]:
    """(English, Arabic) pairs of a TMX document, and a report of units that were not usable."""
    if len(data) > MAX_BYTES:
        raise TMXError(_("The file is larger than 100 MB."))
    try:
        root = safexml.parse(data, TMXError, _UnsafeTMX)
    except _UnsafeTMX:
        raise TMXError(_("The file declares XML entities and was refused unread (unsafe XML).")) from None
    except TMXError as exc:
        raise TMXError(_("The file is not well-formed XML: %(error)s") % {"error": exc}) from None
    if etree.QName(root).localname != "tmx":
        raise TMXError(_("This is not a TMX file (the root element is not <tmx>)."))
    header = root.find("header")
    default_src = (header.get("srclang") or "").strip().lower() if header is not None else ""
    report, pairs = TMXReport(), []
    for number, tu in enumerate(root.iter("tu"), start=1):
        report.units += 1
        english = arabic = None
        for tuv in tu.iter("tuv"):
            lang = _lang(tuv) or default_src
            seg = tuv.find("seg")
            if seg is None:
                continue
            text = " ".join(_seg_text(seg).split())
            if lang.split("-")[0] == "en" and english is None:
                english = text
            elif lang.split("-")[0] == "ar" and arabic is None:
                arabic = text
        if not english or not arabic:
            report.skipped.append(_("Unit %(number)d has no English and Arabic pair.") % {"number": number})
            continue
        pairs.append((english, arabic))
    return pairs, report


@transaction.atomic
def import_tmx(data: bytes, origin: str = "tmx") -> TMXReport:
    pairs, report = read_units(data)
    new = {}
    for source, target in pairs:
        segment = MemorySegment(source=source, target=target, origin=origin[:200])
        segment.fill_keys()
        new.setdefault((segment.source_key, segment.target_key), segment)
    keys = list(new)
    present = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        present |= set(
            MemorySegment.objects.filter(source_key__in={k[0] for k in chunk}).values_list(
                "source_key", "target_key"
            )
        )
    fresh = [segment for key, segment in new.items() if key not in present]
    MemorySegment.objects.bulk_create(fresh, batch_size=1000)
    report.created = len(fresh)
    report.existing = len(pairs) - len(fresh)
    return report


def export_tmx(segments=None) -> bytes:
    """The memory as a TMX 1.4 document (UTF-8)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="Khabar",
        creationtoolversion="1",
        segtype="paragraph",
        **{"o-tmf": "khabar", "adminlang": "en", "srclang": "en", "datatype": "plaintext"},
    )
    body = etree.SubElement(root, "body")
    segments = (
        segments if segments is not None else MemorySegment.objects.order_by("pk").iterator(chunk_size=2000)
    )
    for segment in segments:
        stamp = (segment.updated_at or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        tu = etree.SubElement(body, "tu", creationdate=stamp)
        if segment.origin:
            prop = etree.SubElement(tu, "prop", type="x-origin")
            prop.text = segment.origin
        for lang, text in (("en", segment.source), ("ar", segment.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = _xml_safe(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry."""
    return "".join(
        ch
        for ch in text
        if (ch in "\t\n\r" or ord(ch) >= 0x20)
        and not 0xD800 <= ord(ch) <= 0xDFFF
        and ch not in "\ufffe\uffff"
    )
