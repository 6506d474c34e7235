"""Framing: how each outlet names the actors, which loaded terms and hedges it uses, and
whose words it quotes.

:func:`analyse_framing` returns one dict per outlet (in the order outlets first appear):

- ``loaded_terms[]``: ``article``, ``start``, ``end``, ``text``, ``why``, ``category``,
  ``terms``, ``neutral_alternative`` and, where the term labels a linked actor,
  ``entity`` plus the ``descriptor`` span it belongs to. Only the outlet's own words:
  terms inside direct quotations, and those a verb of saying or believing reports ("critics
  argued that …", see :mod:`storylens.comparison.framing_voice`), go to
  ``quoted_loaded_terms[]``.
- ``naming``: entity id → the descriptors this outlet attaches to it;
  ``naming_contrasts[]``: descriptors only this outlet uses for an entity that other outlets
  also describe, either loaded (a lexicon term) or with a different head noun. A label
  inside a quotation is the speaker's, not the outlet's naming. A head noun is no contrast
  when the outlet also uses one of the others' heads for the actor, or when another outlet
  says it too, as a label or as the matching verb ("who chairs the committee" for
  "chairman").
- ``hedges[]``: distancing words in the outlet's voice ("allegedly", "reportedly", ...).
- ``quoted_speakers``: speaker → ``count``, ``words`` and ``share`` of the quoted words.
- ``scores``: counts and rates per 1000 words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storylens.analyse.cues import HEDGE_ADJECTIVES, HEDGE_PARTICIPLES, HEDGE_WORDS
from storylens.comparison.framing_cues import (
    Baseline,
    Cue,
    OutletVocabulary,
    SpanIndex,
    baselines,
    cue_settings,
    find_cues,
    vocabulary,
)
from storylens.comparison.framing_summary import outlet_summary
from storylens.comparison.framing_voice import reading, reported_spans
from storylens.comparison.lexicon import Lexicon, TermMatch, load_lexicon, quote_spans
from storylens.settings import Settings
from storylens.types import Analysis, Entity

STAGE = "framing.cues.v9"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# a hedge in the outlet's own voice: the hedging adverbs attribution finds, the adjectives
# that hedge a noun, and "is believed to"
_HEDGE = re.compile(
    rf"(?<![\w’'-])(?:{_alternation(HEDGE_WORDS | HEDGE_ADJECTIVES)}|"
    rf"(?:is|are|was|were)\s+(?:{_alternation(HEDGE_PARTICIPLES)})\s+to)(?![\w-])",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+(?:[’'-]\w+)*")
# a role told by a verb right after the name: "X, who chairs the committee", "X, D-Ore.,
# who now heads the agency", "X leads the party"
_ROLE_VERB = re.compile(
    r"(?:\s*(?:\([^()\n]{1,20}\))?\s*,[^,;\n\"“”]{0,30}?,?\s*who|)\s+(?:now\s+|also\s+|still\s+)?"
    r"([a-z]{3,}?)e?s\s+(?:the|a|an|its|his|her|their)\s"
)
# endings that make an agent noun of a verb: chair-man, lead-er, direct-or, preside-nt
_AGENT_ENDINGS = ("", "man", "woman", "person", "r", "er", "or", "nt", "ent", "ant", "ative")
# courtesy titles: two outlets sharing one say nothing about the role either gives the actor
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam"})
_HEAD_CUT = re.compile(r"\s+(?:of|for|with|at|in|from|on|who|which|that|to)\s+|,", re.IGNORECASE)


@dataclass(slots=True)
class _Outlet:
    name: str
    articles: list[str] = field(default_factory=list)
    words: int = 0
    narration_words: int = 0
    loaded: list[dict[str, Any]] = field(default_factory=list)
    quoted_loaded: list[dict[str, Any]] = field(default_factory=list)
    hedges: list[dict[str, Any]] = field(default_factory=list)
    naming: dict[str, list[str]] = field(default_factory=dict)
    naming_spans: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    quoted_naming: set[tuple[str, str]] = field(default_factory=set)
    roles: dict[str, set[str]] = field(default_factory=dict)  # entity -> verb stems
    speakers: dict[str, list[int]] = field(default_factory=dict)  # name -> [count, words]


def word_count(text: str) -> int:
    """Number of word tokens in ``text``."""
    return len(_WORDS.findall(text))


def narration_word_count(text: str, quotes: Sequence[tuple[int, int]]) -> int:
    """Number of word tokens in ``text`` outside the ``quotes`` spans."""
    inside = SpanIndex(quotes)
    return sum(1 for m in _WORDS.finditer(text) if not inside.contains(m.start()))


Hit = TermMatch | Cue


def find_loaded(
    text: str,
    lexicon: Lexicon,
    *,
    quotes: Sequence[tuple[int, int]],
    names: Sequence[tuple[int, int]] = (),
    baseline: Baseline | None = None,
) -> tuple[list[Hit], list[Hit]]:
    """Loaded terms in ``text``: (the outlet's own, those inside ``quotes``).

    Lexicon terms first; then the cues beyond the lexicon (evaluative words, scare quotes,
    label choices) where they do not overlap a lexicon term. ``names`` are named-entity
    mention spans; ``baseline`` is what the other outlets on the story wrote.
    """
    own_terms, quoted_terms = lexicon.find(text, quotes=quotes, names=[s for s, _ in names])
    # an intensifier that is a verb here ("staggering against a wall") says how someone moved
    own_terms = [
        m
        for m in own_terms
        if m.category != "intensifier" or reading(text, m.start, m.end) != "verb"
    ]
    spans = reported_spans(text, cue_settings().reporting_verbs)
    reported = SpanIndex(spans)
    quoted_terms.extend(
        TermMatch(m.start, m.end, m.text, m.entries, quoted=True)
        for m in own_terms
        if reported.contains(m.start)
    )
    own_terms = [m for m in own_terms if not reported.contains(m.start)]
    own_cues, quoted_cues = find_cues(
        text, quotes=quotes, names=names, baseline=baseline, reported=spans
    )
    taken = [(m.start, m.end) for m in [*own_terms, *quoted_terms]]
    own: list[Hit] = [*own_terms]
    quoted: list[Hit] = [*quoted_terms]
    for cue in own_cues:
        if not any(s < cue.end and cue.start < e for s, e in taken):
            own.append(cue)
    for cue in quoted_cues:
        if not any(s < cue.end and cue.start < e for s, e in taken):
            quoted.append(cue)
    own.sort(key=lambda h: h.start)
    quoted.sort(key=lambda h: h.start)
    return own, quoted


def story_baselines(
    texts: dict[str, list[tuple[str, Sequence[tuple[int, int]]]]],
) -> dict[str, Baseline]:
    """Per outlet, the baseline of the other outlets: ``texts`` maps outlet → (text, quotes)."""
    vocabs: dict[str, OutletVocabulary] = {name: vocabulary(items) for name, items in texts.items()}
    return baselines(vocabs)


def analyse_framing(
    analyses: list[Analysis], entities: list[Entity], settings: Settings | None = None
) -> list[dict[str, Any]]:
    """One framing record per outlet (see the module docstring for the keys)."""
    lexicon = load_lexicon(settings)
    names = {e.id: e.name for e in entities}
    outlets: dict[str, _Outlet] = {}
    quotes = {id(a): _quotes(a) for a in analyses}
    texts: dict[str, list[tuple[str, Sequence[tuple[int, int]]]]] = {}
    for analysis in analyses:
        texts.setdefault(analysis.article.outlet, []).append(
            (analysis.article.text, quotes[id(analysis)])
        )
    base = story_baselines(texts)
    for analysis in analyses:
        outlet = outlets.setdefault(analysis.article.outlet, _Outlet(analysis.article.outlet))
        _add_article(
            outlet, analysis, lexicon, names, quotes[id(analysis)], base[analysis.article.outlet]
        )
    for entity in entities:
        for outlet_name, labels in entity.labels.items():
            if outlet_name in outlets:
                outlet = outlets[outlet_name]
                own = {_norm(x) for x in outlet.naming.get(entity.id, [])}
                _add_labels(
                    outlet,
                    entity.id,
                    [
                        x
                        for x in labels
                        if _norm(x) in own or (entity.id, _norm(x)) not in outlet.quoted_naming
                    ],
                )
    contrasts = _naming_contrasts(outlets, lexicon, names)
    records = [_record(o, contrasts.get(o.name, []), names) for o in outlets.values()]
    main = _main_actors(entities)
    for record in records:
        record["summary"] = outlet_summary(record, records, main, names)
    return records


def _quotes(analysis: Analysis) -> list[tuple[int, int]]:
    return quote_spans(
        analysis.article.text, [(q.start, q.end) for q in analysis.quotes if q.direct]
    )


def _main_actors(entities: Sequence[Entity], limit: int = 3) -> list[str]:
    """The entities the story is most about: people and organisations with most mentions."""
    ranked = sorted(
        (e for e in entities if e.type in {"PERSON", "ORG"}),
        key=lambda e: (-len(e.mentions), e.name),
    )
    return [e.id for e in ranked[:limit]]


def _add_article(
    outlet: _Outlet,
    analysis: Analysis,
    lexicon: Lexicon,
    names: dict[str, str],
    quotes: Sequence[tuple[int, int]],
    baseline: Baseline | None,
) -> None:
    art = analysis.article
    text = art.text
    outlet.articles.append(art.id)
    outlet.words += word_count(text)
    outlet.narration_words += narration_word_count(text, quotes)
    spans = [(m.start, m.end) for m in analysis.mentions]
    own, quoted = find_loaded(text, lexicon, quotes=quotes, names=spans, baseline=baseline)
    outlet.loaded.extend(_term_dict(analysis, m) for m in own)
    outlet.quoted_loaded.extend(_term_dict(analysis, m) for m in quoted)
    outlet.hedges.extend(_hedges(art.id, text, quotes))
    inside = SpanIndex(quotes)
    for desc in analysis.descriptors:
        entity = desc.entity or _mention_entity(analysis, desc.mention)
        if entity and inside.contains(desc.start):
            outlet.quoted_naming.add((entity, _norm(desc.text)))
        elif entity:
            _add_labels(outlet, entity, [desc.text])
            outlet.naming_spans.setdefault(
                (entity, _norm(desc.text)),
                {"article": art.id, "start": desc.start, "end": desc.end, "text": desc.text},
            )
    for mention in analysis.mentions:
        role = _ROLE_VERB.match(text, mention.end)
        if mention.entity and role and not inside.overlaps(mention.start, role.end()):
            outlet.roles.setdefault(mention.entity, set()).add(role.group(1))
    for quote in analysis.quotes:
        speaker = _speaker_name(quote.speaker_entity or quote.speaker, quote.speaker_text, names)
        tally = outlet.speakers.setdefault(speaker, [0, 0])
        tally[0] += 1
        tally[1] += word_count(quote.text)


def _mention_entity(analysis: Analysis, index: int) -> str | None:
    if 0 <= index < len(analysis.mentions):
        return analysis.mentions[index].entity
    return None


def _speaker_name(speaker: str | None, speaker_text: str, names: dict[str, str]) -> str:
    if speaker and speaker in names:
        return names[speaker]
    return (speaker or speaker_text or "unattributed").strip() or "unattributed"


def _add_labels(outlet: _Outlet, entity: str, labels: Iterable[str]) -> None:
    have = outlet.naming.setdefault(entity, [])
    seen = {_norm(x) for x in have}
    for label in labels:
        if label.strip() and _norm(label) not in seen:
            have.append(label.strip())
            seen.add(_norm(label))


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _term_dict(analysis: Analysis, match: Hit) -> dict[str, Any]:
    data = match.to_dict(analysis.article.id)
    if isinstance(match, Cue) or not match.nominal:  # "mocked Putin": an act, not the actor
        return data
    entity, descriptor = _attached_entity(analysis, match.start, match.end)
    if entity:
        data["entity"] = entity
    if descriptor:
        data["descriptor"] = descriptor
    return data


def _attached_entity(
    analysis: Analysis, start: int, end: int
) -> tuple[str | None, dict[str, Any] | None]:
    """The linked entity a loaded term labels: via a descriptor, or the mention it precedes."""
    for desc in analysis.descriptors:
        if desc.start < end and start < desc.end:
            entity = desc.entity or _mention_entity(analysis, desc.mention)
            span = {"start": desc.start, "end": desc.end, "text": desc.text}
            return entity, span
    text = analysis.article.text
    for mention in analysis.mentions:
        inside = mention.start <= start and end <= mention.end
        gap = text[end : mention.start] if mention.start >= end else "x"
        if mention.entity and (inside or (len(gap) <= 2 and not gap.strip())):
            return mention.entity, None
    return None, None


def _hedges(article: str, text: str, quotes: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    found = []
    for m in _HEDGE.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in quotes):
            continue
        found.append({"article": article, "start": m.start(), "end": m.end(), "text": m.group()})
    return found


def head_noun(descriptor: str) -> str:
    """The head word of a descriptor: the last word before a preposition or clause."""
    core = _HEAD_CUT.split(descriptor, maxsplit=1)[0]
    words = _WORDS.findall(core)
    return words[-1].casefold() if words else ""


def _told(head: str, stems: Iterable[str]) -> bool:
    """Whether a verb stem tells the role the head noun names ("chair" for "chairman")."""
    return any(head.startswith(stem) and head[len(stem) :] in _AGENT_ENDINGS for stem in stems)


def _naming_contrasts(
    outlets: dict[str, _Outlet], lexicon: Lexicon, names: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for outlet in outlets.values():
        for entity, labels in outlet.naming.items():
            others = {
                o.name: o.naming[entity]
                for o in outlets.values()
                if o.name != outlet.name and o.naming.get(entity)
            }
            if not others:
                continue
            used_elsewhere = {_norm(x) for labels_ in others.values() for x in labels_}
            other_heads = {
                head_noun(x)
                for labels_ in others.values()
                for x in labels_
                if not lexicon.find(x)[0]
            }
            own_heads = {head_noun(x) for x in labels}
            own_stems = outlet.roles.get(entity, set())
            other_stems = {
                stem
                for o in outlets.values()
                if o.name != outlet.name
                for stem in o.roles.get(entity, set())
            }
            shares_a_head = bool((own_heads & other_heads) - _HONORIFICS) or any(
                _told(h, own_stems) for h in other_heads
            )
            for label in labels:
                if _norm(label) in used_elsewhere:
                    continue
                hits, _ = lexicon.find(label)
                head = head_noun(label)
                if not hits and (
                    not head.isalpha()
                    or not other_heads
                    or head in other_heads
                    or shares_a_head
                    or _told(head, other_stems)
                ):
                    continue
                why = (
                    hits[0].why
                    if hits
                    else f"head noun '{head}' where other outlets say "
                    + ", ".join(sorted(h for h in other_heads if h))
                )
                item = {
                    "entity": entity,
                    "entity_name": names.get(entity, entity),
                    "descriptor": label,
                    "loaded": bool(hits),
                    "why": why,
                    "others": others,
                }
                item.update(outlet.naming_spans.get((entity, _norm(label)), {}))
                found.setdefault(outlet.name, []).append(item)
    return found


def _per_1000(count: int, words: int) -> float:
    return round(1000.0 * count / words, 3) if words else 0.0


def _record(
    outlet: _Outlet, contrasts: list[dict[str, Any]], names: dict[str, str]
) -> dict[str, Any]:
    quoted_words = sum(w for _, w in outlet.speakers.values())
    speakers = {
        name: {
            "count": count,
            "words": words,
            "share": round(words / quoted_words, 3) if quoted_words else 0.0,
        }
        for name, (count, words) in sorted(
            outlet.speakers.items(), key=lambda kv: (-kv[1][1], kv[0])
        )
    }
    return {
        "outlet": outlet.name,
        "stage": STAGE,
        "articles": outlet.articles,
        "loaded_terms": outlet.loaded,
        "quoted_loaded_terms": outlet.quoted_loaded,
        "naming": outlet.naming,
        "entity_names": {e: names.get(e, e) for e in outlet.naming},
        "naming_contrasts": contrasts,
        "hedges": outlet.hedges,
        "quoted_speakers": speakers,
        "scores": {
            "words": outlet.words,
            "loaded_terms": len(outlet.loaded),
            "loaded_terms_per_1000_words": _per_1000(len(outlet.loaded), outlet.words),
            "narration_words": outlet.narration_words,
            "loaded_terms_per_1000_narration_words": _per_1000(
                len(outlet.loaded), outlet.narration_words
            ),
            "quoted_loaded_terms": len(outlet.quoted_loaded),
            "hedges": len(outlet.hedges),
            "hedges_per_1000_words": _per_1000(len(outlet.hedges), outlet.words),
            "loaded_naming": sum(1 for c in contrasts if c["loaded"]),
            "quoted_words_share": round(quoted_words / outlet.words, 3) if outlet.words else 0.0,
            "distinct_speakers": len(speakers),
        },
    }
