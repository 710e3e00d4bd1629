"""The admin login form with every label in the editor's language."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    # Wagtail's password field has no label of its own, so Django shows the field name, «Password».
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
        strip=False,
    )
