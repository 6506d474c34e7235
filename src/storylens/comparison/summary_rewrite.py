"""Neutral rewording of an outlet's own sentence for the summary.

:func:`sentence_text` finds the sentence around a claim (:func:`sentence_bounds`: boundaries
inside quotations do not count) and :func:`rewrite_span` rewrites it: each loaded term the
framing stage found is replaced by the neutral descriptor other outlets use for the same
actor (or the lexicon's neutral alternative, or dropped), names are spelt the canonical
way, and quotations stay word for word. :class:`Context` holds the look-ups these need.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storylens.analyse.pieces import LEADING_CONJUNCTIONS
from storylens.analyse.quotemarks import quote_open, quotes_paired
from storylens.comparison.backing import speaks_for
from storylens.comparison.lexicon import Lexicon, quote_spans
from storylens.comparison.standalone import opening_connective
from storylens.types import Article, Claim, Entity
from storylens.words import ABBREVIATION_END

MAX_SENTENCE_WORDS = 60
SENTENCE_WINDOW = 2000  # characters searched for a sentence boundary
_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*")


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    text: str


class Context:
    """Look-ups shared by the sentence builders."""

    def __init__(
        self,
        claims: Sequence[Claim],
        framing: Sequence[dict[str, Any]],
        entities: Sequence[Entity],
        articles: Sequence[Article],
        lexicon: Lexicon,
    ) -> None:
        self.claims = {c.id: c for c in claims}
        self.by_article: dict[str, list[Claim]] = {}
        self._quotes: dict[str, list[tuple[int, int]]] = {}
        for claim in claims:
            self.by_article.setdefault(claim.article, []).append(claim)
        self.articles = {a.id: a for a in articles}
        self.lexicon = lexicon
        self.names = {e.id: e.name for e in entities}
        # who speaks for a body the sentence names, read as provenance reads it
        self.speaks_for = speaks_for(entities, {a.id: a.text for a in articles})
        self.persons = frozenset(
            n for e in entities if e.type == "PERSON" for n in (e.name, *e.aliases) if n
        )
        self.proper = _proper_words(articles, entities)
        self.terms: dict[str, list[dict[str, Any]]] = {}
        self.naming: dict[str, dict[str, list[str]]] = {}  # entity -> outlet -> labels
        for record in framing:
            outlet = str(record.get("outlet", ""))
            for term in record.get("loaded_terms") or []:
                self.terms.setdefault(str(term.get("article")), []).append(term)
            for entity, labels in (record.get("naming") or {}).items():
                self.naming.setdefault(str(entity), {})[outlet] = [str(x) for x in labels]
        self.spellings: dict[str, list[tuple[int, int, str]]] = {}  # article -> name spans
        for entity_obj in entities:
            for mention in entity_obj.mentions:
                span = (int(mention["start"]), int(mention["end"]), entity_obj.name)
                self.spellings.setdefault(str(mention["article"]), []).append(span)
            for outlet, labels in entity_obj.labels.items():
                have = self.naming.setdefault(entity_obj.id, {}).setdefault(outlet, [])
                have.extend(x for x in labels if x not in have)

    def main_person(self, article: str, before: int) -> str:
        """The person the article names most often before ``before``, when one leads (the
        one a leading "he" or "she" most likely stands for); '' on a tie or none."""
        counts = Counter(
            name
            for start, _, name in self.spellings.get(article, ())
            if start < before and name in self.persons
        ).most_common(2)
        if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
            return ""
        return counts[0][0]

    def person_speaks(self, claim: Claim) -> bool:
        """Whether the claim's nearest source is a person the story names."""
        source = next((s for s in claim.attributed_to if s.strip()), "")
        return bool(source) and any(n in source or source in n for n in self.persons)

    def outlet(self, claim: Claim) -> str:
        art = self.articles.get(claim.article)
        return art.outlet if art else claim.article

    def quotes(self, art: Article) -> list[tuple[int, int]]:
        """Quotation spans of ``art`` (computed once per article)."""
        if art.id not in self._quotes:
            self._quotes[art.id] = quote_spans(art.text)
        return self._quotes[art.id]

    def terms_between(self, article: str, start: int, end: int) -> list[dict[str, Any]]:
        return [
            t
            for t in self.terms.get(article, [])
            if start <= int(t["start"]) and int(t["end"]) <= end
        ]

    def terms_in(self, claim: Claim) -> list[dict[str, Any]]:
        return self.terms_between(claim.article, claim.start, claim.end)

    def claims_between(self, article: str, start: int, end: int) -> list[Claim]:
        return [c for c in self.by_article.get(article, []) if start <= c.start and c.end <= end]

    def neutral_descriptor(self, entity: str, outlet: str) -> str | None:
        """The non-loaded premodifier most outlets other than ``outlet`` use for ``entity``."""
        counts: Counter[str] = Counter()
        for other, labels in self.naming.get(entity, {}).items():
            if other == outlet:
                continue
            for label in dict.fromkeys(labels):
                if _usable_premodifier(label) and not self.lexicon.find(label)[0]:
                    counts[label] += 1
        if not counts:
            return None
        return sorted(counts, key=lambda x: (-counts[x], -len(x.split()), x))[0]


_MID_CAPS = re.compile(r"(?<=[a-z,] )([A-Z][\w’'-]*)")


def _proper_words(articles: Sequence[Article], entities: Sequence[Entity]) -> set[str]:
    """Words written capitalised mid-sentence, the words of entity names and outlets, and
    nationality-like adjectives ("Tervian") never written in lower case."""
    found = {w for a in articles for w in _MID_CAPS.findall(a.text)}
    words = {w for a in articles for w in _TOKEN.findall(a.text)}
    found.update(
        w
        for w in words
        if w[:1].isupper() and w.endswith(("ian", "ese", "ish")) and w.lower() not in words
    )
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            found.update(name.split())
    found.update(w for a in articles for w in a.outlet.split())
    return found


def _usable_premodifier(label: str) -> bool:
    words = label.split()
    return (
        0 < len(words) <= 4
        and "," not in label
        and words[0].lower() not in {"a", "an", "the", "who", "which"}
    )


def claim_text(claim: Claim, ctx: Context) -> str:
    """The claim's text with loaded terms neutralised (spans from the framing records)."""
    art = ctx.articles.get(claim.article)
    if art is None or art.text[claim.start : claim.end] != claim.text:
        return " ".join(claim.text.split())
    return rewrite_span(art, claim.start, claim.end, ctx)


def sentence_text(claim: Claim, ctx: Context) -> tuple[str, tuple[int, int]]:
    """The whole sentence around the claim, rewritten, and its span (the claim alone when the
    sentence cannot be found or is too long)."""
    art = ctx.articles.get(claim.article)
    if art is None or art.text[claim.start : claim.end] != claim.text:
        return " ".join(claim.text.split()), (claim.start, claim.end)
    start, end = sentence_bounds(art.text, claim.start, claim.end, ctx.quotes(art))
    if art.text[start : claim.start].strip(" ,").casefold() in LEADING_CONJUNCTIONS:
        start = claim.start  # the statement left its leading "But" out: so does the summary
    opening = art.text[start : start + 1].isupper()
    start += opening_connective(art.text[start : claim.end])  # "Meanwhile, Gates said"
    if len(art.text[start:end].split()) > MAX_SENTENCE_WORDS:
        start, end = claim.start, claim.end
        opening = art.text[start : start + 1].isupper()
    text = rewrite_span(art, start, end, ctx)
    return (capitalise(text) if opening else text), (start, end)


def rewrite_span(art: Article, start: int, end: int, ctx: Context) -> str:
    """``art.text[start:end]`` with the outlet's loaded terms in it replaced or dropped."""
    out = art.text[start:end]
    for edit in sorted(_edits(art, start, end, ctx), key=lambda e: e.start, reverse=True):
        local = _Edit(edit.start - start, min(edit.end, end) - start, edit.text)
        out = _fix_article_word(_apply(out, local), local.start)
    text = " ".join(out.split())
    return capitalise(text) if art.text[start : start + 1].isupper() else text


_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+|\n\s*")


def sentence_bounds(
    text: str, start: int, end: int, quotes: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """The sentence enclosing ``[start, end)``; boundaries inside quotations do not count.

    Looks at most ``SENTENCE_WINDOW`` characters either side, so long texts stay cheap.
    """
    if quotes is None:
        quotes = quote_spans(text[max(0, start - SENTENCE_WINDOW) : end + SENTENCE_WINDOW])
        quotes = [(s + max(0, start - SENTENCE_WINDOW), e + max(0, start - SENTENCE_WINDOW))
                  for s, e in quotes]  # fmt: skip
    quote_ends = {e for _, e in quotes}
    near = [(s, e) for s, e in quotes if e > start - SENTENCE_WINDOW and s < end + SENTENCE_WINDOW]

    def is_boundary(m: re.Match[str]) -> bool:
        if m.group().startswith("\n"):
            return True
        stop = m.start() + len(m.group().rstrip())
        if ABBREVIATION_END.search(text, max(0, m.start() - 4), m.start() + 1):
            return False
        inside = any(s < m.start() < e for s, e in near)
        return not inside or stop in quote_ends

    window = max(0, start - SENTENCE_WINDOW)
    before = [m for m in _BOUNDARY.finditer(text, window, start) if m.end() <= start]
    left = next((m.end() for m in reversed(before) if is_boundary(m)), window)
    right = min(len(text), end + SENTENCE_WINDOW)
    for m in _BOUNDARY.finditer(text, max(end - 1, left), right):
        if is_boundary(m):
            right = m.start() + len(m.group().rstrip())
            break
    return left, max(right, end)


def _same_name(a: str, b: str) -> bool:
    """Spellings of one name that differ only in case, hyphens or spaces."""
    squash = re.compile(r"[\W_]+")
    return squash.sub("", a).casefold() == squash.sub("", b).casefold()


def _spelling_edits(art: Article, lo: int, hi: int, ctx: Context) -> list[_Edit]:
    """Write full names the canonical way ("Kim Jong-un" -> "Kim Jong Un"), never inside a
    quotation."""
    quotes = ctx.quotes(art)
    return [
        _Edit(start, end, name)
        for start, end, name in ctx.spellings.get(art.id, [])
        if lo <= start and end <= hi and art.text[start:end] != name
        and _same_name(art.text[start:end], name)
        and not any(s <= start and end <= e for s, e in quotes)
    ]  # fmt: skip


def _edits(art: Article, lo: int, hi: int, ctx: Context) -> list[_Edit]:
    edits = _loaded_edits(art, lo, hi, ctx)
    for edit in _spelling_edits(art, lo, hi, ctx):
        if not any(e.start < edit.end and edit.start < e.end for e in edits):
            edits.append(edit)
    return sorted(edits, key=lambda e: e.start)


_CARRIERS = frozenset({"noun", "verb"})  # words that carry the report, not judge it only


def _loaded_edits(art: Article, lo: int, hi: int, ctx: Context) -> list[_Edit]:
    edits: list[_Edit] = []
    text = art.text
    quoted = ctx.quotes(art)
    for term in sorted(ctx.terms_between(art.id, lo, hi), key=lambda t: int(t["start"])):
        start, end = int(term["start"]), int(term["end"])
        if any(q0 <= start and end <= q1 for q0, q1 in quoted) or quote_open(text[lo:start]):
            continue  # a quotation stays word for word (also one left open past the sentence)
        if term.get("category") == "label_choice":
            # another outlet's modifier would state what the cited outlet does not ("the
            # biggest island" told as "the barren island"): a label choice stays as written
            continue
        if not term.get("neutral_alternative") and term.get("part_of_speech") in _CARRIERS:
            continue  # "praised", "chaos": no neutral word stands in, and it cannot be left out
        replacement = verb_form(
            str(term.get("neutral_alternative") or ""), text[start:end], text[end : end + 8]
        )
        entity = term.get("entity")
        descriptor = term.get("descriptor")
        if entity:
            neutral = ctx.neutral_descriptor(str(entity), art.outlet)
            if neutral:
                replacement = neutral
                if descriptor and lo <= int(descriptor["start"]):
                    start = min(start, int(descriptor["start"]))
                    end = max(end, min(int(descriptor["end"]), hi))
        if edits and start < edits[-1].end:
            continue
        opens = not text[lo:start].strip(" “\"‘'([")  # "Wuhan virus" is upper mid-sentence too
        if opens and text[start : start + 1].isupper() and replacement[:1].islower():
            replacement = capitalise(replacement)
        if not replacement and _predicative(text, lo, start, end):
            continue  # "the pier is safe": dropping the word would leave "the pier is"
        if not replacement:  # drop the words and the space after them
            while end < hi and text[end] == " ":
                end += 1
            degree = _DEGREE.search(text, lo, start)  # "a more casual setting": "more" too
            if degree:
                start = degree.start()
        edits.append(_Edit(start, end, replacement))
    return edits


# the lexicon's neutral verbs (written in the past) in their other forms: base, -s, -ing
_VERB_FORMS = {
    past: (base, f"{base}es" if base.endswith("ss") else f"{base}s", ing)
    for past, base, ing in (
        ("said", "say", "saying"),
        ("talked", "talk", "talking"),
        ("criticised", "criticise", "criticising"),
        ("promoted", "promote", "promoting"),
        ("pressed", "press", "pressing"),
        ("objected", "object", "objecting"),
        ("agreed", "agree", "agreeing"),
        ("responded", "respond", "responding"),
        ("repeated", "repeat", "repeating"),
        ("questioned", "question", "questioning"),
        ("passed", "pass", "passing"),
        ("faced", "face", "facing"),
        ("dismissed", "dismiss", "dismissing"),
        ("devised", "devise", "devising"),
        ("deferred", "defer", "deferring"),
        ("declined", "decline", "declining"),
        ("complained", "complain", "complaining"),
        ("cited", "cite", "citing"),
        ("changed", "change", "changing"),
        ("challenged", "challenge", "challenging"),
        ("asked", "ask", "asking"),
        ("approved", "approve", "approving"),
    )
}
_ABOUT = re.compile(r"\s*(?:about|of)\b", re.IGNORECASE)


def verb_form(neutral: str, surface: str, after: str) -> str:
    """The lexicon's neutral verb in the form of the loaded one it replaces ("is slamming" →
    "is criticising", "brags" → "says"); "said" before "about" or "of" is "talked" ("had
    bragged about it" → "had talked about it"). Other words stay as the lexicon gives them."""
    first, _, rest = neutral.partition(" ")
    if first == "said" and _ABOUT.match(after):
        first = "talked"
    forms = _VERB_FORMS.get(first)
    word = surface.split(" ", 1)[0].casefold()
    if forms is None or not word.isalpha():
        return neutral
    if word.endswith("ing"):
        first = forms[2]
    elif word.endswith("s") and not word.endswith("ss"):
        first = forms[1]
    elif not word.endswith("ed") and word not in _PAST:
        first = forms[0]
    return f"{first} {rest}".rstrip()


# past forms of loaded verbs that do not end in "-ed"
_PAST = frozenset({"spat", "hit", "tore", "fought"})


# a word of degree right before a dropped word would be left grading nothing
_DEGREE = re.compile(
    r"\b(?:more|most|less|least|very|so|too|quite|rather|extremely|highly|really|truly)\s+$",
    re.IGNORECASE,
)
_COPULA = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|seems?|seemed|looks?|looked|remains?|remained|"
    r"became|becomes?|appears?|appeared|felt|feels?)\s+(?:\w+ly\s+|very\s+|so\s+|too\s+)?$",
    re.IGNORECASE,
)


def _predicative(text: str, lo: int, start: int, end: int) -> bool:
    """Whether a term is what its clause says of its subject ("is safe", "looked brutal"),
    ends it ("…, calling the plan absurd.") or is joined to another word ("cruel and
    barbaric"): dropping it would leave the clause broken."""
    after = text[end : end + 5].lstrip(" ")
    coordinated = re.match(r"(?:and|or)\b", after) or re.search(r"\b(?:and|or)\s+$", text[lo:start])
    return bool(_COPULA.search(text[lo:start]) or coordinated) or after[:1] in {
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        "",
    }


def _apply(text: str, edit: _Edit) -> str:
    return text[: edit.start] + edit.text + text[edit.end :]


_ARTICLE_BEFORE = re.compile(r"\b([Aa]n?) $")


def _fix_article_word(text: str, at: int) -> str:
    """Repair 'a'/'an' before an edited position ("a so-called accord" -> "an accord")."""
    m = _ARTICLE_BEFORE.search(text, max(0, at - 4), at)
    if not m:
        return text
    nxt = text[at : at + 1].lower()
    want = "an" if nxt and nxt in "aeiou" else "a"
    word = m.group(1)
    if word.lower() == want:
        return text
    fixed = want.capitalize() if word[0].isupper() else want
    return text[: m.start(1)] + fixed + text[m.end(1) :]


_TYPESETTER = re.compile(r"``|''")  # typesetters' quotation marks, as in some news archives
_CURLY = {"``": "“", "''": "”"}
_OPENING, _CLOSING = "“", "”"


def balanced(text: str) -> str:
    """Typesetters' marks (``…'') made curly, and quotation marks that pair up: a statement
    that starts inside a quotation (opened a sentence or a paragraph earlier) gets its
    opening mark, one that stops inside it its closing mark, so the quoted words read as
    quoted."""
    text = _TYPESETTER.sub(lambda m: _CURLY[m.group()], text)
    first_close, first_open = text.find(_CLOSING), text.find(_OPENING)
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        text = _OPENING + text.lstrip()
    closed = _CLOSING in text or '"' in text
    if text.startswith(_OPENING) and text.count(_OPENING) == 1 and not closed:
        # a shared wording that stops inside the quotation it opens
        text = text.rstrip().rstrip(",.") + "." + _CLOSING
    if text.count('"') % 2 and _OPENING not in text and _CLOSING not in text:  # straight marks
        i = text.index('"')
        opens = (i == 0 or text[i - 1] in " (:") and text[i + 1 : i + 2].strip() != ""
        text = text.rstrip().rstrip(",.") + '."' if opens else '"' + text
    return text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def as_spans(raw: Any) -> list[tuple[int, int]]:
    """``[[start, end], ...]`` from a report field; anything malformed is skipped."""
    out = []
    for item in raw if isinstance(raw, list) else []:
        if (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(x, int) for x in item)
        ):
            out.append((int(item[0]), int(item[1])))
    return sorted(out)


def named_subject(text: str, home: Claim, backers: Sequence[Claim], ctx: Context) -> str:
    """``text`` with a leading "He" or "She" replaced by the person it stands for: the one
    its article names most often before it (:meth:`Context.main_person`), when every other
    outlet's statement cited for it names that person, or is about the one its own article
    names most ("He missed four games" -> "Reggie Bush missed four games", cited to "Bush
    missed four games …" and "The 23-year-old finished his season …"). Unchanged when any
    of them is not: a wrong guess would state another person's deed."""
    lead = _LEADING_PERSON.match(text)
    others = [b for b in backers if b.article != home.article]
    if lead is None or not others:
        return text
    name = ctx.main_person(home.article, home.start)
    words = [w for w in re.findall(r"[\w'’-]+", name) if len(w) > 2 and w[0].isupper()]
    if not words or not all(
        any(re.search(rf"\b{re.escape(w)}\b", b.text) for w in words)
        or ctx.main_person(b.article, b.start + 1) == name  # "The 23-year-old finished …"
        for b in others
    ):
        return text
    return name + text[lead.end(1) :]


_LEADING_PERSON = re.compile(r"(He|She)\b(?!['’])")  # not "He's": kept as it is written


def quoted_wording(home: Claim, shared: dict[str, Any], ctx: Context) -> bool:
    """Whether the shared wording lies inside a quotation of its article, or opens one (a
    quotation running over several paragraphs closes only in the last)."""
    art = ctx.articles.get(home.article)
    if art is None:
        return False
    lo, hi = int(shared.get("start", home.start)), int(shared.get("end", home.end))
    text = str(shared.get("text") or home.text).strip()
    if text.startswith(("“", '"', "``")):  # all of it quoted: no closing mark before its end
        inner = text.lstrip('“"`').rstrip(" .,”\"'")
        # marks inside only in pairs: a quotation within it ('"... these large "Caravans"
        # of people ..."'), not one that closes and goes on in the writer's words
        return quotes_paired(inner) and inner.count("``") == inner.count("''")
    inside = quote_open(art.text[home.start : lo])  # its sentence opens it: '“I am so ...'
    return inside or any(qs <= lo and hi <= qe for qs, qe in ctx.quotes(art))
