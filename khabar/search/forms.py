"""The reader's search form: every field optional, every error in Arabic (the public site is Arabic)."""

import datetime as dt

from django import forms

from khabar.core.pagecache import kept
from khabar.newsroom.models import Author
from khabar.newsroom.models.pages import public_sections, section_pages

from .engines import SORTS, Filters

# The archive's widest possible span: dates outside it are clamped to it, so a reader's or a program's
# «9999-12-31» means "no end" instead of overflowing the date arithmetic.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def author_choices(request=None):
    """``(id, name)`` of every author, by name; kept until an author is added, changed or removed."""
    authors = Author.objects.order_by("name").values_list("pk", "name")
    return kept("author-choices", lambda: (list(authors), ["authors"]), request)


def clamp(day):
    return min(max(day, EARLIEST), LATEST) if day else day


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=200, error_messages={"max_length": "عبارة البحث أطول من ٢٠٠ حرف."}
    )
    section = forms.ModelChoiceField(
        queryset=section_pages().order_by("path"),
        required=False,
        empty_label="كل الأقسام",
        error_messages={"invalid_choice": "هذا القسم غير موجود."},
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.order_by("name"),
        required=False,
        empty_label="كل الكتّاب",
        error_messages={"invalid_choice": "هذا الكاتب غير موجود."},
    )
    date_from = forms.DateField(required=False, error_messages={"invalid": "تاريخ البداية غير صالح."})
    date_to = forms.DateField(required=False, error_messages={"invalid": "تاريخ النهاية غير صالح."})
    sort = forms.ChoiceField(
        choices=[("relevance", "الأكثر صلة"), ("date", "الأحدث")],
        required=False,
        error_messages={"invalid_choice": "ترتيب غير معروف."},
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The menus list what the masthead and the author pages show, kept in the cache; the querysets
        # above still check a submitted choice.
        sections = public_sections(request)
        self.fields["section"].choices = [("", "كل الأقسام"), *((s.pk, s.title) for s in sections)]
        self.fields["author"].choices = [("", "كل الكتّاب"), *author_choices(request)]

    def clean_date_from(self):
        return clamp(self.cleaned_data.get("date_from"))

    def clean_date_to(self):
        return clamp(self.cleaned_data.get("date_to"))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "تاريخ النهاية قبل تاريخ البداية.")
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            section_id=data["section"].pk if data.get("section") else None,
            author_id=data["author"].pk if data.get("author") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def ordering(self) -> str:
        return self.cleaned_data.get("sort") if self.cleaned_data.get("sort") in SORTS else "relevance"

    @property
    def has_filters(self):
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("section", "author", "date_from", "date_to"))
