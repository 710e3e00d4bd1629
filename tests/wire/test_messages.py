"""Feed and parser failures shown to the desk in Arabic, the technical text behind a toggle."""

import pytest
from django.utils import translation

from khabar.wire.messages import explain, explained, mark_latin

ARABIC = ("\u0600", "\u06ff")


@pytest.fixture(autouse=True)
def arabic():
    with translation.override("ar"):
        yield


@pytest.mark.parametrize(
    ("technical", "arabic"),
    [
        ("HTTP 503 Service Unavailable", "تعطّل خادم المصدر"),
        ("HTTP 401 Unauthorized", "بيانات الدخول"),
        ("HTTP 404 Not Found", "غير موجود"),
        ("HTTP 429 Too Many Requests", "التمهّل"),
        (
            "MaxRetryError: Max retries exceeded (Caused by ReadTimeoutError('read timed out'))",
            "الوقت المحدد",
        ),
        ("timeout: the transfer took longer than 60 s", "الوقت المحدد"),
        ("NewConnectionError: [Errno 111] Connection refused", "تعذّر الوصول"),
        (
            "refused: 10.0.0.5 resolves to 10.0.0.5, an address inside a private, loopback network",
            "شبكة خاصة",
        ),
        ("payload:1: XML entity declarations are refused (possible XXE or entity-expansion bomb)", "كيانات"),
        ("response of 30000000 bytes is over the 20971520 byte cap", "الحجم المسموح"),
        ("unrecognised format: not RSS/Atom, ninjs, NewsML-G2 or AP Media API JSON", "صيغة الملف"),
        ("not an RSS or Atom feed: no entries", "خلاصة أخبار"),
        ("missing required field uri", "حقل إلزامي"),
        ("expected a ninjs object or a list of ninjs objects", "صيغة الوكالة"),
        ("Wire item urn:x:1 was canceled; article «خبر» (page 4) was unpublished.", "أُلغي نشر"),
        ("Wire item urn:x:1 was withheld; article «خبر» (page 4) is flagged for review.", "علامة للمراجعة"),
        ("something nobody foresaw", "التفاصيل التقنية"),
    ],
)
def test_each_failure_reads_as_arabic(technical, arabic):
    text = explain(technical)
    assert arabic in text
    assert not any("a" <= c.lower() <= "z" for c in text)


def test_the_technical_text_stays_behind_a_toggle_marked_as_english():
    html = str(explained("HTTP 503 <Service Unavailable>"))
    arabic, details = html.split("<details", 1)
    assert "تعطّل خادم المصدر" in arabic and "HTTP" not in arabic
    assert "<summary>التفاصيل التقنية</summary>" in details
    assert '<code lang="en" dir="ltr">HTTP 503 &lt;Service Unavailable&gt;</code>' in details
    assert explained("") == "" and explain("") == ""


def test_latin_format_names_are_marked_and_escaped():
    assert str(mark_latin("خلاصة RSS أو Atom")) == (
        'خلاصة <span lang="en" dir="ltr">RSS</span> أو <span lang="en" dir="ltr">Atom</span>'
    )
    assert "&lt;" in str(mark_latin("x<y")) and "<y" not in str(mark_latin("x<y"))
