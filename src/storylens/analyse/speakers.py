"""Speakers: the name (and linked entity) behind an attribution's source phrase."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.attribution import attributions_for, paragraph_bounds
from storylens.analyse.columns import doc_sents, doc_text, sentence_at
from storylens.analyse.cues import OCCUPATIONS, PERSON_ROLES
from storylens.analyse.gender import fits, genders, person_key
from storylens.analyse.namedsource import (
    SPEAKS_FOR,
    is_author,
    is_body,
    placed,
    qualifies,
    several_names,
    speakers_before,
    tagged_quotation_before,
    titled_person,
)
from storylens.analyse.names import NamedSpan, describing_words, plain_person, qualified_role
from storylens.analyse.phrases import MAX_DEPTH
from storylens.analyse.quotemarks import doc_quotes
from storylens.analyse.sourcekind import (
    ORG_PRONOUNS,
    ORG_ROLES,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    SOURCE_LABELS,
    TRADE_ROLES,
    source_head,
    source_kind,
    unnamed_before,
    wanted_labels,
)
from storylens.analyse.sourceless import infinitive
from storylens.datelines import dateline_spans

# A role word and the title abbreviations that carry it ("Rep. Jane Roe" is a congresswoman).
ROLE_TITLES = {
    "congressman": ("rep.", "representative", "congressman"),
    "congresswoman": ("rep.", "representative", "congresswoman"),
    "senator": ("sen.", "senator"),
    "governor": ("gov.", "governor"),
    "president": ("president", "pres."),
    "general": ("gen.", "general"),
}


def resolve_source(att: Attribution, doc: Doc, names: list[NamedSpan]) -> tuple[str, str | None]:
    """The name (and entity id, when linked) of an attribution's source, or ``("", None)``
    when the source phrase names no real source ("the rules", "the June decision").

    Named sources keep their own name (the linked mention's). Pronouns ("he", "it") resolve
    to the speaker or subject they continue: the nearest preceding name of a compatible type
    that was the subject or the source of its sentence, outside quotations, and the last
    speaker before a name mentioned in passing. Bare roles ("the former president", "the
    congressman") resolve to the nearest preceding name described with that role, and
    otherwise like a pronoun; a role named with a noun before it ("the fire chief") only to
    a name described with it.
    """
    if att.source_start is None or att.source_end is None:
        return "", None
    span = doc.char_span(att.source_start, att.source_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "", None
    head = source_head(span, att)
    kind = source_kind(span, head)
    if kind == "none" and head.pos_ == "PROPN":
        # "Pompeo accused Iran …" opening a sentence, the tagger reading no name in it: the
        # person or body the story named so before
        known = _named_before(head.text, att.source_start, names)
        if known is not None:
            return head.text, known.entity
    if kind == "none":
        return "", None
    if kind == "named":
        # names in a clause of the phrase are not who speaks ("the chairmen of the committees
        # that asked the Justice Department")
        clause = {d.idx for t in span if t.dep_ == "relcl" for d in t.subtree}
        inside = [
            n
            for n in names
            if n.start >= att.source_start
            and n.end <= att.source_end
            and n.label in SOURCE_LABELS
            and n.start not in clause
        ]
        text = doc_text(doc)
        opening = next((n for n in inside if n.start == att.source_start), None)
        if (
            opening is not None
            and opening.label == "PERSON"
            and text[opening.end :].startswith(",")
            and " and " not in att.source_name  # "Goodlatte, Gowdy and Nunes noted"
        ):
            # "said Youn Kun-young, director for the situation room at the Blue House": the
            # person the phrase opens on, not a name inside the role set off after it
            return opening.text, opening.entity
        if (titled := titled_person(head, inside)) is not None:
            return titled.text, titled.entity  # "shopkeeper and columnist Tomas Arvid"
        if head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS - PERSON_ROLES:
            return att.source_name, None  # "an office worker in Dubai", "Collins' colleagues"
        if (
            head.pos_ == "NOUN"
            and head.lemma_.lower() not in ORG_ROLES | _WRITINGS
            and all(n.label in {"GPE", "LOC"} and placed(n, doc) for n in inside)
        ):
            return att.source_name, None  # "local evening news in Michigan": not Michigan
        if (
            head.pos_ == "NOUN"
            and head.lemma_.lower() in PERSON_NOUNS - SPEAKS_FOR
            and inside
            and all(qualifies(n, doc, head) for n in inside)
        ):
            # "the CIA chief", "U.S. officials": people, not the body or country named
            first = next(t.i for t in span if t.dep_ != "det" or t.i == head.i)
            return doc[first : head.i + 1].text, None
        named = [n for n in inside if n.text in att.source_name]
        if len(named) > 1 and " and " in att.source_name:
            return att.source_name, None  # "Canada and Mexico have said": both speak
        for n in inside:
            if n.text == att.source_name or att.source_name.endswith(n.text):
                return n.text, n.entity
        authors = [n for n in inside if is_author(n, doc, head)]
        if authors and head.pos_ != "PROPN" and not head.ent_type_:
            return authors[0].text, authors[0].entity  # "a report from the Harbour Trust"
        return att.source_name, None
    if kind == "plain":
        return att.source_name, None
    labels = wanted_labels(head, span)
    if labels is None:
        return att.source_name, None
    if kind == "role":
        if head.tag_ in {"NNS", "NNPS"}:
            return att.source_name, None  # "the president's lawyers": several people
        found = _described(att, doc, names, head.lemma_.lower(), labels)
        if found is not None:
            return found.text, found.entity
        trade = head.lemma_.lower() in TRADE_ROLES  # "the software giant": no office of its own
        if (
            head.lemma_.lower() in _UNNAMED_ROLES
            or unnamed_before(head)
            or head.lemma_.lower() in OCCUPATIONS
            or (
                any(t.dep_ in {"compound", "poss"} and t.head.i == head.i for t in span)
                and not trade
            )
        ):
            # "the fire chief", "the president's lawyer": an office of its own, not whoever
            # the paragraph was about; it stays as written unless a name was given that office
            return att.source_name, None
        if head.lemma_.lower() in _OUTLETS and (paper := _outlet_before(att, doc, names)):
            return paper.text, paper.entity  # "the newspaper said": the paper quoted before
        if labels == {"ORG"} and (body := _body_before(att, doc, names)) is not None:
            return body.text, body.entity  # "the company said": the body the story is about
    if kind == "pronoun" and head.lower_ in PLURAL_PRONOUNS | ORG_PRONOUNS:
        outer = _reporting_body(att, doc, plural=head.lower_ in PLURAL_PRONOUNS)
        if outer is not None:
            return resolve_source(outer, doc, names)
    if kind == "pronoun" and head.lower_ in PLURAL_PRONOUNS:
        group = speakers_before(att, doc)
        if group is not None:
            joined = several_names(group.source_start or 0, group.source_end or 0, names)
            return (joined, None) if joined else resolve_source(group, doc, names)
    sex = head.lower_ if head.lower_ in {"he", "she"} else None
    if sex and (tagged := tagged_quotation_before(att, doc)):
        said = resolve_source(tagged, doc, names)  # "“A,” Salazar said. ¶ “B,” he said."
        if fits(said, sex, doc, names):
            return said
    found = _antecedent(att, doc, names, labels, plural=head.lower_ in PLURAL_PRONOUNS, sex=sex)
    if kind == "pronoun" and head.lower_ in ORG_PRONOUNS | PLURAL_PRONOUNS:
        thing = _thing_before(att, doc, head, names, found)
        if thing is not None:
            return thing
    if sex and (before := _unnamed_speaker(att, doc, found)) is not None:
        said = resolve_source(before, doc, names)
        if fits(said, sex, doc, names):
            return said
    if found is not None and kind == "role":  # "Mara Lind, a resident": not "the mayor"
        text = doc_text(doc)
        titles = ROLE_TITLES.get(head.lemma_.lower(), (head.lemma_.lower(),))
        if plain_person(
            describing_words(text, found, *paragraph_bounds(text, found.start)), titles
        ):
            return att.source_name, None
    if found is not None:
        return found.text, found.entity
    return ("", None) if kind == "pronoun" else (att.source_name, None)


def _thing_before(
    att: Attribution, doc: Doc, head: Token, names: list[NamedSpan], found: NamedSpan | None
) -> tuple[str, str | None] | None:
    """What an "it" or "they" stands for when a noun phrase that is no person, nearer than
    the name ``found``, can: a subject before it in its sentence, else an object there, else
    the main clause's subject or object in the sentence before ("The suit did not name the
    president, but it lists his son"; "Israel is …, though it neither confirms nor denies").
    A country or body is itself; a phrase naming no source ("the storm") leaves the pronoun
    unresolved. None (resolve as before) for a pronoun, a person, or none nearer than ``found``.
    """
    own = sentence_at(doc, head.i)
    if own < 0:
        return None
    sents, quotes = doc_sents(doc), _quotes(doc)
    datelines = dateline_spans(doc_text(doc))  # "TEL AVIV (Reuters) - Israel presented …"

    def free(t: Token) -> bool:
        return (
            t.pos_ in {"NOUN", "PROPN", "PRON"}
            and not any(lo <= t.idx < hi for lo, hi in datelines)
            and not att.content_start <= t.idx < att.content_end
            and _in_quote(t.idx, quotes) is None
            and not (t.left_edge.i <= head.i <= t.right_edge.i)  # "documents they say …"
        )

    here = [t for t in reversed(doc[sents[own].start : head.i]) if free(t)]
    root = sents[own - 1].root if own > 0 else head
    verbs = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})]
    main = [c for v in verbs for c in v.children if free(c)] if own > 0 else []
    ranked = [t for ts in (here, main) for deps in _ROLES for t in ts if t.dep_ in deps]
    plural = head.lower_ in PLURAL_PRONOUNS
    for tok in ranked:
        if tok.tag_ in {"WP", "WDT"}:
            continue  # "what it said was evidence"
        if tok.pos_ == "PRON":
            return None  # "It has drawn up a list … It has also asked": the chain goes on
        name = next((n for n in names if n.start <= tok.idx < n.end), None)
        person = tok.ent_type_ == "PERSON" or (name is not None and name.label == "PERSON")
        if person or tok.lemma_.lower() in PERSON_NOUNS or tok.lower_ == "people":
            if plural:
                return None  # "they" of people: the names are resolved as before
            continue
        many = tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in tok.children)
        if many != plural:
            continue
        if found is not None and found.start >= tok.idx:
            return None  # the name is nearer
        if name is not None:
            return (name.text, name.entity) if name.label in _BODIES else None
        span = doc[tok.left_edge.i : tok.i + 1]
        if source_kind(span, tok) != "none":
            return span.text, None
        # "An arms announcement from North Korea came …": whom the thing comes from
        text, end = doc_text(doc), doc[tok.right_edge.i].idx
        by = (n for n in names if tok.idx < n.start <= end and n.label in _BODIES)
        by = (n for n in by if text[max(0, n.start - 5) : n.start].strip() in {"from", "by"})
        author = next(by, None)
        return (author.text, author.entity) if author is not None else ("", None)
    return None


_BODIES = frozenset({"GPE", "ORG", "NORP"})
_ROLES = (frozenset({"nsubj", "nsubjpass"}), frozenset({"dobj"}))  # subjects, then objects
# roles a story keeps unnamed ("the source said", "the witness told reporters"): the person a
# name was given the role, else no one named; never whoever the paragraph was about
_UNNAMED_ROLES = frozenset({"source", "witness", "insider"})


# what is written in a place: "an article in Ebony" names its publication
_WRITINGS = frozenset({"article", "report", "statement", "document", "letter", "memo", "study"})


def _paragraphs_back(text: str, start: int, before: int) -> int:
    """Where the paragraph holding ``start`` begins, or the paragraph ``before`` earlier."""
    lo = start
    for _ in range(before + 1):
        lo = paragraph_bounds(text, max(lo - 2, 0))[0]
        if lo == 0:
            break
    return lo


def _unnamed_speaker(att: Attribution, doc: Doc, found: NamedSpan | None) -> Attribution | None:
    """The report just before a "he" or "she" (none inside another report's words), in
    its paragraph or the two before, when its source is one person the story does not name
    and stands in a later paragraph than the name ``found``: "The friend said she was bubbly
    … She added: …" continues the friend, not the victim named before."""
    reports = [o for o in attributions_for(doc) if o.kind not in {"attitude", "act"}]
    earlier = sorted(
        (o for o in reports if o.cue_start < att.cue_start and o.source_start is not None),
        key=lambda o: -o.cue_start,
    )
    last = next(
        (
            o
            for o in earlier
            if not any(r.content_start <= o.cue_start < r.content_end for r in reports)
        ),
        None,
    )
    if last is None or att.source_start is None:
        return None
    span = doc.char_span(last.source_start or 0, last.source_end or 0, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    text = doc_text(doc)
    if found is not None and paragraph_bounds(text, found.start)[1] >= span.start_char:
        return None
    head = source_head(span, last)
    return (
        last
        if source_kind(span, head) in {"role", "plain"}
        and head.lemma_.lower() in PERSON_NOUNS
        and head.tag_ not in {"NNS", "NNPS"}
        and span.start_char >= _paragraphs_back(text, att.source_start, 2)
        else None
    )


def _named_before(word: str, start: int, names: list[NamedSpan]) -> NamedSpan | None:
    """The last source name before ``start`` that is ``word`` or ends with it."""
    return next(
        (
            n
            for n in reversed(names)
            if n.start < start
            and n.label in SOURCE_LABELS
            and (n.text == word or n.text.endswith(" " + word))
        ),
        None,
    )


def _reporting_body(att: Attribution, doc: Doc, *, plural: bool) -> Attribution | None:
    """The report whose source "they" or "it" stands for when no name is needed: the one
    whose words the pronoun's report sits in ("Few in Israel said they expected …"), else,
    for "it", the report just before in its paragraph by a body named by what it is ("The
    French foreign ministry said … But it added …")."""
    start = att.source_start or 0
    around = [
        a
        for a in attributions_for(doc)
        if a is not att and a.source_start is not None and a.content_start <= start < a.content_end
    ]
    if around:
        outer = min(around, key=lambda a: a.content_end - a.content_start)
        return outer if is_body(outer, doc, plural=plural) else None
    if plural:
        return None
    text = doc_text(doc)
    before = [
        a
        for a in attributions_for(doc)
        if a.source_start is not None
        and a.cue_start < att.cue_start
        and paragraph_bounds(text, a.cue_start) == paragraph_bounds(text, att.cue_start)
    ]
    last = max(before, key=lambda a: a.cue_start, default=None)
    return last if last is not None and is_body(last, doc, plural=False) else None


def _quotes(doc: Doc) -> list[tuple[int, int]]:
    return doc_quotes(doc)


def _in_quote(start: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    for qs, qe in quotes:
        if qs <= start < qe:
            return qs, qe
    return None


# a name right after a number is a make or a model ("a .357 Magnum", "a Colt 45 Peacemaker")
_AFTER_A_NUMBER = re.compile(r"\d[^\S\n]*$")


def _candidates(
    att: Attribution, doc: Doc, names: list[NamedSpan], labels: set[str], back: int = 3
) -> list[NamedSpan]:
    """Compatible names before the source, in its paragraph or the ``back`` before it,
    outside quotations the source is not in, nearest first."""
    text = doc_text(doc)
    start = att.source_start or 0
    lo = _paragraphs_back(text, start, back)
    quotes = _quotes(doc)
    own = _in_quote(start, quotes)
    out = [
        n
        for n in names
        if lo <= n.start
        and n.end <= start
        and n.label in labels
        and (_in_quote(n.start, quotes) in {None, own})
        and not _AFTER_A_NUMBER.search(text, max(0, n.start - 8), n.start)
    ]
    out.sort(key=lambda n: -n.start)
    return out


def _is_subject(n: NamedSpan, doc: Doc, speakers: set[int]) -> bool:
    """Whether a name is the subject (or a source) of its clause, not a name in passing nor
    one in the words or an aside of a sentence about "he" or "she" ("Jackson was on
    probation, he said", "He also tamped down …, which Mr. Trump left")."""
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None:
        return False
    if n.start in speakers:
        return True
    tok = span.root
    while tok.dep_ in {"compound", "appos", "conj", "poss"} and tok.head.i != tok.i:
        if tok.dep_ == "poss":
            return False  # "Trump's wall": the name belongs to something else
        tok = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    root = tok.sent.root
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _HE_SHE for c in root.children):
        return True
    return not {t.dep_ for t in (tok.head, *tok.head.ancestors) if t != root} & _WORDS_OR_ASIDE


def _body_before(att: Attribution, doc: Doc, names: list[NamedSpan]) -> NamedSpan | None:
    """The nearest organisation before ``att`` that was the subject or a source of its
    sentence, however far back ("the company said" long after "Veltron released a fix", with
    only a product named in between)."""
    speakers = set(_speaker_starts(att, doc, names))
    found = _candidates(att, doc, names, {"ORG"}, back=len(doc))
    return next((n for n in found if _is_subject(n, doc, speakers)), None)


# bodies that publish: "the newspaper said" is the paper a report was credited to before
_OUTLETS = frozenset(
    {"newspaper", "paper", "daily", "tabloid", "broadcaster", "network", "magazine", "website"}
)


def _outlet_before(att: Attribution, doc: Doc, names: list[NamedSpan]) -> NamedSpan | None:
    """The nearest organisation before ``att`` that an earlier report was credited to as a
    whole ("Newsday reported", not "Bureau of Prisons spokesman Al Quintero said")."""
    text = doc_text(doc)
    whole = {
        (a.source_end, text[a.source_start : a.source_end].removeprefix("the ").strip())
        for a in attributions_for(doc)
        if a.source_start is not None and a.source_end is not None and a.cue_start < att.cue_start
    }
    found = _candidates(att, doc, names, {"ORG"}, back=len(doc))
    return next((n for n in found if (n.end, n.text) in whole), None)


def _speaker_starts(att: Attribution, doc: Doc, names: list[NamedSpan]) -> dict[int, int]:
    """For every name that is the source of an earlier attribution, its start -> the
    attribution's cue start."""
    key = f"storylens.speakers.{hash(tuple((n.start, n.end) for n in names))}"
    spoken: list[tuple[int, int]] | None = doc.user_data.get(key)
    if spoken is None:  # (cue start, name start) of every name that is a source, once per doc
        starts = sorted((n.start, n.end) for n in names)
        spoken = []
        for other in attributions_for(doc):
            if (
                other.source_start is None
                or other.source_end is None
                or other.kind in {"attitude", "act"}
                or (other.verb >= 0 and infinitive(doc[other.verb]))  # "expected Abe to petition"
            ):
                continue  # wanting or doing something makes no one a speaker
            k = bisect_left(starts, (other.source_start, -1))
            while k < len(starts) and starts[k][0] < other.source_end:
                if starts[k][1] <= other.source_end:
                    spoken.append((other.cue_start, starts[k][0]))
                k += 1
        spoken.sort()
        doc.user_data[key] = spoken
    return {name: cue for cue, name in spoken if cue < att.cue_start}


_HE_SHE = frozenset({"he", "she"})
_FURTHER = 8  # paragraphs back to look for a "he" or "she" when nearer names are the other
_WORDS_OR_ASIDE = frozenset({"ccomp", "parataxis", "relcl", "acl"})


def _antecedent(
    att: Attribution,
    doc: Doc,
    names: list[NamedSpan],
    labels: set[str],
    *,
    plural: bool = False,
    sex: str | None = None,
) -> NamedSpan | None:
    """The name a pronoun (or an unmatched role) continues.

    The nearest preceding subject or source; but when that name is the subject of a sentence
    before the pronoun's own and an earlier speaker is nearer than the paragraph before, a
    pronoun that reports speech continues the last speaker ("“...,” he added" after a
    paragraph about someone else). With no subject or source before it, the nearest name;
    but not for "they" (``plural``), which mostly stands for people the text never named
    ("150 marchers ... to a crossing called El Chaparral. As they walked, they chanted").
    A "he" or "she" (``sex``) never continues a person the article calls the other."""
    found = _candidates(att, doc, names, labels)
    if sex is not None:
        # a name of the other sex in the way: the nearest that fits, further back
        known = genders(doc, names)
        fit = [n for n in found if known.get(person_key(n), sex) == sex]
        if len(fit) < len(found) and not fit:
            far = _candidates(att, doc, names, labels, back=_FURTHER)
            fit = [n for n in far if known.get(person_key(n), sex) == sex]
        found = fit
    people = _person_tokens(found, doc)
    cands = [_group_of(n, doc) or n for n in found if not _in_passing(n, doc, people)]
    if not cands:
        return None
    speakers = _speaker_starts(att, doc, names)
    subjects = [n for n in cands if _is_subject(n, doc, set(speakers))]
    if not subjects:
        return None if plural else cands[0]
    first = subjects[0]
    last_speaker = next((n for n in cands if n.start in speakers), None)
    if last_speaker is None or last_speaker is first or first.start in speakers:
        return first
    text = doc_text(doc)
    same_sentence = att.sentence >= 0 and sentence_at(doc, first.start, char=True) == att.sentence
    near = paragraph_bounds(text, last_speaker.start) == paragraph_bounds(
        text, att.source_start or 0
    )
    if not same_sentence and (near or _reported_by(first, last_speaker, doc)):
        return last_speaker
    return first


def _person_tokens(names: list[NamedSpan], doc: Doc) -> dict[int, int]:
    """Token index -> the start of the person name it is in, for the people of ``names``."""
    return {
        tok.i: n.start
        for n in names
        if n.label == "PERSON"
        for tok in doc.char_span(n.start, n.end, alignment_mode="expand") or ()
    }


def _in_passing(name: NamedSpan, doc: Doc, people: dict[int, int]) -> bool:
    """Whether a name lies in a relative clause, participle phrase or apposition describing
    another person (``people``: see :func:`_person_tokens`) ("said Torres, who is protected
    by DACA, the program created by President Barack Obama"): a "she said" after it is not
    about that name."""
    span = doc.char_span(name.start, name.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(MAX_DEPTH):
        if tok.head.i == tok.i:
            return False
        described = people.get(tok.head.i)
        if tok.dep_ in {"relcl", "acl", "appos"} and described not in {None, name.start}:
            return True
        tok = tok.head
    return False


def _reported_by(name: NamedSpan, speaker: NamedSpan, doc: Doc) -> bool:
    """Whether ``name`` lies in what ``speaker`` said: a subject of someone's words ("Dermer
    said Netanyahu “exposed the fangs …”") is not whom the next "he said" continues."""
    return any(
        a.source_start is not None
        and a.source_start <= speaker.start < (a.source_end or 0)
        and a.content_start <= name.start < a.content_end
        for a in attributions_for(doc)
    )


def _group_of(n: NamedSpan, doc: Doc) -> NamedSpan | None:
    """The group a name qualifies when that group is the subject ("Greek unions concede
    ...": "they" are the unions, not "Greek")."""
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None or n.label == "PERSON":
        return None
    tok, head = span.root, span.root.head
    if tok.dep_ not in {"amod", "compound"} or head.pos_ != "NOUN" or head.i == tok.i:
        return None
    if head.dep_ not in {"nsubj", "nsubjpass"} or head.tag_ != "NNS":
        return None
    start = doc[min(tok.i, head.left_edge.i)].idx
    end = head.idx + len(head.text)
    return NamedSpan(start, end, doc_text(doc)[start:end], n.label)


def _described(
    att: Attribution, doc: Doc, names: list[NamedSpan], role: str, labels: set[str]
) -> NamedSpan | None:
    """The nearest preceding name the text describes with ``role`` ("former Mexican
    President Vicente Fox", "Fox, a former president")."""
    text = doc_text(doc)
    titles = ROLE_TITLES.get(role, (role,))
    found: list[tuple[bool, NamedSpan]] = []
    # "the president": "President Trump" (anywhere before), not "French President Macron"
    for n in _candidates(att, doc, names, labels, back=len(text)):
        lo, hi = paragraph_bounds(text, n.start)
        window = describing_words(text, n, lo, hi)
        if any(w.strip(",;:()") in titles or w in titles for w in window):
            found.append((qualified_role(text[max(lo, n.start - 40) : n.end], titles), n))
    near = [n for _, n in found if n.start >= _paragraphs_back(text, att.source_start or 0, 3)]
    return next((n for qualified, n in found if not qualified), near[0]) if near else None
