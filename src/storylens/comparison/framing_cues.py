"""Framing cues beyond the lexicon: evaluative words, scare quotes and label choices.

The lexicon (:mod:`storylens.comparison.lexicon`) knows a few hundred loaded terms, loaded verbs and
intensifiers by name. Most slanted wording is on no list, so this module adds three detectors
that work on any text, each hit explained in words a reader understands:

- **Evaluative words**: a word people rate as clearly positive or negative (the VADER ratings,
  see :mod:`storylens.comparison.framing_words`). In the outlet's narration only adjectives and
  adverbs count ("adoring fans", "a thinly-veiled attack", "historic decision"): they can be
  dropped without changing what is reported. Inside quotations any rated word counts, as the
  speaker's framing. Words that name a topic or a routine act in news copy ("security",
  "charged", "peace") never count by their rating alone.
- **Scare quotes**: one to three words in quotation marks, in a sentence that attributes
  them to no one ("same-sex 'marriage'"): the writer distances itself from the word.
- **Label choices**: a modifier the outlet puts on a noun where the other outlets on the story
  put a different one on the same noun ("homosexual couples" where the others write
  "same-sex couples").

The other outlets' wording is the baseline (:class:`Baseline`): a rated word that every outlet
uses is part of the story ("threat" in a story about threats), not one outlet's choice, so in
narration a word counts only when no other outlet uses it, and in quotations when at most one
does. Without other outlets (a single article) every rated word counts.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from storylens import words
from storylens.comparison.framing_voice import reading, reported_spans
from storylens.comparison.framing_words import can_be, valence
from storylens.comparison.lexicon import term_record
from storylens.errors import ConfigError
from storylens.words import (
    ABBREVIATION_END,
    BE,
    CORE,
    DEMONSTRATIVES,
    POSSESSIVES,
    SUBJECT_PRONOUNS,
)

STAGE = "framing.cues.v1"
CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "framing_cues.json"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")
_QUOTED_SHORT = re.compile(r"([\"“‘'])([^\"“”‘’'\n]{1,60})([\"”’'])")
# words that are never a loaded label or its modifier
_STOP = (
    CORE
    | {"as", "about", "over", "after", "before", "under", "above", "but", "not"}
    | BE
    | SUBJECT_PRONOUNS
    | POSSESSIVES
    | DEMONSTRATIVES
    | {"any", "some", "all", "each", "every", "both", "no", "more", "less"}
)


@dataclass(frozen=True, slots=True)
class CueSettings:
    """The curated lists in ``data/framing_cues.json``."""

    min_valence: float
    neutral_in_news: frozenset[str]
    scare_quote_max_words: int
    speech_cues: frozenset[str]
    label_modifiers_ignored: frozenset[str]
    fixed_terms: frozenset[str] = frozenset()  # "grand jury": the rated word names a thing
    min_valence_act: float = 2.0  # a noun or verb in narration: only strongly rated ones
    reporting_verbs: frozenset[str] = frozenset()  # "argued", "consider": reported words follow


@cache
def cue_settings() -> CueSettings:
    """The built-in cue settings (read once)."""
    try:
        data = json.loads(CUES_FILE.read_text(encoding="utf-8"))
        return CueSettings(
            min_valence=float(data["min_valence"]),
            neutral_in_news=frozenset(w.lower() for w in data["neutral_in_news"]["words"]),
            scare_quote_max_words=int(data["scare_quote_max_words"]),
            speech_cues=frozenset(w.lower() for w in data["speech_cues"]),
            label_modifiers_ignored=frozenset(w.lower() for w in data["label_modifiers_ignored"]),
            fixed_terms=frozenset(w.lower() for w in data["fixed_terms"]["terms"]),
            min_valence_act=float(data["min_valence_act"]),
            reporting_verbs=frozenset(w.lower() for w in data["reporting_verbs"]["words"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{CUES_FILE}: cannot read the framing cue settings: {exc}") from exc


stem = lru_cache(maxsize=65536)(words.stem)  # vocabularies are compared word by word


@dataclass(slots=True)
class Baseline:
    """What the other outlets on the story wrote: their word stems and modifier-noun pairs."""

    stems: dict[str, int] = field(default_factory=dict)  # stem -> how many other outlets use it
    outlets: int = 0
    pairs: dict[str, dict[str, int]] = field(default_factory=dict)  # noun -> modifier -> outlets
    own_pairs: dict[str, set[str]] = field(default_factory=dict)  # this outlet's, for contrast

    def uses(self, word: str) -> int:
        return self.stems.get(stem(word), 0)


@dataclass(slots=True)
class OutletVocabulary:
    """One outlet's word stems and modifier-noun pairs (narration only)."""

    stems: set[str] = field(default_factory=set)
    pairs: dict[str, set[str]] = field(default_factory=dict)


def vocabulary(texts: Iterable[tuple[str, Sequence[tuple[int, int]]]]) -> OutletVocabulary:
    """The vocabulary of one outlet's articles: ``(text, quote spans)`` pairs."""
    vocab = OutletVocabulary()
    for text, quotes in texts:
        words = list(_WORD.finditer(text))
        vocab.stems.update(stem(m.group()) for m in words)
        inside = SpanIndex(quotes)
        for first, second in pairwise(words):
            if text[first.end() : second.start()] != " " or inside.contains(first.start()):
                continue
            if not first.group().islower():
                continue  # "North Korean weapons": part of a name, not a chosen modifier
            vocab.pairs.setdefault(second.group().lower(), set()).add(first.group())
    return vocab


def baselines(vocabs: dict[str, OutletVocabulary]) -> dict[str, Baseline]:
    """For each outlet, the baseline made of every other outlet's vocabulary."""
    out: dict[str, Baseline] = {}
    for name in vocabs:
        base = Baseline(outlets=len(vocabs) - 1, own_pairs=vocabs[name].pairs)
        for other, vocab in vocabs.items():
            if other == name:
                continue
            for s in vocab.stems:
                base.stems[s] = base.stems.get(s, 0) + 1
            for noun, mods in vocab.pairs.items():
                slot = base.pairs.setdefault(noun, {})
                for mod in mods:
                    slot[mod] = slot.get(mod, 0) + 1
        out[name] = base
    return out


@dataclass(frozen=True, slots=True)
class Cue:
    """One framing cue: a character span, its category and the reason in plain words."""

    start: int
    end: int
    text: str
    category: str
    why: str
    neutral: str = ""
    strength: float = 0.5
    quoted: bool = False
    pos: str = ""  # "adjective", "adverb", "noun" or "verb" for an evaluative word

    def to_dict(self, article: str) -> dict[str, Any]:
        record = term_record(self, article, [self.text.lower()], round(self.strength, 2))
        if self.pos:
            record["part_of_speech"] = self.pos
        return record


def find_cues(
    text: str,
    *,
    quotes: Sequence[tuple[int, int]] = (),
    names: Sequence[tuple[int, int]] = (),
    baseline: Baseline | None = None,
    reported: Sequence[tuple[int, int]] | None = None,
) -> tuple[list[Cue], list[Cue]]:
    """Cues in ``text``: (the outlet's own, those inside ``quotes``).

    ``names`` are named-entity mention spans (never flagged); ``baseline`` is what the other
    outlets on the story wrote; ``reported`` the spans verbs of saying report
    (:func:`~storylens.comparison.framing_voice.reported_spans`), found here when not given.
    """
    settings = cue_settings()
    own: list[Cue] = []
    quoted: list[Cue] = []
    scare = _scare_quotes(text, quotes, settings)
    own.extend(scare)
    taken = SpanIndex([*names, *((c.start, c.end) for c in scare)])
    inside_quotes = SpanIndex(quotes)
    if reported is None:
        reported = reported_spans(text, settings.reporting_verbs)
    in_report = SpanIndex(reported)
    for m in _WORD.finditer(text):
        word = m.group()
        low = word.lower()
        if low in settings.neutral_in_news or abs(valence(low)) < settings.min_valence:
            continue
        start, end = m.start(), m.end()
        if taken.overlaps(start, end):
            continue
        if word[:1].isupper() and not _sentence_initial(text, start):
            continue  # part of a name or a title
        if _in_fixed_term(text, start, end, settings.fixed_terms):
            continue  # "a federal grand jury": the name of a thing
        inside = inside_quotes.contains(start)
        found = _evaluative(word, start, end, inside, baseline, settings, reading(text, start, end))
        if found is None:
            continue
        if not inside and in_report.contains(start):
            quoted.append(as_reported(found))
        else:
            (quoted if inside else own).append(found)
    if baseline is not None and baseline.outlets:
        for cue in _label_choices(text, quotes, names, baseline, settings, own):
            (quoted.append(as_reported(cue)) if in_report.contains(cue.start) else own.append(cue))
    own.sort(key=lambda c: c.start)
    quoted.sort(key=lambda c: c.start)
    return own, quoted


def _in_fixed_term(text: str, start: int, end: int, terms: frozenset[str]) -> bool:
    """Whether the word at ``start:end`` opens or closes one of the ``terms`` ("grand jury",
    "hate crime")."""
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    before = (
        _LAST_WORD.search(text, 0, max(0, start - 1)) if text[start - 1 : start] == " " else None
    )
    word = text[start:end].lower()
    return bool(
        (after and f"{word} {after.group().lower()}" in terms)
        or (before and f"{before.group().lower()} {word}" in terms)
    )


_LAST_WORD = re.compile(r"[A-Za-z][\w'’-]*$")


def _evaluative(
    word: str,
    start: int,
    end: int,
    inside: bool,
    baseline: Baseline | None,
    settings: CueSettings,
    context: str = "",
) -> Cue | None:
    """An evaluative cue for a rated word; ``context`` is the word class its neighbours give
    it (:func:`~storylens.comparison.framing_voice.reading`), "" when they do not tell."""
    low = word.lower()
    if low in settings.neutral_in_news:
        return None
    rating = valence(low)
    if abs(rating) < settings.min_valence:
        return None
    used = baseline.uses(low) if baseline is not None else 0
    if used > (1 if inside else 0):
        return None
    judges = "favourably" if rating > 0 else "unfavourably"
    strength = min(1.0, abs(rating) / 3.0)
    if inside:
        why = f"evaluative word in the quoted speaker's voice: it judges {judges}"
        return Cue(start, end, word, "evaluative", why, strength=strength, quoted=True)
    other = "; no other outlet on the story uses it" if baseline and baseline.outlets else ""
    modifier = (can_be(low, "adj") or can_be(low, "adv")) and not can_be(low, "verb")
    if not modifier or context == "noun":
        # a noun or verb carries the report itself ("warned", "tension"); one rated as strongly
        # as "praised", "lying" or "destruction" also judges what it reports. No neutral word
        # stands in for it, and the summary keeps it as written (it cannot be left out).
        if abs(rating) < settings.min_valence_act:
            return None
        if not (can_be(low, "noun") or can_be(low, "verb")):
            return None  # no English word: a chat abbreviation ("wth") or a typing slip
        # the word class its neighbours give it: "is amazing news" is no verb, "dumped dirt"
        # no adjective
        kind = {"adj": "adjective"}.get(context, context) or (
            "verb" if can_be(low, "verb") else "noun"
        )
        why = f"strongly evaluative {kind} in the outlet's narration: it judges {judges}{other}"
        return Cue(start, end, word, "evaluative", why, strength=strength, pos=kind)
    kind = "adverb" if low.endswith("ly") and can_be(low, "adv") else "adjective"
    why = f"evaluative {kind} in the outlet's narration: it judges {judges} instead of describing"
    return Cue(start, end, word, "evaluative", why + other, strength=strength, pos=kind)


def as_reported(cue: Cue) -> Cue:
    """``cue`` read as the words of someone the outlet reports ("critics argued that …")."""
    why = "in the reported words of someone the outlet cites, not the outlet's own: " + cue.why
    return replace(cue, why=why, quoted=True)


def _scare_quotes(text: str, quotes: Sequence[tuple[int, int]], settings: CueSettings) -> list[Cue]:
    """Short quoted words in a sentence that attributes them to no one."""
    found = []
    for m in _QUOTED_SHORT.finditer(text):
        opening, inner, closing = m.groups()
        if not _pair(opening, closing):
            continue
        words = _WORD.findall(inner)
        if not words or len(words) > settings.scare_quote_max_words:
            continue
        if inner != inner.strip() or inner[-1:] in ",.;:!?":
            continue  # a clipped sentence, not a word held at arm's length
        start, end = m.start(), m.end()
        before = text[start - 1 : start] if start else ""
        after = text[end : end + 1]
        if (before and before.isalnum()) or (after and after.isalnum()):
            continue  # an apostrophe inside a word
        if _inside_other_quote(start, end, quotes):
            continue
        if all(w[:1].isupper() for w in words):
            continue  # a name, title or slogan in quotation marks

        if _attributed(text, start, end, settings):
            continue
        why = (
            "scare quotes: the outlet puts the word in quotation marks without a speaker, "
            "distancing itself from it"
        )
        found.append(Cue(start, end, m.group(), "scare_quote", why, inner, strength=0.8))
    return found


def _pair(opening: str, closing: str) -> bool:
    return (opening, closing) in {('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'"), ("'", "’")}


def _inside_other_quote(start: int, end: int, quotes: Sequence[tuple[int, int]]) -> bool:
    """Inside a longer quotation (a quote within a quote is the speaker's)."""
    return any(s <= start and end <= e and (e - s) > (end - start) + 2 for s, e in quotes)


def _ends(text: str, stop: re.Match[str]) -> bool:
    """Whether a sentence end ``stop`` found in ``text`` is one, not an abbreviation's full
    stop ("warned the U.S. there would be …")."""
    return not ABBREVIATION_END.search(text, max(0, stop.start() - 4), stop.start() + 1)


def _attributed(text: str, start: int, end: int, settings: CueSettings) -> bool:
    """Whether the sentence around the quoted words names a speaker with a speech verb."""
    ends = [m for m in _SENTENCE_END.finditer(text, max(0, start - 300), start) if _ends(text, m)]
    left = ends[-1].end() if ends else 0
    right = next(
        (m.start() for m in _SENTENCE_END.finditer(text, end) if _ends(text, m)), len(text)
    )
    sentence_words = {w.lower() for w in _WORD.findall(text[left:start] + " " + text[end:right])}
    return bool(sentence_words & settings.speech_cues)


def _label_choices(
    text: str,
    quotes: Sequence[tuple[int, int]],
    names: Sequence[tuple[int, int]],
    baseline: Baseline,
    settings: CueSettings,
    taken: Sequence[Cue],
) -> list[Cue]:
    """Modifier-noun pairs whose modifier the other outlets replace with another one."""
    found: list[Cue] = []
    seen: set[tuple[str, str]] = set()
    spans = SpanIndex((c.start, c.end) for c in taken)
    inside_quotes = SpanIndex(quotes)
    name_spans = SpanIndex(names)
    words = list(_WORD.finditer(text))
    for first, second in pairwise(words):
        mod, noun = first.group(), second.group()
        if not mod.islower() or not noun.islower():
            continue
        others = baseline.pairs.get(noun, {})
        if not others or mod in others or (mod, noun) in seen:
            continue
        if text[first.end() : second.start()] != " " or mod in _STOP or noun in _STOP:
            continue
        if _ignored(mod, settings) or baseline.uses(mod) or _measure(mod):
            continue
        if not (can_be(mod, "adj") or ("-" in mod and mod.replace("-", "").isalpha())):
            continue
        if not can_be(noun, "noun") or can_be(mod, "verb"):
            continue
        if inside_quotes.contains(first.start()) or name_spans.overlaps(
            first.start(), second.end()
        ):
            continue
        if _noun_follows(text, second.end()):
            continue  # "asylum seekers": the noun modifies another, the head is further on
        mine = baseline.own_pairs.get(noun, set())
        choices = [
            m
            for m, _ in sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))
            if m not in mine
            and not _ignored(m, settings)
            and m not in _STOP
            and not _measure(m)
            and (can_be(m, "adj") or ("-" in m and m.replace("-", "").isalpha()))
            and not can_be(m, "verb")
        ]
        if not choices:
            continue
        seen.add((mod, noun))
        if spans.overlaps(first.start(), first.end()):
            continue
        alternative = f"{choices[0]} {noun}"
        why = f"label choice: '{mod} {noun}' where other outlets on the story write " + ", ".join(
            f"'{m} {noun}'" for m in choices[:3]
        )
        found.append(
            Cue(first.start(), second.end(), f"{mod} {noun}", "label_choice", why,
                alternative, strength=0.9)
        )  # fmt: skip
    return found


# a compass direction ("southeastern", "north-west", "northeast"): where, not how it is seen
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|mid)(?:-?(?:east|west))?(?:ern)?$")


def _ignored(word: str, settings: CueSettings) -> bool:
    """A modifier that describes rather than labels: one of the settings' ignored words, its
    comparative or superlative ("biggest", "larger": an outlet writing "Iran's largest island"
    where another writes "the biggest island" chooses no label), or a compass direction."""
    ignored = settings.label_modifiers_ignored
    if word in ignored or _DIRECTION.match(word):
        return True
    for ending in ("est", "er"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            doubled = len(stem) > 2 and stem[-1] == stem[-2]  # "biggest" -> "big"
            forms = {stem, stem + "e", stem[:-1] if doubled else stem}
            if stem.endswith("i"):
                forms.add(stem[:-1] + "y")  # "earliest" -> "early"
            if forms & ignored:
                return True
    return False


_MEASURE_PARTS = _word_set(
    "one two three four five six seven eight nine ten dozen hundred thousand million "
    "billion day days week weeks month months year years decade decades hour hours minute "
    "minutes long short term range scale time times size sized wide old on off "
    # ordinals count ("the fourth round" / "the fifth round" is no label)
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth hundredth thousandth"
)


def _measure(word: str) -> bool:
    """A modifier that measures or counts rather than judges: "two-day", "long-range",
    "1990s", "fourth", "second-best"."""
    parts = word.split("-")
    return any(ch.isdigit() for ch in word) or any(p in _MEASURE_PARTS for p in parts)


_NEXT = re.compile(r" ([a-z][a-z-]*)")


def _noun_follows(text: str, end: int) -> bool:
    m = _NEXT.match(text, end)
    return bool(m and m.group(1) not in _STOP and can_be(m.group(1), "noun"))


class SpanIndex:
    """Disjoint sorted spans for fast "is this offset inside?" look-ups."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def contains(self, at: int) -> bool:
        i = bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and start < self.ends[i]


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 6) : start].rstrip(" \"'“‘(")
    return not before or before.endswith(("\n", ".", "!", "?", ":")) or start == 0
