"""The report contract as types: what ``Report.to_dict()`` returns, key by key.

``storylens compare ... --json FILE``, ``storylens.compare(...).to_dict()`` and the web API
(``GET /api/stories/{id}``) all give a :class:`ReportDict`. Every key is described with its
type (``Annotated[type, "description"]``); ``docs/report-contract.md`` is generated from these
classes (:func:`contract_markdown`, by ``scripts/report_contract.py``) and a test fails when
the two disagree, or when a real report has a key these types do not list.

Every span (``start``, ``end``) is a pair of character offsets into the ``text`` of the
article named by ``article``: ``articles[i].text[start:end]`` is the evidence.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal, NotRequired, TypedDict, Union, get_args, get_origin

Offset = Annotated[int, "character offset into the article's text"]


class RemovedDict(TypedDict):
    """A piece of the page that ingest dropped, with the reason."""

    text: Annotated[str, "the removed text"]
    reason: Annotated[str, "why it was removed (boilerplate, caption, ...)"]


class ArticleDict(TypedDict):
    """One article as read and cleaned by ingest."""

    id: Annotated[str, "content-derived, stable"]
    outlet: Annotated[str, "the outlet's display name"]
    url: Annotated[str | None, "where it was fetched from, if anywhere"]
    title: Annotated[str | None, "headline"]
    byline: Annotated[str | None, "author line"]
    published: Annotated[str | None, "ISO date or null: never guessed"]
    language: Annotated[str, "language code ingest identified"]
    text: Annotated[str, "cleaned text, paragraphs separated by blank lines"]
    removed: Annotated[list[RemovedDict], "what cleaning dropped"]
    source: Annotated[str, "path or URL read"]


class MentionRefDict(TypedDict):
    """Where an entity is mentioned."""

    article: Annotated[str, "article id"]
    start: Offset
    end: Offset


class EntityDict(TypedDict):
    """An entity linked across the story's articles."""

    id: Annotated[str, "entity id (``e_<slug>``)"]
    name: Annotated[str, "canonical name"]
    type: Annotated[str, "spaCy label: PERSON, ORG, GPE, ..."]
    aliases: Annotated[list[str], "other names it goes by in the story"]
    mentions: Annotated[list[MentionRefDict], "every mention"]
    labels: Annotated[dict[str, list[str]], "outlet → descriptors that outlet attaches"]


class QuoteDict(TypedDict):
    """A direct or reported quotation and who said it."""

    article: Annotated[str, "article id"]
    start: Offset
    end: Offset
    text: Annotated[str, "the quoted or reported content"]
    speaker: Annotated[str, "entity id or the speaker's words"]
    speaker_text: Annotated[str, "the speaker as written"]
    speaker_start: Offset
    speaker_end: Offset
    cue: Annotated[str, "the verb or mark that attributes it (said, told, colon)"]
    cue_start: Offset
    cue_end: Offset
    direct: Annotated[bool, "in quotation marks"]
    speaker_entity: Annotated[str | None, "entity id of the speaker, when linked"]


class ArgumentDict(TypedDict):
    """One argument of a claim (agent, theme, time, ...) with its normalised value."""

    text: Annotated[str, "as written"]
    start: Offset
    end: Offset
    value: Annotated[str | float | None, "normalised value (number, ISO date, name)"]
    unit: Annotated[str | None, "unit of a quantity"]


class ClaimPartDict(TypedDict):
    """An atomic claim inside a statement (one predicate). A part has no label of its own: it
    is in its statement's group."""

    id: Annotated[
        str,
        "`<claim id>.<k>` for a split-off clause, `<statement id>.g` for a clause the claim "
        "extractor did not read",
    ]
    start: Offset
    end: Offset
    text: Annotated[str, "the clause"]
    predicate: Annotated[str, "its main verb's lemma"]
    attributed_to: Annotated[list[str], "source chain, nearest first"]
    hedged: Annotated[bool, "hedged (may, reportedly, ...)"]
    negated: Annotated[bool, "negated"]
    arguments: Annotated[dict[str, ArgumentDict], "role → argument"]
    quantities: Annotated[list[ArgumentDict], "numbers with units"]


class ClaimDict(ClaimPartDict):
    """A statement: the rows a comparison groups and labels, one per sentence (a piece the
    sentence splitter cut off joins the sentence before it). Its `id` is
    `<article id>:s<n>`; `predicate`, `arguments` and the flags come from its longest part,
    `quantities` from every part."""

    article: Annotated[str, "article id"]
    sentence: Annotated[int, "index of its sentence in the article"]
    outlet: Annotated[str, "the article's outlet"]
    group: Annotated[str, "the claim group it belongs to"]
    parts: NotRequired[Annotated[list[ClaimPartDict], "the atomic claims inside it"]]
    whole_sentence: NotRequired[
        Annotated[bool, "no part was found: it can agree but never conflict"]
    ]


class DifferenceValueDict(TypedDict):
    """One outlet's value in a difference between claims."""

    claim: Annotated[str, "statement id"]
    article: Annotated[str, "article id"]
    outlet: Annotated[str, "outlet"]
    value: Annotated[str | float, "the value that differs"]
    text: Annotated[str, "as written"]
    part: NotRequired[Annotated[str, "the part it comes from"]]


class DifferenceDict(TypedDict):
    """A conflict found by a conflict rule."""

    argument: Annotated[str, "the argument that differs"]
    unit: NotRequired[Annotated[str, "unit of the values"]]
    values: Annotated[list[DifferenceValueDict], "each side's value"]
    claims: Annotated[list[str], "claim ids involved"]
    parts: NotRequired[Annotated[list[str], "claim parts involved"]]
    rule: NotRequired[Annotated[str, "the conflict rule that found it"]]


class SharedDict(TypedDict):
    """The wording of the group's fact that the most outlets state."""

    claim: Annotated[str, "statement id of the wording"]
    part: Annotated[str | None, "its part, or null for the whole statement"]
    start: Offset
    end: Offset
    text: Annotated[str, "the shared wording"]
    holes: Annotated[list[Any], "spans the wording leaves out"]
    attributed_to: Annotated[
        list[str],
        "who states it; empty when the wording tells a body's own act with the body in it "
        '("The board said it would delay the vote"), which outlets telling the act flatly '
        "state too",
    ]
    claims: Annotated[list[str], "the statements that state it"]
    outlets: Annotated[list[str], "outlets that state it"]


class NoSharedDict(TypedDict):
    """No shared wording (an empty object)."""


class ExtraDict(TypedDict):
    """What one outlet alone adds beside the group's shared fact."""

    claim: Annotated[str, "claim id"]
    part: Annotated[str, "claim part"]
    outlet: Annotated[str, "outlet"]
    start: Offset
    end: Offset
    text: Annotated[str, "the detail"]
    source: NotRequired[
        Annotated[str, "who the outlet says it comes from, when the detail's words do not say"]
    ]
    copies: NotRequired[
        Annotated[
            list[str],
            "the other outlets whose articles copy this one's and print the same detail "
            "(copies count as one outlet: the detail is theirs too)",
        ]
    ]


class ContextDict(TypedDict):
    """The sentence a group's wording leans on."""

    claim: Annotated[str, "the statement whose wording leans on it"]
    article: Annotated[str, "article id"]
    start: Offset
    end: Offset
    text: Annotated[str, "the sentence before the wording in its article"]


class ClaimGroupDict(TypedDict):
    """Claims of several articles that state the same thing."""

    id: Annotated[str, "group id"]
    claims: Annotated[list[str], "statement ids"]
    outlets: Annotated[list[str], "outlets that carry it"]
    articles: Annotated[list[str], "article ids"]
    status: Annotated[
        Literal["agreed", "partial", "unique", "conflicting"],
        "the comparison's verdict: `agreed` when two or more outlets (copies of one article "
        "count once) state its `shared` wording, `partial` when its outlets share part of a "
        "fact but only one states any wording of it (the reports show that outlet as "
        '"states it" and the others as "partly"; an outlet whose article copies another\'s '
        'in the group as "copy"), `unique` for one outlet, `conflicting` when they disagree '
        "on a detail",
    ]
    text: Annotated[str, "its first statement"]
    score: Annotated[float, "mean pair score"]
    differences: Annotated[list[DifferenceDict], "conflicts"]
    notes: Annotated[list[Any], "e.g. a reconciled difference"]
    primary_sources: Annotated[
        list[str], "independent origins of the statements that state `shared`, one name each"
    ]
    independent_sources: Annotated[int, "how many independent origins"]
    missing_from: Annotated[list[str], "outlets that do not report it: the omission view"]
    partial: NotRequired[
        Annotated[
            list[str],
            "statements that joined on part of their fact: a lone statement whose best match "
            "in another outlet's text fell just short of the grouping threshold and is close "
            "to it as a whole, or tells the same kind of event of the same participant in a "
            "clause, and an article's first statement (its headline) close in meaning to "
            "another outlet's statement of the group (compare.headline_join); the reports "
            'show an outlet in an `agreed` group as "partly", not "agreed", when none of its '
            "statements there states `shared` (is in `shared.claims`), or with no shared "
            "wording, when its statements there are all partial",
        ]
    ]
    shared: NotRequired[
        Annotated[SharedDict | NoSharedDict, "the wording the members share ({} when none)"]
    ]
    extra: NotRequired[
        Annotated[
            list[ExtraDict],
            "each outlet's own details: parts no other outlet's statement states, in the "
            "group or anywhere else in the story",
        ]
    ]
    context: NotRequired[
        Annotated[
            ContextDict,
            "present when the group's wording opens on a pronoun or a word that points back "
            '("Both times it backtracked", "He has denied it"): the sentence before it in its '
            "article, which the reports show beside the row (compare.context)",
        ]
    ]
    event: NotRequired[
        Annotated[
            str,
            "the event the group's fact belongs to: groups with the same `event` report one "
            'happening ("the quake struck Orvel" / "the quake killed 14"), each fact '
            "keeping its own status; '' when no other group reports its event. A fact one "
            "outlet alone reports has an event only when its best match in another outlet's "
            "text scored close enough to join as partly stating it but told another fact "
            "of that event (compare.align, compare.event_groups)",
        ]
    ]


class FramingDict(TypedDict):
    """How one outlet frames the story."""

    outlet: Annotated[str, "outlet"]
    stage: NotRequired[Annotated[str, "the framing stage's registered name"]]
    articles: Annotated[list[str], "its article ids"]
    loaded_terms: Annotated[list[dict[str, Any]], "loaded words in its own voice"]
    quoted_loaded_terms: Annotated[list[dict[str, Any]], "loaded words inside quotations"]
    naming: Annotated[dict[str, list[str]], "entity id → descriptors"]
    entity_names: Annotated[dict[str, str], "entity id → name"]
    naming_contrasts: Annotated[list[dict[str, Any]], "names only this outlet uses"]
    hedges: Annotated[list[dict[str, Any]], "hedging words (article, start, end, text)"]
    quoted_speakers: Annotated[dict[str, dict[str, Any]], "speaker → count, words, share"]
    scores: Annotated[dict[str, Any], "rates per 1,000 words and counts"]
    summary: NotRequired[Annotated[dict[str, Any], "the figures the report leads with"]]


class SummarySentenceDict(TypedDict):
    """One sentence of the extractive summary, with what it cites."""

    text: Annotated[str, "the sentence"]
    citations: Annotated[list[str], "claim ids and article ids"]
    claims: Annotated[list[str], "claim ids"]
    articles: Annotated[list[str], "article ids"]
    kind: Annotated[
        str,
        "agreed (cited to two outlets or more), conflict, or unique (one outlet's report: a "
        "fact of a unique or partial group; an agreed group never gets a unique sentence)",
    ]
    group: Annotated[str, "claim group id"]
    outlets: Annotated[list[str], "outlets behind it"]
    stage: NotRequired[Annotated[str, "the summary stage's registered name"]]


class DuplicateDict(TypedDict):
    """Near-identical articles (wire copies), or one article read from several inputs."""

    articles: Annotated[list[str], "article ids"]
    outlets: Annotated[list[str], "their outlets"]
    similarity: Annotated[
        float,
        "lowest Jaccard similarity of word shingles among the pairs that joined them (a pair "
        "joined as one text cut can be well under the threshold; see `pairs`)",
    ]
    representative: Annotated[str, "the article that stands for the group"]
    pairs: Annotated[
        list[dict[str, Any]],
        "each joined pair: a, b, similarity; and `contained`, the share of the shorter "
        "article's shingles the longer holds, when that (at 0.75 or more, in stories of up to "
        "60 articles) and not the similarity joined them",
    ]
    sources: NotRequired[Annotated[list[str], "inputs the same article was read from"]]


class ErrorDict(TypedDict):
    """An input that could not be read."""

    source: Annotated[str, "the input as given"]
    reason: Annotated[str, "why"]


class ReportDict(TypedDict):
    """The whole report."""

    schema_version: Annotated[str, "bumped when a key is renamed or removed"]
    articles: Annotated[list[ArticleDict], "the articles compared"]
    entities: Annotated[list[EntityDict], "entities linked across articles"]
    quotes: Annotated[list[QuoteDict], "quotations"]
    claims: Annotated[list[ClaimDict], "statements, one per sentence"]
    claim_groups: Annotated[list[ClaimGroupDict], "claims that state the same thing"]
    framing: Annotated[list[FramingDict], "one per outlet"]
    summary: Annotated[list[SummarySentenceDict], "extractive summary"]
    duplicates: Annotated[list[DuplicateDict], "wire copies and re-read articles"]
    errors: Annotated[list[ErrorDict], "inputs that could not be read"]
    stages: Annotated[dict[str, str], "stage → registered implementation that ran"]


def _fields(cls: type) -> list[tuple[str, Any, str, bool]]:
    """(key, type, description, required) of a TypedDict, in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = []
    for key, hint in hints.items():
        kind, note, required = hint, "", True
        if get_origin(kind) is NotRequired:
            kind, required = get_args(kind)[0], False
        if get_origin(kind) is Annotated:
            kind, note = get_args(kind)[0], str(get_args(kind)[1])
        out.append((key, kind, note, required))
    return out


def _name(kind: Any) -> str:
    origin = get_origin(kind)
    if isinstance(kind, type) and typing.is_typeddict(kind):
        return kind.__name__
    if origin in (Union, types.UnionType):
        return " | ".join(_name(a) for a in get_args(kind))
    if origin is Literal:
        return " | ".join(f'"{a}"' for a in get_args(kind))
    if origin is list:
        return f"list[{_name(get_args(kind)[0])}]"
    if origin is dict:
        key, value = get_args(kind)
        return f"dict[{_name(key)}, {_name(value)}]"
    if kind is type(None):
        return "null"
    if kind is Any:
        return "any"
    return str(getattr(kind, "__name__", kind))


def _typed_dicts(root: type = ReportDict) -> list[type]:
    """``root`` and every TypedDict it refers to, each once, in reading order."""
    seen: list[type] = []

    def visit(kind: Any) -> None:
        if isinstance(kind, type) and typing.is_typeddict(kind):
            if kind not in seen:
                seen.append(kind)
                for _key, inner, _note, _required in _fields(kind):
                    visit(inner)
            return
        for arg in get_args(kind):
            visit(arg)

    visit(root)
    return seen


def contract_markdown() -> str:
    """``docs/report-contract.md``, generated from the types above."""
    lines = [
        "# The report contract",
        "",
        "Generated from `storylens/report_types.py` by `scripts/report_contract.py`; a test fails",
        "when this file and the types disagree.",
        "",
        *(__doc__ or "").replace("``", "`").strip().split("\n\n")[-1].splitlines(),
        "",
        "Keys marked *optional* appear only where they apply. Keys may be added; none is",
        "renamed or removed without a `schema_version` bump.",
    ]
    for cls in _typed_dicts():
        lines += ["", f"## {cls.__name__}", "", (cls.__doc__ or "").strip(), ""]
        lines += ["| key | type | contents |", "| --- | --- | --- |"]
        for key, kind, note, required in _fields(cls):
            flag = "" if required else " *(optional)*"
            lines.append(f"| `{key}`{flag} | `{_name(kind)}` | {note} |")
    return "\n".join(lines) + "\n"


def check(data: Any, kind: Any = ReportDict, path: str = "report") -> list[str]:
    """Where ``data`` departs from ``kind``: missing or unknown keys, values of another
    type. Empty when it conforms."""
    origin = get_origin(kind)
    if get_origin(kind) is Annotated:
        return check(data, get_args(kind)[0], path)
    if isinstance(kind, type) and typing.is_typeddict(kind):
        if not isinstance(data, dict):
            return [f"{path}: expected an object"]
        fields = {key: (inner, required) for key, inner, _note, required in _fields(kind)}
        problems = [
            f"{path}.{key}: missing" for key, (_, req) in fields.items() if req and key not in data
        ]
        problems += [f"{path}.{key}: not in the contract" for key in data if key not in fields]
        for key, value in data.items():
            if key in fields:
                problems += check(value, fields[key][0], f"{path}.{key}")
        return problems
    if origin in (Union, types.UnionType):
        options = [check(data, arg, path) for arg in get_args(kind)]
        return [] if any(not o for o in options) else min(options, key=len)
    if origin is Literal:
        return [] if data in get_args(kind) else [f"{path}: {data!r} not one of {get_args(kind)}"]
    if origin is list:
        if not isinstance(data, list):
            return [f"{path}: expected a list"]
        return [p for item in data for p in check(item, get_args(kind)[0], f"{path}[]")][:20]
    if origin is dict:
        if not isinstance(data, dict):
            return [f"{path}: expected an object"]
        return [p for v in data.values() for p in check(v, get_args(kind)[1], f"{path}{{}}")][:20]
    if kind is Any:
        return []
    if kind is type(None):
        return [] if data is None else [f"{path}: expected null"]
    if kind is float:
        ok = isinstance(data, int | float) and not isinstance(data, bool)
        return [] if ok else [f"{path}: expected a number"]
    if kind is int and isinstance(data, bool):
        return [f"{path}: expected an integer"]
    return [] if isinstance(data, kind) else [f"{path}: expected {_name(kind)}"]
