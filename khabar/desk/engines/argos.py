"""Argos Translate (offline), when the package and an English→Arabic model are installed."""

from django.utils.translation import gettext as _

from .base import Engine, EngineError, EngineUnavailable


class Argos(Engine):
    name = "argos"
    label = "Argos Translate"

    def _translation(self):
        try:
            from argostranslate import translate as argos
        except ImportError:
            raise EngineUnavailable(
                "argostranslate is not installed", _("Argos Translate is not installed on this server.")
            ) from None
        languages = {lang.code: lang for lang in argos.get_installed_languages()}
        english, arabic = languages.get("en"), languages.get("ar")
        translation = english.get_translation(arabic) if english and arabic else None
        if translation is None:
            raise EngineUnavailable(
                "no en→ar package", _("Argos Translate has no English→Arabic package installed.")
            )
        return translation

    def translate(self, text, glossary=()):
        translation = self._translation()
        try:
            return translation.translate(text)
        except Exception as exc:  # the library raises anything from its model runtime
            raise EngineError(str(exc), _("Argos Translate failed on this paragraph.")) from None
