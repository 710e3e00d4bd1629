"""/search/ for readers and /api/search for programs."""

from django.core.paginator import Page, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from khabar.core.pagecache import tag_request
from khabar.newsroom.pictures import lead_pictures_for

from .engines import COUNT_CAP, POOL
from .forms import SearchForm
from .names import named_pages
from .results import MAX_LIMIT, as_json, search

PER_PAGE = 20
MAX_PAGE = 50  # deeper pages are never read and cost the engine the most


class _Count:
    """A paginator's object list that knows its length without loading it."""

    def __init__(self, total):
        self.total = total

    def __len__(self):
        return self.total

    def count(self):
        return self.total


def _page_number(request):
    try:
        return min(max(1, int(request.GET.get("page", 1))), MAX_PAGE)
    except ValueError:
        return 1


def suggestions(form, query):
    """Ways out of an empty result: each word alone when it finds something, and dropping filters."""
    found = []
    words = form.cleaned_data.get("q", "").split()
    if len(words) > 1:
        for word in words:
            if (total := search(word, limit=1).total) > 0:
                found.append((word, total))
    return found


@require_GET
def search_page(request):
    # Results change with every publication: the page is cached only until the next one.
    tag_request(request, "listing", "settings")
    form = SearchForm(request.GET or None, request=request)
    context = {"form": form, "query_text": request.GET.get("q", "")}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        number = _page_number(request)
        results = search(
            form.cleaned_data["q"],
            form.filters(),
            form.ordering(),
            offset=(number - 1) * PER_PAGE,
            limit=PER_PAGE,
            with_text=True,
        )
        pictures = lead_pictures_for([result.pk for result in results.results])
        for result in results.results:
            result.lead_picture = pictures.get(result.pk)
        reachable = PER_PAGE * MAX_PAGE if form.ordering() == "date" else POOL
        paginator = Paginator(_Count(min(results.total, reachable)), PER_PAGE)
        context.update(
            named_pages=named_pages(form.cleaned_data["q"], request),
            results=results,
            more_than=results.total >= COUNT_CAP,
            page=None,
            page_obj=Page(results.results, min(number, paginator.num_pages), paginator),
            querystring=_without_page(request),
        )
        if not results.total:
            context["suggestions"] = suggestions(form, results.query)
    return render(request, "search/search_page.html", context)


def _without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def api_search(request):
    text = request.GET.get("q", "")
    try:
        limit = int(request.GET.get("limit", PER_PAGE))
    except ValueError:
        return JsonResponse({"error": "قيمة limit يجب أن تكون عددا صحيحا."}, status=400)
    if not 1 <= limit <= MAX_LIMIT:
        return JsonResponse({"error": f"قيمة limit يجب أن تكون بين 1 و{MAX_LIMIT}."}, status=400)
    form = SearchForm(request.GET, request=request)
    if not form.is_valid():
        first_error = next(iter(form.errors.values()))[0]
        return JsonResponse({"error": first_error}, status=400)
    tag_request(request, "listing", "settings")
    results = search(text, form.filters(), form.ordering(), limit=limit)
    return JsonResponse(as_json(results), json_dumps_params={"ensure_ascii": False})
