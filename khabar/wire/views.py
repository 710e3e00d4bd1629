"""Admin views of the wire inbox beyond Wagtail's generic ones: the verbatim payload.

«ترجمة» is the desk's (``desk_translate_item``): the wire desk ends at ``WireItem``.
"""

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Payload


@permission_required("wire.view_wireitem", raise_exception=True)
def payload(request, pk):
    """The payload exactly as received, shown as text (never rendered as HTML)."""
    stored = get_object_or_404(Payload, pk=pk)
    response = HttpResponse(bytes(stored.data), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="payload-{stored.pk}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
