"""The reader's comment form: django-comments' anti-spoofing form, with the newsroom's rules.

The form keeps the standard field names (``name``, ``email``, ``comment``) plus the
ALTCHA widget's ``altcha``; django-comments supplies the honeypot and a signed
timestamp, which also gives the minimum fill time. Messages are Arabic: readers
never see the library's English ones.
"""

import time

from django import forms
from django.conf import settings
from django.utils.html import urlize
from django_comments_xtd.forms import XtdCommentForm

from .models import ReaderComment, Status

REQUIRED = {"required": "هذا الحقل مطلوب."}


def link_count(text):
    """How many links ``text`` shows once rendered (the same rule that makes them clickable)."""
    return str(urlize(text, nofollow=True, autoescape=True)).count("<a ")


class ReaderCommentForm(XtdCommentForm):
    altcha = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, target_object, *args, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        del self.fields["url"]
        del self.fields["followup"]
        self.fields["name"] = forms.CharField(
            max_length=50, error_messages={**REQUIRED, "max_length": "الاسم أطول من خمسين حرفًا."}
        )
        self.fields["email"] = forms.EmailField(
            required=False, error_messages={"invalid": "عنوان البريد الإلكتروني غير صحيح."}
        )
        self.fields["comment"] = forms.CharField(
            max_length=settings.COMMENT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={
                **REQUIRED,
                "max_length": f"التعليق أطول من {settings.COMMENT_MAX_LENGTH} حرف.",
            },
        )
        self.fields["reply_to"].required = False

    def clean(self):
        cleaned = super().clean()
        # Fields this form drops that django-comments-xtd still reads when creating the comment.
        cleaned["url"] = ""
        cleaned["followup"] = False
        return cleaned

    def clean_timestamp(self):
        timestamp = super().clean_timestamp()
        if time.time() - timestamp < settings.COMMENTS_MIN_FILL_SECONDS:
            raise forms.ValidationError("too fast", code="too_fast")
        return timestamp

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(REQUIRED["required"])
        return name

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(REQUIRED["required"])
        return comment

    def clean_reply_to(self):
        """A reply goes under a published top-level comment of the same article (one level deep)."""
        parent_pk = self.cleaned_data.get("reply_to") or 0
        if not parent_pk:
            return 0
        parent = ReaderComment.objects.filter(
            pk=parent_pk, article_id=self.target_object.pk, status=Status.APPROVED, level=0
        ).first()
        if parent is None:
            raise forms.ValidationError("لا يمكن الرد على هذا التعليق.")
        return parent_pk

    def check_links(self, max_links):
        comment = self.cleaned_data.get("comment", "")
        if link_count(comment) > max_links:
            self.add_error(
                "comment",
                f"يحتوي التعليق على روابط أكثر من المسموح ({max_links})."
                if max_links
                else "لا يُسمح بالروابط في التعليقات.",
            )
            return False
        return True

    def get_comment_model(self):
        return ReaderComment

    def get_comment_create_data(self, site_id=None):
        data = super().get_comment_create_data(site_id=site_id)
        data["article"] = self.target_object
        return data

    def check_for_duplicate_comment(self, new):
        # django-comments returns an earlier identical comment instead of the new one;
        # the post view treats that as a duplicate rather than saving twice.
        existing = super().check_for_duplicate_comment(new)
        new.duplicate_of = existing if existing is not new else None
        return new

    def refusal(self):
        """An Arabic explanation when the anti-spoofing fields (not the reader's input) failed."""
        errors = self.security_errors()
        if "honeypot" in errors:
            return "تعذّر قبول التعليق."
        if "timestamp" in errors and any(e.code == "too_fast" for e in errors.as_data().get("timestamp", [])):
            return "أُرسل التعليق بسرعة كبيرة. انتظر لحظة ثم اضغط «أرسل التعليق» من جديد؛ التحقق الذي أكملته ما زال صالحًا."
        if errors or any(name in self.errors for name in ("content_type", "object_pk")):
            return "انتهت صلاحية النموذج. أعد تحميل الصفحة ثم حاول مجددًا."
        return None
