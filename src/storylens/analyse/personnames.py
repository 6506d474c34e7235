"""When two written forms of a person's name name one person.

Outlets write one person's name in many forms: with or without a middle initial or a
generational suffix ("Robert Mueller", "Robert S. Mueller III"), with a familiar form of the
given name ("Rudy Giuliani", "Rudolph W. Giuliani"; "Phil Stirling", "Phillip Stirling"), with
a nickname set in quotation marks or brackets ('Luis Gerardo "Jerry" Ortiz', "Jerry Ortiz"),
and now and then with a family name spelled two ways ("Philip Hickok", "Philip H. Hickock").
A name is read as its given name, its middle names, its family name and its suffix; two forms
are one person when the family names match, the given names are one name (the same, a
familiar form of it, a spelling variant, or a nickname the other form gives), and neither
the middle initials nor the suffixes tell two people apart ("Jr." or "Sr." on one form
only does: father and son share the rest of the name).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from rapidfuzz import fuzz

from storylens.analyse.cues import NAME_TITLES
from storylens.types import Analysis

# a name's generational suffix ("Jr.", "III")
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# suffixes that tell a father and a son apart, both often in one story: a name with one is
# never the same name without it (a numeral is often left out: "Robert S. Mueller III")
FAMILY_SUFFIXES = frozenset({"jr", "sr"})
# two spellings of one family or given name ("Hickok" / "Hickock", "Philip" / "Phillip")
SPELLING_SIMILARITY = 90.0
MIN_SPELLING_LETTERS = 5  # shorter names are too alike by chance ("Dean" / "Dena")

# each line: a given name, then the familiar forms and spellings English news uses for it
_GIVEN_NAMES = """
abraham abe
albert al bert
alexander alex alec sandy
alexandros alexis alex alekos
alfred al alf fred
andrew andy drew
anthony tony
barbara barb
benjamin ben benny
bradley brad
catherine cathy kate katie cath kathryn katherine kathy
charles charlie chuck chas
christopher chris kit
daniel dan danny
david dave davy
deborah debbie deb debra
donald don donnie
douglas doug
edward ed eddie ted teddy ned
elizabeth liz beth betty bettie lizzie eliza betsy
eugene gene
frederick fred freddie
gerald jerry gerry
gregory greg
harold hal harry
henry hank harry
herbert herb
jacob jake
james jim jimmy jamie
jeffrey jeff geoffrey
jennifer jen jenny
jerome jerry
john jack johnny jon
jonathan jon jonny
joseph joe joey
joshua josh
katherine kate katie kathy kathryn catherine
kenneth ken kenny
lawrence larry laurence
leonard leo len lenny lennie
louis lou louie
margaret maggie meg peggy marge
matthew matt
maurice mo maury
michael mike mikey mick
nicholas nick nicky
patricia pat patty trish
patrick pat paddy
peter pete
philip phil phillip
raymond ray
richard rick ricky dick rich richie
robin robyn
robert bob bobby rob robbie bert
ronald ron ronnie
rudolph rudy rudolf
samuel sam sammy
stanley stan
stephen steve stephan steven
susan sue susie suzanne
theodore ted teddy theo
thomas tom tommy
timothy tim timmy
victoria vicky tori
vincent vince vinnie
walter walt wally
william bill billy will willie liam
zachary zach zack
"""


@cache
def _forms() -> dict[str, frozenset[str]]:
    """Each given name or familiar form with the full names it may stand for."""
    out: dict[str, set[str]] = {}
    for line in _GIVEN_NAMES.split("\n"):
        words = line.split()
        for word in words:
            out.setdefault(word, {word}).add(words[0])
    return {k: frozenset(v) for k, v in out.items()}


def given_forms(name: str) -> frozenset[str]:
    """``name`` with the full given names it may be a familiar form of ("rudy" → {"rudy",
    "rudolph"})."""
    return _forms().get(name, frozenset({name}))


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name read from its matching key (see :func:`.linking.normalise_name`)."""

    given: tuple[str, ...]  # the given names and initials, in order ("w", "mark")
    family: str
    suffix: str = ""
    nicknames: frozenset[str] = frozenset()  # set in quotation marks or brackets


_NICKNAME = re.compile(r"[\"“”(]\s*([^\W\d_]+)\s*[\"“”)]")


def name_parts(key: str, text: str) -> NameParts | None:
    """The parts of a person's name of two words or more (``key``: its matching key,
    ``text``: a mention of it as written); None for a single name."""
    nicknames = frozenset(m.casefold() for m in _NICKNAME.findall(text))
    words = key.split()
    while len(words) > 2 and words[0] in NAME_TITLES:
        words = words[1:]
    suffix = words.pop() if len(words) > 2 and words[-1] in SUFFIXES else ""
    if len(words) < 2:
        return None
    given = tuple(w for w in words[:-1] if w not in nicknames) or tuple(words[:1])
    return NameParts(given, words[-1], suffix, nicknames)


def one_person(a: NameParts, b: NameParts) -> bool:
    """Whether two forms of a name name one person."""
    suffixes = {a.suffix, b.suffix} - {""}
    if len(suffixes) > 1 or (a.suffix != b.suffix and suffixes & FAMILY_SUFFIXES):
        return False  # "Donald Trump Jr" is not "Donald J. Trump"
    if not _same_spelling(a.family, b.family):
        return False
    if a.given[0] in b.nicknames or b.given[0] in a.nicknames:
        return True
    short, long = sorted((a.given, b.given), key=len)
    if _one_given(short[0], long[0]):
        # the names after the first, where both give one, start with one letter
        return not (short[1:] and long[1:] and short[1][0] != long[1][0])
    # "Mark Felt" / "W. Mark Felt": a leading initial before the name he goes by
    return len(long[0]) == 1 and len(long) > 1 and _one_given(short[0], long[1])


def _one_given(a: str, b: str) -> bool:
    """One given name: the same, a familiar form or a spelling of it, or its initial."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return bool(given_forms(a) & given_forms(b)) or _same_spelling(a, b)


def _same_spelling(a: str, b: str) -> bool:
    if a == b or min(len(a), len(b)) < MIN_SPELLING_LETTERS:
        return a == b
    if a[0] == b[0]:
        return fuzz.ratio(a, b) >= SPELLING_SIMILARITY
    # a name written in another alphabet is spelled in English with either of two first
    # letters ("Karolos" / "Carolos", "Yiannis" / "Giannis", "Ilias" / "Elias", "Kurbanguly"
    # / "Gurbanguli"): the rest of it must then be spelled alike
    return (
        frozenset(a[0] + b[0]) in _FIRST_LETTERS
        and fuzz.ratio(a[1:], b[1:]) >= SPELLING_SIMILARITY - 5
    )


_FIRST_LETTERS = frozenset(frozenset(p) for p in ("ck", "gk", "gy", "jy", "gj", "ei", "vw"))


Node = tuple[str, str]  # a linking node: (label family, matching key)


def one_person_pairs(written: Mapping[Node, str]) -> list[tuple[Node, Node]]:
    """The pairs of person nodes whose names name one person (``written``: each node with a
    mention of it as written), compared within buckets of one family name or of one given
    name and family initial."""
    found: dict[Node, NameParts] = {}
    for node, text in written.items():
        parts = name_parts(node[1], text)
        if parts is not None:
            found[node] = parts
    buckets: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for node, parts in sorted(found.items()):
        buckets[("", parts.family)].append(node)
        for given in given_forms(parts.given[0]):
            buckets[(given, parts.family[:1])].append(node)
    return [
        (a, b)
        for bucket in buckets.values()
        for i, a in enumerate(bucket)
        for b in bucket[i + 1 :]
        if one_person(found[a], found[b])
    ]


def lead_word(word: str, common: set[str]) -> bool:
    """A word a headline or a sentence's start sets before a family name that the tagger
    took into it ("Having Jackman host is a coup", "Without Felt"): a preposition or a verb's
    "-ing" form of a short list, or another "-ing" form the story also writes in lower case
    (``common``, see :func:`lower_words`) and no given name."""
    if word in _LEAD_WORDS:
        return True
    return word in common and word.endswith("ing") and word not in _forms()


# words that open a sentence or headline before a name and are never given names
_LEAD_WORDS = frozenset(
    {"without", "with", "after", "before", "against", "behind", "enter", "having", "being"}
    | {"getting", "making", "following", "including", "adding", "saying", "losing", "joining"}
    | {"leaving", "taking", "giving", "watching", "seeing", "asking", "meeting", "facing"}
    | {"stunning"}
)


def lower_words(texts: Iterable[str]) -> set[str]:
    """The words ``texts`` write in lower case somewhere."""
    return {w for text in texts for w in _LOWER_WORD.findall(text)}


_LOWER_WORD = re.compile(r"\b[a-z]+\b")


# honorifics and labels that tell a man from a woman ("Mr. Trump" is not "first lady Melania
# Trump", "Mrs. Macron" not "President Emmanuel Macron" once he is called "Mr.")
_MALE = frozenset({"mr", "sir", "husband", "king", "prince"})
_FEMALE = frozenset({"mrs", "ms", "madam", "lady", "wife", "queen", "princess"})

_TITLE_WORDS = NAME_TITLES | _MALE | _FEMALE
Titles = dict[tuple[int, int], set[str]]  # title words by (analysis, mention index)


class Mentioned(Protocol):
    """A mention's place: its analysis and its index in that analysis's mentions."""

    analysis: int
    index: int


def fitting(
    title: set[str],
    candidates: set[Node],
    full: Mapping[Node, Iterable[Mentioned]],
    titles: Titles,
) -> set[Node]:
    """The candidates (each with its full-name mentions, refs with ``analysis`` and ``index``)
    a mention's ``title`` fits: those the story gives that title ("President Trump": the one
    called "President Donald Trump"), else those no title marks as of the other sex (a
    "Mr." is no one called "Mrs." or "first lady"); all of them when the mention has none."""
    if not title:
        return set(candidates)
    given: dict[Node, list[str]] = {
        root: [w for r in full[root] for w in titles.get((r.analysis, r.index), ())]
        for root in candidates
    }
    same = {root for root in candidates if title & set(given[root]) - _MALE - _FEMALE}
    if same:
        return same
    own, other = (_MALE, _FEMALE) if title & _MALE else (_FEMALE, _MALE)
    if not title & (_MALE | _FEMALE):
        return set(candidates)
    # titles of the other sex, twice or more and more often than the mention's, mark
    # someone else ("Miss." may be a state: "Biloxi, Miss. Fred LaRue")
    kept = {
        root
        for root in candidates
        if (n := sum(w in other for w in given[root])) < 2
        or n <= sum(w in own for w in given[root])
    }
    # "Mrs. Clinton" is the one the story calls "first lady" or "Mrs.", not her husband the
    # president ("Mr." is no such mark: it is how some papers name any man a second time)
    if own is _FEMALE:
        marked = {root for root in kept if any(w in _FEMALE for w in given[root])}
        return marked or kept
    return kept


def mention_titles(analyses: Iterable[Analysis]) -> Titles:
    """The title words set right before each mention ("President Trump", "Mr. Kim") or
    ending a label the analysis read for it ("U.S. President Donald Trump", "the first
    lady"), lower case."""
    out: Titles = defaultdict(set)
    for ai, analysis in enumerate(analyses):
        text = analysis.article.text
        for d in analysis.descriptors:
            words = re.findall(r"[a-z]+", d.text.casefold())
            if words and words[-1] in _TITLE_WORDS:
                out[(ai, d.mention)].add(words[-1])
        for mi, m in enumerate(analysis.mentions):
            before = _TITLE_BEFORE.search(text, max(0, m.start - 30), m.start)
            if before and before.group(1).casefold() in _TITLE_WORDS:
                out[(ai, mi)].add(before.group(1).casefold())
    return out


_TITLE_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
