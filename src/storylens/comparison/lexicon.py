"""The loaded-term lexicon and the matcher that finds its terms in article text.

The built-in lexicon lives in ``storylens/data/lexicon.json`` (documented in
``docs/lexicon.md``); ``Settings.lexicon_file`` adds or overrides entries. Each entry
names a term, its part of speech (which decides the inflected forms that match), a
category, why it is loaded and a neutral alternative (empty: drop the word).

Matching is case-insensitive on word boundaries. Context rules keep ideology nouns
such as "Communist Party" neutral while "Communist dictator Kim" is flagged:

- ``requires_next``: the following word must be one of these (``@name``: a capitalised
  word or named-entity mention; ``@term``: another lexicon match);
- ``unless_next`` / ``unless_prev``: the neighbouring word cancels the match.

Matches inside direct quotations are returned apart: a quoted person's words are not
the outlet's framing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from storylens.errors import ConfigError
from storylens.settings import Settings, read_settings_json

BUILTIN_LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon.json"
POS_VALUES = ("noun", "verb", "adj", "adv", "phrase")
_NEXT_WORDS = re.compile(r"\s*([\w’'-]+)(?:\s+([\w’'-]+))?(?:\s+([\w’'-]+))?")
_FIRST_WORD = re.compile(r"\w+")
_PREV_WORD = re.compile(r"([\w’'-]+)[\s,]*$")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One loaded term with its reason, neutral alternative and context rules."""

    term: str
    category: str
    why: str
    pos: str = "phrase"
    neutral: str = ""
    forms: tuple[str, ...] = ()
    requires_next: tuple[str, ...] = ()
    unless_next: tuple[str, ...] = ()
    unless_prev: tuple[str, ...] = ()
    unless_term_next: bool = False

    def all_forms(self) -> tuple[str, ...]:
        """The surface forms that match: the term, its inflections and explicit extras."""
        found = [self.term, *inflections(self.term, self.pos), *self.forms]
        return tuple(dict.fromkeys(f.lower() for f in found))


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A lexicon hit: a character span plus the entries that produced it."""

    start: int
    end: int
    text: str
    entries: tuple[LexiconEntry, ...]
    quoted: bool = False

    @property
    def why(self) -> str:
        return "; ".join(dict.fromkeys(f"{e.term}: {e.why}" for e in self.entries))

    @property
    def category(self) -> str:
        return self.entries[0].category

    @property
    def nominal(self) -> bool:
        """Whether the hit can label an actor (not a verb or adverb)."""
        return self.entries[-1].pos not in ("verb", "adv")

    @property
    def strength(self) -> float:
        """How strongly the words slant: a curated term counts fully."""
        return 1.0

    @property
    def neutral(self) -> str:
        """The neutral alternative: the last (head) entry's, or '' to drop the words."""
        words = [e.neutral for e in self.entries if e.neutral]
        return words[-1] if words else ""

    def to_dict(self, article: str) -> dict[str, Any]:
        return term_record(self, article, [e.term for e in self.entries], self.strength)


@dataclass(slots=True)
class Lexicon:
    """A set of entries, each compiled to one regular expression the first time its first
    word occurs in a text (most entries never do, so loading stays cheap)."""

    entries: list[LexiconEntry]
    # first word of each form -> the entries that may start there
    _index: dict[str, list[LexiconEntry]] = field(default_factory=dict)
    _scan: list[LexiconEntry] = field(default_factory=list)
    _patterns: dict[LexiconEntry, re.Pattern[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {}
        self._scan = []
        self._patterns = {}
        for entry in self.entries:
            keys = set()
            for form in entry.all_forms():
                first = _FIRST_WORD.match(form)
                if first is None:  # starts with punctuation: scan the whole text for it
                    self._scan.append(entry)
                    break
                keys.add(first.group().lower())
            for key in keys:
                self._index.setdefault(key, []).append(entry)

    def _pattern(self, entry: LexiconEntry) -> re.Pattern[str]:
        pattern = self._patterns.get(entry)
        if pattern is None:
            pattern = self._patterns[entry] = _compile(entry)
        return pattern

    def __len__(self) -> int:
        return len(self.entries)

    def find(
        self,
        text: str,
        *,
        quotes: Sequence[tuple[int, int]] = (),
        names: Iterable[int] = (),
    ) -> tuple[list[TermMatch], list[TermMatch]]:
        """Loaded terms in ``text``: (the outlet's own, those inside ``quotes``).

        ``names`` are start offsets of named-entity mentions (for ``@name`` rules).
        Adjacent hits ("Communist" + "dictator") merge into one span.
        """
        raw = self._raw_matches(text)
        term_starts = {start for start, _, _ in raw}
        name_starts = set(names)
        kept = [
            (s, e, entry)
            for s, e, entry in raw
            if _context_ok(text, s, e, entry, term_starts, name_starts)
        ]
        merged = _merge(text, kept)
        own: list[TermMatch] = []
        quoted: list[TermMatch] = []
        for match in merged:
            if _inside(match.start, match.end, quotes):
                quoted.append(
                    TermMatch(match.start, match.end, match.text, match.entries, quoted=True)
                )
            else:
                own.append(match)
        return own, quoted

    def _raw_matches(self, text: str) -> list[tuple[int, int, LexiconEntry]]:
        hits: list[tuple[int, int, LexiconEntry]] = []
        for word in _FIRST_WORD.finditer(text):
            for entry in self._index.get(word.group().lower(), ()):
                m = self._pattern(entry).match(text, word.start())
                if m:
                    start, end = _extend_compound(text, m.start(), m.end())
                    hits.append((start, end, entry))
        for entry in self._scan:
            for m in self._pattern(entry).finditer(text):
                start, end = _extend_compound(text, m.start(), m.end())
                hits.append((start, end, entry))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        # drop hits nested in a longer one ("virus" inside "Wuhan virus")
        out: list[tuple[int, int, LexiconEntry]] = []
        for hit in hits:
            if out and hit[0] >= out[-1][0] and hit[1] <= out[-1][1]:
                continue
            out.append(hit)
        return out


def inflections(term: str, pos: str) -> list[str]:
    """Regular inflections of the last word of ``term`` for its part of speech."""
    head, _, last = term.rpartition(" ")
    prefix = f"{head} " if head else ""
    low = last.lower()
    forms: list[str] = []
    if pos == "noun":
        plural = low + "es" if low.endswith(("s", "x", "ch", "sh")) else low + "s"
        if low.endswith("y") and low[-2:-1] not in "aeiou":
            plural = low[:-1] + "ies"
        forms = [plural]
    elif pos == "verb":
        stem = low[:-1] if low.endswith("e") else low
        double = (
            len(low) >= 3
            and low[-1] not in "aeiouwxy"
            and low[-2] in "aeiou"
            and low[-3] not in "aeiou"
            and len(low) <= 4
        )
        base = low + low[-1] if double else stem
        third = low + "es" if low.endswith(("s", "x", "ch", "sh")) else low + "s"
        forms = [third, base + "ed", base + "ing"]
        if low.endswith("e"):
            forms[1] = low + "d"
        # phrasal verbs: inflect the first word ("lash out" -> "lashed out")
        if head:
            verb, _, particle = term.partition(" ")
            return [f"{f} {particle}" for f in inflections(verb, "verb")]
    return [prefix + f for f in forms]


def _compile(entry: LexiconEntry) -> re.Pattern[str]:
    alternatives = sorted(entry.all_forms(), key=len, reverse=True)
    body = "|".join(_form_regex(f) for f in alternatives)
    return re.compile(rf"(?<![\w’']){'(?:'}{body}{')'}(?![\w])", re.IGNORECASE)


def _form_regex(form: str) -> str:
    words = ("[-‐‑]".join(re.escape(piece) for piece in word.split("-")) for word in form.split())
    return r"\s+".join(words)


def _extend_compound(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a hit over hyphenated compound parts ("eco-" + "zealots")."""
    while start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum():
        j = start - 2
        while j > 0 and text[j - 1].isalnum():
            j -= 1
        start = j
    while end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum():
        j = end + 1
        while j < len(text) and text[j].isalnum():
            j += 1
        end = j
    return start, end


def _context_ok(
    text: str,
    start: int,
    end: int,
    entry: LexiconEntry,
    term_starts: set[int],
    name_starts: set[int],
) -> bool:
    nxt = _NEXT_WORDS.match(text, end)
    next_words = [w.lower() for w in nxt.groups() if w] if nxt else []
    next_start = nxt.start(1) if nxt else -1
    joined = " ".join(next_words)
    if entry.unless_next and any(_starts_with(joined, w) for w in entry.unless_next):
        return False
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    if entry.unless_prev and prev and prev.group(1).lower() in entry.unless_prev:
        return False
    if entry.unless_term_next and _names_a_term(text, end):
        return False
    if not entry.requires_next:
        return True
    # the neighbour must follow on the same line, separated only by spaces
    if nxt is None or "\n" in text[end:next_start]:
        return False
    for want in entry.requires_next:
        if want == "@name" and (next_start in name_starts or text[next_start].isupper()):
            return True
        if want == "@term" and next_start in term_starts:
            return True
        if not want.startswith("@") and _starts_with(joined, want):
            return True
    return False


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TERM_WORDS = re.compile(r"\s+([a-z][a-z-]*)\s+([a-z][a-z-]*)\b")


def _names_a_term(text: str, end: int) -> bool:
    """Whether a plain noun compound follows ("so-called marriage penalty"): a two-word term.

    A writer who doubts a name puts the distancing word before one word ("so-called experts");
    before an established term of two plain words, the word only introduces it.
    """
    from storylens.comparison.framing_words import can_be, valence

    m = _TERM_WORDS.match(text, end)
    if m is None:
        return False
    first, second = m.group(1), m.group(2)
    if first in _FUNCTION_WORDS or second in _FUNCTION_WORDS:
        return False
    if first.endswith("s") and not first.endswith("ss"):
        return False  # "so-called experts say": a plural noun, then its verb
    if valence(first):
        return False  # "so-called peace plan": a rated word is a claim, not a technical name
    return (can_be(first, "noun") or can_be(first, "adj")) and can_be(second, "noun")


_FUNCTION_WORDS = _word_set(
    "a an the and or but of to in on at by for with from as is are was were be been has "
    "have had will would can could may might who which that this these those it its his "
    "her their"
)


def _starts_with(words: str, phrase: str) -> bool:
    return words == phrase or words.startswith(phrase + " ")


def _merge(text: str, hits: list[tuple[int, int, LexiconEntry]]) -> list[TermMatch]:
    """Join hits separated only by spaces into one span."""
    merged: list[TermMatch] = []
    for start, end, entry in hits:
        if merged and text[merged[-1].end : start].strip(" ") == "" and start >= merged[-1].end:
            last = merged[-1]
            merged[-1] = TermMatch(last.start, end, text[last.start : end], (*last.entries, entry))
        else:
            merged.append(TermMatch(start, end, text[start:end], (entry,)))
    return merged


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


# quotation spans ----------------------------------------------------------------------

_QUOTE_PATTERNS = (
    re.compile(r"“[^“”\n]{1,1500}”"),
    re.compile(r"«[^«»\n]{1,1500}»"),
    re.compile(r'(?<![\w])"[^"\n]{1,1500}"'),
    re.compile(r"(?<![\w])‘[^‘’\n]{1,300}’(?![\w])"),
    re.compile(r"``[^`\n]{1,1500}?''"),
)


def quote_spans(text: str, extra: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans of quoted passages: quotation marks plus any ``extra`` spans."""
    spans = [(m.start(), m.end()) for p in _QUOTE_PATTERNS for m in p.finditer(text)]
    spans.extend(extra)
    return sorted(set(spans))


# loading ------------------------------------------------------------------------------


def _entry_from_dict(data: Any, where: str) -> LexiconEntry:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a lexicon entry must be an object, got {type(data).__name__}")
    missing = [k for k in ("term", "category", "why") if not str(data.get(k) or "").strip()]
    if missing:
        raise ConfigError(f"{where}: lexicon entry {data!r} lacks {', '.join(missing)}")
    pos = str(data.get("pos") or "phrase")
    if pos not in POS_VALUES:
        raise ConfigError(
            f"{where}: lexicon entry {data['term']!r}: pos must be one of {POS_VALUES}"
        )

    def words(key: str) -> tuple[str, ...]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: lexicon entry {data['term']!r}: {key} must be a list")
        return tuple(v if v.startswith("@") else v.lower() for v in value)

    return LexiconEntry(
        term=str(data["term"]).strip(),
        category=str(data["category"]),
        why=str(data["why"]),
        pos=pos,
        neutral=str(data.get("neutral") or ""),
        forms=words("forms"),
        requires_next=words("requires_next"),
        unless_next=words("unless_next"),
        unless_prev=words("unless_prev"),
        unless_term_next=bool(data.get("unless_term_next", False)),
    )


def parse_lexicon(data: Any, where: str) -> list[LexiconEntry]:
    """Entries from a lexicon document (``{"entries": [...]}`` or a bare list)."""
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(f"{where}: a lexicon must be a list of entries or have an 'entries' list")
    return [_entry_from_dict(item, where) for item in items]


def read_lexicon_file(path: Path) -> list[LexiconEntry]:
    """Entries from a JSON lexicon file; :class:`ConfigError` naming the file otherwise."""
    try:
        data = read_settings_json(path, "lexicon")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read lexicon: {exc}") from exc
    return parse_lexicon(data, str(path))


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[LexiconEntry, ...]:
    """The lexicon shipped with storylens."""
    try:
        raw = BUILTIN_LEXICON.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{BUILTIN_LEXICON}: cannot read the built-in lexicon: {exc}") from exc
    return tuple(parse_lexicon(json.loads(raw), str(BUILTIN_LEXICON)))


@lru_cache(maxsize=8)
def _load(extra: Path | None) -> Lexicon:
    entries = {e.term.lower(): e for e in builtin_entries()}
    if extra is not None:
        for entry in read_lexicon_file(extra):
            entries[entry.term.lower()] = entry
    return Lexicon(list(entries.values()))


def load_lexicon(settings: Settings | None = None) -> Lexicon:
    """The built-in lexicon plus ``settings.lexicon_file`` (its entries override by term)."""
    return _load(settings.lexicon_file if settings else None)


class _Found(Protocol):
    """A found loaded term: a lexicon match or a cue."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def why(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def neutral(self) -> str: ...


def term_record(found: _Found, article: str, terms: list[str], strength: float) -> dict[str, Any]:
    """A loaded term as the report's ``loaded_terms[]`` entry (lexicon or cue match)."""
    return {
        "article": article,
        "start": found.start,
        "end": found.end,
        "text": found.text,
        "why": found.why,
        "category": found.category,
        "terms": terms,
        "neutral_alternative": found.neutral,
        "strength": strength,
    }
