"""The optional LLM rewrite: a fake OpenAI-compatible server, and the support check."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from storylens.comparison.llm import check_sentence, endpoint, parse_sentences
from storylens.comparison.summary import summarise
from storylens.settings import Settings
from storylens.types import Article, Claim

TEXT = (
    "Mayor Ona Dell opened the Lund bridge on Monday. "
    "The bridge cost 90 million crowns, the ministry said."
)
ART = Article(id="a1", outlet="Lund Courier", text=TEXT)
C1 = Claim("c1", "a1", 0, 48, TEXT[:48])
C2 = Claim("c2", "a1", 49, len(TEXT), TEXT[49:], attributed_to=["ministry"])
GROUPS = [
    {"id": "g1", "claims": ["c1"], "outlets": ["Lund Courier", "X"], "status": "agreed"},
    {"id": "g2", "claims": ["c2"], "outlets": ["Lund Courier", "X"], "status": "agreed"},
]
SUPPORTED = "Mayor Ona Dell opened the Lund bridge on Monday."
HALLUCINATED = "The bridge cost 400 million crowns and was built by Vestra Group."


class FakeChat:
    """A local OpenAI-compatible chat-completions server with a canned answer."""

    def __init__(self, answer: str, status: int = 200) -> None:
        self.requests: list[dict[str, Any]] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                requests.append({"path": self.path, "body": json.loads(self.rfile.read(length))})
                body = json.dumps(
                    {"choices": [{"message": {"role": "assistant", "content": answer}}]}
                ).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _answer(*sentences: tuple[str, list[str]]) -> str:
    items = [{"text": t, "citations": c} for t, c in sentences]
    return "```json\n" + json.dumps({"sentences": items}) + "\n```"


@pytest.fixture()
def chat_server(request: pytest.FixtureRequest) -> Iterator[FakeChat]:
    answer, status = request.param
    server = FakeChat(answer, status)
    try:
        yield server
    finally:
        server.close()


@pytest.mark.parametrize(
    "chat_server",
    [(_answer((SUPPORTED, ["c1"]), (HALLUCINATED, ["c2"])), 200)],
    indirect=True,
)
def test_compare_llm_drops_hallucinated_sentence(chat_server: FakeChat) -> None:
    settings = Settings(llm_url=chat_server.url, llm_model="tiny")
    out = summarise([C1, C2], GROUPS, [], [], [ART], settings)
    assert [s["text"] for s in out] == [SUPPORTED]
    assert out[0]["citations"] == ["c1", "a1"]
    assert out[0]["kind"] == "generated"
    request = chat_server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "tiny"
    assert "[c2]" in request["body"]["messages"][1]["content"]


@pytest.mark.parametrize(
    "chat_server",
    [("no json here", 200), (_answer((HALLUCINATED, ["c2"])), 200), ("oops", 500)],
    indirect=True,
)
def test_compare_llm_falls_back_to_extractive(chat_server: FakeChat) -> None:
    settings = Settings(llm_url=chat_server.url)
    out = summarise([C1, C2], GROUPS, [], [], [ART], settings)
    assert out == summarise([C1, C2], GROUPS, [], [], [ART])
    assert len(chat_server.requests) == 1


@pytest.mark.parametrize(
    ("text", "cited", "ok", "reason"),
    [
        (SUPPORTED, [C1], True, ""),
        ("The ministry said the bridge cost 90 million crowns.", [C2], True, ""),
        ("The bridge cost 95 million crowns.", [C2], False, "numbers"),
        ("The bridge cost ninety million crowns, Vestra Group said.", [C2], False, "names"),
        ("Mayor Ona Dell opened the bridge.", [], False, "cites no"),
        ("Engineers praised its elegant suspension towers.", [C1], False, "content words"),
        ("Strongman Ona Dell opened the Lund bridge on Monday.", [C1], False, "loaded"),
    ],
)
def test_compare_llm_check_sentence(text: str, cited: list[Claim], ok: bool, reason: str) -> None:
    verdict = check_sentence(text, cited)
    assert verdict.ok is ok
    assert reason in verdict.reason


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h:1/v1", "http://h:1/v1/chat/completions"),
        ("http://h:1/v1/", "http://h:1/v1/chat/completions"),
        ("http://h:1/v1/chat/completions", "http://h:1/v1/chat/completions"),
    ],
)
def test_compare_llm_endpoint(url: str, expected: str) -> None:
    assert endpoint(url) == expected


@pytest.mark.parametrize(
    ("content", "count"),
    [
        ('{"sentences": [{"text": "A b.", "citations": ["c1"]}]}', 1),
        ('Sure! {"sentences": [{"text": "A b."}, {"nope": 1}]}', 1),
        ('{"sentences": "x"}', 0),
        ("[1, 2]", 0),
    ],
)
def test_compare_llm_parse(content: str, count: int) -> None:
    assert len(parse_sentences(content)) == count
