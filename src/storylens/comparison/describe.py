"""What each group of statements says: its shared wording, its status, each outlet's details.

:func:`describe_groups` gives every group more than one outlet carries the wording its
outlets share (:func:`.wording.shared_fact`) and what each outlet alone adds
(:func:`.wording.outlet_details`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storylens.analyse.quotemarks import quote_open
from storylens.comparison.align import best_elsewhere, ordered
from storylens.comparison.backing import covers, gives_source, long_quotes, quotes_held
from storylens.comparison.provenance import hearsay_source
from storylens.comparison.wording import outlet_details, shared_fact
from storylens.settings import Settings

if TYPE_CHECKING:
    from storylens.comparison.align import Alignment


def describe_groups(alignment: Alignment, settings: Settings) -> None:
    """Set ``shared`` and ``extra`` on every group more than one outlet carries.

    A group whose shared wording only one outlet states (wire copies count once; a source's
    words not by an outlet that gives them to another source) is ``partial``, not
    ``agreed``: its outlets share part of a fact, and none of its wordings is stated by two
    of them ("Stock prices fell nearly 2 percent when the tariffs were announced" beside
    "Trump announced the tariffs on March 8")."""
    views = alignment.views
    elsewhere = best_elsewhere(alignment)  # one pass over the story's part scores
    for group in alignment.groups:
        if group.status != "unique":
            group.shared = shared = shared_fact(group.claims, alignment, settings.align_threshold)
            source = next((s for s in shared.get("attributed_to", ()) if s.strip()), "")
            # the same long quotation word for word: both tell the remark, whoever they
            # name for it ("the chairmen said" / "the House Intelligence Committee added")
            home = views[shared["claim"]].claim
            lead = home.text[: max(0, int(shared.get("start", home.start)) - home.start)]
            remark = long_quotes(str(shared.get("text") or ""), inside=quote_open(lead))
            hearsay = hearsay_source(source, str(shared.get("text") or ""))
            stating = {
                views[c].unit
                for c in shared.get("claims", ())
                if c == shared["claim"]
                or not (source and views[c].claim.attributed_to)
                or (hearsay and not views[c].speaker)  # a person's words are theirs
                or gives_source(views[c].claim, source, alignment.speaks_for)
                or (remark and quotes_held(remark, views[c].claim.text))
            }
            if len(stating) < 2:  # the others give the words to someone else: "partly"
                group.status = "partial"
                shared["claims"] = [c for c in shared["claims"] if views[c].unit in stating]
                shared["outlets"] = ordered(views[c].outlet for c in shared["claims"])
            group.extra = [
                d
                for d in outlet_details(
                    group.claims, alignment, settings.align_threshold, elsewhere
                )
                if d["part"] != group.shared.get("part") and not _restates(d["text"], shared)
            ]


def _restates(detail: str, shared: dict[str, Any]) -> bool:
    """Whether an outlet's detail is the shared fact in its own words: most of the content
    words of each are in the other ("No agreements were signed on this issue" beside "The
    Kremlin has said no agreement has or will be signed"; not "Kim had not left his country
    since the pandemic" beside "Kim left Russia on Sunday")."""
    wording = str(shared.get("text") or "")
    return bool(wording) and covers(wording, detail, RESTATED) and covers(detail, wording, RESTATED)


RESTATED = 0.6  # share of each one's content words the other holds
