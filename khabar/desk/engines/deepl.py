"""DeepL API: POST /v2/translate with ``Authorization: DeepL-Auth-Key``; {text: [...], target_lang} → {translations}.

Free-plan keys end in ``:fx`` and use api-free.deepl.com.
"""

from .base import Engine, text_at


class DeepL(Engine):
    name = "deepl"
    label = "DeepL"

    def __init__(self, config):
        super().__init__(config)
        if not config.get("URL"):
            free = self.key.endswith(":fx")
            self.url = "https://api-free.deepl.com" if free else "https://api.deepl.com"

    def translate(self, text, glossary=()):
        self.require("API_KEY")
        data = self.post_json(
            f"{self.url}/v2/translate",
            {"text": [text], "source_lang": "EN", "target_lang": "AR"},
            headers={"Authorization": f"DeepL-Auth-Key {self.key}"},
        )
        result = text_at(data, "translations", 0, "text")
        if result is None:
            raise self.malformed(str(data)[:200])
        return result
