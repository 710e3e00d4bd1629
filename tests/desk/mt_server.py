"""A local HTTP server (127.0.0.1 only) that speaks a machine-translation API for the adapter tests.

Each test gives it an ``api(request) -> (status, body[, headers])`` function implementing
the engine's documented request/response shapes; ``script`` can prepend misbehaviour
(``"slow"`` answers only once the service is closed, so only the client's timeout can end the wait; an int
answers with that status,
``"garbage"`` answers 200 with a body that is not JSON).
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A tiny English→Arabic dictionary the fake services "translate" with.
WORDS = {
    "the": "",
    "treaty": "المعاهدة",
    "ratified": "صادق على",
    "moscow": "موسكو",
    "putin": "بوتين",
    "signed": "وقّع",
    "on": "",
    "wednesday": "الأربعاء",
}


def word_for_word(text: str) -> str:
    words = [WORDS.get(w.strip(".,").lower(), w) for w in text.split()]
    return " ".join(w for w in words if w)


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class FakeService:
    api: object
    script: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    slow_answers: int = 0  # "slow" requests answered, which happens only after ``close``

    def __post_init__(self):
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = Request("POST", self.path, dict(self.headers), self.rfile.read(length))
                service.requests.append(request)
                step = service.script.pop(0) if service.script else None
                if step == "slow":
                    service.released.wait()
                    service.slow_answers += 1
                    return self._send(200, b"{}")
                if isinstance(step, int):
                    return self._send(step, json.dumps({"error": "scripted failure"}).encode())
                if step == "garbage":
                    return self._send(200, b"<html>gateway</html>")
                status, body, *headers = service.api(request)
                self._send(status, body if isinstance(body, bytes) else json.dumps(body).encode(), *headers)

            def _send(self, status, body, headers=None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
