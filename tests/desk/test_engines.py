"""Machine translation adapters against local servers that speak each engine's documented API."""

import pytest
from django.utils import translation

from khabar.desk.engines import EngineError, EngineUnavailable, GlossaryHint, configured_engine
from khabar.desk.engines.openai import build_messages

from .mt_server import FakeService, word_for_word

TEXT = "Moscow ratified the treaty on Wednesday."


def _error(status, message):
    return status, {"error": message}


def libretranslate_api(request):
    if request.path != "/translate":
        return 404, {"error": "Not Found"}
    body = request.json
    if body.get("api_key") not in (None, "lt-key"):
        return _error(403, "Invalid API key")
    if not body.get("q") or body.get("source") != "en" or body.get("target") != "ar":
        return _error(400, "Invalid request: missing q, source or target parameter")
    return 200, {"translatedText": word_for_word(body["q"])}


def deepl_api(request):
    if request.path != "/v2/translate":
        return 404, {"message": "Not found"}
    if request.headers.get("Authorization") != "DeepL-Auth-Key dl-key:fx":
        return 403, {"message": "Wrong endpoint or authorization"}
    body = request.json
    if not isinstance(body.get("text"), list) or body.get("target_lang") != "AR":
        return 400, {"message": "Value for 'target_lang' not supported."}
    return 200, {
        "translations": [{"detected_source_language": "EN", "text": word_for_word(t)} for t in body["text"]]
    }


def google_api(request):
    if request.path != "/v3/projects/khabar-1/locations/global:translateText":
        return 404, {"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}}
    if request.headers.get("Authorization") != "Bearer ya29.token":
        return 401, {
            "error": {
                "code": 401,
                "message": "Request had invalid authentication credentials.",
                "status": "UNAUTHENTICATED",
            }
        }
    body = request.json
    if body.get("targetLanguageCode") != "ar" or not body.get("contents"):
        return 400, {
            "error": {"code": 400, "message": "Target language is invalid.", "status": "INVALID_ARGUMENT"}
        }
    return 200, {"translations": [{"translatedText": word_for_word(t)} for t in body["contents"]]}


def openai_api(request):
    if request.path != "/v1/chat/completions":
        return 404, {"error": {"message": "Unknown path", "type": "invalid_request_error"}}
    if request.headers.get("Authorization") != "Bearer sk-local":
        return 401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}
    body = request.json
    roles = [m.get("role") for m in body.get("messages", [])]
    if body.get("model") != "local-model" or roles != ["system", "user"]:
        return 400, {"error": {"message": "bad request", "type": "invalid_request_error"}}
    text = body["messages"][-1]["content"].rsplit("Text:\n", 1)[-1]
    return 200, {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": " " + word_for_word(text) + "\n"},
                "finish_reason": "stop",
            }
        ],
    }


ENGINES = {
    "libretranslate": (libretranslate_api, {"API_KEY": "lt-key"}),
    "deepl": (deepl_api, {"API_KEY": "dl-key:fx"}),
    "google": (google_api, {"API_KEY": "ya29.token", "PROJECT": "khabar-1"}),
    "openai": (openai_api, {"API_KEY": "sk-local", "MODEL": "local-model"}),
}


@pytest.fixture
def serve(settings):
    services = []

    def start(name, script=(), **config):
        api, defaults = ENGINES[name]
        service = FakeService(api, script=list(script))
        services.append(service)
        settings.KHABAR_MT = {
            "ENGINE": name,
            "URL": service.url,
            "TIMEOUT": 10,  # a loaded machine answers late, never wrongly; the timeout test sets its own
            "RETRIES": 2,
            **defaults,
            **config,
        }
        return service, configured_engine()

    yield start
    for service in services:
        service.close()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("name", list(ENGINES))
def test_engine_translates_through_its_documented_api(serve, name):
    service, engine = serve(name)
    assert engine.translate(TEXT) == "موسكو صادق على المعاهدة الأربعاء"
    [request] = service.requests
    assert request.headers["Content-Type"] == "application/json"


def test_libretranslate_request_shape(serve):
    service, engine = serve("libretranslate")
    engine.translate(TEXT)
    assert service.requests[0].json == {
        "q": TEXT,
        "source": "en",
        "target": "ar",
        "format": "text",
        "api_key": "lt-key",
    }


def test_deepl_request_shape_and_free_endpoint_default(serve, settings):
    service, engine = serve("deepl")
    engine.translate(TEXT)
    assert service.requests[0].json == {"text": [TEXT], "source_lang": "EN", "target_lang": "AR"}
    settings.KHABAR_MT = {"ENGINE": "deepl", "API_KEY": "abc:fx"}
    assert configured_engine().url == "https://api-free.deepl.com"
    settings.KHABAR_MT = {"ENGINE": "deepl", "API_KEY": "abc"}
    assert configured_engine().url == "https://api.deepl.com"


def test_google_request_shape(serve):
    service, engine = serve("google")
    engine.translate(TEXT)
    assert service.requests[0].json == {
        "contents": [TEXT],
        "sourceLanguageCode": "en",
        "targetLanguageCode": "ar",
        "mimeType": "text/plain",
    }


def test_openai_prompt_passes_the_glossary_terms(serve):
    service, engine = serve("openai")
    hints = [GlossaryHint("Moscow", "موسكو"), GlossaryHint("iPhone", "", keep_latin=True)]
    assert engine.translate(TEXT, hints) == "موسكو صادق على المعاهدة الأربعاء"
    body = service.requests[0].json
    assert body["temperature"] == 0
    user = body["messages"][1]["content"]
    assert "- Moscow → موسكو" in user and "«iPhone»" in user and user.endswith("Text:\n" + TEXT)
    assert build_messages(TEXT)[1]["content"] == TEXT


@pytest.mark.parametrize(
    "name, config, fragment",
    [
        ("libretranslate", {"API_KEY": "wrong"}, "refused the API key"),
        ("deepl", {"API_KEY": "bad:fx"}, "refused the API key"),
        ("google", {"API_KEY": "expired"}, "refused the API key"),
        ("openai", {"API_KEY": "sk-wrong"}, "refused the API key"),
        ("google", {"PROJECT": "other"}, "rejected the request (error 404)"),
        ("openai", {"MODEL": "gpt-unknown"}, "rejected the request (error 400)"),
    ],
)
def test_engine_errors_become_clear_messages(serve, name, config, fragment):
    service, engine = serve(name, **config)
    with pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert fragment in caught.value.user_message
    assert len(service.requests) == 1  # client errors are not retried


@pytest.mark.parametrize("name", list(ENGINES))
def test_server_errors_are_retried_then_succeed(serve, name):
    service, engine = serve(name, script=[503, 500])
    assert engine.translate(TEXT) == "موسكو صادق على المعاهدة الأربعاء"
    assert len(service.requests) == 3


def test_persistent_server_errors_give_up_after_the_retries(serve):
    service, engine = serve("deepl", script=[503, 503, 503, 503])
    with pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert "server error 503" in caught.value.user_message
    assert len(service.requests) == 3


def test_quota_exhausted_is_explained(serve):
    service, engine = serve("deepl", script=[456])
    with pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert "quota" in caught.value.user_message


@pytest.mark.parametrize("name", list(ENGINES))
def test_timeouts_are_bounded_and_reported(serve, name):
    # The service does not answer until the test ends, so the client's own timeout is what ends the call.
    service, engine = serve(name, script=["slow", "slow", "slow"], RETRIES=0, TIMEOUT=1)
    with pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert service.slow_answers == 0  # the client gave up before any answer
    assert "did not answer in time" in caught.value.user_message


def test_answers_are_capped_while_read_and_name_the_site(serve, settings, monkeypatch):
    from khabar.desk.engines import base

    monkeypatch.setattr(base, "MAX_ANSWER_BYTES", 1000)
    service, engine = serve("libretranslate", RETRIES=0)
    service.api = lambda request: (200, {"translatedText": "ن" * 1000})
    with pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert "unreadable answer" in caught.value.user_message
    assert "over the 1000 byte cap" in str(caught.value)
    agent = service.requests[0].headers["User-Agent"]
    assert agent == f"Khabar-desk (+{settings.KHABAR_BASE_URL.rstrip('/')}/)"


@pytest.mark.parametrize("name", list(ENGINES))
def test_malformed_answers_are_reported(serve, name):
    service, engine = serve(name, script=["garbage"], RETRIES=0)
    with pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert "unreadable answer" in caught.value.user_message


@pytest.mark.parametrize(
    "name, body",
    [
        ("libretranslate", {"translated": "x"}),
        ("deepl", {"translations": []}),
        ("google", {"translations": [{"translatedText": 5}]}),
        ("openai", {"choices": [{"message": {"content": ""}}]}),
    ],
)
def test_answers_of_the_wrong_shape_are_reported(serve, name, body):
    service, engine = serve(name)
    service.api = lambda request: (200, body)
    with pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert "unreadable answer" in caught.value.user_message


def test_unreachable_service(settings):
    settings.KHABAR_MT = {"ENGINE": "libretranslate", "URL": "http://127.0.0.1:9", "RETRIES": 0, "TIMEOUT": 1}
    with pytest.raises(EngineError) as caught:
        configured_engine().translate(TEXT)
    assert "cannot be reached" in caught.value.user_message


def test_no_engine_by_default_and_configuration_errors(settings):
    settings.KHABAR_MT = {}
    assert configured_engine() is None
    # As settings.py reads KHABAR_MT_ENGINE and KHABAR_MT_URL (tests/core/test_settings.py).
    settings.KHABAR_MT = {"ENGINE": "LibreTranslate", "URL": "http://127.0.0.1:1"}
    assert configured_engine().url == "http://127.0.0.1:1"
    settings.KHABAR_MT = {"ENGINE": "babelfish"}
    with pytest.raises(EngineUnavailable):
        configured_engine()
    settings.KHABAR_MT = {"ENGINE": "google", "API_KEY": "t"}
    with pytest.raises(EngineUnavailable) as caught:
        configured_engine().translate(TEXT)
    assert "KHABAR_MT_PROJECT" in caught.value.user_message


def test_argos_reports_itself_unavailable_without_an_english_arabic_package(settings):
    settings.KHABAR_MT = {"ENGINE": "argos"}
    engine = configured_engine()
    try:
        import argostranslate  # noqa: F401
    except ImportError:
        with pytest.raises(EngineUnavailable) as caught:
            engine.translate(TEXT)
        assert "not installed" in caught.value.user_message
    else:  # pragma: no cover - depends on the machine
        pytest.skip("argostranslate is installed here; its model decides the outcome")


def test_errors_are_shown_in_arabic_by_default(serve):
    service, engine = serve("deepl", API_KEY="x")
    with translation.override("ar"), pytest.raises(EngineError) as caught:
        engine.translate(TEXT)
    assert caught.value.user_message == "رفض DeepL مفتاح الواجهة البرمجية."
