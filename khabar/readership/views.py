"""The view beacon: ``POST /read/<article id>/`` from the article page's script, no body, no cookie."""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import counter

_STATUS = {counter.COUNTED: 204, counter.SEEN: 204, counter.LIMITED: 429, counter.UNKNOWN: 404}


# No CSRF token: the page is cached for every reader, so it has none, and a beacon changes nothing
# but a count that one reader cannot move twice. Requests from other sites are refused outright.
@csrf_exempt
@require_POST
def view_beacon(request, article_id):
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return HttpResponse(status=403)
    return HttpResponse(status=_STATUS[counter.record(request, article_id)])
