"""Optional summary rewriting through an OpenAI-compatible chat-completions endpoint.

Off by default: only used when ``Settings.llm_url`` is set (a base URL such as
``http://127.0.0.1:8000/v1`` or the full ``.../chat/completions`` address). The model
gets the cited claims and the extractive draft and must answer with JSON
``{"sentences": [{"text": ..., "citations": [claim ids]}]}``.

Article text is untrusted and so is the model's answer: every generated sentence is
checked against the claims it cites (:func:`check_sentence`) and dropped unless

- it cites at least one known claim id,
- every number in it appears in the cited claims,
- every capitalised name in it appears in the cited claims (or is a cited outlet/source),
- at least ``MIN_OVERLAP`` of its content words occur in the cited claims,
- it uses no loaded term of the lexicon outside quotation marks.

If the endpoint fails or no sentence survives, the extractive summary is returned
unchanged and the reason is logged.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from storylens.comparison.lexicon import Lexicon, load_lexicon, quote_spans
from storylens.errors import FetchError
from storylens.settings import Settings
from storylens.types import Article, Claim
from storylens.words import BE, CORE, DEMONSTRATIVES, HAVE, SAY

STAGE = "summary.llm.v1"
MIN_OVERLAP = 0.7
MAX_RESPONSE_BYTES = 1_000_000
log = logging.getLogger(__name__)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "hundred": "100",
}  # fmt: skip
# words a generated sentence may add without adding a fact: function words, reporting
# verbs and the words that compare outlets
_STOP = (
    CORE
    | {"as", "into", "over", "about", "after", "before", "but", "than", "while", "also", "both"}
    | DEMONSTRATIVES
    | (BE - {"being"})
    | HAVE
    | {"it", "its", "he", "she", "they", "his", "her", "their", "which", "who"}
    | {"not", "no", "will", "would", "however", "whereas"}
    | SAY
    | {"reported", "reports", "report", "according"}
    | {"outlets", "outlet", "differ"}
)

SYSTEM_PROMPT = (
    "You rewrite news summaries. Use only facts stated in the numbered claims. Keep every "
    "attribution. Use neutral wording. Answer with JSON only: "
    '{"sentences": [{"text": "...", "citations": ["<claim id>", ...]}]}. '
    "Every sentence must cite the claim ids it rests on. At most 8 sentences."
)


@dataclass(frozen=True, slots=True)
class Check:
    """The verdict on one generated sentence."""

    ok: bool
    reason: str = ""


def endpoint(url: str) -> str:
    """The chat-completions address for a base URL or a full endpoint URL."""
    url = url.rstrip("/")
    return url if url.endswith("/chat/completions") else url + "/chat/completions"


def build_messages(
    sentences: Sequence[dict[str, Any]], claims: dict[str, Claim], outlets: dict[str, str]
) -> list[dict[str, str]]:
    """The chat messages: the cited claims and the draft to rewrite."""
    lines = [
        f"[{c.id}] ({outlets.get(c.article, c.article)}) {' '.join(c.text.split())}"
        for c in claims.values()
    ]
    draft = [f"- {s['text']} [{', '.join(s.get('claims') or [])}]" for s in sentences]
    user = "Claims:\n" + "\n".join(lines) + "\n\nDraft summary:\n" + "\n".join(draft)
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def complete(messages: list[dict[str, str]], settings: Settings, client: httpx.Client) -> str:
    """POST the chat request; the assistant message text. FetchError on any failure."""
    url = endpoint(str(settings.llm_url))
    body = {"model": settings.llm_model, "messages": messages, "temperature": 0}
    try:
        resp = client.post(url, json=body)
        resp.raise_for_status()
        if len(resp.content) > MAX_RESPONSE_BYTES:
            raise FetchError(url, f"response over {MAX_RESPONSE_BYTES} bytes")
        data = resp.json()
        content = data["choices"][0]["message"]["content"]
    except httpx.HTTPError as exc:
        raise FetchError(url, f"chat request failed: {exc}") from exc
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise FetchError(url, f"not an OpenAI-compatible chat response: {exc}") from exc
    if not isinstance(content, str):
        raise FetchError(url, "the chat response has no text content")
    return content


def parse_sentences(content: str) -> list[dict[str, Any]]:
    """``[{text, citations}]`` from the model's answer (JSON, possibly in a code fence)."""
    start, end = content.find("{"), content.rfind("}")
    if start < 0 or end <= start:
        return []
    try:
        data = json.loads(content[start : end + 1])
    except json.JSONDecodeError:
        return []
    items = data.get("sentences") if isinstance(data, dict) else None
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            cites = item.get("citations") or []
            out.append(
                {
                    "text": " ".join(item["text"].split()),
                    "citations": [str(c) for c in cites] if isinstance(cites, list) else [],
                }
            )
    return out


def _numbers(text: str) -> set[str]:
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {_NUMBER_WORDS[w] for w in _TOKEN.findall(text.lower()) if w in _NUMBER_WORDS}
    return found


def _names(text: str) -> list[str]:
    """Capitalised words, except a sentence's first word (checked as a content word)."""
    names = []
    for i, m in enumerate(_TOKEN.finditer(text)):
        word = m.group()
        if not word[:1].isupper():
            continue
        before = text[: m.start()].rstrip()
        starts_sentence = i == 0 or before.endswith((".", ":", ";", "!", "?", '"', "“"))
        if starts_sentence:
            continue
        names.append(word)
    return names


def _stem(word: str) -> str:
    return word.casefold()[:5]


def check_sentence(
    text: str,
    cited: Sequence[Claim],
    extra_names: Sequence[str] = (),
    lexicon: Lexicon | None = None,
) -> Check:
    """Whether the cited claims support ``text`` (numbers, names, content words)."""
    if not cited:
        return Check(False, "cites no known claim")
    source = " ".join(c.text for c in cited)
    support = (
        source
        + " "
        + " ".join(extra_names)
        + " "
        + " ".join(s for c in cited for s in c.attributed_to)
    )
    loaded, _ = (lexicon or load_lexicon()).find(text, quotes=quote_spans(text))
    if loaded:
        return Check(False, f"loaded wording: {[m.text for m in loaded]}")
    missing_numbers = _numbers(text) - _numbers(support)
    if missing_numbers:
        return Check(False, f"numbers not in the cited claims: {sorted(missing_numbers)}")
    known = {w.casefold() for w in _TOKEN.findall(support)}
    missing_names = [n for n in _names(text) if n.casefold() not in known]
    if missing_names:
        return Check(False, f"names not in the cited claims: {missing_names}")
    content = [w for w in _TOKEN.findall(text) if w.casefold() not in _STOP and len(w) > 2]
    if not content:
        return Check(False, "no content words")
    stems = {_stem(w) for w in known}
    share = sum(1 for w in content if _stem(w) in stems) / len(content)
    if share < MIN_OVERLAP:
        return Check(False, f"only {share:.0%} of its content words are in the cited claims")
    return Check(True)


def verify(
    generated: Sequence[dict[str, Any]],
    claims: dict[str, Claim],
    outlets: dict[str, str],
    lexicon: Lexicon | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split generated sentences into (kept, dropped-with-reason)."""
    kept, dropped = [], []
    for item in generated:
        cited = [claims[c] for c in item["citations"] if c in claims]
        names = [outlets.get(c.article, "") for c in cited]
        verdict = check_sentence(item["text"], cited, names, lexicon)
        if verdict.ok:
            claim_ids = [c.id for c in cited]
            articles = list(dict.fromkeys(c.article for c in cited))
            kept.append(
                {
                    "text": item["text"],
                    "citations": [*claim_ids, *articles],
                    "claims": claim_ids,
                    "articles": articles,
                    "kind": "generated",
                    "stage": STAGE,
                }
            )
        else:
            dropped.append({**item, "reason": verdict.reason})
    return kept, dropped


def rewrite_summary(
    sentences: list[dict[str, Any]],
    claims: Sequence[Claim],
    articles: Sequence[Article],
    settings: Settings,
    *,
    client: httpx.Client | None = None,
) -> list[dict[str, Any]]:
    """The LLM rewrite of ``sentences`` keeping only supported sentences.

    Falls back to ``sentences`` (logging why) when the endpoint fails or nothing survives.
    """
    outlets = {a.id: a.outlet for a in articles}
    cited_ids = {c for s in sentences for c in s.get("claims") or []}
    cited = {c.id: c for c in claims if c.id in cited_ids}
    messages = build_messages(sentences, cited, outlets)
    own_client = client is None
    http = client or httpx.Client(timeout=max(settings.fetch_timeout, 60.0))
    try:
        content = complete(messages, settings, http)
    except FetchError as exc:
        log.warning("summary rewrite skipped: %s", exc)
        return sentences
    finally:
        if own_client:
            http.close()
    kept, dropped = verify(parse_sentences(content), cited, outlets, load_lexicon(settings))
    for item in dropped:
        log.info("dropped unsupported sentence %r: %s", item["text"], item["reason"])
    if not kept:
        log.warning("summary rewrite produced no supported sentence; keeping the extractive one")
        return sentences
    return kept
