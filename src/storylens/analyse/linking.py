"""Canonical entities across the articles of one story.

Mentions of the same actor are spelled many ways: "Kim Jong-un", "Kim Jong Un", "Kim";
"DPRK", "North Korea"; "Korean Central News Agency (KCNA)", "KCNA". Linking merges them in
steps, each a small rule that is easy to check:

1. **Normalised names**: Unicode, case, hyphens, dots, possessives and a leading "the" are
   normalised away ("Kim Jong-un" = "Kim Jong Un").
2. **Alias file**: general knowledge (official country names, agency names) from
   ``data/aliases.json`` plus :attr:`Settings.aliases_file` maps names to one canonical form.
3. **Acronyms**: an acronym in parentheses after a name ("Korean Central News Agency
   (KCNA)") and an all-caps name equal to the initials of exactly one longer name.
4. **Variants**: transliteration and spelling variants of multi-word names with the same
   number of words ("Zelensky"/"Zelenskyy", "Dmitry"/"Dmitri"), by rapidfuzz similarity, and
   forms of one person's name (:mod:`.personnames`: "Vladimir Putin" / "Vladimir V. Putin",
   "Rudy Giuliani" / "Rudolph W. Giuliani", "Robert Mueller" / "Robert S. Mueller III").
5. **Newspapers by their last word**: "the Times" is the one newspaper the story names in
   full with that last word ("The New York Times").
6. **Surnames**: a one-word person name links to the one full-name person of the story whose
   last (or, failing that, first) name it is ("Putin" → "Vladimir Putin", "Kim" → "Kim Jong
   Un"); when several fit: the one whose full name carries this mention's title ("President
   Trump"), then in that article the one its titled mentions named, then the one named in full
   in the most articles (at least three, twice as many as any other), and only then the
   nearest full-name mention before it in the same article.

:func:`link_entities` also writes the entity ids back onto mentions, descriptors, quote
speakers and claim arguments, and canonical names into claim attributions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from storylens.analyse.aliases import DASHES, AliasTable, load_aliases, normalise_name
from storylens.analyse.cues import NAME_TITLES
from storylens.analyse.heads import (
    SPOKESPERSON_WORDS,
    TYPE_PRIORITY,
    descriptor_spans,
    head_mention,
)
from storylens.analyse.personnames import (
    fitting,
    lead_word,
    lower_words,
    mention_titles,
    one_person_pairs,
)
from storylens.settings import Settings
from storylens.types import Analysis, Argument, Entity, Mention

STAGE = "linking.rules.v5"

LINKED_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
FAMILIES = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
ARGUMENT_ROLES_LINKED = ("agent", "recipient", "theme", "place")
FUZZY_THRESHOLD = 90.0
RARE_FORM = 10  # a form used less than a tenth as often as the most used one names no entity
DOMINANT_ARTICLES = 3  # a bare family name of several people goes to one named in this many
WORD_FUZZY_THRESHOLD = 82.0  # each word of a person's name, against the same word of the other
FAMILY_FUZZY_THRESHOLD = 80.0  # ...but its last: "Ilene Wolfe" / "Ilene Wolff" are one person
_ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "de", "in", "on", "to", "&"})
_PAREN_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Z0-9.&]{1,9})\s*\)")
_ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9&.]{1,9}$")


def slug(name: str) -> str:
    """ASCII slug for entity ids ("Kim Jong Un" → "kim-jong-un")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return s or "x"


def family(label: str) -> str:
    """Labels that may name the same thing share a family (GPE/LOC/FAC → PLACE)."""
    return FAMILIES.get(label, label)


# --- union-find --------------------------------------------------------------------------


class _Clusters:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def add(self, node: tuple[str, str]) -> None:
        self.parent.setdefault(node, node)

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(slots=True)
class _Ref:
    """One linkable mention with its matching node."""

    analysis: int
    index: int
    mention: Mention
    key: str
    node: tuple[str, str]


# --- linking -------------------------------------------------------------------------------


def link_entities(analyses: Sequence[Analysis], settings: Settings) -> list[Entity]:
    """Canonical entities of the story told by ``analyses``; ids are written back in place."""
    table = load_aliases(settings)
    common = lower_words(a.article.text for a in analyses)
    refs = _refs(analyses, table, common)
    clusters = _Clusters()
    for ref in refs:
        clusters.add(ref.node)
    bare = _bare_names(refs)
    _link_acronyms(analyses, refs, clusters)
    _link_variants(refs, clusters, common)
    _link_papers(refs, clusters)
    assignment = _assign_surnames(bare, refs, clusters, mention_titles(analyses))
    _link_same_names(refs, clusters, assignment)
    groups: dict[tuple[str, str], list[_Ref]] = defaultdict(list)
    for ref in refs:
        # an assigned full name's cluster may have been joined since (its NER labels)
        root = clusters.find(assignment.get(id(ref)) or ref.node)
        groups[root].append(ref)
    entities = _build_entities(groups, analyses, table)
    _write_back(analyses, entities, table)
    return entities


def _bare_names(refs: list[_Ref]) -> list[_Ref]:
    """Person mentions that may be part of a fuller name: one word ("Roth"), or the last
    words of a longer name in the story ("Del Monte" of "Vera Del Monte")."""
    people = {r.key for r in refs if r.node[0] == "PERSON"}
    tails = {" ".join(k.split()[i:]) for k in people for i in range(1, len(k.split()))}
    return [
        r
        for r in refs
        if r.node[0] == "PERSON" and (" " not in r.mention.text.strip() or r.key in tails)
    ]


def _refs(analyses: Sequence[Analysis], table: AliasTable, common: set[str]) -> list[_Ref]:
    """Each linkable mention with its matching node (``common``: the words the story writes
    in lower case, see :func:`.personnames.lower_words`)."""
    refs: list[_Ref] = []
    named = Counter(
        words[-1]
        for a in analyses
        for m in a.mentions
        if m.label == "PERSON"
        and len(words := normalise_name(m.text).split()) > 1
        and not lead_word(words[0], common)
    )
    # a word the story writes as a place ("in Egypt") more often than a person's name ends
    # with it is no family name ("Etisalat Egypt", a company the tagger read as a person)
    places = Counter(
        normalise_name(m.text)
        for a in analyses
        for m in a.mentions
        if m.label in _PLACE_LABELS and _place(a.article.text, m.start, m.end)
    )
    surnames = {word for word, n in named.items() if n >= places[word]}
    for ai, analysis in enumerate(analyses):
        for mi, m in enumerate(analysis.mentions):
            if m.label not in LINKED_LABELS:
                continue
            key = normalise_name(m.text)
            if not key:
                continue
            words = key.split()
            if len(words) == 2 and words[1] in surnames and lead_word(words[0], common):
                key = words[1]  # "Having Jackman host is a coup": a title-case headline
            alias = table.get(key)
            if alias is not None:
                node = ("ALIAS", normalise_name(alias.name))
            elif (
                m.label != "PERSON"
                and " " not in key
                and key in surnames
                and not _place(analysis.article.text, m.start, m.end)
            ):
                # "Shoigu" tagged GPE, with "Sergei Shoigu" in the story; not "in
                # Washington" nor a dateline's "WASHINGTON", with George Washington in it
                node = ("PERSON", key)
            else:
                node = (family(m.label), key)
            refs.append(_Ref(ai, mi, m, key, node))
    return refs


_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _place(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` reads as a place: after "in" or "from" and not owning
    what follows ("in London", not "in Comey's memo"), or a dateline's capitals."""
    owns = text.startswith(("'s", "’s"), end)
    before = _PLACE_BEFORE.search(text, max(0, start - _PLACE_WINDOW), start)
    return bool(before and not owns) or bool(_DATELINE.match(text, start))


# words before a place's name ("in Washington", "from Paris")
_PLACE_BEFORE = re.compile(r"\b(?:in|from|near|outside)\s+$", re.IGNORECASE)
_PLACE_WINDOW = 12  # characters before a name looked at for those words
# a dateline's place: capitals opening a line, then a dash or comma ("WASHINGTON — ")
_DATELINE = re.compile(r"(?<![^\n])[A-Z][A-Z .'-]+(?:,|\s[—–-])")


def _link_acronyms(analyses: Sequence[Analysis], refs: list[_Ref], clusters: _Clusters) -> None:
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ref in refs:
        if ref.node not in by_key[ref.key]:
            by_key[ref.key].append(ref.node)
    # "Korean Central News Agency (KCNA)"
    for ref in refs:
        text = analyses[ref.analysis].article.text
        match = _PAREN_ACRONYM.match(text, ref.mention.end)
        if match and " " in ref.key and match.group(1)[0].lower() == ref.key[0]:
            for node in by_key.get(normalise_name(match.group(1)), []):
                clusters.union(ref.node, node)
    # "KCNA" alone, and exactly one longer name with those initials
    long_names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for ref in refs:
        words = ref.mention.text.split()
        if len(words) > 1 and ref.node[0] in {"ORG", "PLACE", "ALIAS"}:
            for initials in _initials(words):
                long_names[initials].add(ref.node)
    for ref in refs:
        if _ALL_CAPS.match(ref.mention.text) and " " not in ref.key:
            candidates = {clusters.find(n) for n in long_names.get(ref.key.replace(" ", ""), ())}
            if len(candidates) == 1:
                clusters.union(ref.node, candidates.pop())


def _initials(words: list[str]) -> set[str]:
    parts = [DASHES.sub(" ", w) for w in words]
    tokens = " ".join(parts).split()
    every = "".join(t[0] for t in tokens if t[:1].isalpha()).lower()
    significant = "".join(
        t[0] for t in tokens if t.lower() not in _ACRONYM_STOPWORDS and t[:1].isalpha()
    ).lower()
    return {every, significant} - {""}


def _link_variants(refs: list[_Ref], clusters: _Clusters, common: set[str]) -> None:
    """Spelling variants (same family, word count and initial; or the same letters with
    spaces left out) and contained full names.

    Nodes are compared only within such buckets, so a large corpus stays near-linear.
    """
    nodes = sorted({r.node for r in refs if " " in r.node[1] and r.node[0] != "ALIAS"})
    buckets: dict[tuple[str, int, str], list[tuple[str, str]]] = defaultdict(list)
    for node in nodes:
        words = node[1].split()
        buckets[(node[0], len(words), words[0][:1])].append(node)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if fuzz.ratio(a[1], b[1]) >= FUZZY_THRESHOLD and _word_by_word(a, b):
                    clusters.union(a, b)
    # "Vincent DelGiudice" and "Vincent Del Giudice": one name written with a space less
    compact: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in {r.node for r in refs if r.node[0] != "ALIAS"}:
        compact[(node[0], node[1].replace(" ", ""))].append(node)
    for same in compact.values():
        for node in same[1:]:
            clusters.union(same[0], node)
    # "Undersheriff James Gage", whatever the tagger labelled it: the person "James Gage";
    # a person's name after a word the tagger took in, one the story also writes in lower
    # case or an abbreviation ("Comedian Ellen DeGeneres", "Colts QB Andrew Luck"), is that
    # person too, but not after another given name ("Wendy Wasserman Schultz")
    people = {n[1]: n for n in nodes if n[0] == "PERSON"}
    written: dict[tuple[str, str], str] = {}
    for ref in refs:
        written.setdefault(ref.node, ref.mention.text)
    for node in nodes:
        words = node[1].split()
        k = 0
        while k < len(words) - 2 and words[k] in NAME_TITLES:
            k += 1
        person = people.get(" ".join(words[k:])) if k else None
        if person is None and node[0] == "PERSON":
            person = next(
                (
                    people[tail]
                    for j in range(1, len(words) - 1)
                    if (tail := " ".join(words[j:])) in people
                    and (words[j - 1] in common or words[j - 1].upper() in written[node].split())
                ),
                None,
            )
        if person is not None:
            clusters.union(person, node)
    for a, b in one_person_pairs({n: t for n, t in written.items() if n[0] == "PERSON"}):
        clusters.union(a, b)  # forms of one person's name (see .personnames)
    _link_short_names(refs, clusters)


def _link_short_names(refs: list[_Ref], clusters: _Clusters) -> None:
    """An organisation named by the last words of one longer name of the story ("the
    Angels" / "the Los Angeles Angels", "Superior Court" / "Los Angeles Superior Court"):
    not when several longer names end so ("Navy": "Indian Navy", "U.S. Navy"), nor when the
    words are the object of "of" in it ("Aden" / "Gulf of Aden")."""
    orgs = sorted({r.node for r in refs if r.node[0] == "ORG"})
    longer: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for node in orgs:
        words = node[1].split()
        for j in range(1, len(words)):
            if words[j - 1] not in _ACRONYM_STOPWORDS:
                longer[" ".join(words[j:])].add(node)
    for node in orgs:
        roots = {clusters.find(n) for n in longer.get(node[1], ())}
        if len(roots) == 1:
            clusters.union(roots.pop(), node)


# the last word a newspaper is named by in running text ("the Times", "the Post")
_PAPER_HEADS = frozenset(
    {"times", "post", "journal", "guardian", "telegraph", "tribune", "herald", "globe"}
    | {"chronicle", "independent", "observer", "mail", "mirror", "gazette", "inquirer"}
)


def _link_papers(refs: list[_Ref], clusters: _Clusters) -> None:
    """A newspaper named by its last word ("the Times said") is the one the story names in
    full ("The New York Times"), when exactly one full name ends so."""
    full: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for ref in refs:
        words = ref.key.split()
        if ref.node[0] == "ORG" and len(words) > 1 and words[-1] in _PAPER_HEADS:
            full[words[-1]].add(clusters.find(ref.node))
    for ref in refs:
        if ref.node[0] == "ORG" and ref.key in _PAPER_HEADS and len(full[ref.key]) == 1:
            clusters.union(next(iter(full[ref.key])), ref.node)


def _word_by_word(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Two people's names are spellings of one name only word by word ("Sergey Shoigu",
    "Ilene Wolff" of "Sergei Shoigu", "Ilene Wolfe"): "Charlie" and "Charlene Kafoury" two."""
    if a[0] != "PERSON":
        return True
    *given, last = zip(a[1].split(), b[1].split(), strict=True)
    family = fuzz.ratio(*last) >= FAMILY_FUZZY_THRESHOLD
    return family and all(fuzz.ratio(x, y) >= WORD_FUZZY_THRESHOLD for x, y in given)


def _assign_surnames(
    bare: list[_Ref],
    refs: list[_Ref],
    clusters: _Clusters,
    titles: dict[tuple[int, int], set[str]],
) -> dict[int, tuple[str, str]]:
    """Root cluster for each one-word person mention that names a full-name person
    (``titles``: the labels set before or beside mentions, by (analysis, mention index))."""
    full: dict[tuple[str, str], list[_Ref]] = defaultdict(list)
    for ref in refs:
        if ref.node[0] == "PERSON" and " " in ref.mention.text.strip():
            full[clusters.find(ref.node)].append(ref)
    by_last: dict[str, set[tuple[str, str]]] = defaultdict(set)
    by_first: dict[str, set[tuple[str, str]]] = defaultdict(set)
    keys = {ref.key for members in full.values() for ref in members}
    for root, members in full.items():
        for ref in members:
            words = ref.key.split()
            # words before a full name the story gives alone are not the person's first
            # name ("Colts QB Andrew Luck": "Colts" is no name of Luck's)
            name_starts = _tail_start(words, keys)
            for i in range(1, len(words)):
                by_last[" ".join(words[i:])].add(root)  # "ko rin" in "ansel ko rin"
                if i > name_starts:
                    by_first[" ".join(words[name_starts:i])].add(root)
    assignment: dict[int, tuple[str, str]] = {}
    # in an article, a name that a title tied to one person goes on naming that person
    told: dict[tuple[int, str], set[tuple[str, str]]] = defaultdict(set)
    pending: list[tuple[_Ref, set[tuple[str, str]]]] = []
    for ref in bare:
        candidates = by_last.get(ref.key) or by_first.get(ref.key) or set()
        fits = fitting(titles.get((ref.analysis, ref.index), set()), candidates, full, titles)
        if len(candidates) == 1 or len(fits) == 1:
            assignment[id(ref)] = next(iter(fits if len(fits) == 1 else candidates))
            told[(ref.analysis, ref.key)].add(assignment[id(ref)])
        elif candidates:
            pending.append((ref, fits or candidates))
    for ref, candidates in pending:
        # the person the article's titled mentions name, else, for a family name, the one
        # most articles name in full ("Trump said" after "Melania Trump"), else the
        # nearest full name before it
        said = told.get((ref.analysis, ref.key), set()) & candidates
        chosen = next(iter(said)) if len(said) == 1 else None
        if chosen is None and ref.key in by_last:
            chosen = _best_known(candidates, full)
        chosen = chosen or _nearest_full_name(ref, candidates, full)
        if chosen is not None:
            assignment[id(ref)] = chosen
    return assignment


def _best_known(
    candidates: set[tuple[str, str]], full: dict[tuple[str, str], list[_Ref]]
) -> tuple[str, str] | None:
    """The person the story names in full in the most articles, at least twice as many as
    any other candidate: "Ortiz" is the slain deputy eight articles name, not the relative
    one article quotes; "Trump" is the president, not the first lady named just before."""
    counts = sorted(
        ((len({r.analysis for r in full[root]}), root) for root in candidates), reverse=True
    )
    top, runner_up = counts[0][0], counts[1][0]
    return counts[0][1] if top >= DOMINANT_ARTICLES and top >= 2 * runner_up else None


def _link_same_names(
    refs: list[_Ref], clusters: _Clusters, assignment: dict[int, tuple[str, str]]
) -> None:
    """One spelling, several NER labels ("Ostrena" as GPE and ORG): one entity.

    A one-word person name already linked to a full name stays with that person.
    """
    nodes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ref in refs:
        if id(ref) in assignment:
            continue
        if ref.node not in nodes[ref.key]:
            nodes[ref.key].append(ref.node)
    for same in nodes.values():
        for node in same[1:]:
            clusters.union(same[0], node)


def _nearest_full_name(
    ref: _Ref, candidates: set[tuple[str, str]], full: dict[tuple[str, str], list[_Ref]]
) -> tuple[str, str] | None:
    best: tuple[int, tuple[str, str]] | None = None
    for root in candidates:
        for other in full[root]:
            before = other.analysis == ref.analysis and other.mention.end <= ref.mention.start
            if before and (best is None or other.mention.start > best[0]):
                best = (other.mention.start, root)
    return best[1] if best else None


def _build_entities(
    groups: dict[tuple[str, str], list[_Ref]],
    analyses: Sequence[Analysis],
    table: AliasTable,
) -> list[Entity]:
    entities: list[tuple[Entity, list[_Ref]]] = []
    used: set[str] = set()
    ordered = sorted(
        groups.values(), key=lambda rs: (-len(rs), rs[0].analysis, rs[0].mention.start)
    )
    for members in ordered:
        name, etype = _canonical(members, table)
        ent_id = _unique_id(f"e_{slug(name)}", etype, used)
        surfaces = sorted({r.mention.text for r in members} - {name})
        ordered_refs = sorted(members, key=lambda r: (r.mention.article, r.mention.start))
        mentions: list[dict[str, Any]] = [
            {"article": r.mention.article, "start": r.mention.start, "end": r.mention.end}
            for r in ordered_refs
        ]
        entity = Entity(id=ent_id, name=name, type=etype, aliases=surfaces, mentions=mentions)
        for r in members:
            r.mention.entity = ent_id
        entities.append((entity, members))
    return [e for e, _ in entities]


def _canonical(members: list[_Ref], table: AliasTable) -> tuple[str, str]:
    """Name and type: the alias file's, else the most complete, most frequent surface form."""
    for ref in members:
        if ref.node[0] == "ALIAS":
            entry = table.get(ref.key)
            if entry is not None:
                return entry.name, entry.type
    # a mention read without the headline word the tagger took in is no form of the name
    named = [r for r in members if r.key == normalise_name(r.mention.text)] or members
    counts = Counter(r.mention.text for r in named)
    first: dict[str, int] = {}  # each surface form's first position among the members
    for n, ref in enumerate(members):
        first.setdefault(ref.mention.text, n)
    labels = Counter(r.mention.label for r in members)
    etype = max(
        labels,
        key=lambda lab: (labels[lab], -TYPE_PRIORITY.index(lab) if lab in TYPE_PRIORITY else -99),
    )
    if any(r.mention.label == "PERSON" and " " in r.key for r in members):
        etype = "PERSON"  # a full person name settles it
        # a form that only adds words before another form's full name ("Manager Theo
        # Epstein", "Theo Epstein") is not the name
        keys = {normalise_name(s) for s in counts}
        plain = [s for s in counts if not _tail_start(normalise_name(s).split(), keys)]
    else:
        # words before a name the story uses ten times as often are a one-off's, not the
        # name's ("Computerworld - Microsoft" beside 73 mentions of "Microsoft")
        plain = [s for s in counts if not _rare_longer(s, counts)]
    plain = plain or list(counts)
    name = max(plain, key=lambda s: (len(normalise_name(s).split()), counts[s], len(s), -first[s]))
    return name, etype


def _rare_longer(form: str, counts: Counter[str]) -> bool:
    """``form`` ends with another of the forms ``counts`` counts, which is used at least
    ``RARE_FORM`` times as often."""
    key = normalise_name(form)
    return any(
        other != form
        and key.endswith(" " + normalise_name(other))
        and counts[other] >= RARE_FORM * counts[form]
        for other in counts
    )


def _tail_start(words: list[str], keys: set[str]) -> int:
    """Where the first of ``keys`` of two words or more that ends ``words`` starts ("Colts
    QB Andrew Luck" with "andrew luck" among them: 2); 0 when none does."""
    return next((j for j in range(1, len(words) - 1) if " ".join(words[j:]) in keys), 0)


def _unique_id(base: str, etype: str, used: set[str]) -> str:
    candidate = base
    if candidate in used:
        candidate = f"{base}-{etype.lower()}"
    n = 2
    while candidate in used:
        candidate = f"{base}-{etype.lower()}-{n}"
        n += 1
    used.add(candidate)
    return candidate


# --- write-back ----------------------------------------------------------------------------


def _write_back(analyses: Sequence[Analysis], entities: list[Entity], table: AliasTable) -> None:
    by_id = {e.id: e for e in entities}
    by_key: dict[str, Entity] = {}
    for entity in entities:
        for surface in [entity.name, *entity.aliases]:
            by_key.setdefault(normalise_name(surface), entity)
    for analysis in analyses:
        outlet = analysis.article.outlet
        linked = [m for m in analysis.mentions if m.entity]
        for desc in analysis.descriptors:
            if 0 <= desc.mention < len(analysis.mentions):
                desc.entity = analysis.mentions[desc.mention].entity
            if desc.entity and desc.entity in by_id:
                labels = by_id[desc.entity].labels.setdefault(outlet, [])
                if desc.text not in labels:
                    labels.append(desc.text)
        spans = descriptor_spans(analysis)
        for quote in analysis.quotes:
            ent = None
            if quote.speaker_start is not None and quote.speaker_end is not None:
                speaker = Argument(quote.speaker_text, quote.speaker_start, quote.speaker_end)
                head = head_mention(
                    analysis.article.text, speaker, linked, spans, extra=SPOKESPERSON_WORDS
                )
                ent = by_id.get(head.entity) if head is not None and head.entity else None
            if ent is None:
                ent = by_key.get(normalise_name(quote.speaker_text or quote.speaker))
            if ent is not None:
                quote.speaker = ent.id
                quote.speaker_entity = ent.id
        for claim in analysis.claims:
            for role in ARGUMENT_ROLES_LINKED:
                arg = claim.arguments.get(role)
                if arg is None:
                    continue
                head = head_mention(analysis.article.text, arg, linked, spans)
                if head is not None and head.entity in by_id:
                    arg.value = head.entity
            claim.attributed_to = [_canonical_source(s, by_key, table) for s in claim.attributed_to]


def _canonical_source(name: str, by_key: dict[str, Entity], table: AliasTable) -> str:
    key = normalise_name(name)
    entity = by_key.get(key)
    if entity is not None:
        return entity.name
    alias = table.get(key)
    return alias.name if alias is not None else name
