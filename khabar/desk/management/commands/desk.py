"""``khabar desk translate WIRE_URI --section SLUG [--json]`` and ``khabar desk alerts``."""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from khabar.desk.handoff import DeskError, start_translation
from khabar.newsroom.models import SectionPage
from khabar.wire.models import WireItem


class Command(BaseCommand):
    help = "The translation desk: start the translation of a wire item, alert about changed sources."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        translate = sub.add_parser(
            "translate", help="start (or return) the Arabic translation of a wire item, exactly as «ترجمة»"
        )
        translate.add_argument("uri", metavar="WIRE_URI", help="the wire item's uri (see khabar wire list)")
        translate.add_argument("--section", required=True, metavar="SLUG", help="the section's slug")
        translate.add_argument("--json", action="store_true")
        sub.add_parser("alerts", help="e-mail the desk about wire items that changed under a translation")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def _fail(self, arabic: str, english: str):
        self.stderr.write(f"{arabic}\n{english}")
        sys.exit(2)

    def do_translate(self, uri, section, json=False, **_):
        item = WireItem.objects.filter(uri=uri).first()
        if item is None:
            self._fail(f"لا خبر بالمعرّف «{uri}» في الوارد.", f"No wire item with the uri {uri!r}.")
        found = SectionPage.objects.filter(slug=section).first()
        if found is None:
            self._fail(f"لا قسم بالاسم المختصر «{section}».", f"No section with the slug {section!r}.")
        try:
            handoff = start_translation(item, found)
        except DeskError as exc:
            self._fail(
                f"لا يمكن ترجمة هذا الخبر: {exc.in_language('ar')}",
                f"This wire item cannot be translated: {exc.in_language('en')}",
            )
        article = handoff.article
        name, pk = handoff.edit_url_name
        edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=[pk])
        result = {
            "translation": handoff.translation.pk if handoff.translation else None,
            "created": handoff.created,
            "article": {
                "id": article.pk,
                "title": article.title,
                "agency": article.agency.name if article.agency_id else None,
                "byline": article.byline_text,
                "dateline_city": article.dateline_city,
                "source_url": article.source_url,
                "standfirst": article.standfirst,
            },
            "edit_url": edit_url,
        }
        if json:
            self.stdout.write(_dumps(result))
        else:
            state = "بدأت الترجمة" if handoff.created else "الترجمة موجودة من قبل"
            self.stdout.write(f"{state}: {article.title}\n{edit_url}")

    def do_alerts(self, **_):
        from khabar.desk.versions import alert_changed_sources

        self.stdout.write(f"{alert_changed_sources()} translation(s) alerted")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)
