"""Claims: sentences split into atomic statements (one predicate each) with arguments.

A sentence carrying several predicates yields several claims: coordinated verbs ("Kim left
Russia and met students"), and the clause reported under a verb of saying ("TASS said Kim had
been given drones": the claim is "Kim had been given drones", attributed to TASS). Verbs of
saying are not claims themselves unless their content is a plain noun phrase ("Reuters listed
other gifts ...").

Each claim carries arguments (agent, predicate, recipient, theme, quantity, time, place) as
char spans into the article text with normalised values, every number in it (``quantities``),
its source chain nearest first (``attributed_to``), and ``hedged``/``negated`` flags.
Questions and imperatives ("Follow us on ...") are not claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storylens.analyse.attributed import Attribution, chain_for, is_hedged
from storylens.analyse.attribution import attributions_for, is_cue, paragraph_bounds
from storylens.analyse.columns import (
    doc_children,
    doc_column,
    doc_ints,
    doc_lemmas,
    doc_sents,
    doc_text,
    seed_text,
)
from storylens.analyse.content import denied_clause
from storylens.analyse.hedges import likely, wished
from storylens.analyse.names import NamedSpan, names_from
from storylens.analyse.negation import negated, raised_negation, whether_or_not
from storylens.analyse.numbers import find_quantities, lost_sign
from storylens.analyse.phrases import MAX_DEPTH, noun_phrase_indices
from storylens.analyse.sourceless import told_by_none, unasserted, yes_no_question
from storylens.analyse.speakers import resolve_source
from storylens.types import Argument, Article, Claim, Mention, Quote, TimeExpression

STAGE = "claims.rules.v25"

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "parataxis"}
_RECEIVE = frozenset({"receive", "get", "obtain", "accept", "win", "earn", "gain"})
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "to", "outside", "inside", "across"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def extract_claims(
    doc: Doc,
    article: Article,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    times: Sequence[TimeExpression],
) -> list[Claim]:
    """Atomic claims of ``doc`` (the parse of ``article.text``), in text order."""
    seed_text(doc, article.text)
    atts = attributions_for(doc)
    names = names_from(doc, list(mentions))
    attribution_tokens = _attribution_tokens(atts)
    cue_with_clause = {i for a in atts if a.kind == "verb" for i in a.cue_tokens[:1]}
    negative = [a for a in atts if a.kind == "verb" and a.negative]  # "denied that …"
    cue_verbs: dict[int, Attribution] = {}
    for a in atts:
        if a.kind == "verb" and a.cue_tokens:
            cue_verbs.setdefault(a.cue_tokens[0], a)
    shared = _Shared(atts, names, quotes, times, negative, cue_verbs, {})
    untold = unasserted(atts, doc_text(doc))
    claims: list[Claim] = []
    for s_index, sent in enumerate(doc_sents(doc)):
        if _skip_sentence(sent):
            continue
        preds = _predicates(sent, attribution_tokens, cue_with_clause)
        pred_ids = {p.i for p in preds}
        bounds = pred_ids | {i for i in cue_with_clause if sent.start <= i < sent.end}
        for pred in preds:
            if told_by_none(pred, untold):
                continue  # no claim of anyone's: the sentence stays whole
            claim = _claim(pred, pred_ids, attribution_tokens, bounds, article, s_index)
            if claim is None:
                continue
            _fill(claim, pred, doc, shared)
            claims.append(claim)
    claims.sort(key=lambda c: (c.start, c.end))
    for n, claim in enumerate(claims):
        claim.id = f"{article.id}:c{n}"
    return claims


@dataclass(slots=True)
class _Shared:
    """What every claim of one doc is filled from."""

    atts: list[Attribution]
    names: list[NamedSpan]
    quotes: Sequence[Quote]
    times: Sequence[TimeExpression]
    negative: list[Attribution]  # the verb attributions with a negative cue ("denied")
    cue_verbs: dict[int, Attribution]  # the first verb attribution of each cue verb's index
    sources: dict[int, tuple[str, str | None]]  # resolve_source per attribution, by id

    def source(self, att: Attribution, doc: Doc) -> tuple[str, str | None]:
        """:func:`resolve_source` of ``att``, computed once per attribution."""
        found = self.sources.get(id(att))
        if found is None:
            found = self.sources[id(att)] = resolve_source(att, doc, self.names)
        return found


def _attribution_tokens(atts: list[Attribution]) -> set[int]:
    out: set[int] = set()
    for a in atts:
        if a.kind in {"verb", "according"}:
            out.update(a.cue_tokens)
            out.update(a.source_head_tokens if a.kind == "verb" else a.source_tokens)
        elif a.kind == "hedge":
            out.update(a.cue_tokens)
    return out


def _skip_sentence(sent: Span) -> bool:
    whole = doc_text(sent.doc)
    text = whole[sent.start_char : sent.end_char].strip().rstrip("”\"’' ")
    if (text.endswith("?") and not lost_sign(text, whole[sent.end_char :])) or len(sent) < 3:
        return True
    root = sent.root
    has_subject = any(c.dep_ in _SUBJECTS for c in root.children)
    return root.tag_ == "VB" and not has_subject and root.i == sent.start


def _is_predicate(tok: Token) -> bool:
    if tok.lemma_ in {"have", "do"} and not any(
        c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "acomp", "prep"} for c in tok.children
    ):
        return False  # a stranded auxiliary ("no agreement has or will be signed")
    if tok.pos_ == "VERB":
        return tok.tag_ not in {"VBG", "VBN"} or _has_aux(tok) or _has_subject(tok)
    if tok.pos_ == "AUX" and tok.lemma_ == "be":
        return any(c.dep_ in {"attr", "acomp", "prep"} for c in tok.children) and _has_subject(tok)
    return False


def _has_aux(tok: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in tok.children)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in tok.children)


def _subject_of(tok: Token, depth: int = 0) -> Token | None:
    doc = tok.doc
    children, deps = doc_children(doc)[tok.i], doc_column(doc, "dep_")
    for c in children:
        if deps[c] in _SUBJECTS and deps[c] != "expl":
            return doc[c]
    for c in children:
        if deps[c] == "expl":
            return doc[c]
    if tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
        return _subject_of(tok.head, depth + 1) if depth < MAX_DEPTH else None
    if _raised(tok):
        return next(doc[c] for c in doc_children(doc)[tok.head.i] if deps[c] == "nsubjpass")
    if _bare_participle(tok):
        return tok.head
    if _participle(tok) and depth < MAX_DEPTH:
        head = tok.head
        if _is_cue_verb(head):
            # "Kim left ..., agencies reported, wrapping up a trip": Kim wraps up, not the agencies
            clause = next((c for c in head.children if c.dep_ in {"ccomp", "parataxis"}), None)
            return _subject_of(clause, depth + 1) if clause is not None else None
        return _subject_of(head, depth + 1)
    return None


def _bare_participle(tok: Token) -> bool:
    """A participle the parser hung on the noun before it in a sentence that has no verb of
    its own ("The harbour reopened on Monday", "Jackson arrested on suspicion of DUI"): the
    sentence's predicate, its noun the subject."""
    head = tok.head
    return (
        tok.dep_ == "acl"
        and tok.tag_ in {"VBN", "VBD"}
        and head.dep_ == "ROOT"
        and head.pos_ in {"NOUN", "PROPN"}
        and tok.i == head.i + 1
        and not any(
            c.dep_ in _SUBJECTS or c.dep_ in {"aux", "auxpass", "mark"} for c in tok.children
        )
    )


def _raised(tok: Token) -> bool:
    """The infinitive of a passive verb of saying or believing ("Moscow is believed to be
    interested in buying ammunition", "He is said to have left"): the claim, told of that
    verb's subject and hedged by the verb."""
    head = tok.head
    deps = [c.dep_ for c in head.children]
    return (
        tok.dep_ == "xcomp"
        and tok.i > head.i
        and head.lemma_ in _RAISING
        and "auxpass" in deps
        and "nsubjpass" in deps
    )


_RAISING = frozenset({"believe", "say", "think", "report", "understand", "know", "allege"})


def _is_cue_verb(tok: Token) -> bool:
    return is_cue(tok) and any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children)


def _relative_subject(tok: Token) -> Token | None:
    """The relative pronoun subject of a relative clause ("an accord that hands ...")."""
    if tok.dep_ != "relcl":
        return None
    for c in tok.children:
        if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _RELATIVES:
            return c
    return None


def _participle(tok: Token) -> bool:
    """A participial clause sharing its head's subject ("..., signing an accord that ...")."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.i > tok.head.i
        and not any(c.dep_ in _SUBJECTS or c.dep_ == "mark" for c in tok.children)
        and tok.head.pos_ in {"VERB", "AUX"}
    )


_RELATIVES = frozenset({"that", "which", "who"})
_CANDIDATE_DEPS = _CLAUSE_DEPS | {"relcl", "advcl"}


def _predicates(sent: Span, attribution_tokens: set[int], cues: set[int]) -> list[Token]:
    preds: list[Token] = []
    doc = sent.doc
    deps = doc_column(doc, "dep_")
    for i in range(sent.start, sent.end):
        if deps[i] == "acl" and _bare_participle(doc[i]) and i not in attribution_tokens:
            preds.append(doc[i])
            continue
        if denied_clause(doc[i]) and doc[i].head.head.i in attribution_tokens:
            if _subject_of(doc[i]) is not None:  # "denied rumours that she leaked ..."
                preds.append(doc[i])
            continue
        if deps[i] == "xcomp" and doc[i].head.i in attribution_tokens and _raised(doc[i]):
            preds.append(doc[i])
            continue
        if deps[i] not in _CANDIDATE_DEPS:
            continue  # neither a clause nor a relative or participial clause
        tok = doc[i]
        if _relative_subject(tok) is not None or _participle(tok):
            if tok.pos_ == "VERB" and tok.i not in attribution_tokens:
                preds.append(tok)
            continue
        if tok.dep_ not in _CLAUSE_DEPS or not _is_predicate(tok):
            continue
        if tok.i in attribution_tokens:
            if tok.i in cues and _noun_content_cue(tok):
                preds.append(tok)
            continue
        embedded = tok.dep_ in {"ccomp", "parataxis"} and tok.head.i not in attribution_tokens
        if embedded and tok.head.dep_ not in _CLAUSE_DEPS:
            continue
        if _subject_of(tok) is None:
            continue
        preds.append(tok)
    return preds


def _noun_content_cue(tok: Token) -> bool:
    """A verb of saying whose content is a noun phrase ("Reuters listed other gifts")."""
    has_clause = any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children)
    if has_clause or tok.lemma_.lower() in {"say", "tell", "report", "add", "write"}:
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    # "denied rumours that she leaked …": the content is the clause, as in "denied that"
    return bool(objects) and not any(denied_clause(g) for o in objects for g in o.children)


def _claim_tokens(
    pred: Token, preds: set[int], attribution_tokens: set[int], bounds: set[int]
) -> list[int]:
    """The predicate's subtree minus other predicates' clauses and attribution material, as
    ascending token indices; ``bounds`` are token indices (other predicates, cue verbs) the
    claim may not extend past."""
    doc = pred.doc
    children = doc_children(doc)
    deps = doc_column(doc, "dep_")
    top = pred.i
    found: list[int] = []
    if _bare_participle(pred):  # its subject is its head: the noun phrase before it
        found.extend(range(pred.head.left_edge.i, pred.head.i + 1))
    subject = _subject_of(pred) if (raised := _raised(pred)) else None
    if subject is not None:  # "Moscow is believed to be ...": the claim opens on the subject
        found.extend(range(subject.left_edge.i, subject.right_edge.i + 1))
    stack = [top]
    while stack:
        i = stack.pop()
        found.append(i)
        for child in children[i]:
            if child in preds:
                continue
            if child in attribution_tokens and child != top:
                continue
            if i == top and (deps[child] in {"cc", "mark"} or whether_or_not(doc, child)):
                continue
            stack.append(child)
    lo, hi = paragraph_bounds(doc_text(doc), pred.idx)
    right = min((i for i in bounds if i > top), default=len(doc))
    left = max((i for i in bounds if i < top and not (raised and i == pred.head.i)), default=-1)
    kept = sorted(
        i for i in found if (i not in attribution_tokens or i == top) and left < i < right
    )
    offsets, spaces, punct = (
        doc_ints(doc, "idx"),
        doc_ints(doc, "is_space"),
        doc_ints(doc, "is_punct"),
    )
    out = [i for i in kept if lo <= offsets[i] < hi and not spaces[i]]
    while out and (punct[out[0]] or deps[out[0]] in {"cc", "mark"}):
        out.pop(0)
    while out and punct[out[-1]] and doc[out[-1]].text not in {"”", '"', "’"}:
        out.pop()
    return out


def _claim(
    pred: Token,
    preds: set[int],
    attribution_tokens: set[int],
    bounds: set[int],
    article: Article,
    s_index: int,
) -> Claim | None:
    toks = _claim_tokens(pred, preds, attribution_tokens, bounds)
    punct = doc_ints(pred.doc, "is_punct")
    if len([i for i in toks if not punct[i]]) < 2:
        return None
    first, last = pred.doc[toks[0]], pred.doc[toks[-1]]
    start, end = first.idx, last.idx + len(last.text)
    text = doc_text(pred.doc)[start:end]
    start, end = _balance_quotes(doc_text(pred.doc), start, end)
    return (
        Claim(
            id="",
            article=article.id,
            start=start,
            end=end,
            text=doc_text(pred.doc)[start:end],
            predicate=_lemma(pred),
            sentence=s_index,
        )
        if text.strip()
        else None
    )


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a dangling closing/opening quotation mark at either edge of a span."""
    span = text[start:end]
    opens = sum(span.count(c) for c in "“«")
    closes = sum(span.count(c) for c in "”»")
    if closes > opens and span.endswith(("”", "»")):
        end -= 1
    elif opens > closes and span.startswith(("“", "«")):
        start += 1
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return start, end


_ADVERB_PARTICLES = frozenset({"away", "down", "off", "out", "up"})


def _lemma(pred: Token) -> str:
    doc = pred.doc
    lemmas, lower = doc_lemmas(doc), doc_column(doc, "lower_")
    lemma = lemmas[pred.i]
    particle = _first_child(doc, pred.i, {"prt"})
    after = pred.i + 1
    # "passed away", "gunned down": the parser often reads the particle as an adverb
    if (
        particle is None
        and after < len(doc)
        and lower[after] in _ADVERB_PARTICLES
        and doc[after].head.i == pred.i
    ):
        particle = after
    if particle is not None:
        lemma = f"{lemma} {lower[particle]}"
    if pred.pos_ == "AUX":
        comp = _first_child(doc, pred.i, {"acomp", "attr"})
        if comp is not None:
            lemma = f"be {lemmas[comp]}"
    return lemma


def _first_child(doc: Doc, i: int, deps: set[str]) -> int | None:
    """The index of the first child of token ``i`` with one of ``deps``, if any."""
    labels = doc_column(doc, "dep_")
    return next((c for c in doc_children(doc)[i] if labels[c] in deps), None)


def _phrase_arg(tok: Token) -> Argument:
    doc = tok.doc
    offsets, spaces, punct = (
        doc_ints(doc, "idx"),
        doc_ints(doc, "is_space"),
        doc_ints(doc, "is_punct"),
    )
    deps, lemmas = doc_column(doc, "dep_"), doc_lemmas(doc)
    lo, hi = paragraph_bounds(doc_text(doc), tok.idx)
    ids = [i for i in noun_phrase_indices(tok) if lo <= offsets[i] < hi and not spaces[i]]
    ids = ids or [tok.i]
    first, last = doc[ids[0]], doc[ids[-1]]
    start, end = first.idx, last.idx + len(last.text)
    words = [lemmas[i] for i in ids if deps[i] != "det" and not punct[i]]
    return Argument(
        text=doc_text(tok.doc)[start:end], start=start, end=end, value=" ".join(words) or tok.lower_
    )


def _role_tokens(pred: Token) -> dict[str, Token]:
    roles: dict[str, Token] = {}
    subj = _subject_of(pred)
    if subj is not None and subj.lower_ in _RELATIVES and pred.dep_ == "relcl":
        subj = pred.head  # "an accord that hands ...": the accord
    doc = pred.doc
    deps, lower = doc_column(doc, "dep_"), doc_column(doc, "lower_")
    children = doc_children(doc)[pred.i]
    dobj = _first_child(doc, pred.i, {"dobj"})
    passive = any(deps[c] in {"auxpass", "nsubjpass"} for c in children) or (
        _bare_participle(pred) and pred.tag_ == "VBN" and dobj is None
    )
    dative = _first_child(doc, pred.i, {"dative"})
    if subj is not None and subj.dep_ != "expl":
        if passive:
            roles["recipient" if dobj is not None else "theme"] = subj
        elif doc_lemmas(doc)[pred.i] in _RECEIVE:
            roles["recipient"] = subj
        else:
            roles["agent"] = subj
    for c in children:
        if deps[c] == "agent" or (
            deps[c] == "prep" and lower[c] == "from" and "recipient" in roles
        ):
            pobj = _first_child(doc, c, {"pobj"})
            if pobj is not None and "agent" not in roles:
                roles["agent"] = doc[pobj]
    if passive and "agent" not in roles and dobj is not None:
        by = next(
            (c for c in doc_children(doc)[dobj] if deps[c] == "prep" and lower[c] == "by"), None
        )
        pobj = _first_child(doc, by, {"pobj"}) if by is not None else None
        if pobj is not None:  # "given two keys by the guild": the parser hangs "by" on the object
            roles["agent"] = doc[pobj]
    if dobj is not None:
        roles.setdefault("theme", doc[dobj])
    else:
        comp = _first_child(doc, pred.i, {"attr", "acomp", "oprd"})
        if comp is not None:
            roles.setdefault("theme", doc[comp])
    if dative is not None:
        target = _first_child(doc, dative, {"pobj"})
        roles.setdefault("recipient", doc[dative if target is None else target])
    for c in children:
        if deps[c] == "prep" and lower[c] in {"to", "with"} and "recipient" not in roles:
            pobj = _first_child(doc, c, {"pobj"})
            named = pobj is not None and doc[pobj].ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
            if named and pobj is not None and lower[c] == "to" and dobj is not None:
                roles["recipient"] = doc[pobj]
    return roles


def _place(pred: Token) -> Argument | None:
    doc = pred.doc
    deps, lower = doc_column(doc, "dep_"), doc_column(doc, "lower_")
    children = doc_children(doc)
    for c in children[pred.i]:
        if deps[c] != "prep" or lower[c] not in _PLACE_PREPS:
            continue
        for g in children[c]:
            if deps[g] == "pobj" and doc[g].ent_type_ in _PLACE_LABELS:
                arg = _phrase_arg(doc[g])
                return arg
    return None


_RESOLVABLE = {"he": {"PERSON"}, "she": {"PERSON"}, "him": {"PERSON"}, "her": {"PERSON"}}


def _antecedent(tok: Token, names: list[NamedSpan]) -> str | None:
    """The nearest preceding compatible name for a pronoun argument, lower-cased."""
    labels = _RESOLVABLE[tok.lower_]
    best: NamedSpan | None = None
    for n in names:
        if n.end <= tok.idx and n.label in labels and (best is None or n.start > best.start):
            best = n
    if best is None:
        return None
    return best.entity or best.text.lower()


def _fill(claim: Claim, pred: Token, doc: Doc, shared: _Shared) -> None:
    atts, names = shared.atts, shared.names
    text = doc_text(doc)
    p_start, p_end = pred.idx, pred.idx + len(pred.text)
    claim.arguments["predicate"] = Argument(text[p_start:p_end], p_start, p_end, claim.predicate)
    lo, hi = paragraph_bounds(text, p_start)
    roles = {r: t for r, t in _role_tokens(pred).items() if lo <= t.idx < hi}
    for role, tok in roles.items():
        arg = _phrase_arg(tok)
        if tok.pos_ == "PRON" and tok.lower_ in _RESOLVABLE:
            arg.value = _antecedent(tok, names) or arg.value
        claim.arguments[role] = arg
    place = _place(pred)
    if place is not None:
        claim.arguments["place"] = place
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is not None:
        for q in find_quantities(span):
            arg = Argument(q.text, q.start, q.end, q.value, q.unit)
            claim.quantities.append(arg)
    if claim.quantities:
        theme = claim.arguments.get("theme")
        in_theme = [
            q for q in claim.quantities if theme is not None and theme.start <= q.start < theme.end
        ]
        claim.arguments["quantity"] = (in_theme or claim.quantities)[0]
    for t in shared.times:
        if claim.start <= t.start and t.end <= claim.end:
            if not _of_another_event(text[p_end : t.start]):
                claim.arguments["time"] = Argument(t.text, t.start, t.end, t.resolved)
            break
    raised = raised_negation(p_start, p_end, atts, doc)  # "is not believed to have had"
    claim.negated = negated(pred, roles, shared.negative, p_start) != raised
    # a yes-no question ("asked whether the ferry was sold") asserts nothing: no source of it
    chain = [a for a in chain_for(p_start, p_end, atts) if not yes_no_question(a, text)]
    claim.hedged = is_hedged(p_start, p_end, atts) or likely(pred) or wished(pred, chain)
    claim.hedged = claim.hedged or any(_anonymous(a.source_name) for a in chain)
    own = shared.cue_verbs.get(pred.i)
    if own is not None and not own.stance:
        # a verb of saying with a noun content ("Reuters listed other gifts"): its own source;
        # a stance ("Pyongyang had rejected it", "criticized the plan") is what its subject
        # did, not a claim that comes from its subject
        chain = [*chain_for(own.cue_start, own.cue_end, atts), own]
    names_out: list[str] = []
    for a in chain:
        name, _entity = shared.source(a, doc)
        if name and name not in names_out:
            names_out.append(name)
    for quote in shared.quotes:
        if quote.direct and quote.start <= p_start and p_end <= quote.end:
            speaker = quote.speaker
            known = _chain_has(names_out, quote.speaker_text)
            if speaker and speaker not in names_out and not known:
                names_out.append(speaker)
    claim.attributed_to = names_out


_ANONYMOUS = frozenset({"report", "reports", "source", "sources", "rumor", "rumors", "rumour"})


def _anonymous(name: str) -> bool:
    """ "according to reports", "sources said": a source nobody can check."""
    words = name.split()
    return (
        bool(words)
        and words[-1].lower() in _ANONYMOUS
        and not any(w[:1].isupper() for w in words[1:])
    )


def _chain_has(names: list[str], text: str) -> bool:
    return any(n and (n in text or text in n) for n in names)


# words that open another event between a verb and a time after it: in "charged with murder
# after a shooting at a party on Friday" the Friday may be the shooting's
_NESTED_EVENT = frozenset(
    {"after", "before", "following", "since", "until", "during", "amid", "when", "while"}
)


def _of_another_event(between: str) -> bool:
    """Whether the words between a claim's verb and a time after it open another event, whose
    time it may be (the parser may hang the nested event's time on the verb)."""
    return bool(_NESTED_EVENT & set(re.findall(r"[a-z]+", between.casefold())))
