"""Google Cloud Translation v3: POST /v3/projects/{project}/locations/{location}:translateText.

Authenticated with an OAuth bearer token (``KHABAR_MT_API_KEY``), e.g. from a service account.
"""

from .base import Engine, text_at


class GoogleTranslate(Engine):
    name = "google"
    label = "Google Cloud Translation"
    default_url = "https://translation.googleapis.com"

    def translate(self, text, glossary=()):
        self.require("API_KEY", "PROJECT")
        project = self.config["PROJECT"]
        location = self.config.get("LOCATION") or "global"
        data = self.post_json(
            f"{self.url}/v3/projects/{project}/locations/{location}:translateText",
            {
                "contents": [text],
                "sourceLanguageCode": "en",
                "targetLanguageCode": "ar",
                "mimeType": "text/plain",
            },
            headers={"Authorization": f"Bearer {self.key}"},
        )
        result = text_at(data, "translations", 0, "translatedText")
        if result is None:
            raise self.malformed(str(data)[:200])
        return result
