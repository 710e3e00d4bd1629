"""``khabar partner-token create NAME [--sections a,b] [--rate-limit N]``: a partner and its token, shown once.

``rotate NAME`` gives a partner a new token (the old one stops working), ``revoke NAME`` turns it off,
``list`` shows the partners (never their tokens: only a hash is kept).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from khabar.newsroom.models import SectionPage
from khabar.syndication.models import Partner


def _sections(value: str):
    slugs = [slug.strip() for slug in (value or "").split(",") if slug.strip()]
    found = {section.slug: section for section in SectionPage.objects.filter(slug__in=slugs)}
    if missing := [slug for slug in slugs if slug not in found]:
        raise CommandError(f"لا يوجد قسم بهذا الاسم / no such section: {', '.join(missing)}", returncode=2)
    return [found[slug] for slug in slugs]


class Command(BaseCommand):
    help = "Create, rotate, revoke or list syndication partners (their tokens are shown only once)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="a new partner; prints its token once")
        create.add_argument("name")
        create.add_argument("--sections", default="", help="section slugs, comma-separated (default: all)")
        create.add_argument("--rate-limit", type=int, default=None, help="requests per minute")
        rotate = actions.add_parser("rotate", help="a new token for a partner; the old one stops working")
        rotate.add_argument("name")
        revoke = actions.add_parser("revoke", help="turn a partner's access off")
        revoke.add_argument("name")
        actions.add_parser("list", help="the partners, their sections and limits")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options) or ""

    def _partner(self, name):
        partner = Partner.objects.filter(name=name).first()
        if partner is None:
            raise CommandError(f"لا يوجد شريك بهذا الاسم / no such partner: {name}", returncode=2)
        return partner

    @transaction.atomic
    def _create(self, name, sections, rate_limit, **options):
        if Partner.objects.filter(name=name).exists():
            raise CommandError(f"الشريك موجود / partner exists: {name}", returncode=2)
        chosen = _sections(sections)
        if rate_limit is not None and rate_limit < 1:
            raise CommandError("--rate-limit: عدد موجب / a positive number", returncode=2)
        partner = Partner(name=name, rate_limit=rate_limit)
        token = partner.new_token()
        partner.save()
        partner.sections.set(chosen)
        self.stderr.write(
            "احفظ هذا الرمز الآن: لن يظهر مرة أخرى / save this token now, it is not shown again:"
        )
        self.stdout.write(token)

    def _rotate(self, name, **options):
        partner = self._partner(name)
        token = partner.new_token()
        partner.save(update_fields=["token_hash", "token_hint"])
        self.stderr.write(
            "احفظ هذا الرمز الآن: لن يظهر مرة أخرى / save this token now, it is not shown again:"
        )
        self.stdout.write(token)

    def _revoke(self, name, **options):
        partner = self._partner(name)
        partner.active = False
        partner.save(update_fields=["active"])
        self.stdout.write(f"أوقف / revoked: {name}")

    def _list(self, **options):
        for partner in Partner.objects.prefetch_related("sections"):
            sections = ",".join(section.slug for section in partner.sections.all()) or "*"
            state = "active" if partner.active else "revoked"
            self.stdout.write(
                f"{partner.name}\t{partner.token_hint}…\t{sections}\t{partner.requests_per_minute}/min\t{state}"
            )
