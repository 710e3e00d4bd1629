"""khabar search "QUERY" [--limit N] [--json]: the results of /api/search, on the command line."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from khabar.search.results import MAX_LIMIT, as_json, search


class Command(BaseCommand):
    help = _("Search the published articles as a reader would (same results as /api/search).")

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help=_("print the JSON of /api/search"))

    def handle(self, *args, query, limit, **options):
        if not 1 <= limit <= MAX_LIMIT:
            raise CommandError(_("--limit must be between 1 and %(max)d.") % {"max": MAX_LIMIT})
        data = as_json(search(query, limit=limit))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("%(total)d results") % {"total": data["total"]})
        for item in data["results"]:
            self.stdout.write(
                f"{item['score']:>10.4f}  {item['published_at'][:10]}  {item['headline']}\n{' ' * 24}{item['url']}"
            )
