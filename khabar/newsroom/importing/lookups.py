"""Find or create what an imported story points at: section, month archive, author, agency, topics.

Each is looked up once per import and remembered, so a file of 100,000 stories
costs a handful of queries per distinct author, agency, topic and month.
"""

from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from ..archive import archive_for
from ..models import Agency, Author, HomePage, SectionPage
from ..models.agencies import credit_key
from ..slugs import unique_slug

DEFAULT_SECTION = "أخبار"
# Readable Latin slugs for the usual desks; any other section gets a Unicode slug.
SECTION_SLUGS = {
    "أخبار": "news",
    "سياسة": "politics",
    "اقتصاد": "economy",
    "رياضة": "sports",
    "ثقافة": "culture",
    "علوم وتقنية": "science-tech",
    "صحة": "health",
    "منوعات": "variety",
    "رأي": "opinion",
    "العالم": "world",
}


class Lookups:
    def __init__(self):
        self.home = HomePage.objects.first()
        if self.home is None:
            raise LookupError("no home page: run `khabar migrate` first")
        self._sections = {}
        self._archives = {}
        self._authors = {}
        self._agencies = {}
        self._topics = {}
        self.touched = {"section": set(), "author": set(), "topic": set()}

    def section(self, name):
        name = name or DEFAULT_SECTION
        if name not in self._sections:
            self._sections[name] = self._find_or_create_section(name)
        return self._sections[name]

    def _find_or_create_section(self, name):
        sections = SectionPage.objects.child_of(self.home)
        slug = SECTION_SLUGS.get(name) or slugify(name, allow_unicode=True)[:80] or "section"
        found = sections.filter(title=name).first() or sections.filter(slug=slug).first()
        if found:
            return found
        taken = set(self.home.get_children().values_list("slug", flat=True))
        section = self.home.add_child(
            instance=SectionPage(title=name, slug=unique_slug(slug, taken, fallback="section"))
        )
        section.save_revision().publish()
        return section

    def archive(self, section, when):
        local = timezone.localtime(when)
        key = (section.pk, local.year, local.month)
        if key not in self._archives:
            self._archives[key] = archive_for(section, when)
        return self._archives[key]

    def author_id(self, name):
        if not name:
            return None
        if name not in self._authors:
            author = Author.objects.filter(name=name).first()
            if author is None:
                slug = slugify(name, allow_unicode=True)[:120]
                author = Author.objects.filter(slug=slug).first() if slug else None
            if author is None:
                taken = set(Author.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
                author = Author.objects.create(name=name, slug=unique_slug(slug, taken, fallback="author"))
            self._authors[name] = author.pk
        return self._authors[name]

    def agency_id(self, credit):
        if not credit:
            return None
        if credit not in self._agencies:
            self._agencies[credit] = self._find_or_create_agency(credit).pk
        return self._agencies[credit]

    def _find_or_create_agency(self, credit):
        key = credit_key(credit)
        # The main agencies are seeded by a migration (0009_seed_agencies), so «أ ف ب» finds AFP.
        for agency in Agency.objects.all():
            if key in (credit_key(agency.credit), credit_key(agency.arabic_name)):
                return agency
        agency, _ = Agency.objects.get_or_create(name=credit, defaults={"credit": credit})
        return agency

    def topic_ids(self, names):
        missing = [name for name in names if name not in self._topics]
        if missing:
            self._topics.update(Tag.objects.filter(name__in=missing).values_list("name", "pk"))
            for name in missing:
                if name not in self._topics:
                    # Tag.save() finds a free slug (allow_unicode) for a new topic.
                    self._topics[name] = Tag.objects.create(name=name).pk
        return [self._topics[name] for name in names]
