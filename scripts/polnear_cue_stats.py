"""Per-lemma attribution statistics on a PolNeAR-style split, for choosing cue lists by hand.

    python scripts/polnear_cue_stats.py DIR [--split train] [--limit N] [--min 8]

Prints two tables from a local copy of the data (nothing is written or shipped):

- for every verb, noun or adjective lemma seen at least ``--min`` times inside a gold cue: how
  often the lemma occurs, how often it is inside a gold cue, and how many of those the rules
  find (a lemma labelled in most of its occurrences and rarely found is a candidate cue);
- for every cue the rules produce (after keeping the outermost attributions, as
  ``storylens eval attribution`` scores them): how many, and the share whose cue and source
  spans match a gold span exactly (a cue with a low share costs precision).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from storylens.analyse.attribution import find_attributions
from storylens.eval.attribution import GoldDocument, _trim, load_split, outermost
from storylens.models.nlp import get_nlp

_POS = frozenset({"VERB", "NOUN", "ADJ"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min", type=int, default=8, dest="min_gold")
    args = parser.parse_args()
    docs = load_split(args.directory, args.split)[: args.limit]
    lemma_seen, lemma_gold, lemma_found = Counter[str](), Counter[str](), Counter[str]()
    cue_n, cue_ok, source_n, source_ok = (Counter[str]() for _ in range(4))
    nlp = get_nlp()
    pairs = nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=16)
    for doc, gold in pairs:
        _count_doc(doc, gold, (lemma_seen, lemma_gold, lemma_found))
        text = gold.text
        cues = {_trim(text, s) for s in gold.spans["cue"]}
        sources = {_trim(text, s) for s in gold.spans["source"]}
        scored = [a for a in find_attributions(doc) if a.kind != "hedge" or a.verb >= 0]
        for a in outermost(scored):
            cue_n[a.cue] += 1
            cue_ok[a.cue] += _trim(text, (a.cue_start, a.cue_end)) in cues
            if a.source_start is not None and a.source_end is not None:
                source_n[a.cue] += 1
                source_ok[a.cue] += _trim(text, (a.source_start, a.source_end)) in sources
    print(f"{'lemma':<16}{'seen':>7}{'in cue':>8}{'share':>7}{'found':>7}")
    rows = [(g - lemma_found[k], k) for k, g in lemma_gold.items() if g >= args.min_gold]
    for _, key in sorted(rows, reverse=True):
        seen, in_cue = lemma_seen[key], lemma_gold[key]
        share = in_cue / seen
        print(f"{key:<16}{seen:>7}{in_cue:>8}{share:>7.2f}{lemma_found[key]:>7}")
    print()
    print(f"{'cue':<16}{'found':>7}{'cue ok':>8}{'source ok':>10}")
    for cue, n in cue_n.most_common():
        src = source_ok[cue] / source_n[cue] if source_n[cue] else 0.0
        print(f"{cue:<16}{n:>7}{cue_ok[cue] / n:>8.2f}{src:>10.2f}")


def _count_doc(doc: Doc, gold: GoldDocument, counters: tuple[Counter[str], ...]) -> None:
    """Count every content word, whether a gold cue holds it, and whether the rules find it."""
    seen, in_gold, found = counters
    cues = sorted(gold.spans["cue"])
    found_tokens = {
        i for a in find_attributions(doc) if a.kind != "hedge" or a.verb >= 0 for i in a.cue_tokens
    }
    for tok in doc:
        if tok.pos_ not in _POS:
            continue
        key = tok.lemma_.lower()
        seen[key] += 1
        if any(s <= tok.idx < e for s, e in cues):
            in_gold[key] += 1
            found[key] += tok.i in found_tokens


if __name__ == "__main__":
    main()
