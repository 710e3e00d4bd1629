"""The admin's «الشركاء» menu: syndication partners (the token is shown once, when it is issued) and
agency licences (whether an agency's copy may be passed on)."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from khabar.core.admin_columns import YesNoColumn
from khabar.newsroom.models import SectionPage

from .models import AgencyLicence, Partner


class PartnerForm(WagtailAdminModelForm):
    new_token = forms.BooleanField(
        label=_("issue a new token"),
        required=False,
        help_text=_("The current token stops working at once; the new one is shown only once."),
    )

    class Meta:
        model = Partner
        fields = ["name", "sections", "rate_limit", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = SectionPage.objects.order_by("path")
        if not self.instance.pk:
            del self.fields["new_token"]


class TokenShownOnce:
    """Issue the token while saving and answer with a page that shows it, instead of a redirect."""

    token = None

    def save_instance(self):
        if not self.form.instance.pk or self.form.cleaned_data.get("new_token"):
            self.token = self.form.instance.new_token()
        return super().save_instance()

    def save_action(self):
        if self.token is None:
            return super().save_action()
        context = {"partner": self.object, "token": self.token, "index_url": self.get_success_url()}
        response = TemplateResponse(self.request, "syndication/partner_token.html", context)
        response["Cache-Control"] = "private, no-store"
        return response


class SectionsColumn(Column):
    def get_value(self, instance):
        return "، ".join(section.title for section in instance.sections.all()) or gettext("every section")


class AgencyColumn(TitleColumn):
    """The agency by its Arabic name, as the newsroom credits it."""

    def get_value(self, instance):
        return instance.agency.arabic_name or instance.agency.credit


class PartnerViewSet(ModelViewSet):
    model = Partner
    name = "syndication_partner"
    icon = "link"
    menu_label = _("Partners")
    menu_order = 100
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    list_display = [
        "name",
        SectionsColumn("sections", label=_("sections")),
        Column("token_hint", label=_("token starts with")),
        Column("requests_per_minute", label=_("requests per minute")),
        YesNoColumn("active", label=_("active")),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("sections", widget=forms.CheckboxSelectMultiple),
        FieldPanel("rate_limit"),
        FieldPanel("active"),
        FieldPanel("new_token"),
    ]

    def get_queryset(self, request):
        return Partner.objects.prefetch_related("sections")

    def get_form_class(self, for_update=False):
        return PartnerForm

    @property
    def add_view_class(self):
        return type("PartnerCreateView", (TokenShownOnce, super().add_view_class), {})

    @property
    def edit_view_class(self):
        return type("PartnerEditView", (TokenShownOnce, super().edit_view_class), {})


class AgencyLicenceViewSet(ModelViewSet):
    model = AgencyLicence
    name = "syndication_licence"
    icon = "doc-full"
    menu_label = _("Agency licences")
    menu_order = 200
    copy_view_enabled = False
    form_fields = ["agency", "redistribute", "usage_terms"]
    list_display = [
        AgencyColumn("agency", label=_("agency"), url_name="syndication_licence:edit"),
        YesNoColumn("redistribute", label=_("may be passed on to partners")),
    ]

    def get_queryset(self, request):
        return AgencyLicence.objects.select_related("agency")


class SyndicationGroup(ViewSetGroup):
    menu_label = _("Syndication")
    menu_icon = "link"
    menu_order = 400
    items = (PartnerViewSet, AgencyLicenceViewSet)


@hooks.register("register_admin_viewset")
def register_syndication():
    return SyndicationGroup()
