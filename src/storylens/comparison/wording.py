"""What a group of statements says: the wording its outlets share, and each outlet's own
details (see :func:`shared_fact` and :func:`outlet_details`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence, Set
from typing import TYPE_CHECKING, Any

from storylens.analyse.cues import COGNITIVE_CUES, SPEECH_CUES
from storylens.analyse.quotemarks import quote_open, quotes_paired
from storylens.analyse.segment import LEADING_PRONOUN, tidy
from storylens.comparison.align import ordered
from storylens.comparison.backing import (
    content_words,
    covers,
    figures,
    gives_source,
    names_held,
    names_source,
)
from storylens.comparison.features import REPORTING
from storylens.comparison.lexicon import quote_spans
from storylens.settings import Settings
from storylens.types import Claim
from storylens.words import (
    COORDINATORS,
    DETERMINERS,
    PREPOSITIONS,
    RELATIVES,
    says_no,
)

if TYPE_CHECKING:
    from storylens.comparison.align import Alignment
    from storylens.comparison.conflict_args import ClaimView


def describe_groups(alignment: Alignment, settings: Settings) -> None:
    """Set ``shared`` and ``extra`` on every group more than one outlet carries.

    A group whose shared wording only one outlet states (wire copies count once; a source's
    words not by an outlet that gives them to another source) is ``partial``, not
    ``agreed``: its outlets share part of a fact, and none of its wordings is stated by two
    of them ("Stock prices fell nearly 2 percent when the tariffs were announced" beside
    "Trump announced the tariffs on March 8")."""
    views = alignment.views
    for group in alignment.groups:
        if group.status != "unique":
            group.shared = shared = shared_fact(group.claims, alignment, settings.align_threshold)
            source = next((s for s in shared.get("attributed_to", ()) if s.strip()), "")
            stating = {
                views[c].unit
                for c in shared.get("claims", ())
                if c == shared["claim"]
                or not (source and views[c].claim.attributed_to)
                or gives_source(views[c].claim, source)
            }
            if len(stating) < 2:
                group.status = "partial"
            group.extra = [
                d
                for d in outlet_details(group.claims, alignment, settings.align_threshold)
                if d["part"] != group.shared.get("part")
            ]


def _states_something(part: Claim) -> bool:
    """A part with a predicate that is not only a verb of saying whose content was split off
    ("TASS said the governor of the region") or a bare "be" or "have": "Canada is the
    largest steel exporter" (predicate "be exporter") states something."""
    return any(w not in REPORTING for w in part.predicate.casefold().split())


def _readable(text: str) -> bool:
    """A part that can stand as a sentence: four words or more, starting with neither a
    small letter, a closing quotation mark nor a word that opens a clause, and not ending
    on a word that needs more ("KCNA has") or in a clause cut before its verb ("when
    Hansbrough"), and with its brackets paired (not "North Korea] shows interest", cut out of
    a quotation's "[North Korea]")."""
    words = text.split()
    if len(words) < 4 or text[:1].islower() or text[:1] in "”’»),;:.":
        return False
    lead = 1 if len(words) > 1 and words[0].casefold() in _LEADING_ADVERBS else 0
    first = words[lead].strip("“\"‘'(").casefold()
    last = words[-1].strip("”\"’'.,;:").casefold()
    return (
        first not in _FRAGMENT_START
        and last not in _DANGLING
        and not _OPEN_CLAUSE_END.search(text.rstrip(" .,;:"))
        and not points_back(text)
        and all(text.count(a) == text.count(b) for a, b in ("()", "[]"))
        and not _CUT_APPOSITION.match(text)
    )


# a name cut out of the apposition it stood in: "Yvonne Hiller, was suspended" of "the
# employee, Yvonne Hiller, was suspended"
_CUT_APPOSITION = re.compile(
    r"\W*[A-Z][^,]{0,40},\s+(?:was|were|is|are|has|had|have|will|would|could|can|did|does|"
    r"said|says)\b"
)


def points_back(text: str) -> bool:
    """Whether a sentence's subject points at the sentence before it ("That's more than five
    times the legal limit"): it cannot stand alone."""
    return bool(_POINTS_BACK.match(text.lstrip()))  # a quotation's "This is …" is the speaker's


# a sentence whose subject points at the one before: "That's more than five times the limit"
_POINTS_BACK = re.compile(
    r"(?:that|this|these|those)(?:[’']s\b|\s+(?:is|was|are|were|has|had|will|would|means|meant)\b"
    # "This behaviour earned him ...": a thing named in the sentence before; not a time
    r"|\s+(?!(?:who|whom|which|that|week|weekend|year|month|morning|afternoon|evening|night|"
    r"day|time|season|spring|summer|autumn|fall|winter|decade|century)s?\b)[a-z]+\s+[a-z]+)",
    re.IGNORECASE,
)


def _main_clause(part: Claim) -> bool:
    """Whether a part is a main clause: a subject before its verb, and neither a word that
    subordinates the clause ("Just six weeks before Obama takes office") nor "to" ("Salazar
    and Locke to rescind the rule") ahead of the verb in its own clause. "Expected by many to
    win" has no subject."""
    verb = part.arguments.get("predicate")
    if verb is not None and part.start <= verb.start <= part.end:
        at = verb.start - part.start
    else:  # a clause read without its arguments: find its verb by the lemma's spelling
        found = re.search(rf"\b{re.escape(part.predicate[:4])}\w*", part.text, re.IGNORECASE)
        if not part.predicate or found is None:
            return True
        at = found.start()
    lead = part.text[:at]
    words = [w.strip("“\"‘'(").casefold() for w in re.split(r"[,;:—]", lead)[-1].split()]
    return bool(words) and words[-1] != "to" and not set(words) & _SUBORDINATORS


# words that open a clause hung on another one; the first set never opens a phrase
_CONJUNCTIONS = frozenset(
    {"when", "while", "because", "although", "though", "whereas", "unless", "whether"}
)
_SUBORDINATORS = _CONJUNCTIONS | {"before", "after", "since", "if", "until", "once", "as"}


# a clause opened and left without its verb: "Officials stopped the game when Hansbrough"
# ("as" only with one word after it: "as countries", "as Comey"; "as a teacher" is whole)
_OPEN_CLAUSE_END = re.compile(
    rf"\b(?:(?:{'|'.join(sorted(_CONJUNCTIONS))})\s+\S+(?:\s+\S+)?|as\s+\S+)$",
    re.IGNORECASE,
)


_DANGLING = frozenset(
    {"has", "have", "had", "is", "was", "were", "are", "be", "been", "will", "would", "can"}
    | {"could", "should", "may", "might", "must", "did", "does", "do", "the", "a", "an", "of"}
    | {"to", "and", "or", "but", "that", "with", "by", "for", "from", "in", "on", "at", "as"}
    | {"not", "never", "also", "n't"}
)
# a span of time that ends a clause: what it measures ("a month *after* ...") was split off
_MEASURE_END = re.compile(
    r"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several|\d+)\s+"
    r"(?:second|minute|hour|day|week|month|year|decade)s?$",
    re.IGNORECASE,
)
# words after a clause-final verb that open something else: the clause itself is whole
# ("what" is no such word: "Israel presented on Monday what it said were files" is cut)
_CLAUSE_GO_ON = (
    _SUBORDINATORS
    | COORDINATORS
    | PREPOSITIONS
    | (RELATIVES - {"what"})
    | {"that", "then", "where", "to"}
)
_MEASURED = frozenset({"after", "before", "since", "ago", "earlier", "later", "until"})
# adverbs that may stand before a clause's opening word ("Even after the deal was made")
_LEADING_ADVERBS = frozenset({"even", "just", "only", "shortly", "soon", "long", "right"})
_FRAGMENT_START = (
    _SUBORDINATORS | COORDINATORS | {"who", "whom", "whose", "which", "that", "where", "with"}
)


def shared_fact(
    members: Sequence[str],
    alignment: Alignment,
    threshold: float,
    among: Set[str] = frozenset(),
) -> dict[str, Any]:
    """The wording of a group's fact that the most outlets state, and who states it.

    Each whole statement is a candidate, and each part that can stand as a sentence (see
    :func:`_readable`): a statement of another outlet backs it when one of its parts (or
    the whole statement, scored as a whole) scores at least ``threshold`` with it and it
    states it in words (:mod:`.backing`: its content words, each clause, each figure, the
    person who acts). A candidate may drop a trailing detail of place, time or manner (see
    :func:`_trimmed`) when that lets more outlets back it, so the wording states nothing
    only some of them report. The candidate a summary can cite to the most outlets wins
    (a source's words only to those that give the source), then the one most outlets
    back, one that names its subject before one opening on "he", the best backed, the
    shortest. Returns its
    statement, part (``None`` for a whole statement), span, wording and attribution, the
    spans its wording leaves out (``holes``: clauses split off the part), and the statements
    that back it (its own first).
    """
    views = alignment.views
    unit = {c: views[c].unit for c in members}
    best: tuple[Any, ...] | None = None
    found: dict[str, Any] = {}
    for sid in members:
        own = views[sid].claim
        candidates: list[tuple[str | None, Claim, str]] = [] if among else [(None, own, own.text)]
        for p in alignment.parts.get(sid, ()):
            if p.endswith(".g") or (among and p not in among):
                continue  # a clause the extractor did not read: no subject of its own
            view = alignment.part_views[p]
            wording = _without(view.claim, _holes(view.claim, p, alignment))
            cut = _strands_verb(view.claim, []) and _continues(own, view.claim.end)
            if (
                _states_something(view.claim)
                and _readable(wording)
                and _main_clause(view.claim)
                and len(wording.split()) >= 6
                and not cut
                and _whole(wording, view.claim, own)
            ):
                candidates.append((p, view.claim, wording))
        facts = [
            p
            for p in alignment.parts.get(sid, ())
            if not p.endswith(".g") and _states_something(alignment.part_views[p].claim)
        ]
        for part_id, claim, whole in candidates:
            scores = {
                other: _backing(sid, part_id, other, facts, alignment)
                for other in members
                if unit[other] != unit[sid] and other != sid
            }
            # the wording, then shorter ones without a trailing detail ("... left Russia on
            # Sunday on his armoured train" -> "... left Russia on Sunday"): the longest that
            # the most outlets state
            variants = _trimmed(whole, claim, own)
            backing = [
                [sid]
                + [
                    o
                    for o, top in scores.items()
                    if top >= threshold
                    and covers(wording, views[o].claim.text)
                    and figures(claim, claim.start + len(wording)) <= figures(views[o].claim)
                    and names_held(
                        views[sid].actors,
                        wording,
                        views[o].people,
                        f"{views[o].claim.text} {views[o].focus}",
                    )
                ]
                for wording in variants
            ]
            count = [len({unit[b] for b in backers}) for backers in backing]
            # the longest wording the most outlets state whose last detail they all state
            # too, else the shortest such wording
            top = [k for k, n in enumerate(count) if n == max(count)]
            pick = next(
                (
                    k
                    for k in top[:-1]
                    if all(
                        covers(variants[k][len(variants[k + 1]) :], views[o].claim.text, 0.5)
                        for o in backing[k][1:]
                    )
                ),
                top[-1],
            )
            wording, backers = variants[pick], backing[pick]
            total = sum(scores[b] for b in backers[1:])
            outlets = {unit[b] for b in backers}
            mean = total / (len(backers) - 1) if len(backers) > 1 else 0.0
            # the wording a summary can cite to the most outlets: one given as a source's
            # words cites only the outlets that name that source ("A Number 10 spokesperson
            # said: ..."); then one that names its subject ("Trump declined ...") before one
            # that opens on "he" or "she"
            source = next((s for s in claim.attributed_to if s.strip()), "")
            cited = {
                unit[b]
                for b in backers
                if b == sid or not source or gives_source(views[b].claim, source)
            }
            alone = not LEADING_PRONOUN.match(wording)
            key = (len(cited), len(outlets), alone, round(mean, 1), -len(wording), round(total, 2))
            if best is None or key > best:
                best = key
                trimmed = wording != whole
                found = {
                    "claim": sid,
                    "part": part_id,
                    "start": claim.start,
                    "end": claim.start + len(wording) if trimmed else claim.end,
                    "text": wording,
                    "holes": _holes(claim, part_id, alignment)
                    if wording != claim.text and not trimmed
                    else [],
                    "attributed_to": list(claim.attributed_to),
                    "claims": backers,
                    "outlets": ordered(views[b].outlet for b in backers),
                }
    return found


def _backing(
    sid: str, part_id: str | None, other: str, facts: Sequence[str], alignment: Alignment
) -> float:
    """How well statement ``other`` states statement ``sid``'s candidate wording: the
    part's best score with a part of ``other``, or for a whole statement its whole score,
    held to its worst fact's best match once it passes."""
    if part_id is not None:
        return max(
            (alignment.part_similarity(part_id, q) for q in alignment.parts.get(other, ())),
            default=0.0,
        )
    top = alignment.whole_similarity(sid, other)
    if facts:  # it must state each of them
        top = min(top, min(_best_match(f, other, alignment) for f in facts))
    return top


# a trailing detail of place or time starts with one of these after the verb ("on his
# armoured train"); "after ..." often carries the event itself, and "from" or "with" may
# belong to the verb ("prevent the act from ...", "replace the mayor with ...")
_DETAIL_OPENERS = frozenset(
    {"on", "in", "at", "during", "near", "outside", "inside", "amid", "aboard"}
)


_BARE_ADVERBS = frozenset({"either", "neither", "again", "then", "too", "still", "already", "just"})
# a cut after one of these would leave a clause, or a word that needs what follows, open
_CLAUSE_BREAK = re.compile(
    r"[,;:–—(]|\b(?:and|but|or|while|whereas|after|before|because|since|until|when|where|"
    r"who|whom|whose|which|that|if|though|although)\b",
    re.IGNORECASE,
)
# a second verb joined to the first ("shot and killed"), and a passive ending the wording
_JOINED_VERB = re.compile(r"\s*(?:and|or)\s+\w+(?:ed|en)\s*$", re.IGNORECASE)
_PASSIVE_END = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+\s+(?:and|or)\s+)?\w+(?:ed|en)$", re.IGNORECASE
)
_OPEN_ENDED = re.compile(
    r"(?:\w+(?:ed|ing)|now|here|there|back|up|down|out|off|away|over|is|are|was|were|be|been)$",
    re.IGNORECASE,
)


def _trimmed(wording: str, part: Claim, statement: Claim) -> list[str]:
    """``wording``, then each shorter wording that ends before a phrase opened by one of
    :data:`_DETAIL_OPENERS` after the part's verb, longest first, when what is left still
    says alone what it said (see :func:`_whole`). A denied part is never trimmed: "did not
    attend in person" is not "did not attend"."""
    out = [wording]
    verb = part.arguments.get("predicate")
    if verb is None or part.negated or not part.text.startswith(wording):
        return out
    for m in reversed(list(re.finditer(r"\s(\w+)\b", wording))):
        if m.start() < verb.end - part.start:
            break
        if m.group(1).casefold() not in _DETAIL_OPENERS:
            continue
        shorter = wording[: m.start()].rstrip(" ,;:–—-")
        after_verb = shorter[verb.end - part.start :]
        if not content_words(after_verb) - _BARE_ADVERBS:  # "appeared" of "appeared in court"
            break
        if _CLAUSE_BREAK.search(after_verb) and not _JOINED_VERB.match(after_verb):
            continue  # "..., while the chief remained"
        if _OPEN_ENDED.search(shorter) and not _PASSIVE_END.search(shorter):
            continue  # "diamonds valued", "is now"; not "was shot and killed"
        cut = dataclasses.replace(part, text=shorter, end=part.start + len(shorter))
        if len(shorter.split()) >= 4 and _readable(shorter) and _whole(shorter, cut, statement):
            out.append(shorter)
    return out


def _best_match(part: str, other: str, alignment: Alignment) -> float:
    """The best score of ``part`` with a part of statement ``other`` (infinite when
    ``other`` has no parts: it was only scored as a whole)."""
    parts = alignment.parts.get(other, ())
    if not parts:
        return float("inf")
    return max(alignment.part_similarity(part, q) for q in parts)


def outlet_details(
    members: Sequence[str], alignment: Alignment, threshold: float
) -> list[dict[str, Any]]:
    """The parts of a group's statements that no other outlet's statement in the group
    states: each outlet's own detail beside the shared fact ("the krona rose 1.2 percent"
    in "the krona rose 1.2 percent after the two leaders signed the accord"), with the
    ``source`` the outlet gives for it when its words do not name one."""
    views = alignment.views
    out = []
    for sid in members:
        others = [o for o in members if views[o].unit != views[sid].unit]
        other_parts = [q for o in others for q in alignment.parts.get(o, ())]
        for p in alignment.parts.get(sid, ()):
            view = alignment.part_views[p]
            wording = _shown(view)
            if (
                not _states_something(view.claim)
                or not _readable(wording)
                or len(wording.split()) < 5
                or not _whole(wording, view.claim, views[sid].claim)
            ):
                continue
            if any(alignment.part_similarity(p, q) >= threshold for q in other_parts):
                continue
            if any(alignment.similarity(sid, o) >= threshold for o in others) and not other_parts:
                continue
            detail = {
                "claim": sid,
                "part": p,
                "outlet": views[sid].outlet,
                "start": view.claim.start,
                "end": view.claim.end,
                "text": wording,
            }
            source = next((s for s in view.claim.attributed_to if s.strip()), "")
            if source and not names_source(source, wording):
                detail["source"] = source  # whose words these are, when they do not say
            elif not source and first_person(wording, plural=False):
                # "Then later I heard more screaming": someone's, and no one says whose ("we"
                # and "our" may be the outlet's own editorial voice)
                continue
            if _ONLY_SOURCE.match(wording):
                continue  # "According to the Associated Press": a source, and no fact
            out.append(detail)
    return out


def first_person(text: str, *, plural: bool = True) -> bool:
    """Whether the text speaks as "I" (or "we", with ``plural``) outside any quotation it
    holds: someone's own words ("Then later I heard more screaming"), not the sentence's
    narration of them ("he said that \"we have had talks\"")."""
    words = _FIRST_PERSON if plural else _FIRST_SINGULAR
    pieces, pos = [], 0
    for start, end in quote_spans(text):
        pieces.append(text[pos:start])
        pos = max(pos, end)
    pieces.append(text[pos:])
    return any(words.search(piece) for piece in pieces)


_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|us|[Oo]urs?)\b")
_FIRST_SINGULAR = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine)\b")
# nothing but who says so: "According to a report from TMZ published this week"
_ONLY_SOURCE = re.compile(r"(?i)according to [^,;:]*$")


def _measure_cut(wording: str, part: Claim, statement: Claim) -> bool:
    """Whether the part ends on a span of time whose "after ..." or "before ..." is not in
    it ("Kim began the visit a little less than a month" of "... a month after the White
    House announced ..."): alone it says something else."""
    measure = _MEASURE_END.search(wording.rstrip(" .,;"))
    if measure is None:
        return False
    # what follows the span of time in the sentence: after the part, or inside it where a
    # clause split off the wording ("less than a year [after he became president]")
    offset = part.start - statement.start
    inside = statement.text[offset : part.end - statement.start].rfind(measure.group(0))
    after = offset + inside + len(measure.group(0)) if inside >= 0 else part.end - statement.start
    rest = statement.text[max(0, after) :].lstrip(" ,")
    return rest.split(" ", 1)[0].casefold() in _MEASURED


# a denied verb right before a clause it governs: "I don't think [I can vote for it]", "she
# did not say that [...]", "he never claimed [...]"
_DENIED_FRAME = re.compile(
    r"(?i)(?:n[’']t|\bnot|\bnever|\bno longer)\s+(?:\w+\s+){0,2}?[a-z]+\s*(?:that|if|whether)?"
    r"[\s,:“\"‘']*$"
)


def _under_denial(part: Claim, statement: Claim) -> bool:
    """Whether the part is what a denied verb of its sentence governs ("I don't think *I can
    vote for this plan*"): alone it says the opposite."""
    before = statement.text[: max(0, part.start - statement.start)]
    return bool(_DENIED_FRAME.search(before[-80:]))


def _whole(wording: str, part: Claim, statement: Claim) -> bool:
    """Whether a part's wording says alone what its sentence says: not the content of a
    denial without the denial (nor what a denied verb governs), not cut before what a span
    of time measures or mid-clause,
    no quotation left open, and no open question."""
    return not (
        (part.negated and not says_no(wording))
        or _under_denial(part, statement)
        or _measure_cut(wording, part, statement)
        or _clause_cut(wording, part, statement)
        or not quotes_paired(wording)  # not 'Kim would "leave the meeting" if it is not "fruitful'
        or _asked(part, statement)
    )


def _shown(view: ClaimView) -> str:
    """The words a detail is shown in: the part's matching text (its clauses split off, a
    relative clause with its antecedent), except a name guessed for a leading "he" or
    "she", which helps matching but may name the wrong person."""
    text, focus = view.claim.text, view.focus
    if focus and LEADING_PRONOUN.match(text) and not LEADING_PRONOUN.match(focus):
        return text
    return focus or text


def _asked(part: Claim, statement: Claim) -> bool:
    """Whether the part is an open question the sentence reports ("determine *whether* he
    obstructed the inquiry"): it states no fact."""
    before = statement.text[: max(0, part.start - statement.start)].split()
    return bool(before) and before[-1].casefold().strip("“\"'(") in {"whether", "if"}


def _clause_cut(wording: str, part: Claim, statement: Claim) -> bool:
    """Whether the part stops where its sentence runs straight on into the rest of its
    clause ("Firefighters arriving on scene could see" of "... could see flames", "Reports
    indicated that the mayor" of "... the mayor would resign"): alone it is cut mid-clause.
    A part followed by punctuation, or by a word that opens something else (a preposition,
    a conjunction, a relative pronoun), is whole; but not one that ends on its verb before
    "that" ("these agents made clear" of "... made clear that ..."): what it says is there.
    """
    rest = statement.text[max(0, part.end - statement.start) :]
    if not rest[:1].isspace():
        return False  # punctuation or the sentence's end: the clause closes with its verb
    following = rest.split(maxsplit=1)[0].strip("“\"‘'").casefold() if rest.strip() else ""
    if following == "that":
        verb = part.arguments.get("predicate")
        if verb is None:
            return False
        after = part.text[verb.end - part.start :].split()
        # "I never thought in my deepest heart [that ...]": what a verb of saying or
        # thinking reports is what the part leaves out, unless an object comes between
        # ("rejected the plan that Lund drew up": "that" opens the plan's clause)
        lemma = part.predicate.split()[0] if part.predicate else ""
        reports = lemma in _REPORTING_VERBS and not (after and after[0].casefold() in DETERMINERS)
        return reports or len(after) <= 1
    return bool(following) and following not in _CLAUSE_GO_ON


_REPORTING_VERBS = SPEECH_CUES | COGNITIVE_CUES


def _without(claim: Claim, holes: Sequence[Sequence[int]]) -> str:
    """The claim's text with the ``holes`` (spans of split-off clauses) left out, unless that
    would cut into a quotation."""
    if not holes or _cuts_quote(claim, holes) or _strands_verb(claim, holes):
        return claim.text
    pieces, pos = [], claim.start
    for start, end in holes:
        pieces.append(claim.text[pos - claim.start : start - claim.start])
        pos = max(pos, end)
    pieces.append(claim.text[pos - claim.start :])
    return tidy(" ".join(p.strip() for p in pieces if p.strip()))


def _strands_verb(claim: Claim, holes: Sequence[Sequence[int]]) -> bool:
    """Whether leaving the holes out would leave nothing after the claim's verb ("Comeaux
    took." from "Comeaux took two officers hostage")."""
    verb = claim.arguments.get("predicate")
    if verb is None or not claim.start <= verb.end <= claim.end:
        return False
    rest = [
        ch
        for k, ch in enumerate(claim.text[verb.end - claim.start :], start=verb.end)
        if not any(start <= k < end for start, end in holes)
    ]
    return not any(ch.isalnum() for ch in rest)


def _continues(statement: Claim, end: int) -> bool:
    """Whether the statement goes on with words after ``end`` (a part that stops at its verb
    while the sentence gives the verb's object was cut short, not a sentence)."""
    after = statement.text[max(0, end - statement.start) :].lstrip(" ,")
    return bool(after[:1].isalnum())


def _cuts_quote(claim: Claim, holes: Sequence[Sequence[int]]) -> bool:
    """Whether leaving a hole out would cut into a quotation of the claim's text."""
    for start, _ in holes:
        before = claim.text[: max(0, start - claim.start)]
        if quote_open(before):
            return True
    return False


def _holes(claim: Claim, part_id: str | None, alignment: Alignment) -> list[list[int]]:
    """The spans of the clauses split off a part (its wording leaves them out)."""
    if part_id is None:
        return []
    return [
        [c.start, c.end]
        for c in alignment.children.get(part_id, ())
        if claim.start <= c.start and c.end <= claim.end
    ]
