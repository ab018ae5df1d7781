"""A built site served on loopback the way a static host or CDN serves it: text gzipped.

Measurements of what readers download (scripts/bench_search.py, scripts/lighthouse.py) must see
the bytes a real host sends, not the uncompressed files Python's plain server sends.
"""

import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzipping text when the client accepts it; `sent` is called with each body."""

    def log_message(self, *args):
        pass

    def sent(self, path: str, size: int) -> None:
        """Called after each file is sent; subclasses count bytes here."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Cache-Control", "max-age=600")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.sent(self.path.split("?")[0], len(body))


@contextmanager
def serving(root: Path, handler: type[GzipHandler] = GzipHandler):
    """Serve `root` at http://127.0.0.1:<free port>; yields the base URL (no trailing slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
