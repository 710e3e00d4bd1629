"""The source form: polled addresses must be http(s), drop folders must lie under the wire's root, credentials are write-only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..files import FolderRefused, drop_folder
from ..models import Source


class SourceForm(WagtailAdminModelForm):
    """Credentials are write-only: the field is never filled back in, and left empty it keeps the old value."""

    credentials = forms.CharField(
        label=_("credentials"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the stored credentials. They are never shown."),
    )

    class Meta:
        model = Source
        fields = [
            "name", "slug", "kind", "url", "folder", "credentials", "poll_interval", "language", "agency",
            "usage", "usage_terms", "enabled",
        ]  # fmt: skip

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Only http and https addresses can be polled."))
        return url

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Source.Kind.FOLDER:
            try:
                cleaned["folder"] = str(drop_folder(cleaned.get("folder", "")))
            except FolderRefused as refused:
                self.add_error("folder", str(refused))
        return cleaned

    def clean_credentials(self):
        value = self.cleaned_data.get("credentials", "")
        if not value and self.instance.pk:
            return (
                Source.objects.filter(pk=self.instance.pk).values_list("credentials", flat=True).first() or ""
            )
        return value
