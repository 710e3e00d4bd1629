"""Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp, Ollama …).

POST {URL}/v1/chat/completions; the prompt passes the glossary terms found in the
paragraph so the model uses the newsroom's approved Arabic forms.
"""

from .base import Engine, text_at

SYSTEM_PROMPT = (
    "You translate English news agency copy into Modern Standard Arabic for a newspaper. "
    "Translate faithfully: keep every number, name, date and quotation; do not add or omit facts. "
    "Answer with the Arabic translation only, no notes."
)


def build_messages(text, glossary=()):
    prompt = text
    if glossary:
        lines = [
            f"- {hint.source}: keep in Latin script as «{hint.source}»"
            if hint.keep_latin
            else f"- {hint.source} → {hint.target}"
            for hint in glossary
        ]
        prompt = "Use exactly these Arabic forms for these terms:\n" + "\n".join(lines) + "\n\nText:\n" + text
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": prompt}]


class OpenAIChat(Engine):
    name = "openai"
    label = "OpenAI-compatible"
    default_url = "https://api.openai.com"

    def translate(self, text, glossary=()):
        self.require("MODEL")
        base = self.url if self.url.endswith("/v1") else f"{self.url}/v1"
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        data = self.post_json(
            f"{base}/chat/completions",
            {"model": self.config["MODEL"], "messages": build_messages(text, glossary), "temperature": 0},
            headers=headers,
        )
        result = text_at(data, "choices", 0, "message", "content")
        if result is None:
            raise self.malformed(str(data)[:200])
        return result.strip()
