"""A read-only view over a report dict shared by the renderers.

Reports may come from disk or from a client of the web API, so nothing here trusts
the shape of the data: missing keys give empty values, wrong types are skipped, and
spans are clamped to the article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from storylens.analyse.cues import (
    HEDGE_ADJECTIVES,
    HEDGE_PARTICIPLES,
    HEDGE_RAISING,
    HEDGE_WORDS,
)
from storylens.words import says_no

STATUSES = ("agreed", "partial", "unique", "conflicting")
MAX_EXTRA = 3  # outlet-only details listed under a claims-table row
SILENT = "silent"
# none of the outlet's statements in an agreed group states its shared wording, or the
# group is partial (no two outlets state one wording of it)
PARTLY = "partly"
# the outlet (or copies of one text) that states a partial group's wording in full: the others
# share part of the fact, so it is not the only one to report it
STATES = "states"
# an outlet whose article is a copy of another outlet's in the row (a wire text run twice):
# the two count once, so the copy is marked as such, not as a second voice
COPY = "copy"


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a dict, else an empty dict."""
    return value if isinstance(value, dict) else {}


def text_of(value: Any) -> str:
    """A display string for a scalar value (None gives '')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (never link anything else)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


@dataclass(slots=True)
class ClaimGroupView:
    """One claim group with the claims it holds, resolved."""

    index: int
    id: str
    status: str
    outlets: list[str]
    claims: list[dict[str, Any]]
    differences: list[dict[str, Any]]
    primary_sources: list[str]
    independent_sources: int | None
    shared: dict[str, Any] = field(default_factory=dict)
    all_extra: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (outlet, its source, detail)
    partly: frozenset[str] = frozenset()  # outlets here that do not state the shared wording
    event: str = ""  # the event it reports ('' when no other group reports it)
    same_event: list[int] = field(default_factory=list)  # row numbers of that event's other groups
    context: str = ""  # the sentence before the row's wording, when the wording leans on it

    @property
    def extra(self) -> list[tuple[str, str]]:
        """The outlet-only details shown under the row: one per outlet first, at most
        ``MAX_EXTRA``, then a count of the rest, so a story of many outlets stays short."""
        seen: set[str] = set()
        firsts = []
        for outlet, source, detail in self.all_extra:
            if outlet not in seen:
                seen.add(outlet)
                firsts.append((_cited(outlet, source), detail))
        shown = firsts[:MAX_EXTRA]
        left = len(self.all_extra) - len(shown)
        return shown + ([("", f"… {left} more details")] if left > 0 else [])

    @property
    def label(self) -> str:
        """The wording the group's outlets share (its ``shared`` text), else the text of
        its first claim.

        A negated claim whose own words carry no negation (the content of "X denied that
        ...") is marked, so that a denial never reads as an assertion.
        """
        if not self.claims:
            return self.id
        first = self.claims[0]
        text = text_of(first.get("text"))
        chain = as_list(first.get("attributed_to"))
        shared = text_of(self.shared.get("text"))
        home = text_of(self.shared.get("claim"))
        owner = next((c for c in self.claims if text_of(c.get("id")) == home), None)
        if shared and owner is not None:
            first, text = owner, shared
            chain = as_list(self.shared.get("attributed_to"))
            # a wording that is one part of its statement is denied only when that part is
            # ("the department consulted relevant parties and concluded that the release
            # would not adversely impact ...": the part consulted, not denied)
            part = text_of(self.shared.get("part"))
            first = next(
                (q for q in as_list(owner.get("parts")) if part and text_of(q.get("id")) == part),
                owner,
            )
        marks = []
        if first.get("negated") is True and not says_no(text):
            marks.append("denied" if as_list(first.get("attributed_to")) else "negated")
        if first.get("hedged") is True and not _HEDGED_WORDING.search(text):
            marks.append("reportedly")  # "Reports suggest X": the row shows X, not as a fact
        text = _capitalised(text)
        source = text_of(chain[0]) if chain else ""
        if source and not _names(source, text):
            text = f"{source}: {text}"  # someone's words, never shown as the outlet's fact
        return f"({', '.join(marks)}) {text}" if marks else text


def _names(source: str, text: str) -> bool:
    """Whether ``text`` names ``source`` (one of its words of three letters or more, or its
    initials): a wording that says who speaks ("…, Trudeau said") needs no speaker before
    it."""
    said = {w.casefold() for w in re.findall(r"\w{3,}", text)}
    words = {w.casefold() for w in re.findall(r"\w{3,}", source)}
    initials = "".join(w[0] for w in re.findall(r"\b[A-Z]\w*", source)).casefold()
    return bool(words & said) or (len(initials) > 1 and initials in said)  # "KCNA"


def _capitalised(text: str) -> str:
    """A row's wording with a capital first letter: a statement that left its leading "But"
    out starts in lower case ("it could fuel criticism ..."); a word written with a capital
    inside it ("iPhone", "eBay") stays as it is."""
    first = text.split(" ", 1)[0]
    if first[:1].islower() and not any(c.isupper() for c in first):
        return text[:1].upper() + text[1:]
    return text


_MODAL_HEDGES = frozenset({"may", "might", "could", "likely", "unlikely", "possibly", "perhaps"})
# a wording that keeps its own hedge ("reportedly sold", "is believed to", "appears to")
_HEDGED_WORDING = re.compile(
    r"\b(?:"
    + "|".join(sorted(HEDGE_WORDS | HEDGE_PARTICIPLES | HEDGE_ADJECTIVES | _MODAL_HEDGES))
    + "|"
    + "|".join(rf"{verb}\w*" for verb in sorted(HEDGE_RAISING | {"suggest", "expect"}))
    + r")\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Side:
    """One side of a difference: a value, the claim holding it and its outlet."""

    value: str
    text: str
    claim: dict[str, Any] | None
    outlet: str


@dataclass(slots=True)
class Difference:
    """A differing argument between the claims of a conflicting group."""

    role: str
    sides: list[Side] = field(default_factory=list)


@dataclass(slots=True)
class ReportView:
    """Indexes over a report dict for rendering."""

    report: Mapping[str, Any]
    articles: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    groups: list[ClaimGroupView] = field(default_factory=list)
    article_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    claim_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    claim_index: dict[str, int] = field(default_factory=dict)
    article_index: dict[str, int] = field(default_factory=dict)
    copy_of: dict[str, str] = field(default_factory=dict)  # article id -> the outlet it copies

    @classmethod
    def of(cls, report: Mapping[str, Any]) -> ReportView:
        view = cls(report=report)
        view.articles = [a for a in as_list(report.get("articles")) if isinstance(a, dict)]
        for i, art in enumerate(view.articles):
            aid = text_of(art.get("id"))
            view.article_by_id.setdefault(aid, art)
            view.article_index.setdefault(aid, i)
        view.claims = [c for c in as_list(report.get("claims")) if isinstance(c, dict)]
        for i, claim in enumerate(view.claims):
            cid = text_of(claim.get("id"))
            view.claim_by_id.setdefault(cid, claim)
            view.claim_index.setdefault(cid, i)
        view.groups = [view._group(i, g) for i, g in enumerate(_dicts(report.get("claim_groups")))]
        for dup in _dicts(report.get("duplicates")):
            first = view.outlet_of(text_of(dup.get("representative")))
            for aid in as_list(dup.get("articles")):
                if first and view.outlet_of(text_of(aid)) != first:
                    view.copy_of.setdefault(text_of(aid), first)
        rows: dict[str, list[int]] = {}
        for g in view.groups:
            if g.event:
                rows.setdefault(g.event, []).append(g.index + 1)
        for g in view.groups:
            g.same_event = [n for n in rows.get(g.event, []) if n != g.index + 1]
        return view

    def _group(self, index: int, group: dict[str, Any]) -> ClaimGroupView:
        claims = [
            self.claim_by_id[text_of(cid)]
            for cid in as_list(group.get("claims"))
            if text_of(cid) in self.claim_by_id
        ]
        outlets = [text_of(o) for o in as_list(group.get("outlets"))]
        if not outlets:
            outlets = _unique(self.outlet_of(text_of(c.get("article"))) for c in claims)
        status = text_of(group.get("status"))
        indep = group.get("independent_sources")
        partial = {text_of(c) for c in as_list(group.get("partial"))}
        # an outlet states the group's fact when one of its statements states the shared
        # wording (the contract's ``shared.claims``); with no wording, when one joined on all
        # of it (is not ``partial``)
        backers = {text_of(c) for c in as_list(as_dict(group.get("shared")).get("claims"))}
        stating = backers or {text_of(c.get("id")) for c in claims} - partial
        full = {
            self.outlet_of(text_of(c.get("article")))
            for c in claims
            if text_of(c.get("id")) in stating
        }
        partly = frozenset(o for o in outlets if o not in full)
        return ClaimGroupView(
            index=index,
            id=text_of(group.get("id")) or f"g{index}",
            status=status if status in STATUSES else "unique",
            outlets=outlets,
            claims=claims,
            differences=_dicts(group.get("differences")),
            primary_sources=[text_of(s) for s in as_list(group.get("primary_sources"))],
            independent_sources=indep if isinstance(indep, int) else None,
            shared=as_dict(group.get("shared")),
            all_extra=[
                (_with_copies(e), text_of(e.get("source")), text_of(e.get("text")))
                for e in _dicts(group.get("extra"))
                if text_of(e.get("text"))
            ],
            partly=partly,
            event=text_of(group.get("event")),
            context=text_of(as_dict(group.get("context")).get("text")),
        )

    # -- lookups ---------------------------------------------------------------------------

    def outlet_of(self, article_id: str) -> str:
        """The outlet name of an article id ('' when unknown)."""
        return text_of(self.article_by_id.get(article_id, {}).get("outlet"))

    @property
    def outlets(self) -> list[str]:
        """Every outlet in article order, once."""
        return _unique(text_of(a.get("outlet")) for a in self.articles)

    @property
    def headline(self) -> str:
        """The story headline: the report's own title, else the first article title."""
        story = as_dict(self.report.get("story"))
        for candidate in (
            self.report.get("headline"),
            self.report.get("title"),
            story.get("title"),
            story.get("headline"),
        ):
            if isinstance(candidate, str) and candidate.strip():
                return candidate.strip()
        for art in self.articles:
            title = art.get("title")
            if isinstance(title, str) and title.strip():
                return title.strip()
        return "Untitled story"

    def cell(self, group: ClaimGroupView, outlet: str) -> str:
        """The matrix cell of ``outlet`` for ``group``: its status, 'partly' in an agreed or
        partial group when none of the outlet's statements states the group's shared wording
        (see the report contract's ``shared`` and ``partial``), 'states' for the one source
        that states a partial group's wording in full (or copies of it: the others share part
        of the fact, so "unique" would say no one else reports it), 'copy' for an outlet whose
        article copies another outlet's in the row (they count once), or 'silent'."""
        if outlet not in group.outlets:
            return SILENT
        articles = (text_of(c.get("article")) for c in group.claims)
        own = [a for a in articles if self.outlet_of(a) == outlet]
        if own and all(self.copy_of.get(a) in group.outlets for a in own):
            return COPY
        if group.status in ("agreed", "partial") and outlet in group.partly:
            return PARTLY
        if group.status == "partial":
            return STATES
        return group.status

    def ordered_groups(self) -> list[ClaimGroupView]:
        """Groups for the matrix: what most outlets share first (agreed, then conflicting;
        most outlets stating it in full first, then most outlets in all), then what outlets
        share part of (partial), then what each outlet alone reports, outlet by outlet."""
        rank = {"agreed": 0, "conflicting": 1, "partial": 2, "unique": 3}
        outlet_rank = {o: k for k, o in enumerate(self.outlets)}

        def key(g: ClaimGroupView) -> tuple[int, int, int, int, int]:
            alone = outlet_rank.get(g.outlets[0], 0) if g.status == "unique" and g.outlets else 0
            full = len(g.outlets) - len(g.partly)
            return (rank.get(g.status, 4), -full, -len(g.outlets), alone, g.index)

        return sorted(self.groups, key=key)

    def conflicts(self) -> list[ClaimGroupView]:
        return [g for g in self.groups if g.status == "conflicting"]

    def differences(self, group: ClaimGroupView) -> list[Difference]:
        """The group's differences, normalised to a role and a list of sides."""
        found = _merge([self._difference(group, d) for d in group.differences])
        if found or group.status != "conflicting":
            return found
        # no structured differences: show each claim as a side
        sides = [self._side(group, {"claim": c.get("id")}) for c in group.claims]
        return [Difference(role="claim", sides=sides)]

    def _difference(self, group: ClaimGroupView, diff: dict[str, Any]) -> Difference:
        role = text_of(
            diff.get("argument") or diff.get("role") or diff.get("field") or diff.get("kind")
        )
        raw = diff.get("sides") or diff.get("values")
        if isinstance(raw, dict):
            raw = [{"claim": k, "value": v} for k, v in raw.items()]
        if not isinstance(raw, list):
            raw = [
                diff.get(k) for k in ("a", "b", "left", "right") if isinstance(diff.get(k), dict)
            ]
        return Difference(role=role or "value", sides=[self._side(group, s) for s in _dicts(raw)])

    def _side(self, group: ClaimGroupView, side: dict[str, Any]) -> Side:
        claim_id = text_of(side.get("claim") or side.get("claim_id") or side.get("id"))
        claim = self.claim_by_id.get(claim_id)
        outlet = text_of(side.get("outlet"))
        if not outlet and claim is not None:
            outlet = self.outlet_of(text_of(claim.get("article")))
        value = side.get("value")
        if isinstance(value, dict):
            value = value.get("value", value.get("text"))
        text = text_of(side.get("text")) or (text_of(claim.get("text")) if claim else "")
        return Side(value=text_of(value), text=text, claim=claim, outlet=outlet)

    def naming(self) -> list[tuple[dict[str, Any], dict[str, list[str]]]]:
        """Entities that some outlet labels, with their labels per outlet."""
        rows: list[tuple[dict[str, Any], dict[str, list[str]]]] = []
        extra = self._framing_naming()
        for ent in _dicts(self.report.get("entities")):
            labels: dict[str, list[str]] = {}
            for outlet, terms in as_dict(ent.get("labels")).items():
                labels.setdefault(text_of(outlet), []).extend(text_of(t) for t in as_list(terms))
            for outlet, terms in extra.get(text_of(ent.get("id")), {}).items():
                have = labels.setdefault(outlet, [])
                have.extend(t for t in terms if t not in have)
            labels = {k: _unique(v) for k, v in labels.items() if v}
            if labels:
                rows.append((ent, labels))
        return rows

    def _framing_naming(self) -> dict[str, dict[str, list[str]]]:
        found: dict[str, dict[str, list[str]]] = {}
        for frame in self.framing():
            outlet = text_of(frame.get("outlet"))
            for eid, terms in as_dict(frame.get("naming")).items():
                names = [
                    text_of(t.get("text") if isinstance(t, dict) else t) for t in as_list(terms)
                ]
                found.setdefault(text_of(eid), {}).setdefault(outlet, []).extend(names)
        return found

    def framing(self) -> list[dict[str, Any]]:
        return _dicts(self.report.get("framing"))

    def loaded_terms(self) -> list[dict[str, Any]]:
        """Every loaded term of every outlet."""
        return [t for f in self.framing() for t in _dicts(f.get("loaded_terms"))]

    def quotes(self) -> list[dict[str, Any]]:
        return _dicts(self.report.get("quotes"))

    def summary(self) -> list[dict[str, Any]]:
        return _dicts(self.report.get("summary"))

    def input_errors(self) -> list[tuple[str, str]]:
        """Inputs that could not be read, as (source, reason)."""
        return [
            (text_of(e.get("source")), text_of(e.get("reason")))
            for e in _dicts(self.report.get("errors"))
        ]

    def duplicates(self) -> list[tuple[list[str], str]]:
        """Groups of near-identical articles as (article ids, similarity text)."""
        rows: list[tuple[list[str], str]] = []
        for dup in as_list(self.report.get("duplicates")):
            if isinstance(dup, dict):
                ids = as_list(dup.get("articles") or dup.get("pair") or dup.get("ids"))
                if len(ids) == 1 and len(as_list(dup.get("sources"))) > 1:
                    ids = as_list(dup.get("sources"))  # one article read from several inputs
                if not ids:
                    ids = [dup.get(k) for k in ("a", "b") if dup.get(k) is not None]
                sim = dup.get("similarity")
                rows.append(
                    ([text_of(i) for i in ids], f"{sim:.2f}" if isinstance(sim, float) else "")
                )
            elif isinstance(dup, list):
                rows.append(([text_of(i) for i in dup if not isinstance(i, float)], ""))
        return rows

    def citation(self, ref: Any) -> tuple[str, str, str] | None:
        """A summary citation resolved to (kind, dom id, label), None if unknown."""
        key = text_of(ref)
        if key in self.claim_index:
            claim = self.claim_by_id[key]
            outlet = self.outlet_of(text_of(claim.get("article")))
            return ("claim", f"cl-{self.claim_index[key]}", outlet or key)
        if key in self.article_index:
            return ("article", f"art-{self.article_index[key]}", self.outlet_of(key) or key)
        return None

    def chains(self) -> list[tuple[str, list[str]]]:
        """(outlet, source chain nearest first) for every attributed claim, deduplicated."""
        seen: set[tuple[str, tuple[str, ...]]] = set()
        rows: list[tuple[str, list[str]]] = []
        for claim in self.claims:
            chain = [text_of(s).strip() for s in as_list(claim.get("attributed_to"))]
            chain = [s for s in chain if s]
            if not chain:
                continue
            outlet = self.outlet_of(text_of(claim.get("article"))) or "?"
            key = (outlet, tuple(chain))
            if key not in seen:
                seen.add(key)
                rows.append((outlet, chain))
        return rows


def _with_copies(extra: dict[str, Any]) -> str:
    """The outlet of a detail, with the outlets whose articles copy its article and print it
    too ("Harbor Ledger and its copies Quay Wire, Lund Daily"): they count as one outlet."""
    outlet = text_of(extra.get("outlet"))
    copies = [text_of(c) for c in as_list(extra.get("copies")) if text_of(c)]
    return f"{outlet} and its copies {', '.join(copies)}" if outlet and copies else outlet


def _cited(outlet: str, source: str) -> str:
    """An outlet, with the source it gives for a detail ("Harbor Ledger, citing TASS")."""
    return f"{outlet}, citing {source}" if outlet and source else outlet


def _merge(diffs: list[Difference]) -> list[Difference]:
    """One difference per role, each side once (pairwise differences share sides)."""
    merged: dict[str, Difference] = {}
    for diff in diffs:
        into = merged.setdefault(diff.role, Difference(role=diff.role))
        for side in diff.sides:
            key = (side.outlet, side.value, side.text)
            if all((s.outlet, s.value, s.text) != key for s in into.sides):
                into.sides.append(side)
    return [d for d in merged.values() if d.sides]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in as_list(value) if isinstance(v, dict)]


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)
