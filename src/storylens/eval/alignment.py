"""Evaluate claim alignment against cross-document event links (ECB+ layout).

Each ECB+ sub-topic (``<topic>_<n>ecb.xml`` files, or ``<topic>_<n>ecbplus.xml`` files,
of one topic folder) is 2-20 articles from different outlets reporting one event, with
every mention of an event linked to its chain across the documents. The articles of a
sub-topic are rebuilt from their tokens (one paragraph per sentence, the page URL line
left out), compared as one story, and the report's claims are read against the links:

* a claim *mentions* a chain when the token span of an annotated mention of it lies
  inside the claim (reporting events such as "said" are left out, and only the sentences
  the corpus lists as annotated count);
* over pairs of claims from different documents that both mention some chain, a pair is
  *gold* when the two share a chain and *predicted* when the report puts them in one
  event (one claim group, or two groups of one ``event``): precision, recall and F1 over
  those pairs; the same figures counting only pairs in one claim group (one fact) are
  kept beside them;
* a ``unique`` claim that mentions a chain which a claim of another document also
  mentions is a *false unique*: the other outlet reports that event too.
"""

from __future__ import annotations

import csv
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError, InputError
from storylens.settings import Settings
from storylens.types import Article, content_id

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = frozenset(",.;:!?%)]}'\"”") | {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$“")
# a curly apostrophe the corpus tokenised apart ("Gray ’ s", "can ’ t"): one word again
_CONTRACTED = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Document:
    """One article rebuilt from its tokens, with its event mentions as character spans."""

    name: str
    article: Article
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, chain


@dataclass(slots=True)
class SubTopic:
    name: str  # "<topic>-ecb" or "<topic>-ecbplus"
    documents: list[Document]


@dataclass(slots=True)
class Scores:
    """Claim-pair agreement with the event links, over all sub-topics."""

    subtopics: int = 0
    documents: int = 0
    claims: int = 0
    event_claims: int = 0  # claims that mention an annotated event chain
    gold_pairs: int = 0
    predicted_pairs: int = 0
    correct_pairs: int = 0
    fact_predicted_pairs: int = 0  # pairs in one claim group (one fact), not only one event
    fact_correct_pairs: int = 0
    unique_event_claims: int = 0
    false_unique: int = 0
    groups: int = 0
    agreed_groups: int = 0
    partial_groups: int = 0
    conflicting_groups: int = 0
    seconds: float = 0.0
    per_subtopic: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _share(self.correct_pairs, self.predicted_pairs)

    @property
    def recall(self) -> float:
        return _share(self.correct_pairs, self.gold_pairs)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def fact_precision(self) -> float:
        return _share(self.fact_correct_pairs, self.fact_predicted_pairs)

    @property
    def fact_recall(self) -> float:
        return _share(self.fact_correct_pairs, self.gold_pairs)

    @property
    def fact_f1(self) -> float:
        return _f1(self.fact_precision, self.fact_recall)

    @property
    def false_unique_share(self) -> float:
        return _share(self.false_unique, self.unique_event_claims)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(
            precision=self.precision,
            recall=self.recall,
            f1=self.f1,
            fact_precision=self.fact_precision,
            fact_recall=self.fact_recall,
            fact_f1=self.fact_f1,
            false_unique_share=self.false_unique_share,
        )
        return out


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def _annotated(root: Path) -> dict[str, set[int]]:
    """File stem ("1_10ecbplus") -> its annotated sentence numbers."""
    path = root / SENTENCES_CSV
    if not path.is_file():
        raise ConfigError(f"{root}: no {SENTENCES_CSV}; is this the ECB+ folder?")
    out: dict[str, set[int]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def _printed_whole(before: str, prev: str, word: str) -> bool:
    """Whether ``word`` goes on the token before it as printed, the corpus having cut one
    written form into three tokens: a figure ("2.5", "4:43", "1,300", not "2. 5") or
    initials ("a.m.", "U.S.", not "a. m.")."""
    if prev in {".", ":", ","} and before[-1:].isdigit() and word.isdigit():
        return not (prev == "," and len(word) != 3)  # "1,300"; not "in 2012, 40 ferries"
    if word == "." and len(prev) == 1 and prev.isalpha() and before == ".":
        return True  # the closing point of "a.m."
    return (
        prev == "." and len(before) == 1 and before.isalpha() and len(word) == 1 and word.isalpha()
    )


def read_document(path: Path, annotated: set[int]) -> Document:
    """The article of one ECB+ file and its annotated event mentions."""
    try:
        tree = ET.parse(path)
    except (ET.ParseError, OSError) as exc:
        raise InputError(str(path), f"not a readable ECB+ file ({exc})") from exc
    doc = tree.getroot()
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in doc.iter("token"):
        sentences[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    text_parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for number in sorted(sentences):
        tokens = sentences[number]
        if tokens and tokens[0][1].casefold().startswith("http"):
            continue  # the page URL line of ecbplus files
        if text_parts:
            text_parts.append("\n\n")
            pos += 2
        prev = ""
        for k, (tid, word) in enumerate(tokens):
            after = tokens[k + 1][1] if k + 1 < len(tokens) else ""
            joined = (word == "’" and after in _CONTRACTED) or (prev == "’" and word in _CONTRACTED)
            joined = joined or _printed_whole(tokens[k - 2][1] if k > 1 else "", prev, word)
            if k and word not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER and not joined:
                text_parts.append(" ")
                pos += 1
            spans[tid] = (pos, pos + len(word))
            text_parts.append(word)
            pos += len(word)
            prev = word
    text = "".join(text_parts)
    sentence_of = {tok.get("t_id", ""): int(tok.get("sentence", "0")) for tok in doc.iter("token")}
    markables = doc.find("Markables")
    anchors: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for mark in markables if markables is not None else []:
        mid = mark.get("m_id", "")
        kinds[mid] = mark.tag
        anchors[mid] = [a.get("t_id", "") for a in mark.findall("token_anchor")]
    mentions = []
    relations = doc.find("Relations")
    for rel in relations if relations is not None else []:
        chain = rel.get("note", "")
        if rel.tag != "CROSS_DOC_COREF" or not chain.startswith("ACT"):
            continue
        for src in rel.findall("source"):
            mid = src.get("m_id", "")
            if kinds.get(mid) == "ACTION_REPORTING":
                continue
            toks = [t for t in anchors.get(mid, []) if t in spans]
            if not toks or any(sentence_of.get(t) not in annotated for t in toks):
                continue
            mentions.append((min(spans[t][0] for t in toks), max(spans[t][1] for t in toks), chain))
    name = path.name.removesuffix(".xml")
    article = Article(id=content_id(text), outlet=name, url=None, title=None, text=text)
    return Document(name=name, article=article, mentions=sorted(mentions))


def load_subtopics(root: Path, topics: Iterable[int] | None = None) -> list[SubTopic]:
    """Every sub-topic under ``root`` (the ECB+ data folder), in topic order."""
    root = Path(root)
    annotated = _annotated(root)
    base = root / "ECB+" if (root / "ECB+").is_dir() else root
    wanted = set(topics) if topics is not None else None
    groups: dict[tuple[int, str], list[Path]] = defaultdict(list)
    for path in base.glob("*/*.xml"):
        m = _FILE.match(path.name)
        if m and (wanted is None or int(m.group(1)) in wanted):
            groups[(int(m.group(1)), m.group(3))].append(path)
    if not groups:
        raise ConfigError(f"{root}: no ECB+ topic files found")
    out = []
    for (topic, kind), paths in sorted(groups.items()):
        docs = [
            read_document(p, annotated.get(p.name.removesuffix(".xml"), set()))
            for p in sorted(paths, key=lambda p: int(_FILE.match(p.name).group(2)))  # type: ignore[union-attr]
        ]
        out.append(SubTopic(name=f"{topic}-{kind}", documents=[d for d in docs if d.article.text]))
    return out


def score_report(sub: SubTopic, report: dict[str, Any], scores: Scores) -> dict[str, Any]:
    """Add one sub-topic's compare report to ``scores``; returns its own figures."""
    doc_of = {d.article.id: d for d in sub.documents}
    status = {g["id"]: g["status"] for g in report["claim_groups"]}
    event_of = {g["id"]: g.get("event") or g["id"] for g in report["claim_groups"]}
    event_claims: list[tuple[str, str, frozenset[str], str]] = []  # id, doc, chains, group
    for claim in report["claims"]:
        doc = doc_of.get(claim["article"])
        if doc is None:
            continue
        chains = frozenset(
            c for s, e, c in doc.mentions if s >= claim["start"] and e <= claim["end"]
        )
        if chains:
            event_claims.append((claim["id"], doc.name, chains, claim.get("group", "")))
    gold = pred = correct = fact_pred = fact_correct = 0
    for i, (_, doc_a, chains_a, group_a) in enumerate(event_claims):
        for _, doc_b, chains_b, group_b in event_claims[i + 1 :]:
            if doc_a == doc_b:
                continue
            shares = bool(chains_a & chains_b)
            one_fact = bool(group_a) and group_a == group_b
            together = one_fact or (
                bool(group_a) and event_of.get(group_a) == event_of.get(group_b)
            )
            gold += shares
            pred += together
            correct += shares and together
            fact_pred += one_fact
            fact_correct += shares and one_fact
    chain_docs: dict[str, set[str]] = defaultdict(set)
    for _, name, chains, _ in event_claims:
        for c in chains:
            chain_docs[c].add(name)
    unique = false_unique = 0
    for _, name, chains, group in event_claims:
        if status.get(group) != "unique":
            continue
        unique += 1
        false_unique += any(chain_docs[c] - {name} for c in chains)
    scores.subtopics += 1
    scores.documents += len(sub.documents)
    scores.claims += len(report["claims"])
    scores.event_claims += len(event_claims)
    scores.gold_pairs += gold
    scores.predicted_pairs += pred
    scores.correct_pairs += correct
    scores.fact_predicted_pairs += fact_pred
    scores.fact_correct_pairs += fact_correct
    scores.unique_event_claims += unique
    scores.false_unique += false_unique
    scores.groups += len(report["claim_groups"])
    scores.agreed_groups += sum(g["status"] == "agreed" for g in report["claim_groups"])
    scores.partial_groups += sum(g["status"] == "partial" for g in report["claim_groups"])
    scores.conflicting_groups += sum(g["status"] == "conflicting" for g in report["claim_groups"])
    own = {
        "subtopic": sub.name,
        "documents": len(sub.documents),
        "gold_pairs": gold,
        "predicted_pairs": pred,
        "correct_pairs": correct,
        "unique_event_claims": unique,
        "false_unique": false_unique,
    }
    scores.per_subtopic.append(own)
    return own


def evaluate(
    root: Path,
    settings: Settings,
    *,
    topics: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> Scores:
    """Compare every sub-topic under ``root`` and score the claim groups."""
    from storylens.comparison import compare_articles

    subtopics = load_subtopics(root, topics)
    scores = Scores()
    started = time.perf_counter()
    for n, sub in enumerate(subtopics):
        if progress is not None:
            progress(sub.name, n, len(subtopics))
        if len(sub.documents) < 2:
            continue
        report = compare_articles([d.article for d in sub.documents], settings).to_dict()
        score_report(sub, report, scores)
    if progress is not None:
        progress("", len(subtopics), len(subtopics))
    scores.seconds = time.perf_counter() - started
    return scores
