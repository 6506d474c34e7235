"""What a group of statements says: the wording its outlets share, and each outlet's own
details (see :func:`shared_fact` and :func:`outlet_details`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence, Set
from typing import TYPE_CHECKING, Any

from storylens.analyse.focus import LEADING_PRONOUN
from storylens.analyse.quotemarks import quote_open
from storylens.analyse.segment import tidy
from storylens.comparison.align import best_elsewhere, ordered
from storylens.comparison.backing import (
    apposition,
    counts_held,
    covers,
    details_held,
    figures,
    gives_source,
    held_share,
    long_quotes,
    named_details,
    names_held,
    names_source,
    own_act,
    quotes_remark,
    unnamed,
)
from storylens.comparison.context import needs_context
from storylens.comparison.features import REPORTING, compared_text, content_terms
from storylens.comparison.provenance import hearsay_source
from storylens.comparison.scoring import TINY_TERMS
from storylens.comparison.standalone import (
    TELLING,
    discourse_lead,
    first_person,
    leading_detail,
    main_clause,
    readable,
    trimmed,
    whole,
)
from storylens.comparison.when import unheld_time, without
from storylens.datelines import DATELINE
from storylens.types import Claim
from storylens.words import RELATIVES

if TYPE_CHECKING:
    from storylens.comparison.align import Alignment
    from storylens.comparison.conflict_args import ClaimView


def _first_read(part_id: str, statement: Claim, alignment: Alignment, wording: str) -> bool:
    """Whether a part (read as ``wording``) is the first clause of its statement that was
    read, what comes before it only says who says it ("The White House said on Monday that
    ...", not a quotation's frame ending on a comma: '"…," the statement said, "…'), and it
    ends where a clause of the statement ends, before the statement's end."""
    part = alignment.part_views[part_id].claim
    lead = statement.text[: max(0, part.start - statement.start)]
    rest = statement.text[part.end - statement.start :]
    source = next((s for s in part.attributed_to if s.strip()), "")
    return (
        bool(source)
        and names_source(source, lead)
        and not {w.casefold().strip(",") for w in f"{lead} {wording}".split()} & RELATIVES
        and part.start > statement.start
        and part.text.endswith(wording)
        and _CLAUSE_END.match(rest) is not None
        and not re.search(r"[,;:]\s*$", lead)
        and all(
            q == part_id or q.endswith(".g") or alignment.part_views[q].claim.start >= part.start
            for q in alignment.parts.get(statement.id, ())
        )
    )


# where a clause ends inside a sentence: a comma, semicolon, colon or dash, or "and"/"but"
_CLAUSE_END = re.compile(r"\s*(?:[,;:–—]|\s(?:and|but)\s)")


def _states_something(part: Claim) -> bool:
    """A part with a predicate that is not only a verb of saying whose content was split off
    ("TASS said the governor of the region") or a bare "be" or "have": "Canada is the
    largest steel exporter" (predicate "be exporter") states something, and so does a verb
    that calls something what it is, with that thing ("called the lawsuit frivolous")."""
    words = part.predicate.casefold().split()
    if words[:1] and words[0] in _CHARACTERISING and "theme" in part.arguments:
        return True
    return any(w not in REPORTING for w in words)


_CHARACTERISING = frozenset({"call", "describe"})


COPIED = 0.9  # the share of a wording's words a copy of its article holds (a reworded line: less)


def shared_fact(
    members: Sequence[str],
    alignment: Alignment,
    threshold: float,
    among: Set[str] = frozenset(),
) -> dict[str, Any]:
    """The wording of a group's fact that the most outlets state, and who states it.

    Each whole statement is a candidate, and each part that can stand as a sentence (see
    :func:`readable`): a statement of another outlet backs it when one of its parts (or
    the whole statement, scored as a whole) scores at least ``threshold`` with it and it
    states it in words (:mod:`.backing`: its content words, each clause, each figure, the
    person who acts). A candidate may drop a trailing detail of place, time or manner (see
    :func:`trimmed`) when that lets more outlets back it, so the wording states nothing
    only some of them report. The candidate a summary can cite to the most outlets wins
    (a source's words only to those that give the source), then the one most outlets
    back, one that stands alone before one leaning on the sentence before it ("he said ...",
    "Both times it ..."; see :func:`.context.needs_context`), the best backed, the
    shortest. Returns its
    statement, part (``None`` for a whole statement), span, wording and attribution, the
    spans its wording leaves out (``holes``: clauses split off the part), and the statements
    that back it (its own first).
    """
    views = alignment.views
    unit = {c: views[c].unit for c in members}
    # whether each statement says yes or no, clause by clause: a wording is stated only by
    # a statement with a clause of its polarity ("Lund denied that she leaked ..." does not
    # state "Lund could have leaked ...")
    polar = {  # (words no clause was read in, a ".g" part, say yes)
        m: {alignment.part_views[p].claim.negated for p in alignment.parts.get(m, ())}
        or {views[m].claim.negated}
        for m in members
    }
    best: tuple[Any, ...] | None = None
    found: dict[str, Any] = {}
    for sid in members:
        own = views[sid].claim
        candidates: list[tuple[str | None, Claim, str]] = [] if among else [(None, own, own.text)]
        for p in alignment.parts.get(sid, ()):
            if p.endswith(".g") or (among and p not in among):
                continue  # a clause the extractor did not read: no subject of its own
            view = alignment.part_views[p]
            told, wording = _through_tail(
                view.claim,
                _without(view.claim, _holes(view.claim, p, alignment), own),
                sid,
                alignment,
            )
            cut = _strands_verb(view.claim, []) and _continues(own, told.end)
            if not readable(wording) and _first_read(p, own, alignment, wording):
                # what someone says, told with who says it ("The administration said on Monday
                # that it would delay a decision ..."): the sentence up to the clause's end
                lead = DATELINE.match(own.text)  # "WASHINGTON — ": no part of what is told
                skip = lead.end() if lead else 0
                wording = own.text[skip : told.end - own.start]  # its clauses kept: verbatim
                told = dataclasses.replace(told, start=own.start + skip, text=wording)
            if (
                _states_something(view.claim)
                and readable(wording)
                and main_clause(told)
                and len(wording.split()) >= 6
                and not cut
                and whole(wording, view.claim, own)
            ):
                candidates.append((p, told, wording))
        # the facts a backer must state each of; a clause of one content word ("will be
        # signed" of "no agreement has or will be signed") tells too little to be matched
        facts = [
            p
            for p in alignment.parts.get(sid, ())
            if not p.endswith(".g")
            and _states_something(alignment.part_views[p].claim)
            and len(set(content_terms(compared_text(alignment.part_views[p])))) >= TINY_TERMS
        ]
        for part_id, claim, full in candidates:
            scores = {
                other: _backing(sid, part_id, other, facts, alignment)
                for other in members
                if unit[other] != unit[sid] and other != sid
            }
            # the wording, then shorter ones without a trailing detail ("... left Russia on
            # Sunday on his armoured train" -> "... left Russia on Sunday"): the longest that
            # the most outlets state
            variants = trimmed(full, claim, own)
            people = alignment.people_words
            backing = [
                _stating(sid, wording, claim, scores, views, threshold, people, polar)
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
            trim, head = pick > 0, leading_detail(wording, claim)
            opening = wording[:head]  # "In January, ": a time only some outlets may give
            if head and (
                discourse_lead(opening)
                or not all(covers(opening, views[b].claim.text, 1) for b in backers)
            ):
                wording = wording[head:]
                backers = _stating(sid, wording, claim, scores, views, threshold, people, polar)
            else:
                head = 0
            holes = (
                [] if trim or wording == claim.text[head:] else _holes(claim, part_id, alignment)
            )
            end = claim.start + head + len(wording) if trim else claim.end
            if hole := unheld_time(claim, wording, [views[b].claim for b in backers[1:]], own):
                wording, holes = without(wording, claim, hole), sorted([*holes, list(hole)])
            total = sum(scores[b] for b in backers[1:])
            outlets = {unit[b] for b in backers}
            mean = total / (len(backers) - 1) if len(backers) > 1 else 0.0
            # the wording a summary can cite to the most outlets: one given as a source's
            # words cites only the outlets that name that source ("A Number 10 spokesperson
            # said: ..."); then one that names its subject ("Trump declined ...") before one
            # that leans on the sentence before it ("he", "Both times it")
            source = next((s for s in claim.attributed_to if s.strip()), "")
            # what the source itself does ("the administration said it would delay ..."):
            # every outlet that tells the act tells the fact, whoever it credits
            part = alignment.part_views[part_id].claim if part_id is not None else claim
            act = own_act(part, source)
            # what only reports or unnamed people say: every outlet that states it tells
            # it, whoever it credits ("according to media reports" / "two people said")
            hearsay = hearsay_source(source, wording)
            cited = {
                unit[b]
                for b in backers
                if b == sid
                or not source
                or act
                or (hearsay and not views[b].speaker)  # a person's words are theirs
                or gives_source(views[b].claim, source, alignment.speaks_for)
            }
            alone = not needs_context(wording)
            key = (len(cited), len(outlets), alone, round(mean, 1), -len(wording), round(total, 2))
            if best is None or key > best:
                best = key
                found = {
                    "claim": sid,
                    "part": part_id,
                    "start": claim.start + head,
                    "end": end,
                    "text": wording,
                    "holes": holes,
                    # the source's own act told with who tells it ("The administration
                    # said it would delay ..."): a fact every backer states, not a quote
                    "attributed_to": []
                    if act and names_source(source, wording)
                    else list(claim.attributed_to),
                    "claims": backers,
                    "outlets": ordered(views[b].outlet for b in backers),
                }
    if found:  # a copy of the wording's article states it as the wording's own words do
        copies = [m for m in members if unit[m] == unit[found["claim"]]]
        found["claims"] += [
            m
            for m in copies
            if m not in found["claims"] and covers(found["text"], views[m].claim.text, COPIED)
        ]
        found["outlets"] = ordered(views[b].outlet for b in found["claims"])
    return found


def _stating(
    sid: str,
    wording: str,
    claim: Claim,
    scores: dict[str, float],
    views: dict[str, ClaimView],
    threshold: float,
    people_words: Set[str],
    polarity: dict[str, set[bool]],
) -> list[str]:
    """Statement ``sid`` and the statements of other outlets that state its ``wording`` (see
    :mod:`.backing`), those that hold most of its words first, then the best scored."""
    quoted = long_quotes(wording)  # the same words quoted: one remark reported by both
    # the names the wording tells beside its people and its source (whom a backer must
    # give is checked on its own: :func:`.backing.gives_source`)
    sources = {w.casefold() for s in claim.attributed_to for w in re.findall(r"\w+", s)}
    details = named_details(wording, people_words | sources, views[sid].place_names)
    held = [
        o
        for o, top in scores.items()
        if (top >= threshold or quotes_remark(quoted, wording, views[o].claim.text))
        and covers(wording, views[o].claim.text)
        and all(covers(w, views[o].claim.text) for w in (unnamed(wording), apposition(wording)))
        and figures(claim, claim.start + len(wording)) <= figures(views[o].claim)
        and counts_held(claim, views[o].claim, claim.start + len(wording))
        and names_held(
            views[sid].actors, wording, views[o].people, f"{views[o].claim.text} {views[o].focus}"
        )
        and details_held(details, f"{views[o].claim.text} {views[o].focus}")
        and claim.negated in polarity[o]  # no denial states what it denies
    ]
    held.sort(key=lambda o: (-held_share(wording, views[o].claim.text), -scores[o]))
    return [sid, *held]


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


def _best_match(part: str, other: str, alignment: Alignment) -> float:
    """The best score of ``part`` with a part of statement ``other`` (infinite when
    ``other`` has no parts: it was only scored as a whole)."""
    parts = alignment.parts.get(other, ())
    if not parts:
        return float("inf")
    return max(alignment.part_similarity(part, q) for q in parts)


def outlet_details(
    members: Sequence[str],
    alignment: Alignment,
    threshold: float,
    elsewhere: dict[str, float] | None = None,
) -> list[dict[str, Any]]:
    """The parts of a group's statements that no other outlet's statement states, in the
    group or anywhere else in the story (``elsewhere``: :func:`best_elsewhere`, worked out
    once per story by the caller of many groups): each outlet's own detail beside the shared
    fact ("the krona rose 1.2 percent" in "the krona rose 1.2 percent after the two leaders
    signed the accord"), with the ``source`` the outlet gives for it when its words do not
    name one."""
    views = alignment.views
    if elsewhere is None:
        elsewhere = best_elsewhere(alignment)
    out: list[dict[str, Any]] = []
    copied: dict[tuple[str, str], dict[str, Any]] = {}  # (unit, words) -> its first detail
    for sid in members:
        others = [o for o in members if views[o].unit != views[sid].unit]
        other_parts = [q for o in others for q in alignment.parts.get(o, ())]
        for p in alignment.parts.get(sid, ()):
            view = alignment.part_views[p]
            if any(_says_which(view.claim, c) for c in alignment.children.get(p, ())):
                # its clauses split off, but not the one that says which thing
                wording = _without(view.claim, _holes(view.claim, p, alignment), views[sid].claim)
            else:
                wording = _shown(view)
            shown, wording = _through_tail(view.claim, wording, sid, alignment)
            if (
                not _states_something(view.claim)
                or not readable(wording)
                or len(wording.split()) < 5
                or not whole(wording, view.claim, views[sid].claim)
            ):
                continue
            if elsewhere.get(p, 0.0) >= threshold:
                continue  # another outlet states it, in this group or another
            if any(alignment.similarity(sid, o) >= threshold for o in others) and not other_parts:
                continue
            detail = {
                "claim": sid,
                "part": p,
                "outlet": views[sid].outlet,
                "start": shown.start,
                "end": shown.end,
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
            first = copied.get((views[sid].unit, wording))
            if first is not None:  # the same words in a copy of one article: shown once
                if views[sid].outlet not in (first["outlet"], *first.get("copies", ())):
                    first.setdefault("copies", []).append(views[sid].outlet)
                continue
            copied[(views[sid].unit, wording)] = detail
            out.append(detail)
    return out


# nothing but who says so: "According to a report from TMZ published this week"
_ONLY_SOURCE = re.compile(r"(?i)according to [^,;:]*$")


def _shown(view: ClaimView) -> str:
    """The words a detail is shown in: the part's matching text (its clauses split off, a
    relative clause with its antecedent), except a name guessed for a leading "he" or
    "she", which helps matching but may name the wrong person."""
    text, focus = view.claim.text, view.focus
    if focus and LEADING_PRONOUN.match(text) and not LEADING_PRONOUN.match(focus):
        return text
    if focus and _restrictive(view):
        return text  # "Migrants who don't pass the interviews risk ...": no "Migrants don't pass"
    return focus or text


_RELATIVE_OPENERS = (RELATIVES - {"what"}) | {"that"}  # the words a relative clause opens on


def _through_tail(claim: Claim, wording: str, sid: str, alignment: Alignment) -> tuple[Claim, str]:
    """``claim`` and its ``wording`` carried on through the relative clause right after it
    (see :func:`with_restrictive`), when the wording stands as a sentence and ends where the
    claim does; else both as they are."""
    longer = with_restrictive(claim, sid, alignment)
    if longer is claim or not readable(wording) or not wording.endswith(claim.text[-20:]):
        return claim, wording
    return longer, wording + longer.text[len(claim.text) :]


def with_restrictive(claim: Claim, sid: str, alignment: Alignment) -> Claim:
    """``claim`` (a part of statement ``sid``) shown through the relative clause right after
    it that says which thing is meant, with no comma between ("The complaint is largely
    based on information" + "that has been disclosed in news reports"): the extractor reads
    that clause as a claim of its own, and without it the part says nothing alone."""
    own = alignment.views[sid].claim
    for q in alignment.parts.get(sid, ()):
        tail = alignment.part_views[q].claim
        gap = own.text[claim.end - own.start : tail.start - own.start]
        if (
            tail.start < claim.end
            or gap.strip()
            or tail.end > own.end
            or tail.text.split(" ", 1)[0].casefold() not in _RELATIVE_OPENERS
        ):
            continue
        end = tail.end
        if q.endswith(".g"):  # words no claim was read from: up to the first comma
            comma = tail.text.find(",")
            end = tail.start + comma if comma > 0 else end
        after = own.text[end - own.start :].lstrip()
        if after and after[0] not in _CLAUSE_ENDS:
            return claim  # the clause goes on in another part: no whole to show
        text = own.text[claim.start - own.start : end - own.start]
        return dataclasses.replace(claim, end=end, text=text)
    return claim


_CLAUSE_ENDS = frozenset(',.;:—–-)"”’!?')


def _restrictive(view: ClaimView) -> bool:
    """Whether the part is a relative clause that says which thing is meant ("migrants who
    don't pass"), not one set off by a comma that says something more of it ("Kim, who had
    not left his country, ..."): only the second states a fact of its own."""
    first = view.claim.text.split(" ", 1)[0].casefold()
    if first not in RELATIVES:
        return False
    at = view.sentence.find(view.claim.text)
    return at > 0 and view.sentence[:at].rstrip()[-1:] not in {",", "—", "–", "("}


def _without(claim: Claim, holes: Sequence[Sequence[int]], statement: Claim) -> str:
    """The claim's text with the ``holes`` (spans of split-off clauses) left out, unless that
    would cut into a quotation of its sentence (``statement``), which is quoted whole."""
    if not holes or _cuts_quote(statement, holes) or _strands_verb(claim, holes):
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
    """Whether leaving a hole out would cut into a quotation of the claim's text (a part
    that starts after the opening mark is still inside it: pass its sentence)."""
    for start, _ in holes:
        before = claim.text[: max(0, start - claim.start)]
        if quote_open(before):
            return True
    return False


def _holes(claim: Claim, part_id: str | None, alignment: Alignment) -> list[list[int]]:
    """The spans of the clauses split off a part (its wording leaves them out), but not
    what a verb of telling tells ("notified the campaign [that Russia would interfere]")."""
    if part_id is None:
        return []
    telling = claim.predicate.split(" ", 1)[0] in TELLING
    return [
        [c.start, c.end]
        for c in alignment.children.get(part_id, ())
        if claim.start <= c.start
        and c.end <= claim.end
        and not (telling and _opens_that(claim, c.start))
        and not _says_which(claim, c)
    ]


def _says_which(claim: Claim, clause: Claim) -> bool:
    """Whether ``clause``, inside ``claim``, opens on a relative word with no comma before
    it: it says which thing is meant ("an acknowledgment from the defendants that they
    conspired ..."), and the claim says nothing without it."""
    before = claim.text[: clause.start - claim.start].rstrip()
    return clause.text.split(" ", 1)[0].casefold() in _RELATIVE_OPENERS and before[-1:].isalnum()


def _opens_that(claim: Claim, start: int) -> bool:
    """Whether the clause at ``start`` of the claim's text opens on "that" (or follows it)."""
    at = start - claim.start
    return bool(re.match(r"that\b", claim.text[at:]) or re.search(r"\bthat\s*$", claim.text[:at]))
