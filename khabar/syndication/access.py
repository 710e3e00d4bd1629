"""Partner access: the bearer token, the per-partner rate limit, and the Arabic JSON refusals.

Nothing here is served to anonymous readers: every answer, refusals included, is private to the
partner who asked (``Cache-Control: private, no-store``, ``Vary: Authorization``), so neither Khabar's
page cache nor an edge keeps or shares it.
"""

import json
import time

from django.http import HttpResponse

from khabar.core.cache_backends import CacheUnavailable
from khabar.ratelimit import hit

from .models import Partner, hash_token

WINDOW = 60  # seconds: limits are requests per minute

UNAUTHORISED = "رمز الشريك مفقود أو غير صالح. أرسله في الترويسة Authorization: Bearer <الرمز>."
NOT_FOUND = "لا يوجد خبر بهذا الرقم متاح لك."
SECTION_NOT_FOUND = "لا يوجد قسم بهذا الاسم متاح لك."
BAD_SINCE = "قيمة since غير صالحة: استخدم تاريخًا ووقتًا بصيغة ISO 8601، مثل 2026-11-30T12:00:00Z."
BAD_CURSOR = "قيمة cursor غير صالحة: استخدم رابط next كما أُرسل."
BAD_LIMIT = "قيمة limit غير صالحة: عدد صحيح من 1 إلى 100."
RATE_LIMITED = "تجاوزت عدد الطلبات المسموح به في الدقيقة. أعد المحاولة بعد قليل."
UNAVAILABLE = "الخدمة غير متاحة الآن بسبب عطل مؤقت. أعد المحاولة بعد قليل."


def private(response):
    """Mark an answer as the asking partner's only."""
    response["Cache-Control"] = "private, no-store"
    response["Vary"] = "Authorization"
    return response


def refusal(message: str, status: int, **headers) -> HttpResponse:
    body = json.dumps({"error": message, "status": status}, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    response["Content-Language"] = "ar"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return private(response)


def partner_for(request) -> Partner | None:
    """The active partner whose token the request carries, with its sections, or None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        return None
    partner = Partner.objects.filter(token_hash=hash_token(token), active=True).first()
    if partner is not None:
        partner.section_ids  # noqa: B018 - loaded now, so the views' query counts do not depend on it
    return partner


def check(request):
    """``(partner, None)`` for a partner within its limit, else ``(None, refusal)``."""
    partner = partner_for(request)
    if partner is None:
        return None, refusal(UNAUTHORISED, 401, WWW_Authenticate='Bearer realm="khabar"')
    try:
        allowed = hit("syndication", str(partner.pk), partner.requests_per_minute, WINDOW)
    except CacheUnavailable:
        return None, refusal(UNAVAILABLE, 503, Retry_After="5")
    if not allowed:
        retry = WINDOW - int(time.time()) % WINDOW
        return None, refusal(RATE_LIMITED, 429, Retry_After=str(retry))
    return partner, None
