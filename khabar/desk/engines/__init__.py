"""Machine translation engines for the desk, one module per service, behind one small interface.

Configured from the environment through ``settings.KHABAR_MT`` (khabar/settings.py):

=====================  ==============================================================
``KHABAR_MT_ENGINE``   ``libretranslate``, ``deepl``, ``google``, ``openai``, ``argos``; empty = none
``KHABAR_MT_URL``      the service's base URL (LibreTranslate, OpenAI-compatible; optional otherwise)
``KHABAR_MT_API_KEY``  key or bearer token (DeepL auth key, Google OAuth token, OpenAI key)
``KHABAR_MT_MODEL``    chat model (OpenAI-compatible)
``KHABAR_MT_PROJECT``  Google Cloud project id; ``KHABAR_MT_LOCATION`` (default ``global``)
``KHABAR_MT_TIMEOUT``  seconds per request (default 15); ``KHABAR_MT_RETRIES`` (default 2)
=====================  ==============================================================

The desk works fully without an engine: suggestions then come from memory and the glossary.
"""

from importlib import import_module

from django.conf import settings
from django.utils.translation import gettext as _

from .base import Engine, EngineError, EngineUnavailable, GlossaryHint

ENGINES = {
    "libretranslate": "khabar.desk.engines.libretranslate.LibreTranslate",
    "deepl": "khabar.desk.engines.deepl.DeepL",
    "google": "khabar.desk.engines.google.GoogleTranslate",
    "openai": "khabar.desk.engines.openai.OpenAIChat",
    "argos": "khabar.desk.engines.argos.Argos",
}
_KEYS = ("ENGINE", "URL", "API_KEY", "MODEL", "PROJECT", "LOCATION", "TIMEOUT", "RETRIES")

__all__ = ["ENGINES", "Engine", "EngineError", "EngineUnavailable", "GlossaryHint", "configured_engine"]


def engine_config() -> dict:
    """``settings.KHABAR_MT`` (read from the ``KHABAR_MT_*`` environment variables), every key present."""
    return {**dict.fromkeys(_KEYS, ""), **{k.upper(): v for k, v in settings.KHABAR_MT.items()}}


def configured_engine() -> Engine | None:
    """The configured engine, or None when the desk runs without machine translation."""
    config = engine_config()
    name = (config.get("ENGINE") or "").strip().lower()
    if not name or name == "none":
        return None
    if name not in ENGINES:
        raise EngineUnavailable(
            f"unknown engine {name!r}", _("Unknown machine translation engine «%(name)s».") % {"name": name}
        )
    module, cls = ENGINES[name].rsplit(".", 1)
    return getattr(import_module(module), cls)(config)
