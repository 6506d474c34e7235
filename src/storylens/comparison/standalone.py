"""Which words of a statement can stand alone as a sentence: a clause readable on its own
(:func:`readable`, :func:`main_clause`), one that says alone what its sentence says
(:func:`whole`), and the shorter wordings without a trailing detail (:func:`trimmed`). Used
to choose a group's shared wording (:mod:`.wording`) and the summary's sentences."""

from __future__ import annotations

import dataclasses
import re

from storylens.analyse.cues import COGNITIVE_CUES, SPEECH_CUES
from storylens.analyse.numbers import NUMBER_WORDS
from storylens.analyse.quotemarks import quote_open, quotes_paired
from storylens.comparison.backing import content_words
from storylens.comparison.lexicon import quote_spans
from storylens.types import Claim
from storylens.words import COORDINATORS, DETERMINERS, PREPOSITIONS, RELATIVES, says_no


def readable(text: str) -> bool:
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
        and not (_OPENS_CLAUSE.match(text) and "," not in text)  # no main clause after it
    )


# a clause opened by words that make it part of another: "By the time an autopsy was
# released", "Every time the council met", "Now that the bridge is open" (with no main
# clause after a comma: "Even though the bridge opened, traffic stalled" is whole)
_OPENS_CLAUSE = re.compile(
    r"\W*(?:by the time|every time|each time|the moment|now that|so that|in order (?:to|that)|"
    r"even (?:if|though)|ever since|rather than|in case|as (?:soon|long) as)\b",
    re.IGNORECASE,
)


# a name cut out of the apposition it stood in: "Yvonne Hiller, was suspended" of "the
# employee, Yvonne Hiller, was suspended"
_CUT_APPOSITION = re.compile(
    r"\W*[A-Z][^,]{0,40},\s+(?:was|were|is|are|has|had|have|will|would|could|can|did|does|"
    r"said|says)\b"
)


def points_back(text: str) -> bool:
    """Whether a sentence's subject points at the sentence before it ("That's more than five
    times the legal limit", "They detail the demands ..."): it cannot stand alone."""
    return bool(_POINTS_BACK.match(text.lstrip()))  # a quotation's "This is …" is the speaker's


# a sentence whose subject points at the one before: "That's more than five times the limit"
_POINTS_BACK = re.compile(
    r"they\b|(?:that|this|these|those)(?:[’']s\b|\s+(?:is|was|are|were|has|had|will|would|means|meant)\b"
    # "This behaviour earned him ...": a thing named in the sentence before; not a time
    r"|\s+(?!(?:who|whom|which|that|week|weekend|year|month|morning|afternoon|evening|night|"
    r"day|time|season|spring|summer|autumn|fall|winter|decade|century)s?\b)[a-z]+\s+[a-z]+)",
    re.IGNORECASE,
)


def main_clause(part: Claim) -> bool:
    """Whether a part is a main clause: a subject before its verb, and neither a word that
    subordinates the clause ("Just six weeks before Obama takes office") nor "to" ("Salazar
    and Locke to rescind the rule") ahead of the verb in its own clause. "Expected by many to
    win" has no subject."""
    verb = part.arguments.get("predicate")
    if verb is not None and part.start <= verb.start <= part.end:
        at = verb.start - part.start
    else:  # a clause read without its arguments: find its verb by the lemma's spelling
        found = re.search(_spelled(part.predicate), part.text, re.IGNORECASE)
        if not part.predicate or found is None:
            return True
        at = found.start()
    lead = part.text[:at]
    words = [w.strip("“\"‘'(").casefold() for w in re.split(r"[,;:—]", lead)[-1].split()]
    return bool(words) and words[-1] != "to" and not set(words) & _SUBORDINATORS


def _spelled(lemma: str) -> str:
    """A pattern for the forms of a verb by its lemma's spelling: "issu" finds "issued",
    and a lemma ending in "e" its "-ing" and "-ed" forms too ("use": "Using ...")."""
    stem = re.escape(lemma[:4])
    if lemma.endswith("e") and len(lemma) > 2:
        stem = f"(?:{stem}|{re.escape(lemma[:-1])}(?:ing|ed))"
    return rf"\b{stem}\w*"


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
    | {"including", "like", "than", "about", "into", "such"}  # "..., including" what?
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


# a trailing detail of place or time starts with one of these after the verb ("on his
# armoured train", "until June 1"); "after ..." often carries the event itself, and "from"
# or "with" may belong to the verb ("prevent the act from ...", "replace the mayor with ...")
_DETAIL_OPENERS = frozenset(
    {"on", "in", "at", "during", "near", "outside", "inside", "amid", "aboard", "until"}
)


_OPENER = re.compile(rf"\s(?:{'|'.join(sorted(_DETAIL_OPENERS))}|under|into)\b", re.IGNORECASE)
_PUTTING = frozenset({"place", "put", "lay", "keep"})
# "for another 30 days", "for two weeks": a duration, a detail like a time or a place
_DURATION = re.compile(
    r"\s+(?:(?:another|a further|the next|about|nearly|almost|more than)\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s*"
    r"(?:-\s*)?(?:hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
# a list of single words or names ("steel and aluminum", "the EU, Canada and Mexico"): no
# clause break, though it has commas and an "and"
_LIST = re.compile(
    r"\b[\w.-]+(?:(?:,\s+[\w.-]+)+,?)?\s+(?:and|or)\s+"
    r"(?!(?:the|a|an|he|she|it|they|we|i|you|his|her|their|its)\b)(?=[A-Za-z])",
    re.IGNORECASE,
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


def trimmed(wording: str, part: Claim, statement: Claim) -> list[str]:
    """``wording``, then each shorter wording that ends before a phrase opened by one of
    :data:`_DETAIL_OPENERS` after the part's verb, longest first, when what is left still
    says alone what it said (see :func:`whole`). A denied part is never trimmed: "did not
    attend in person" is not "did not attend"."""
    out = [wording]
    verb = part.arguments.get("predicate")
    if verb is None or part.negated or not part.text.startswith(wording):
        return out
    # a verb of putting needs where it puts: "placed Thomas on injured reserve" is no
    # "placed Thomas" with a detail, so its first phrase stays
    floor = verb.end - part.start
    if part.predicate in _PUTTING and (first := _OPENER.search(wording, floor)) is not None:
        floor = first.end()
    for m in reversed(list(re.finditer(r"\s(\w+)\b", wording))):
        if m.start() < floor:
            break
        opener = m.group(1).casefold()
        if opener not in _DETAIL_OPENERS and not (
            opener == "for" and _DURATION.match(wording, m.end())
        ):
            continue
        shorter = wording[: m.start()].rstrip(" ,;:–—-")
        after_verb = shorter[verb.end - part.start :]
        if not content_words(after_verb) - _BARE_ADVERBS:  # "appeared" of "appeared in court"
            break
        if _CLAUSE_BREAK.search(_LIST.sub("_", after_verb)) and not _JOINED_VERB.match(after_verb):
            continue  # "..., while the chief remained"
        if _OPEN_ENDED.search(shorter) and not _PASSIVE_END.search(shorter):
            continue  # "diamonds valued", "is now"; not "was shot and killed"
        cut = dataclasses.replace(part, text=shorter, end=part.start + len(shorter))
        if len(shorter.split()) >= 4 and readable(shorter) and whole(shorter, cut, statement):
            out.append(shorter)
    return out


# a phrase of time, place or manner that opens a sentence before its subject ("In January,",
# "During the operation,", "Earlier,"); not a condition ("If elected,"), which the rest of
# the sentence is true only under, nor a hedge ("Reportedly,") or a source ("According to")
_LEAD_OPENERS = frozenset(
    {"in", "on", "at", "during", "after", "before", "amid", "last", "this", "early", "late"}
    | {"earlier", "later", "shortly", "by"}
)
_LEAD_WORDS = frozenset(
    {"however", "meanwhile", "still", "instead", "now", "separately", "additionally", "also"}
    | {"moreover", "furthermore", "earlier", "later", "yesterday", "today", "tonight", "then"}
    | {"previously", "recently", "eventually", "finally", "initially", "subsequently"}
)
# an opening phrase that leans on what came before ("In addition,", "This time,"): never
# part of a fact shared by outlets
_DISCOURSE_LEADS = _LEAD_WORDS | {
    "this time", "in addition", "at the same time", "in turn", "in fact", "in particular",
    "in response", "in return", "in the meantime", "at the time", "at that time",
    "in contrast", "in other words", "in short", "after that", "before that", "this week",
}  # fmt: skip
_LEAD = re.compile(r"(\w+)\b([^,;:“”\"‘’()]{0,60}),\s+(?=\S)")
_FIGURE = re.compile(rf"\d|\b(?:{'|'.join(sorted(NUMBER_WORDS))})s?\b", re.IGNORECASE)
_NOT_AFTER_LEAD = _FRAGMENT_START | {"and", "but", "or", "so", "said", "says", "according"}


def leading_detail(wording: str, part: Claim) -> int:
    """The length of a phrase of time, place or manner opening ``wording`` (the start of
    ``part``'s text) before its verb, with its comma ("In January, " of "In January, Trump
    cancelled a visit"), or 0: what is left still says the fact, without a detail only some
    outlets may give. Not before a figure, which the phrase may be the span of ("In 2019,
    40 people died")."""
    m = _LEAD.match(wording)
    verb = part.arguments.get("predicate")
    if m is None or verb is None or verb.start - part.start < m.end():
        return 0
    lead = wording[: m.end()]
    if not part.text.startswith(lead) or (
        _FIGURE.search(wording, m.end()) and not discourse_lead(lead)
    ):
        return 0
    first, rest = m.group(1).casefold(), m.group(2).split()
    if not (first in _LEAD_OPENERS and 0 < len(rest) <= 8) and not (
        first in _LEAD_WORDS and not rest
    ):
        return 0
    after = wording[m.end() :].split()
    if len(after) < 4 or after[0].casefold().strip("“\"‘'") in _NOT_AFTER_LEAD:
        return 0
    return m.end()


# connectives that open a sentence only to tie it to the one before ("Meanwhile,", "In fact,",
# "Then again,"): told alone, the sentence says the same without them. No word of time
# ("Yesterday,", "Earlier,"), which may be all a reader learns of when it happened
_CONNECTIVES = frozenset(
    {"however", "meanwhile", "still", "instead", "separately", "additionally", "also"}
    | {"moreover", "furthermore", "besides", "nonetheless", "nevertheless", "indeed"}
    | {"likewise", "similarly", "in addition", "in fact", "in particular", "in turn"}
    | {"in the meantime", "then again", "after all", "by contrast", "in contrast"}
    | {"on the other hand", "even so", "that said", "at the same time"}
)
_CONNECTIVE = re.compile(r"([A-Za-z]+(?: [a-z]+){0,3}),\s+(?=\S)")


def opening_connective(text: str) -> int:
    """The length of a connective opening ``text``, with its comma and space ("Meanwhile, "
    of "Meanwhile, Gates said ..."), or 0."""
    m = _CONNECTIVE.match(text)
    return m.end() if m and m.group(1).casefold() in _CONNECTIVES else 0


def discourse_lead(lead: str) -> bool:
    """Whether an opening phrase (see :func:`leading_detail`) only leans on what came
    before ("However, ", "In addition, ")."""
    return " ".join(lead.casefold().strip(" ,").split()) in _DISCOURSE_LEADS


def measure_cut(wording: str, part: Claim, statement: Claim) -> bool:
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


def under_denial(part: Claim, statement: Claim) -> bool:
    """Whether the part is what a denied verb of its sentence governs ("I don't think *I can
    vote for this plan*"): alone it says the opposite."""
    before = statement.text[: max(0, part.start - statement.start)]
    return bool(_DENIED_FRAME.search(before[-80:]))


def whole(wording: str, part: Claim, statement: Claim) -> bool:
    """Whether a part's wording says alone what its sentence says: not the content of a
    denial without the denial (nor what a denied verb governs), not cut before what a span
    of time measures or mid-clause,
    no quotation left open, and no open question."""
    return not (
        (part.negated and not says_no(wording))
        or under_denial(part, statement)
        or measure_cut(wording, part, statement)
        or clause_cut(wording, part, statement)
        or not quotes_paired(wording)  # not 'Kim would "leave the meeting" if it is not "fruitful'
        or not _singles_paired(wording)  # not "The president brought up the 'Golden Shower Thing"
        or quote_cut(part, statement)
        or asked(part, statement)
        or mandated(part, statement)
    )


def mandated(part: Claim, statement: Claim) -> bool:
    """Whether the part is what someone demands, in the verb's bare form after a named
    subject inside its sentence ("[Trump insisted] Comey disprove allegations about ..."):
    alone it reads as if the named one did it. A sentence's first word is capitalised
    whatever it is ("People demand ...")."""
    verb = part.arguments.get("predicate")
    agent = part.arguments.get("agent")
    if verb is None or agent is None or agent.end > verb.start:
        return False
    if not statement.text[: max(0, agent.start - statement.start)].strip(" “\"‘'("):
        return False
    word = verb.text.split()[0].casefold() if verb.text.split() else ""
    between = part.text[agent.end - part.start : verb.start - part.start].split()
    words = agent.text.split()
    # one named person or body ("Comey", "James Comey"), not "The majority" or "Londoners"
    named = (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and words[0].casefold() not in DETERMINERS | _BARE_FORM_PRONOUNS
        and not words[-1].endswith("s")
    )
    return (
        named
        and not between
        and word == part.predicate.split()[0].casefold()
        and not word.endswith("s")
        and word not in _NOT_BARE
    )


_BARE_FORM_PRONOUNS = frozenset({"i", "you", "we", "they"})  # "We remain concerned"
# bare forms that are also past forms
_NOT_BARE = frozenset({"put", "set", "cut", "hit", "let", "read", "cost", "quit", "shut", "hurt"})


def quote_cut(part: Claim, statement: Claim) -> bool:
    """Whether the part lies inside a quotation that goes on after it in the same sentence:
    a speaker's words are never shown cut short ("In telling the story, the President
    pointed his [fingers] at his head" of a quotation that goes on "and said 'the guy has
    serious judgment issues'"); one whole sentence of a longer quotation is not cut."""
    lead = statement.text[: max(0, part.start - statement.start)]
    if not quote_open(lead):
        return False
    rest = statement.text[max(0, part.end - statement.start) :]
    return _QUOTE_ENDS.match(rest) is None


# the quotation closes after the part, or the part is one whole sentence of it
_QUOTE_ENDS = re.compile(r"\s*[,.;:!?…]*\s*(?:[”\"]|'')|[.!?…]\s|\s*[.!?…]*\s*$")
# a single quotation mark: opening before a letter after a space, closing after a letter
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?=[\s,.;:!?)\]]|$)")


def _singles_paired(text: str) -> bool:
    """Whether every single quotation mark opened in ``text`` is closed (apostrophes, as in
    "Trump's" or "the Joneses'", are neither)."""
    return len(_SINGLE_OPEN.findall(text)) <= len(_SINGLE_CLOSE.findall(text))


def asked(part: Claim, statement: Claim) -> bool:
    """Whether the part is an open question the sentence reports ("determine *whether* he
    obstructed the inquiry"): it states no fact."""
    before = statement.text[: max(0, part.start - statement.start)].split()
    return bool(before) and before[-1].casefold().strip("“\"'(") in {"whether", "if"}


def clause_cut(wording: str, part: Claim, statement: Claim) -> bool:
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
        return reports or lemma in TELLING or len(after) <= 1
    return bool(following) and following not in _CLAUSE_GO_ON


_REPORTING_VERBS = SPEECH_CUES | COGNITIVE_CUES
# verbs that tell someone something: "that" after their object opens what they tell
# ("notified the campaign [that Russia intended to interfere]"), never a relative clause
TELLING = frozenset(
    {"tell", "inform", "notify", "warn", "assure", "reassure", "remind", "convince"}
    | {"persuade", "advise", "alert", "caution", "promise", "show", "teach", "brief"}
)


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
