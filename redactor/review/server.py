"""The review page's server: the standard library's threading HTTP server, for the filer only.

* It listens on 127.0.0.1 alone, never on another interface.
* Every request must carry the token made for this run as the first part of its
  path (``http://127.0.0.1:PORT/TOKEN/``); without it the answer is 403. A
  request naming another host (a DNS-rebinding page) or coming from another
  origin is refused too.
* The page, its script and its styles are files of this package: nothing is
  loaded from another host, and the Content-Security-Policy says so to the browser.
* No request is logged (the path holds the token), and no answer is cached.

Routes, under ``/TOKEN/``: ``GET`` the page, ``review.js``, ``review.css``,
``pageview.css``, ``page/N.png`` and ``state``; ``POST`` (JSON) ``op`` (accept,
reject, reset, action, draw, search, undo), ``find``, ``save``, ``apply`` and
``done``, which ends the server.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from ..check import pageview
from ..errors import RedactorError
from . import view
from .session import ReviewSession

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
STATIC = {
    "": ("review.html", "text/html; charset=utf-8"),
    "review.js": ("review.js", "text/javascript; charset=utf-8"),
    "review.css": ("review.css", "text/css; charset=utf-8"),
}
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_PAGE = re.compile(r"page/(\d{1,5})\.png")


class ReviewError(RedactorError):
    """The review server cannot start (the port is taken or not allowed)."""

    code = "E020"


class ReviewServer(ThreadingHTTPServer):
    """One review's server. :attr:`url` is the address to open (it holds the token)."""

    daemon_threads = True

    def __init__(self, session: ReviewSession, port: int = 0, *, token: str | None = None):
        self.session = session
        self.token = token or secrets.token_urlsafe(24)
        self.ended = threading.Event()
        self._images: dict[int, bytes] = {}
        try:
            super().__init__((HOST, port), ReviewHandler)
        except OSError as exc:
            raise ReviewError(
                f"port {port} on {HOST} cannot be used ({exc.strerror or type(exc).__name__}); "
                "choose another port, or 0 for any free one",
                option="port",
            ) from None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/{self.token}/"

    def page_image(self, number: int) -> bytes:
        with self.session.lock:
            if number not in self._images:
                png, _, _ = pageview.page_png(self.session.doc.pdf[number - 1])
                self._images[number] = png
            return self._images[number]

    def end(self) -> None:
        """Stop serving (from a request's thread: serve_forever returns in the main one)."""
        self.ended.set()
        threading.Thread(target=self.shutdown, daemon=True).start()

    def server_close(self) -> None:
        super().server_close()
        with self.session.lock:  # an Apply under way finishes (and cleans up) first
            self._images.clear()


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "redactor-review"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Nothing: a request line holds the token."""

    # -- the gate --------------------------------------------------------------------

    def _route(self) -> str | None:
        """The path after the token, or None (403 sent) when the request may not come in."""
        hosts = {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}
        if self.headers.get("Host", "") not in hosts:
            self._refuse()
            return None
        origin = self.headers.get("Origin")
        if origin is not None and origin not in {f"http://{h}" for h in hosts}:
            self._refuse()
            return None
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        _, _, rest = path.partition("/")
        token, slash, route = rest.partition("/")
        if not hmac.compare_digest(token.encode(), self.server.token.encode()):
            self._refuse()
            return None
        if not slash:  # /TOKEN: the page's relative links need the slash
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", {"Location": f"/{token}/"})
            return None
        return route

    def _refuse(self) -> None:
        body = b"forbidden: open the address redactor review printed (it holds this run's token)\n"
        self._send(HTTPStatus.FORBIDDEN, body, "text/plain; charset=utf-8")

    # -- answers ---------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        route = self._route()
        if route is None:
            return
        if route in STATIC:
            name, kind = STATIC[route]
            data = resources.files(__package__).joinpath("static", name).read_bytes()
            self._send(HTTPStatus.OK, data, kind)
        elif route == "pageview.css":
            self._send(HTTPStatus.OK, pageview.stylesheet().encode(), "text/css; charset=utf-8")
        elif route == "state":
            self._json(view.state(self.server.session))
        elif (m := _PAGE.fullmatch(route)) and 1 <= int(m.group(1)) <= self._pages():
            self._send(HTTPStatus.OK, self.server.page_image(int(m.group(1))), "image/png")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        route = self._route()
        if route is None:
            return
        try:
            body = self._body()
        except ValueError as exc:
            self._json({"error": str(exc)}, HTTPStatus.BAD_REQUEST)
            return
        session = self.server.session
        try:
            with session.lock:  # one change at a time; PyMuPDF is read by one thread at a time
                self._answer(route, body, session)
        except KeyError as exc:
            self._json({"error": f"no plan entry {exc.args[0]}"}, HTTPStatus.NOT_FOUND)
        except ValueError as exc:
            self._json({"error": str(exc)}, HTTPStatus.BAD_REQUEST)
        except RedactorError as exc:
            self._json({"error": f"[{exc.code}] {exc}"}, HTTPStatus.CONFLICT)
        except OSError as exc:  # the plan's folder is read-only, the disk is full...
            where = f"{exc.filename}: " if exc.filename else ""
            self._json(
                {"error": f"{where}{exc.strerror or type(exc).__name__}"}, HTTPStatus.CONFLICT
            )
        except Exception as exc:  # an answer, never a traceback or the exception's own text
            log.debug("review: %s failed", route, exc_info=True)
            self._json(
                {"error": f"could not be done ({type(exc).__name__}); this is a bug in redactor"},
                HTTPStatus.INTERNAL_SERVER_ERROR,
            )

    def _answer(self, route: str, body: dict[str, Any], session: ReviewSession) -> None:
        if route == "op":
            operate(session, body)
            self._json(view.state(session))
        elif route == "find":
            found = session.find(str(body.get("query", "")))
            self._json({"occurrences": view.occurrences_json(session, found)})
        elif route == "save":
            path = session.save()
            self._json({"saved": path, "state": view.state(session)})
        elif route == "apply":
            result = session.apply()
            self._json({"result": view.apply_json(result), "state": view.state(session)})
        elif route == "done":
            self._json({"done": True, "dirty": session.dirty})
            self.close_connection = True
            self.server.end()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def _pages(self) -> int:
        return self.server.session.doc.page_count

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("the request is too large")
        raw = self.rfile.read(length) if length else b"{}"
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            raise ValueError("the request is not JSON") from None
        if not isinstance(body, dict):
            raise ValueError("the request must be a JSON object")
        return body

    def _json(self, obj: Any, status: HTTPStatus = HTTPStatus.OK) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self._send(status, data, "application/json; charset=utf-8")

    def _send(
        self, status: HTTPStatus, data: bytes, kind: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", POLICY)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def operate(session: ReviewSession, body: dict[str, Any]) -> None:
    """One change the reviewer made, as the page sends it."""
    op = body.get("op")
    if op in ("accept", "reject", "reset"):
        status = {"accept": "accepted", "reject": "rejected", "reset": "pending"}[op]
        if "category" in body:
            ids = session.ids_of_category(str(body["category"]))
        elif "mentions_of" in body:
            ids = session.mentions(str(body["mentions_of"]))
        else:
            ids = [str(i) for i in body.get("ids", [])]
        session.decide(ids, status)
    elif op == "action":
        session.set_action(str(body.get("id")), str(body.get("action")))
    elif op == "draw":
        page = _int(body.get("page"))
        box = body.get("box")
        if not isinstance(box, list) or len(box) != 4:
            raise ValueError("a box is [x0, y0, x1, y1]")
        pdf_page = session.doc.pdf[session.page(page).number - 1]
        session.draw(
            page,
            pageview.page_box(pdf_page, tuple(_float(v) for v in box)),
            str(body.get("category", "TERM")),
        )
    elif op == "search":
        session.redact_everywhere(str(body.get("query", "")), str(body.get("category", "TERM")))
    elif op == "undo":
        session.undo()
    else:
        raise ValueError("unknown operation")


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("a page is a number")
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a box holds numbers")
    return float(value)
