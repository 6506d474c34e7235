"""A neutral, cited summary of one story: extractive with a light rewrite.

:func:`summarise` picks sentences from the claim groups: ``agreed`` groups first (most
outlets, then most independent sources), every ``conflicting`` group stated as a conflict
("Harbor Ledger says X; Patriot Daily says Y"), then the best-sourced ``unique`` claims,
attributed to their outlet. Each sentence is one claim's own text with loaded terms
replaced by the neutral descriptor other outlets use for the same actor (or the lexicon's
neutral alternative, or dropped), and it keeps its attribution ("According to Valpress,
..."). Every sentence carries ``citations``: the claim ids, then the article ids.

The result is deterministic and needs no network. When ``Settings.llm_url`` is set, the
extractive sentences are handed to :mod:`storylens.comparison.llm` for rewriting, and only
generated sentences supported by their cited claims are kept.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storylens.analyse.cues import PERSON_ROLES
from storylens.analyse.quotemarks import quote_open
from storylens.analyse.segment import tidy
from storylens.comparison.backing import (
    names_source,
    quoted_passages,
    quotes_held,
    relays_source,
    says_beside_names,
)
from storylens.comparison.context import needs_context
from storylens.comparison.lexicon import load_lexicon
from storylens.comparison.provenance import hearsay_source, is_named
from storylens.comparison.standalone import first_person, points_back
from storylens.comparison.summary_rewrite import (
    Context,
    as_spans,
    balanced,
    capitalise,
    claim_text,
    named_subject,
    quoted_wording,
    rewrite_span,
    sentence_bounds,
    sentence_text,
)
from storylens.datelines import DATELINE
from storylens.settings import Settings
from storylens.types import Article, Claim, Entity
from storylens.words import BE, CORE, HAVE

STAGE = "summary.extractive.v2"
MAX_SENTENCES = 8
MAX_CONFLICTS = 3
UNIQUE_RESERVE = 3  # slots kept for single-outlet facts
DUPLICATE_JACCARD = 0.6
RESTATED = 0.5  # share of a sentence's words another sentence of its event holds

_FUNCTION_START = {
    "the", "a", "an", "it", "its", "this", "that", "these", "those", "there", "some",
    "about", "more", "most", "many", "several", "both", "each", "all", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "his", "her",
    "their", "our", "after", "before", "during", "earlier", "later", "on", "in", "at",
}  # fmt: skip
_TRAILING_COMMA = re.compile(r"[,;:]+([\"”’]?)$")
_FRAGMENT_START = {"that", "which", "who", "whom", "whose", "and", "but", "or", "while", "as"}
_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*")
# words two sentences share without sharing content; "according", "said" report speech
_STOP = (
    CORE
    | {"as", "it", "its", "which", "who", "this", "that", "after"}
    | (BE - {"been", "being"})
    | HAVE
    | {"said", "says", "according"}
)


def _as_clause(text: str, proper: set[str] | frozenset[str] = frozenset()) -> str:
    """Text fit to follow 'says' or 'According to X,': a common first word lower-cased.

    ``proper`` holds words known to be names (capitalised mid-sentence somewhere).
    """
    text = _TRAILING_COMMA.sub(r"\1", text.strip().rstrip("."))
    first = text.split(" ", 1)[0]
    word = re.split(r"[’']", first.strip("\"“‘'("))[0].rstrip(",;:")  # "Rell, 41, was"
    title = first.endswith(".") and len(word) <= 4  # "Mr.", "Dr.", "Sen." stay as written
    common = not title and (
        word.lower() in _FUNCTION_START
        or (word[:1].isupper() and word[1:].islower() and word not in proper)
    )
    if common and first[:1].isupper():
        return first.lower() + text[len(first) :]
    return text


def _sentence(text: str) -> str:
    text = _without_also(text.strip())
    if text.count("(") > text.count(")"):  # a span that stops inside its parenthesis
        text = text.rstrip(" .,;:") + ")"
    if text and text[-1] not in '.!?"”’':
        text = text.rstrip(" ,;:") + "."  # not "… hosting experience:."
    return capitalise(text)


def _without_also(text: str) -> str:
    """The sentence without an "also" that points at a fact told before it in its article
    ("The White House also said …"), outside quotations and "not only … but also"."""
    for m in reversed(list(_ALSO.finditer(text))):
        if not quote_open(text[: m.start()]) and not _BUT.search(text[: m.start()]):
            text = text[: m.start()] + text[m.end() :]
    return text


_ALSO = re.compile(r"\s+also\b")
_BUT = re.compile(r"\b(?:but|only)\b[^,;.]*$", re.IGNORECASE)


def _attributed(claim: Claim, text: str, proper: set[str]) -> str:
    """Keep the claim's attribution: prefix its nearest source unless the text names it; a
    text with its own "he said" names the source there instead ("…,” Ilse Marant said")."""
    text = balanced(DATELINE.sub("", text))
    sources = [s for s in claim.attributed_to if s.strip()]
    if not sources or any(names_source(s, text) for s in sources):
        return text
    role = _ROLE_SAID.search(text)
    if role and not quote_open(text[: role.start()]):
        return text  # "The president also disclosed that ...": its speaker is named there
    own = _PARTICIPLE_SAID.search(text)
    if own and not quote_open(text[: own.start()]):
        return text  # "He declined to attend, claiming ...": the sentence says who claims it
    source = sources[0]
    if source.rsplit(" ", 1)[-1] in _INSTITUTION and not source.lower().startswith("the "):
        source = f"the {source}"  # "according to the White House", "the New York Times"
    said = next(
        (m for m in _PRONOUN_SAID.finditer(text) if not quote_open(text[: m.start()])), None
    )
    if said and any(w[:1].isupper() for w in source.split()):
        named = source if said.start() else source[:1].upper() + source[1:]
        proper.update(w for w in source.split() if w[:1].isupper())  # a name: never lowered
        return text[: said.start()] + named + text[said.end(1) :]
    if not any(w[:1].isupper() or w.isdigit() for w in source.split()[1:]):
        # "Radio Lund" and "Number 10" stay names
        source = _as_clause(source, proper)  # "Officials said ..." -> "according to officials"
        last = source.rsplit(" ", 1)[-1]
        if (
            re.fullmatch(r"[a-z]+(?: [a-z]+)?", source)
            and not last.endswith("s")
            and last not in _MASS
        ):
            source = f"the {source}"  # "Lawyer: ..." -> "according to the lawyer", not "to lawyer"
    if first_person(text) and not text.lstrip().startswith(("“", '"')):
        # the speaker's own words: "I couldn't agree more" is theirs, not the summary's
        words = text.strip()
        if words[-1:] not in {".", "!", "?"}:
            words += "."
        return f"According to {source}: “{words}”"
    return f"According to {source}, {_as_clause(text, proper)}"


_SAID = (
    r"(?:said|says|added|adds|told|explained|insisted|noted|stated|continued|wrote|argued|"
    r"warned|replied|answered|declared|recalled|described|tweeted|announced|claimed|"
    r"acknowledged|admitted|confirmed|denied|suggested|predicted|disclosed|revealed)"
)
# a reporting clause after the quotation whose speaker is a pronoun: "…,” he said.
_PRONOUN_SAID = re.compile(rf"\b(he|she|they|it)(?=\s+{_SAID}\b)", re.IGNORECASE)
# a speaker the sentence names by office: "The president also disclosed that ..."
_ROLE_SAID = re.compile(
    rf"\bthe\s+(?:[\w-]+\s+){{0,2}}(?:{'|'.join(sorted(PERSON_ROLES))})"
    rf"\s+(?:also\s+|then\s+|later\s+|again\s+)?{_SAID}\b",
    re.IGNORECASE,
)
# a report the sentence's own subject makes in a participle: "He declined, claiming ..."
_PARTICIPLE_SAID = re.compile(
    r",\s+(?:claiming|saying|adding|arguing|insisting|noting|explaining|stating|asserting|"
    r"contending|maintaining|complaining|warning|suggesting|calling)\b",
    re.IGNORECASE,
)
# the last word of a body's or a paper's name that English writes with "the"
_INSTITUTION = frozenset(
    {"House", "Times", "Post", "Journal", "Guardian", "Telegraph", "Independent", "Herald", "News"}
    | {"Agency", "Department", "Ministry", "Committee", "Council", "Commission", "Office"}
    | {"Party", "Institute", "Foundation", "Bureau", "Administration", "Kremlin", "Pentagon"}
    | {"Senate", "Embassy", "Army", "Navy", "Police", "Court", "Union", "Board", "Authority"}
)
_MASS = frozenset({"police", "staff", "management", "security", "intelligence", "media"})


def _join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# selection ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    """A group's summary sentence, ranked before it is written: most groups of a long story
    are never looked at by :func:`_select`, so their sentence is never worked out."""

    kind: str
    group: str
    outlets: list[str]
    rank: tuple[Any, ...]
    compose: Callable[[], tuple[str, list[Claim]]]  # the sentence and the claims it cites
    _written: tuple[str, list[str], list[str]] | None = None
    event: str = ""  # the group's event (see compare.event_groups)

    def _write(self) -> tuple[str, list[str], list[str]]:
        if self._written is None:
            text, cited = self.compose()
            articles = list(dict.fromkeys(c.article for c in cited))
            self._written = (_sentence(text), [c.id for c in cited], articles)
        return self._written

    @property
    def text(self) -> str:
        return self._write()[0]

    @property
    def claims(self) -> list[str]:
        return self._write()[1]

    @property
    def articles(self) -> list[str]:
        return self._write()[2]


def _group_claims(group: dict[str, Any], ctx: Context) -> list[Claim]:
    return [ctx.claims[c] for c in _ids(group.get("claims")) if c in ctx.claims]


def _ids(raw: Any) -> list[str]:
    out = []
    for item in raw if isinstance(raw, list | tuple) else []:
        if isinstance(item, dict):
            item = item.get("id") or item.get("claim")
        if item is not None:
            out.append(str(item))
    return out


def _representative(claims: Sequence[Claim], ctx: Context) -> Claim:
    """The cleanest wording: fewest other claims riding along in its sentence (facts the
    other outlets do not share), fewest loaded terms, the claim filling most of that
    sentence, attribution kept, then shortest."""
    if len(claims) == 1:
        return claims[0]
    members = {c.id for c in claims}

    def key(claim: Claim) -> tuple[Any, ...]:
        art = ctx.articles.get(claim.article)
        lo, hi = claim.start, claim.end
        if art is not None and art.text[claim.start : claim.end] == claim.text:
            lo, hi = sentence_bounds(art.text, claim.start, claim.end, ctx.quotes(art))
        riders = sum(
            c.id not in members and not (claim.start <= c.start and c.end <= claim.end)
            for c in ctx.claims_between(claim.article, lo, hi)
        )
        coverage = (claim.end - claim.start) / max(1, hi - lo)
        loaded = len(ctx.terms_between(claim.article, lo, hi))
        return (
            riders,
            loaded,
            -round(coverage, 1),
            -len(claim.attributed_to),
            hi - lo,
            claim.id,
        )

    return min(claims, key=key)


def _headline_only(claim: Claim) -> bool:
    """A line with no claim of its own and no full stop (a headline, a section title), or one
    whose only verb is an "-ing" form with no "is" before it (a photo caption: "Migrants
    and supporters looking south into Mexico on April 29"), which a summary sentence would
    turn into a broken one."""
    if not claim.predicate:
        return claim.text.rstrip()[-1:] not in {".", "!", "?", "”", '"'}
    verb = claim.arguments.get("predicate")
    if verb is None or not verb.text.lower().endswith("ing"):
        return False
    lead = claim.text[: max(0, verb.start - claim.start)]
    if "," in lead:
        return False  # "Trump will visit in July, ending ...": a clause after a sentence
    before = [w.casefold() for w in lead.split()[-3:]]
    return not any(w in BE or w == "am" or w.endswith(_BE_SUFFIX) for w in before)


_BE_SUFFIX = ("'s", "’s", "'re", "’re", "'m", "’m", "n't", "n’t")  # "they're", "isn't"


def _position(claims: Sequence[Claim]) -> int:
    return min((c.start for c in claims), default=0)


def _candidate(group: dict[str, Any], ctx: Context) -> _Candidate | None:
    cand = _group_candidate(group, ctx)
    if cand is not None:
        cand.event = str(group.get("event") or "")
    return cand


def _group_candidate(group: dict[str, Any], ctx: Context) -> _Candidate | None:
    claims = _group_claims(group, ctx)
    if not claims:
        return None
    status = str(group.get("status") or "unique")
    listed = group.get("outlets")
    outlets = [str(o) for o in listed if o] if isinstance(listed, list) else []
    if status == "partial":  # a fact only the outlet that states its wording reports
        shared = group.get("shared")
        home = ctx.claims.get(str(shared.get("claim"))) if isinstance(shared, dict) else None
        claims = [c for c in claims if home and ctx.outlet(c) == ctx.outlet(home)] or claims
        outlets, status = list(dict.fromkeys(ctx.outlet(c) for c in claims)), "unique"
    outlets = outlets or sorted({ctx.outlet(c) for c in claims})
    independent = _count(group.get("independent_sources"), len(outlets) or 1)
    gid = str(group.get("id", ""))
    if status == "conflicting":
        rank: tuple[Any, ...] = (-len(outlets), _position(claims))
        return _Candidate(
            status, gid, outlets, rank, compose=lambda: _conflict_text(group, claims, ctx)
        )
    shared = group.get("shared")
    if status == "agreed" and isinstance(shared, dict) and shared.get("claim") in ctx.claims:
        return _shared_candidate(gid, shared, independent, claims, ctx)
    best = _representative(claims, ctx)
    if status == "unique" and (_headline_only(best) or points_back(best.text)):
        return None  # "Daring Diamond Heist in Downtown Paris" is a title, not a report

    def compose() -> tuple[str, list[Claim]]:
        text, (lo, hi) = sentence_text(best, ctx)
        text = _attributed(best, text, ctx.proper)
        if status == "unique" and not _names_outlet(text, outlets):
            text = _outlet_reported(outlets, text, ctx.proper)
        extra = [c for c in ctx.claims_between(best.article, lo, hi) if c not in claims]
        return text, [*claims, *extra]

    rank = (-len(outlets), -independent, _position(claims))
    if status == "unique":
        rank = (-independent, -int(bool(best.attributed_to)), _position(claims))
    return _Candidate(status, gid, outlets, rank, compose=compose)


def _shared_candidate(
    gid: str, shared: dict[str, Any], independent: int, claims: list[Claim], ctx: Context
) -> _Candidate | None:
    """An agreed group's sentence: the wording its outlets share (see
    :func:`storylens.comparison.align.shared_fact`), citing only the statements that state it."""
    backers = [ctx.claims[c] for c in _ids(shared.get("claims")) if c in ctx.claims]
    home = ctx.claims[str(shared["claim"])]
    wording = str(shared.get("text") or home.text)
    if _headline_only(home) or points_back(wording):
        return None
    sources = shared.get("attributed_to")
    if isinstance(sources, list):
        home = dataclasses.replace(home, attributed_to=[str(s) for s in sources])
    source = next((s for s in home.attributed_to if s.strip()), "")
    quoted = quoted_wording(home, shared, ctx)
    flat = {ctx.outlet(b) for b in backers if not b.attributed_to} - {ctx.outlet(home)}
    # others state as a fact what officials, news agencies or the like say: so does the
    # sentence (a named source's claim stays theirs: "According to Trump, ...")
    said = names_source(source, wording) or is_named(source)
    if source and flat and not (quoted or said):
        home, source = dataclasses.replace(home, attributed_to=[]), ""
    if source:
        # "According to X, ..." cites only the outlets that say X says so; what only reports
        # or unnamed people say, every outlet that does not give it to a person
        hearsay = hearsay_source(source, wording)
        backers = [
            b
            for b in backers
            if b.id == home.id
            or relays_source(b, source, ctx.speaks_for)
            or (hearsay and not ctx.person_speaks(b))
        ]
    passages = quoted_passages(wording, whole=quoted)
    # a quotation is cited only to outlets that quote every word of it, and a sentence only
    # to those that say enough of what it says beside its names (see says_beside_names)
    backers = [
        b
        for b in backers
        if b.id == home.id
        or (quotes_held(passages, b.text) and says_beside_names(wording, b.text, ctx.proper))
    ]
    best: dict[str, Claim] = {}  # one statement per outlet: its best (backers come best first)
    backers = [best.setdefault(ctx.outlet(b), b) for b in backers if ctx.outlet(b) not in best]
    outlets = list(best)  # the outlets it cites
    if len(outlets) < 2:  # the others give it to another name or in other words: "X reported
        return None  # that ..." would call a fact of an agreed row one outlet's report
    speakerless = wording[:1] in _OPENING_MARKS and needs_context(wording)  # "… goes another."
    if not source and (quoted or first_person(wording) or speakerless):
        return None  # “We will see them in court”: someone's words, and no one to say whose

    def compose() -> tuple[str, list[Claim]]:
        art = ctx.articles.get(home.article)
        lo, hi = int(shared.get("start", home.start)), int(shared.get("end", home.end))
        holes = [h for h in as_spans(shared.get("holes")) if lo <= h[0] < h[1] <= hi]
        if art is not None and (art.text[lo:hi] == wording or holes) and not quoted:
            pieces, pos = [], lo
            for h0, h1 in holes:
                pieces.append(rewrite_span(art, pos, h0, ctx))
                pos = max(pos, h1)
            pieces.append(rewrite_span(art, pos, hi, ctx))
            text = tidy(" ".join(p for p in pieces if p))
        else:
            text = " ".join(wording.split())
        if quoted and text[:1] not in "“\"`‘'":
            text = text.rstrip().removesuffix('"')
            text = f"“{text.rstrip(' .,”')}.”"  # a speaker's words stay quoted
        text = named_subject(text, home, backers, ctx)
        return _attributed(home, text, ctx.proper), backers

    rank = (-len(outlets), -independent, _position(claims))
    return _Candidate("agreed", gid, outlets, rank, compose=compose)


_OPENING_MARKS = "“\"‘'`«"


def _outlet_reported(outlets: Sequence[str], text: str, proper: set[str]) -> str:
    """'Harbor Ledger reported that ...' (or 'According to ..., "..."' before a quotation)."""
    names = _join_names(outlets)
    if text[:1] in "\"“‘'":
        return f"According to {names}, {text}"
    return f"{names} reported that {_as_clause(text, proper)}"


def _count(value: Any, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except (TypeError, ValueError):
        return default


def _names_outlet(text: str, outlets: Sequence[str]) -> bool:
    return any(o.casefold() in text.casefold() for o in outlets)


def _conflict_text(
    group: dict[str, Any], claims: Sequence[Claim], ctx: Context
) -> tuple[str, list[Claim]]:
    """'A and B say X; C says Y' with one claim per side of the first difference."""
    sides: dict[str, list[str]] = {}  # claim id -> outlets on that side
    by_value: dict[str, str] = {}  # normalised value -> claim id
    raw = group.get("differences")
    diffs = [d for d in raw if isinstance(d, dict)] if isinstance(raw, list) else []
    first = diffs[0].get("argument") if diffs else None
    values = [
        v
        for d in diffs
        if d.get("argument") == first and isinstance(d.get("values"), list)
        for v in d["values"]
    ]
    for side in values:
        if not isinstance(side, dict) or str(side.get("claim")) not in ctx.claims:
            continue
        claim = ctx.claims[str(side["claim"])]
        key = str(side.get("value", side.get("text", ""))).casefold()
        cid = by_value.setdefault(key, claim.id)
        outlet = str(side.get("outlet") or ctx.outlet(claim))
        if outlet not in sides.setdefault(cid, []):
            sides[cid].append(outlet)
    if len(sides) < 2:  # no structured difference: one claim per outlet
        sides = {}
        for claim in claims:
            outlet = ctx.outlet(claim)
            if not any(outlet in v for v in sides.values()):
                sides[claim.id] = [outlet]
    parts = []
    for cid, outlets in sides.items():
        verb = "says" if len(outlets) == 1 else "say"
        claim = ctx.claims[cid]
        said = claim_text(claim, ctx)
        if said.split(" ", 1)[0].lower() in _FRAGMENT_START:  # "that hands Ostrena ..."
            said = sentence_text(claim, ctx)[0]
        said = _as_clause(said, ctx.proper)
        sources = [x for x in claim.attributed_to if x.strip()]
        if sources and not names_source(sources[0], said):
            verb += f", citing {sources[0]},"
        parts.append(f"{_join_names(outlets)} {verb} {said}")
    cited = [ctx.claims[c] for c in sides] + [c for c in claims if c.id not in sides]
    return "; ".join(parts), cited


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _TOKEN.findall(text)} - _STOP


def _duplicate(text: str, chosen: Iterable[_Candidate]) -> bool:
    """Near-identical wording with the same numbers (different numbers: different facts)."""
    words = _words(text)
    numbers = {w for w in words if w.isdigit()}
    for other in chosen:
        theirs = _words(other.text)
        if numbers != {w for w in theirs if w.isdigit()}:
            continue
        union = words | theirs
        if union and len(words & theirs) / len(union) >= DUPLICATE_JACCARD:
            return True
    return False


def _restates(cand: _Candidate, chosen: Iterable[_Candidate]) -> bool:
    """A sentence of an event a chosen sentence tells, in words that one mostly holds ("Party
    files suit alleging conspiracy" after "The Party filed a lawsuit …, alleging …")."""
    if not cand.event:
        return False
    words = _words(cand.text)
    return any(
        other.event == cand.event and len(words & _words(other.text)) >= RESTATED * len(words)
        for other in chosen
    )


def _select(candidates: list[_Candidate], limit: int) -> list[_Candidate]:
    by_kind: dict[str, list[_Candidate]] = {"agreed": [], "conflicting": [], "unique": []}
    for cand in candidates:
        by_kind.setdefault(cand.kind, []).append(cand)
    for items in by_kind.values():
        items.sort(key=lambda c: c.rank)
    conflicts = by_kind["conflicting"][:MAX_CONFLICTS]
    reserve = min(UNIQUE_RESERVE, len(by_kind["unique"]))
    chosen: list[_Candidate] = []
    for cand in by_kind["agreed"]:
        if len(chosen) >= limit - len(conflicts) - reserve:
            break
        if not _duplicate(cand.text, chosen) and not _restates(cand, chosen):
            chosen.append(cand)
    for cand in conflicts:
        if len(chosen) < limit and not _duplicate(cand.text, chosen):
            chosen.append(cand)
    for cand in _round_robin(by_kind["unique"]):
        if len(chosen) >= limit:
            break
        if not _duplicate(cand.text, chosen):
            chosen.append(cand)
    order = {"agreed": 0, "conflicting": 1, "unique": 2}
    return sorted(chosen, key=lambda c: (order.get(c.kind, 3), c.rank))


def _round_robin(candidates: list[_Candidate]) -> list[_Candidate]:
    """Ranked candidates reordered so that each outlet's best comes before any second one."""
    turn: dict[str, int] = {}
    keyed = []
    for index, cand in enumerate(candidates):
        outlet = cand.outlets[0] if cand.outlets else ""
        keyed.append((turn.get(outlet, 0), index, cand))
        turn[outlet] = turn.get(outlet, 0) + 1
    return [cand for _, _, cand in sorted(keyed, key=lambda k: (k[0], k[1]))]


def _fallback_groups(claims: Sequence[Claim], articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Without claim groups every claim stands alone as a unique group."""
    outlet = {a.id: a.outlet for a in articles}
    return [
        {"id": f"u{i}", "claims": [c.id], "outlets": [outlet.get(c.article, c.article)]}
        for i, c in enumerate(claims)
    ]


def summarise(
    claims: list[Claim],
    groups: list[dict[str, Any]],
    framing: list[dict[str, Any]],
    entities: list[Entity],
    articles: list[Article],
    settings: Settings | None = None,
) -> list[dict[str, Any]]:
    """Up to eight neutral sentences, each ``{text, citations, kind, ...}``."""
    ctx = Context(claims, framing, entities, articles, load_lexicon(settings))
    candidates = [
        cand
        for group in (groups or _fallback_groups(claims, articles))
        if (cand := _candidate(group, ctx)) is not None
    ]
    sentences = [
        {
            "text": c.text,
            "citations": [*c.claims, *c.articles],
            "claims": c.claims,
            "articles": c.articles,
            "kind": c.kind,
            "group": c.group,
            "outlets": c.outlets,
            "stage": STAGE,
        }
        for c in _select(candidates, MAX_SENTENCES)
    ]
    if settings is not None and settings.llm_url and sentences:
        from storylens.comparison.llm import rewrite_summary

        return rewrite_summary(sentences, claims, articles, settings)
    return sentences
