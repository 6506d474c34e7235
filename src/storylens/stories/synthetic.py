"""A generator of fictional news corpora with known stories, for benchmarks and scale tests.

Each story is an event (a flood, a strike, a trade pact, ...) in an invented country
with invented people, places and organisations; several outlets each write their
own article about it (300-700 words), with their own headline, sentence choices and
order. Some outlets republish another's article with small edits (wire copies).
Everything is deterministic for a given seed. No sentence describes a real event.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from storylens.types import Article, content_id

if TYPE_CHECKING:
    from storylens.store import Store

_SYL = [
    "ka",
    "ra",
    "vo",
    "len",
    "mi",
    "sor",
    "tal",
    "ve",
    "nor",
    "bri",
    "dan",
    "el",
    "os",
    "ul",
    "fen",
    "gar",
    "hol",
    "is",
    "jor",
    "lum",
    "mer",
    "nav",
    "pel",
    "quo",
    "rin",
    "sal",
    "tor",
    "uv",
    "wen",
    "yar",
    "zel",
    "cor",
    "dil",
    "fas",
    "gon",
]
OUTLETS = (
    "Harbor Ledger",
    "Meridian Times",
    "Coastal Voice",
    "Patriot Daily",
    "Northern Courier",
    "Valley Herald",
    "Lantern Post",
    "Summit Observer",
)

EVENTS: dict[str, dict[str, list[str]]] = {
    "flood": {
        "head": [
            "Floods force thousands from homes in {place}",
            "{river} bursts its banks as {place} evacuates",
            "Rising water cuts off {place}; {person} declares emergency",
        ],
        "lead": [
            "Floodwater from the {river} swept through {place} on {day}, forcing about "
            "{number} residents from their homes, {org} said.",
            "Thousands of people left {place} after the {river} overflowed on {day}, "
            "according to {org}.",
        ],
        "body": [
            "{person}, who leads {org}, said rescue teams had reached most of the flooded streets.",
            "Emergency shelters in {place} were close to full by the evening, {person2} said.",
            "The {river} rose more than {small} metres in a single night.",
            "Farmers along the {river} said their fields were under water for the first time.",
            "{org} asked people in low-lying parts of {place} to move to higher ground.",
            "Schools in {place} stayed closed while engineers checked the {river} embankments.",
            "{person2} said the damage would take months to repair.",
        ],
    },
    "strike": {
        "head": [
            "{org} workers walk out in {place}",
            "Strike halts {org} across {place}",
            "{person} rejects pay offer as {org} strike widens",
        ],
        "lead": [
            "Workers at {org} in {place} stopped work on {day} after talks over pay broke "
            "down, union leader {person} said.",
            "A strike by about {number} employees of {org} brought work in {place} to a halt "
            "on {day}.",
        ],
        "body": [
            "{person} said members wanted a raise of {small} percent to keep up with prices.",
            "Managers at {org} said the offer on the table was fair, {person2} told reporters.",
            "Picket lines formed outside the {org} depot in {place} before dawn.",
            "Deliveries across {place} were delayed as the walkout continued.",
            "{person2} said {org} would meet union officials again within days.",
            "The last strike at {org} lasted {small} weeks.",
            "Union members voted by a wide margin to extend the action.",
        ],
    },
    "trade": {
        "head": [
            "{country} and {country2} sign trade pact",
            "{person} hails trade deal with {country2}",
            "Tariffs to fall under {country}-{country2} agreement",
        ],
        "lead": [
            "{country} and {country2} signed an agreement in {place} on {day} to cut tariffs "
            "on about {number} kinds of goods, {person} said.",
            "Leaders of {country} and {country2} agreed on {day} to lower trade barriers, "
            "in a deal signed in {place}.",
        ],
        "body": [
            "{person} said the pact would help exporters in {country} reach new buyers.",
            "{person2} of {country2} called the deal a fair bargain for both sides.",
            "Tariffs on grain and machinery will fall by {small} percent over three years.",
            "Business groups in {place} welcomed the agreement, {org} said.",
            "Critics in {country2} said the pact gave too much to {country}.",
            "The agreement still needs the approval of both parliaments.",
            "{org} estimated that trade between the two could grow by a fifth.",
        ],
    },
    "court": {
        "head": [
            "Court rules against {org} in {place} case",
            "Judges side with residents over {org}",
            "{person} welcomes ruling on {org}",
        ],
        "lead": [
            "The high court in {place} ruled on {day} that {org} had broken planning rules, "
            "a decision {person} called a victory for residents.",
            "Judges in {place} found on {day} that {org} acted unlawfully, ordering it to pay "
            "about {number} crowns in costs.",
        ],
        "body": [
            "{person} said residents had waited {small} years for the ruling.",
            "Lawyers for {org} said they would study the judgment before deciding on an appeal.",
            "{person2} told the court that the project had been approved in good faith.",
            "The case began after neighbours in {place} complained about noise and dust.",
            "The ruling could affect other projects planned by {org}.",
            "Judges said {org} must restore the site within a year.",
        ],
    },
    "election": {
        "head": [
            "{person} wins {place} mayoral race",
            "Voters in {place} elect {person}",
            "{person} defeats {person2} in {place}",
        ],
        "lead": [
            "{person} won the race for mayor of {place} on {day}, taking about {number} votes "
            "and defeating {person2}, officials said.",
            "Voters in {place} chose {person} as their new mayor on {day}, ending a close "
            "contest with {person2}.",
        ],
        "body": [
            "{person} promised to fix roads and build homes in {place}.",
            "{person2} conceded late in the evening and congratulated the winner.",
            "Turnout was about {small}0 percent, higher than at the last election, {org} said.",
            "Supporters of {person} gathered in the main square of {place} to celebrate.",
            "{org} will certify the result next week.",
            "{person2} said the campaign had raised issues that would not go away.",
        ],
    },
    "bridge": {
        "head": [
            "Bridge closed in {place} after cracks found",
            "{org} shuts {place} bridge for repairs",
            "Cracks close main crossing in {place}",
        ],
        "lead": [
            "Engineers closed the main bridge in {place} on {day} after finding cracks in its "
            "supports, {org} said.",
            "The bridge carrying about {number} vehicles a day through {place} was shut on "
            "{day}, according to {org}.",
        ],
        "body": [
            "{person}, chief engineer at {org}, said the cracks were found during a routine check.",
            "Drivers faced detours of up to {small} kilometres, {person2} said.",
            "The bridge was built more than forty years ago.",
            "{org} said repairs could take several months.",
            "Shop owners near the bridge in {place} said trade had already fallen.",
            "{person2} called for a review of every bridge in the region.",
        ],
    },
}
FILLER = [
    "Officials said more details would be released in the coming days.",
    "The announcement came after weeks of speculation.",
    "Local radio carried the news throughout the morning.",
    "Several residents said they had expected the news for some time.",
    "Questions remained about what would happen next.",
    "Observers said the coming weeks would be decisive.",
    "A spokesperson declined to comment further.",
    "The issue has divided opinion for years.",
    "Independent analysts said it was too early to judge the effects.",
    "Reporters gathered outside the building for most of the afternoon.",
]


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """A generated article and the id of the story it belongs to."""

    article: Article
    story: str


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def word(self, syllables: int) -> str:
        attempts = 0
        while True:
            extra = attempts // 20  # longer names once the short ones run out
            parts = [self.rng.choice(_SYL) for _ in range(syllables + extra)]
            name = "".join(parts).capitalize()
            attempts += 1
            if name not in self.used:
                self.used.add(name)
                return name

    def person(self) -> str:
        return f"{self.word(2)} {self.word(3)}"

    def org(self) -> str:
        kind = self.rng.choice(["Authority", "Union", "Company", "Agency", "Council", "Works"])
        return f"{self.word(2)} {kind}"


def _story_slots(names: _Names, rng: random.Random) -> dict[str, str]:
    return {
        "person": names.person(),
        "person2": names.person(),
        "place": f"{names.word(2)}{rng.choice(['ville', 'port', 'dal', 'berg', 'mouth'])}",
        "country": names.word(2) + "ia",
        "country2": names.word(2) + "land",
        "org": names.org(),
        "river": f"{names.word(2)} River",
        "number": f"{rng.randint(2, 90) * 100:,}",
        "small": str(rng.randint(2, 9)),
    }


def _article_text(
    event: dict[str, list[str]], slots: dict[str, str], rng: random.Random, words: int
) -> tuple[str, str]:
    title = rng.choice(event["head"]).format(**slots)
    sentences = [rng.choice(event["lead"]).format(**slots)]
    body = list(event["body"])
    rng.shuffle(body)
    paragraphs: list[str] = [sentences[0]]
    count = len(sentences[0].split())
    pool = [s.format(**slots) for s in body]
    while count < words:
        para = [pool.pop() if pool and rng.random() < 0.6 else rng.choice(FILLER) for _ in range(3)]
        if not pool:
            pool = [s.format(**slots) for s in body]
            rng.shuffle(pool)
        text = " ".join(para)
        paragraphs.append(text)
        count += len(text.split())
    return title, "\n\n".join(paragraphs)


def _wire_copy(text: str, rng: random.Random) -> str:
    """A republished copy: same text, a changed sentence and a sign-off."""
    paragraphs = text.split("\n\n")
    paragraphs[-1] = rng.choice(FILLER)
    return "\n\n".join([*paragraphs, "This article was republished with permission."])


def generate(
    stories: int,
    *,
    outlets: int = 5,
    seed: int = 7,
    start: date = date(2026, 1, 5),
    days: int = 60,
    min_words: int = 300,
    max_words: int = 700,
    wire_share: float = 0.05,
) -> list[SyntheticArticle]:
    """``stories`` fictional stories, each covered by 2..``outlets`` outlets."""
    rng = random.Random(seed)
    names = _Names(rng)
    out: list[SyntheticArticle] = []
    kinds = sorted(EVENTS)
    for index in range(stories):
        story_id = f"story_{index:05d}"
        event = EVENTS[kinds[index % len(kinds)]]
        slots = _story_slots(names, rng)
        day = start + timedelta(days=rng.randrange(days))
        slots["day"] = day.strftime("%A")
        covering = rng.sample(OUTLETS[: max(outlets, 2)], rng.randint(2, max(outlets, 2)))
        previous: str | None = None
        for outlet in covering:
            published = day + timedelta(days=rng.choice([0, 0, 0, 1]))
            if previous is not None and rng.random() < wire_share:
                text, title = _wire_copy(previous, rng), None
            else:
                title, text = _article_text(event, slots, rng, rng.randint(min_words, max_words))
            previous = text
            slug = "".join(c for c in (title or story_id).lower() if c.isalnum())[:40]
            domain = outlet.lower().replace(" ", "") + ".example"
            article = Article(
                id=content_id(f"{outlet}\n{text}"),
                outlet=outlet,
                text=text,
                url=f"https://{domain}/{published.isoformat()}/{slug}-{index}",
                title=title,
                published=published.isoformat(),
                language="en",
            )
            out.append(SyntheticArticle(article, story_id))
    return out


def write_jsonl(path: Path, items: Iterable[SyntheticArticle]) -> dict[str, str]:
    """Write generated articles as JSON Lines records (``text``, ``outlet``, ``title``,
    ``url``, ``published``), as a crawl would give them; returns url -> story."""
    gold: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            a = item.article
            record = {"text": a.text, "outlet": a.outlet, "title": a.title, "url": a.url,
                      "published": a.published}  # fmt: skip
            fh.write(json.dumps(record) + "\n")
            gold[a.url or ""] = item.story
    return gold


def fill_store(store: Store, stories: int, *, seed: int = 7, days: int = 365) -> int:
    """Store ``stories`` fictional stories with their articles, grouped as generated.

    For exercising the story list, the REST API and the benchmarks without clustering:
    short articles (60-120 words) from 2-3 outlets each, spread over ``days`` days.
    Returns the number of articles stored.
    """
    from collections import Counter, defaultdict

    from storylens.stories.features import entity_keys
    from storylens.types import StoryRecord, story_id_for

    items = generate(stories, outlets=3, seed=seed, days=days, min_words=60, max_words=120)
    members: dict[str, list[SyntheticArticle]] = defaultdict(list)
    for item in items:
        members[item.story].append(item)
    store.add_articles(i.article for i in items)
    records = [
        StoryRecord(
            id=story_id_for([group[0].article.id]),
            article_ids=[i.article.id for i in group],
            title=next((i.article.title for i in group if i.article.title), None),
            terms=dict(
                sum((entity_keys(i.article.text) for i in group), Counter()).most_common(24)
            ),
            method="synthetic",
        )
        for group in members.values()
    ]
    for start in range(0, len(records), 1000):
        store.write_stories(records[start : start + 1000])
    return len(items)
