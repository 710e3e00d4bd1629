"""IPTC ninjs 2.1 (News in JSON): one story, and a page of stories for partners who poll."""

import json

from .formats import Format, register

VERSION = "2.1"
SCHEMA = "https://iptc.org/std/ninjs/ninjs-schema_2.1.json"
CONTENT_TYPE = "application/json; charset=utf-8"


def _iso(when) -> str:
    return when.isoformat(timespec="seconds")


def to_ninjs(story) -> dict:
    rights = story.rights
    data = {
        "uri": story.guid,
        "standard": {"name": "ninjs", "version": VERSION, "schema": SCHEMA},
        "type": "text",
        "representationtype": "full",
        "version": str(story.version),
        "firstcreated": _iso(story.first_created),
        "versioncreated": _iso(story.version_created),
        "pubstatus": "usable",
        "language": "ar",
        "headlines": [{"role": "main", "value": story.headline}],
        "by": story.byline,
        "copyrightholder": rights.copyright_holder,
        "copyrightnotice": rights.copyright_notice,
        "usageterms": rights.usage_terms,
        "bodies": [
            {"role": "main", "contenttype": "text/html", "wordcount": story.words, "value": story.body_html}
        ],
        "subjects": [
            *(
                [{"name": story.section.name, "rel": "section", "uri": story.section.url}]
                if story.section
                else []
            ),
            *({"name": topic.name, "rel": "topic", "uri": topic.url} for topic in story.topics),
        ],
        "altids": [{"role": "web", "value": story.url}, {"role": "id", "value": str(story.pk)}],
    }
    if story.breaking:
        data["urgency"] = 1
    if story.located:
        data["located"] = story.located
    if story.standfirst:
        data["descriptions"] = [{"role": "summary", "contenttype": "text/plain", "value": story.standfirst}]
    if picture := story.picture:
        association = {
            "name": "featureimage",
            "uri": picture.uri,
            "type": "picture",
            "language": "ar",
            "renditions": [
                {
                    "name": "original",
                    "href": picture.href,
                    "contenttype": picture.mime,
                    "width": picture.width,
                    "height": picture.height,
                }
            ],
            "descriptions": [{"role": "alt", "contenttype": "text/plain", "value": picture.alt}],
        }
        if picture.caption:
            association["headlines"] = [{"role": "caption", "value": picture.caption}]
        if picture.credit:
            association["by"] = picture.credit
            association["copyrightholder"] = picture.credit
        data["associations"] = [association]
    return data


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def item(story) -> bytes:
    return _dump(to_ninjs(story))


def listing(stories, next_url: str, has_more: bool) -> bytes:
    return _dump({"items": [to_ninjs(story) for story in stories], "next": next_url, "has_more": has_more})


NINJS = register(Format(name="ninjs", content_type=CONTENT_TYPE, item=item, listing=listing))
