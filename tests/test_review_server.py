"""The review server is for the filer alone: loopback only, a token on every request,
nothing from another host, and it ends when told to (Ctrl-C, or Done)."""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pymupdf
import pytest
from reviewing import review_command

from redactor.review import ReviewServer, ReviewSession

SSN = "512-48-3907"


@pytest.fixture(scope="module")
def filing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_text((72, 100), f"Plaintiff's Social Security number is {SSN}.", fontsize=11)
    page.insert_text((72, 130), "The Honorable Kimberly J. Mueller presides.", fontsize=11)
    path = tmp_path_factory.mktemp("filing") / "filing.pdf"
    pdf.save(path)
    return path


@pytest.fixture(scope="module")
def server(filing: Path) -> Iterator[ReviewServer]:
    srv = ReviewServer(ReviewSession(str(filing)), 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def _ask(
    srv: ReviewServer, path: str, *, method: str = "GET", body: bytes | None = None, **headers: str
) -> tuple[int, bytes, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
        return res.status, res.read(), res
    finally:
        conn.close()


def _wrong_tokens(token: str) -> list[str]:
    return [
        "/",
        "/state",
        "/favicon.ico",
        f"/{token[:-1]}/state",  # one letter short
        f"/{token}x/state",
        f"/{token.swapcase()}/state",
        f"/x/{token}/state",
        f"/state?token={token}",
        f"/%2F{token}/state",
    ]


def test_every_request_needs_this_runs_token(server: ReviewServer) -> None:
    token = server.token
    assert len(token) >= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    for path in _wrong_tokens(token):
        status, body, _ = _ask(server, path)
        assert status == 403, path
        assert SSN.encode() not in body
        status, _, _ = _ask(server, path, method="POST", body=b'{"op": "undo"}')
        assert status == 403, path
    status, body, res = _ask(server, f"/{token}/state")
    assert status == 200 and SSN in json.loads(body)["entries"][0]["value"]
    assert res.getheader("Cache-Control") == "no-store"
    status, _, _ = _ask(server, f"/{token}/page/1.png")
    assert status == 200
    status, _, _ = _ask(server, f"/{token}/page/2.png")
    assert status == 404


def test_a_page_naming_another_host_or_origin_is_refused(server: ReviewServer) -> None:
    """DNS rebinding and cross-site requests: the token alone is not asked to carry it all."""
    path = f"/{server.token}/state"
    assert _ask(server, path, Host=f"localhost:{server.port}")[0] == 200
    assert _ask(server, path, Host=f"evil.example:{server.port}")[0] == 403
    assert _ask(server, path, Host="127.0.0.1")[0] == 403
    post = {"method": "POST", "body": b'{"op": "undo"}', "Content-Type": "application/json"}
    assert (
        _ask(server, f"/{server.token}/op", Origin=f"http://127.0.0.1:{server.port}", **post)[0]
        == 200
    )
    assert _ask(server, f"/{server.token}/op", Origin="http://evil.example", **post)[0] == 403
    assert _ask(server, f"/{server.token}/op", Origin="null", **post)[0] == 403


def test_it_listens_on_the_loopback_address_only(server: ReviewServer) -> None:
    assert server.socket.getsockname() == ("127.0.0.1", server.port)
    # another address of this machine's loopback network reaches any server bound to all
    # interfaces; this one is bound to 127.0.0.1 alone and is not there
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", server.port), timeout=5).close()
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    ours = [line.split() for line in listening if line.split()[1].endswith(f":{server.port:04X}")]
    assert ours and all(fields[1].startswith("0100007F:") for fields in ours)  # 127.0.0.1
    assert not any(
        line.split()[1].endswith(f":{server.port:04X}")
        for line in Path("/proc/net/tcp6").read_text().splitlines()[1:]
    )


def test_nothing_on_the_page_comes_from_another_host(server: ReviewServer) -> None:
    static = resources.files("redactor.review").joinpath("static")
    names = sorted(p.name for p in static.iterdir())
    assert names == ["review.css", "review.html", "review.js"]
    svg_namespace = "http://www.w3.org/2000/svg"  # a name, not an address: nothing is fetched
    for name in names:
        text = static.joinpath(name).read_text().replace(svg_namespace, "")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), name
        assert "@import" not in text and "cdn" not in text.lower()
    status, body, res = _ask(server, f"/{server.token}/")
    assert status == 200
    policy = res.getheader("Content-Security-Policy")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert res.getheader("Referrer-Policy") == "no-referrer"
    for src in re.findall(rb'(?:src|href)="([^"]+)"', body):
        assert not re.match(rb"[a-z]+:|//", src), src  # every link is relative to the token


def test_done_ends_the_server(filing: Path) -> None:
    srv = ReviewServer(ReviewSession(str(filing)), 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    status, body, _ = _ask(srv, f"/{srv.token}/done", method="POST", body=b"{}")
    assert status == 200 and json.loads(body)["done"] is True
    thread.join(10)
    assert not thread.is_alive() and srv.ended.is_set()
    srv.server_close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", srv.port), timeout=5).close()


def test_the_command_prints_its_address_first_and_stops_on_sigint(tmp_path: Path, filing) -> None:
    src = tmp_path / "filing.pdf"
    src.write_bytes(filing.read_bytes())
    with review_command(str(src)) as (proc, url):
        m = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]{32,})/", url)
        assert m, url
        port = int(m.group(1))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/{m.group(2)}/")
        assert conn.getresponse().status == 200
        conn.close()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        err = proc.stderr.read()
    assert "review ended" in err and SSN not in err and m.group(2) not in err
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert [p.name for p in tmp_path.iterdir()] == ["filing.pdf"]  # nothing left behind


def test_a_port_in_use_is_one_clear_error(tmp_path: Path, filing: Path) -> None:
    from click.testing import CliRunner

    from redactor.cli import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["review", str(filing), "--no-browser", "--port", str(port)]
        )
    assert result.exit_code == 2
    assert re.search(
        rf"error \[E020\]: port {port} on 127.0.0.1 cannot be used .*\(option --port\)",
        result.output,
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("letter.pdf", b"Dear counsel, this is a letter.\n", "E001"),
        ("nowhere.pdf", None, "E001"),
        ("plan-for-another.pdf", b"plan", "E002"),
    ],
)
def test_bad_input_is_one_line_and_no_server(tmp_path: Path, filing: Path, name, content, code):
    from click.testing import CliRunner

    from redactor.cli import cli

    src, args = tmp_path / name, []
    if name == "plan-for-another.pdf":
        src = filing
        plan = tmp_path / "plan.json"
        plan.write_text(
            '{"redactions": [{"id": "R-0001", "page": 4, "category": "SSN", "terms": ["x y z"]}]}'
        )
        args = ["--plan", str(plan)]
    elif content is not None:
        src.write_bytes(content)
    result = CliRunner().invoke(cli, ["review", str(src), "--no-browser", *args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"redactor: error [{code}]: ")
    assert "http://" not in result.output
