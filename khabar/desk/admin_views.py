"""Admin pages for moving the glossary (CSV) and the translation memory (TMX) in and out."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .glossary_csv import GlossaryImportError, export_csv, import_csv
from .tmx import TMXError, export_tmx, import_tmx


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))


def _upload_page(request, *, title, accept, help_text, handle, back):
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            message = handle(upload)
        except (GlossaryImportError, TMXError) as exc:
            errors = getattr(exc, "errors", None) or [str(exc)]
        else:
            messages.success(request, message)
            return redirect(back)
    return TemplateResponse(
        request,
        "desk/admin/upload.html",
        {"title": title, "form": form, "errors": errors, "accept": accept, "help_text": help_text},
    )


@permission_required(["desk.add_glossaryterm", "desk.change_glossaryterm"], raise_exception=True)
def glossary_import(request):

    def handle(upload):
        report = import_csv(upload.read())
        return _("Glossary imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }

    return _upload_page(
        request,
        title=_("Import glossary (CSV)"),
        accept=".csv,text/csv",
        help_text=_(
            "UTF-8 CSV with the header source,target,variants (variants separated by |); "
            "optional columns kind, keep_latin, note. Nothing is changed if any line is wrong."
        ),
        handle=handle,
        back="wagtailsnippets_desk_glossaryterm:list",
    )


@permission_required("desk.view_glossaryterm", raise_exception=True)
def glossary_export(request):
    response = HttpResponse(export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="khabar-glossary.csv"'
    return response


@permission_required("desk.add_memorysegment", raise_exception=True)
def memory_import(request):

    def handle(upload):
        report = import_tmx(upload.read(), origin=f"tmx:{upload.name}")
        text = _("Translation memory imported: %(created)d new pairs, %(existing)d already stored.") % {
            "created": report.created,
            "existing": report.existing,
        }
        if report.skipped:
            text += " " + _("%(count)d units skipped (no English and Arabic pair).") % {
                "count": len(report.skipped)
            }
        return text

    return _upload_page(
        request,
        title=_("Import translation memory (TMX)"),
        accept=".tmx,.xml",
        help_text=_("A TMX 1.4 file with English (en) and Arabic (ar) variants."),
        handle=handle,
        back="wagtailsnippets_desk_memorysegment:list",
    )


@permission_required("desk.view_memorysegment", raise_exception=True)
def memory_export(request):
    response = HttpResponse(export_tmx(), content_type="application/x-tmx+xml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="khabar-memory.tmx"'
    return response
