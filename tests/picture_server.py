"""A fake agency picture server on 127.0.0.1 for the tests that fetch wire pictures."""

import io
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image as PILImage


def picture_bytes(kind="JPEG", size=(640, 400), colour=(20, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that stops reading (the size cap) is expected, not worth a traceback


@contextmanager
def serving(routes):
    """Serve ``routes`` ({path: (status, body)}); yields (base URL, the list of paths asked)."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            asked.append(self.path)
            status, body = routes.get(self.path, (404, b"missing"))
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = _QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    finally:
        httpd.shutdown()
        httpd.server_close()
