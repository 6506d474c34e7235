"""When a statement states a group's wording: it holds enough of the wording's content
words and every figure the wording gives, names who acts in it and, for a source's words,
the source (see :func:`.wording.shared_fact`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence, Set

from storylens.analyse.cues import NAME_TITLES
from storylens.analyse.dates import MONTHS, WEEKDAYS
from storylens.comparison.conflict_args import claim_quantities, quantities, same_number
from storylens.comparison.features import REPORTING, content_terms
from storylens.types import Argument, Claim, Entity
from storylens.words import ARTICLES, DEMONSTRATIVES, POSSESSIVES, SAY, stem

# a statement backs a wording only when it also holds this share of the wording's content
# words (its names, numbers, nouns and verbs): a high pair score alone also joins "the Red
# Sox have made an offer to Teixeira" and "the Nationals have offered Teixeira ..."
COVER = 0.4


def content_words(text: str) -> set[str]:
    """The content words of ``text`` (see :func:`.features.content_terms`), without the
    verbs and words that only report ("report", "according")."""
    return set(content_terms(text)) - REPORTING - {"according"}


def _stems(words: Iterable[str]) -> set[str]:
    """Words by their stems (see :func:`storylens.words.stem`): "issued" meets "issues";
    without the verbs that only tell how something was said ("called the lawsuit
    frivolous" / "slammed the suit as frivolous")."""
    return {stem(w) for w in words} - _REPORTING_STEMS


_REPORTING_STEMS = frozenset(stem(w) for w in REPORTING)


# where a wording joins two clauses: "The harbour reopened on Monday, and the first ferry left"
_CLAUSES = re.compile(r",\s+(?:and|but|while|whereas|as)\s+|;\s+")


def held_share(wording: str, text: str) -> float:
    """The share of ``wording``'s content words (their stems) that ``text`` holds."""
    wanted = _stems(content_words(wording))
    return len(wanted & _stems(content_words(text))) / len(wanted) if wanted else 1.0


def says_beside_names(wording: str, text: str, names: Set[str]) -> bool:
    """Whether ``text`` holds at least :data:`SAID` of what ``wording`` says beside its
    ``names`` (words written capitalised) and its adverbs of degree and time ("now", "more
    widely"): not only the names and a noun ("North Korea will suspend its nuclear and
    missile tests" is not said by "… Japan, which North Korea has long threatened with
    missile strikes"). A wording that says under three such words asks nothing."""
    held, wanted = beside_names(wording, text, names)
    return wanted < 3 or held >= SAID * wanted


def beside_names(wording: str, text: str, names: Set[str]) -> tuple[int, int]:
    """(how many of them ``text`` holds, how many words ``wording`` says beside its
    ``names`` and adverbs), by their stems (see :func:`says_beside_names`)."""
    skip = {stem(w.casefold()) for w in _NAME_WORD.findall(wording) if w in names}
    wanted = _stems(content_words(wording)) - skip - _ADVERBS
    return len(wanted & _stems(content_words(text))), len(wanted)


SAID = 0.3
_NAME_WORD = re.compile(r"\b[A-Z][\w’'-]*")
_ADVERB_WORDS = "now also still just more most widely already even only then again very initially"
_ADVERBS = frozenset(stem(w) for w in f"{_ADVERB_WORDS} currently recently later earlier".split())


def covers(wording: str, text: str, share: float = COVER) -> bool:
    """Whether ``text`` holds at least ``share`` of ``wording``'s content words (their stems:
    "issued" is held by "issues"), and of those of each clause the wording joins (of three
    content words or more)."""
    held = _stems(content_words(text))
    for piece in [wording, *_CLAUSES.split(wording)]:
        wanted = _stems(content_words(piece))
        if len(wanted & held) < share * len(wanted) and (piece is wording or len(wanted) >= 3):
            return False
    return True


def apposition(wording: str) -> str:
    """The phrase after a wording's last comma when it describes the clause before it ("…
    was arrested on suspicion of drunken driving, the team's second such arrest in less than
    a month"): a detail of its own, which a statement that backs the wording must hold as
    it holds each clause. "" when there is none, or the phrase tells who said it ("…, the
    police said")."""
    head, comma, tail = wording.rpartition(", ")
    words = tail.split()
    if not comma or not head or len(words) < 3 or words[0].casefold() not in _DETERMINERS:
        return ""
    return "" if {w.casefold() for w in words} & _SAYING else tail


_DETERMINERS = ARTICLES | DEMONSTRATIVES | POSSESSIVES
_SAYING = SAY | {"told", "tells", "added", "adds", "reported", "reports", "according"}


FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(claim: Claim, end: int | None = None) -> set[str]:
    """The figures ``claim`` states (before ``end``), in digits or in words: a statement
    backs a wording only when it states each of them ("dies at 91" is not backed by "dies",
    a 5.9 quake not by a 6.1 one, "killed in October 2011" not by "killed on Thursday")."""
    text = claim.text if end is None else claim.text[: max(0, end - claim.start)]
    out = {f.replace(",", "") for f in FIGURE.findall(text)}
    for q in claim.quantities:
        if isinstance(q.value, int | float) and (end is None or q.start < end):
            out.add(f"{q.value:g}")
    return out


def counts_before(claim: Claim, end: int | None = None) -> dict[str, list[Argument]]:
    """The counts ``claim`` gives before ``end`` (a wording's end), by what they count."""
    return quantities([q for q in claim.quantities if end is None or q.start < end])


def counts_held(claim: Claim, backer: Claim, end: int | None = None) -> bool:
    """Each count ``claim`` gives (before ``end``) of a thing ``backer`` counts too is one
    of the backer's counts of it: "12 people were injured" is not backed by "18 people had
    been injured in the violence and 12 arrested", whose 12 counts arrests."""
    own = counts_before(claim, end)
    theirs = claim_quantities(backer)
    return all(
        any(same_number(q, t) for t in theirs[unit])
        for unit, qs in own.items()
        if unit in theirs
        for q in qs
    )


def same_figures(a: Claim, b: Claim) -> bool:
    """Both statements give the same two figures or more, years aside ("Gunman kills 1,
    wounds 2" / "office shooting kills 1, injures 2"; a final score "20 - 13"): a pair of
    figures seldom recurs by chance in one story."""
    return len(_counted(figures(a)) & _counted(figures(b))) >= 2


def _counted(found: set[str]) -> set[str]:
    """Figures without years and without the zeros of a number written with a space after
    its thousands comma ("20, 000")."""
    return {f for f in found if not _YEAR.fullmatch(f) and not f.startswith("0")}


_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_WORD = re.compile(r"\w+")


def names_held(
    people: Sequence[frozenset[str]], wording: str, backer: Sequence[frozenset[str]], text: str
) -> bool:
    """Whether the backer names each person the wording names (``people``: the name words
    of the people of the wording's statement, see :func:`.features.name_words`): "Flynn is
    cooperating with the investigators" is not backed by "the former campaign official
    Gates is cooperating with the investigators"."""
    said = {w.casefold() for w in _WORD.findall(wording)}
    held = {w.casefold() for w in _WORD.findall(text)}.union(*backer)
    return all(not (person & said) or person & held for person in people)


# a capitalised word in running text: a place, a body, a team, a day, a work's title
_CAPITAL = re.compile(r"[A-Z][A-Za-z'’-]*")
# capitalised words that tell no detail of their own: titles before a name, "I", "No." and
# times (outlets tell a day in many ways, "Friday", "yesterday", "on April 20", and a figure
# the wording gives is checked on its own: :func:`figures`)
_NO_DETAIL = (
    {title.rstrip(".") for title in NAME_TITLES}  # "Sen. Lund": "sen"
    | {"prime", "coach", "maj", "cpl", "rev", "st", "i", "no"}
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)
# a people's name before a noun ("an Australian climber", "the Indian navy"): outlets name
# the same people by their country, their city or not at all
_PEOPLE_WORD = re.compile(r"[A-Z][A-Za-z]+(?:an|ese|ish|i|AN|ESE|ISH|I)\s+[a-z]")
_OPENS = frozenset(".!?:;\"“‘'(—–-[")


def named_details(wording: str, people: Set[str], places: Sequence[str] = ()) -> set[str]:
    """The names in ``wording`` other than the story's people's (``people``: their name
    words, folded): places, bodies, teams, days ("at Millom Pier", "led Drake", "Brazos
    County"), each run of capitalised words as one name, lower-cased, possessives off.
    Words that open the wording, a sentence or a quotation are left out; of a wording set
    in title case (a headline capitalises every word), only the words of its statement's
    ``places``."""
    words = [w for w in _WORD.findall(wording) if len(w) >= 4 and w.isalpha()]
    headline = bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
    place_words = {w.casefold() for place in places for w in _WORD.findall(place)}
    runs: list[list[str]] = []
    joins, end = False, 0  # whether the word before was a name; where it ended
    for m in _CAPITAL.finditer(wording):
        word = re.sub(r"['’]\w*$", "", m.group()).strip("-")
        before = wording[: m.start()].rstrip()
        folded = word.casefold()
        if (
            not before
            or before[-1] in _OPENS
            or not (before[-1].isalnum() or before[-1] == ",")
            or wording[m.start() - 1].isalnum()
            or len(word) < 2
            or folded in _NO_DETAIL
            or folded in people
            or (headline and folded not in place_words)
            or _PEOPLE_WORD.match(wording, m.start())
        ):
            joins = False
            continue
        name = word if word.isupper() and len(word) <= 4 else folded  # "IE", "NFL"
        if joins and not wording[end : m.start()].strip():
            runs[-1].append(name)
        else:
            runs.append([name])
        joins = True
        end = m.end()
    return {" ".join(run) for run in runs}


def details_held(details: set[str], text: str) -> bool:
    """Whether ``text`` holds each of the ``details`` (see :func:`named_details`): each of
    its words or one of the same stem ("Iran" / "Iranian", "Somalian" / "Somali"), or its
    initials ("Internet Explorer" / "IE"; "IE" / "Internet Explorer"); a name of two words
    or more also by its last word as a name ("Indianapolis Colts" / "the Colts"). "Lindsay Lohan
    checks into rehab at Betty Ford Center" is not backed by "Lohan checks into rehab"."""
    if not details:
        return True
    held = {w.casefold() for w in _WORD.findall(text)}
    initials = _initials(text)
    named = {w.casefold() for w in re.findall(r"(?<=[\w,] )[A-Z]\w+", text)}

    def word_held(d: str) -> bool:
        if d.isupper():  # "RBI": "RBI", "RBIs", "Runs Batted In"
            return d in initials or any(
                h.startswith(d.casefold()) and len(h) <= len(d) + 1 for h in held
            )
        return d in held or any(
            len(h) >= 4
            and len(d) >= 4
            and h[: min(5, len(d), len(h))] == d[: min(5, len(d), len(h))]
            for h in held
        )

    def name_held(name: str) -> bool:
        words = name.split()
        if all(word_held(w) for w in words) or (len(words) >= 2 and words[-1] in named):
            return True  # "Indianapolis Colts": "the Colts"
        return len(words) >= 2 and "".join(w[0] for w in words).upper() in initials

    return all(name_held(d) for d in details)


def _initials(text: str) -> set[str]:
    """The words of ``text`` in capitals and the initials of each run of capitalised words
    ("Internet Explorer 8" -> "IE", "European Union" -> "EU")."""
    out = {w for w in _WORD.findall(text.replace(".", "")) if w.isupper()}
    for run in re.finditer(r"(?:[A-Z]\w*(?:\s+|$)){2,}", text):
        caps = "".join(w[0] for w in run.group().split())
        out |= {caps[i:j] for i in range(len(caps)) for j in range(i + 2, len(caps) + 1)}
    return out


def names_source(source: str, text: str) -> bool:
    """Whether ``text`` names ``source``: in full, by one of its capitalised words
    ("Marant said" names "Ilse Marant") or by their initials ("the EU" names "European
    Union"); a source that ends on a common noun ("Russian news agencies", "a Number 10
    spokesperson") only when that noun is there too."""
    if source.casefold() in text.casefold():
        return True
    words = {w.casefold() for w in _NAME_TOKEN.findall(text)}
    head = (_NAME_TOKEN.findall(source) or [""])[-1]
    if head[:1].islower() and not _forms(head) & words:
        return False  # "Russian news agencies" is not named by "senior Russian officials"
    capitals = [w for w in _NAME_TOKEN.findall(source) if w[:1].isupper() and w.casefold() != "the"]
    initials = "".join(w[0] for w in capitals)
    if len(initials) >= 2 and re.search(rf"\b{initials}\b", text):
        return True  # "the EU has insisted" names the European Union
    return any(len(w) > 2 and w.casefold() in words - _NAME_FILLERS for w in capitals)


def _forms(noun: str) -> set[str]:
    """A noun in the singular and the plural ("agency", "agencies")."""
    stem = noun.removesuffix("ies") + "y" if noun.endswith("ies") else noun.removesuffix("s")
    return {noun, stem, stem + "s", stem.removesuffix("y") + "ies"}


SpeaksFor = Mapping[str, Sequence[str]]  # a person's name, lower-cased -> their roles


def speaks_for(
    entities: Iterable[Entity], texts: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """Each person's names (lower-cased) -> the descriptors the story gives them that make
    them speak for a body: "the Kremlin's top spokesman" (Dmitry Peskov), "White House press
    secretary". A former holder ("former FBI director") speaks for no one. With the
    articles' ``texts`` (article id -> text), an organisation of the story written as the
    possessor of the person's name makes them speak for it too ("Microsoft's Dustin Childs":
    "Microsoft's")."""
    entities = list(entities)
    bodies = {
        alias.casefold(): entity.name
        for entity in entities
        if entity.type == "ORG"
        for alias in (entity.name, *entity.aliases)
    }
    out: dict[str, list[str]] = {}
    for entity in entities:
        if entity.type != "PERSON":
            continue
        roles = sorted(
            {
                d
                for labels in entity.labels.values()
                for d in labels
                if _SPOKESPERSON.search(d) and not _FORMER.search(d)
            }
            | _possessors(entity, bodies, texts or {})
        )
        if roles:
            for name in (entity.name, *entity.aliases):
                out.setdefault(name.casefold(), roles)
    return out


def _possessors(entity: Entity, bodies: Mapping[str, str], texts: Mapping[str, str]) -> set[str]:
    """The organisations written as possessors of ``entity``'s name ("Microsoft's" of
    "Microsoft's Dustin Childs"), as roles ``names_source`` reads."""
    found = set()
    for mention in entity.mentions:
        text = texts.get(str(mention.get("article", "")), "")
        start = int(mention.get("start", 0))
        owner = _POSSESSOR.search(text, max(0, start - 60), start)
        if owner and owner.group(1).casefold() in bodies:
            found.add(f"{bodies[owner.group(1).casefold()]}'s")
    return found


# a capitalised name and "'s" right before another name: "Microsoft's Dustin Childs"
_POSSESSOR = re.compile(r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+$")

_SPOKESPERSON = re.compile(
    r"\b(?:spokes(?:man|woman|person)|press\s+secretary|press\s+officer|official)\b", re.I
)
_FORMER = re.compile(r"\b(?:former|ex|then|onetime|retired)\b", re.IGNORECASE)


def gives_source(claim: Claim, source: str, roles: SpeaksFor | None = None) -> bool:
    """Whether ``claim`` gives ``source`` as its source or names it in its text; with
    ``roles`` (see :func:`speaks_for`), a source who speaks for ``source`` gives it too
    ("Peskov said", the Kremlin's spokesman, gives "the Kremlin")."""
    return names_source(source, claim.text) or _credits(claim, source, roles)


def _credits(claim: Claim, source: str, roles: SpeaksFor | None = None) -> bool:
    """Whether ``claim``'s attribution chain names ``source``, or someone who speaks for it."""
    return any(
        names_source(source, s)
        or names_source(s, source)
        or any(names_source(source, role) for role in (roles or {}).get(s.casefold(), ()))
        for s in claim.attributed_to
        if s
    )


def relays_source(claim: Claim, source: str, roles: SpeaksFor | None = None) -> bool:
    """Whether ``claim`` tells what ``source`` says: it gives ``source`` as its source (or
    someone who speaks for it) or, when it gives none, names it ("Vell's report showed …").
    A claim someone else makes about the source's words ("officials said nothing Vell
    showed proves it") does not."""
    if any(claim.attributed_to):
        return _credits(claim, source, roles)
    return names_source(source, claim.text)


def own_act(claim: Claim, source: str) -> bool:
    """Whether ``claim`` tells what ``source`` itself does ("The administration said it
    would delay the tariffs"): its subject, opening it, is a pronoun standing for the
    source, and it quotes no one. An outlet that states the act flatly ("Trump delayed the
    tariffs") tells the same fact."""
    agent = claim.arguments.get("agent")
    if agent is None or not source or any(q in claim.text for q in '"“”'):
        return False
    opens = not claim.text[: max(0, agent.start - claim.start)].strip(" ,")
    return opens and agent.text.casefold() in _SELF


_SELF = frozenset({"it", "we"})  # a body's own act; "he" or "she" may be anyone named before
_NAME_FILLERS = frozenset({"the", "and", "for"})  # "The Harbour Authority" is not named by "the"


_NAME_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*")


def quoted_passages(text: str, *, whole: bool = False) -> list[list[str]]:
    """The words of each quotation in ``text`` (all of it when ``whole``), lower-cased."""
    found = [next(g for g in m.groups() if g is not None) for m in _QUOTATION.finditer(text)]
    if whole and not found:
        found = [text]
    return [words for q in found if (words := quote_words(q))]


def quotes_held(passages: Sequence[Sequence[str]], text: str) -> bool:
    """Whether ``text`` holds each passage's words in a row, punctuation aside: "I thought
    it was a brick but it was a bullet" does not hold "At the time, I thought it was a
    brick, but it was a bullet"."""
    words = f" {' '.join(quote_words(text))} "
    return all(f" {' '.join(p)} " in words for p in passages)


def unquoted(text: str) -> str:
    """``text`` without its quotations: what the writer says around them."""
    return _QUOTATION.sub(" ", text)


def quote_words(text: str) -> list[str]:
    """The words of a quotation, lower-cased, apostrophes straight."""
    return [w.replace("’", "'") for w in _NAME_TOKEN.findall(text.casefold())]


# a quotation in straight, curly or typesetters' marks, double or single (a single mark
# closes before a space or a stop: "it's" and "Kim's" stay inside)
_QUOTATION = re.compile(
    r"“([^”]+)”|\"([^\"]+)\"|``(.+?)''"
    r"|(?:^|(?<=\s))[‘'](.+?)[’'](?=[\s,.;:!?]|$)"
)


MIN_QUOTED_WORDS = 5  # a quotation this long, word for word in both, is one remark


def quotes_remark(quoted: list[list[str]], wording: str, text: str) -> bool:
    """Whether ``text`` reports the remark ``wording`` quotes (``quoted``: its long
    quotations' words): it holds them word for word, and what the wording says around
    them ("In a statement, the authority struck an upbeat note: ...") as :func:`covers`
    asks."""
    return bool(quoted) and quotes_held(quoted, text) and covers(unquoted(wording), text)


def long_quotes(wording: str, *, inside: bool = False) -> list[list[str]]:
    """The wording's quotations (their words; all of it when it lies ``inside`` one), when
    one of them runs to ``MIN_QUOTED_WORDS`` words: a statement that holds them all word for
    word reports the same remark; else none."""
    quoted = [quote_words(wording)] if inside else quoted_passages(wording)
    return quoted if any(len(q) >= MIN_QUOTED_WORDS for q in quoted) else []


def unnamed(wording: str) -> str:
    """The wording without its capitalised words after the first (names, mostly): what it
    says of the people and places it names ("was charged in December with lying to" of
    "Michael Flynn, the national security adviser, was charged in December with lying to
    the FBI"). A backer must hold that too, not only the names: a sentence naming "national
    security adviser Michael Flynn" among those fired states no charge. Empty (nothing to
    hold) for a headline in title case and for a wording that says little beside its names
    ("The Chargers take on the Pittsburgh Steelers Sunday")."""
    first, _, rest = wording.partition(" ")
    words = rest.split()
    if sum(w[:1].isupper() for w in words) * 2 > len(words):
        return ""
    said = f"{first} {' '.join(w for w in words if not w[:1].isupper())}"
    return said if len(content_words(said)) >= MIN_UNNAMED_WORDS else ""


MIN_UNNAMED_WORDS = 3  # content words a wording must say beside its names to be held to them
