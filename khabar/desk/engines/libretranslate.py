"""LibreTranslate (self-hosted): POST /translate {q, source, target, format[, api_key]} → {translatedText}."""

from .base import Engine, text_at


class LibreTranslate(Engine):
    name = "libretranslate"
    label = "LibreTranslate"

    def translate(self, text, glossary=()):
        self.require("URL")
        payload = {"q": text, "source": "en", "target": "ar", "format": "text"}
        if self.key:
            payload["api_key"] = self.key
        data = self.post_json(f"{self.url}/translate", payload)
        result = text_at(data, "translatedText")
        if result is None:
            raise self.malformed(str(data)[:200])
        return result
