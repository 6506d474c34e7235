"""Analysis throughput: articles/s and words/s of ``storylens.analyse`` on generated news.

Articles of ~700 words are generated from sentence templates filled with fictional names,
places, numbers and dates (seeded, so every run sees the same text, and no two sentences
repeat). Figures: the full analysis stage (NLP + mentions, descriptors, times, quotes, claims)
with two worker processes, the NLP pipeline alone, and peak memory of the process tree
(RSS summed over the parent and its children, sampled every 100 ms: an upper bound, since
forked workers share pages with the parent).
"""

from __future__ import annotations

import os
import random
import resource
import threading
import time
from collections.abc import Callable
from typing import NamedTuple

import psutil

from storylens.settings import Settings
from storylens.types import Article

N_ARTICLES = 240
TARGET_WORDS = 700

FIRST = [
    "Mirek",
    "Ilse",
    "Jonas",
    "Petra",
    "Lena",
    "Felix",
    "Arvo",
    "Oskar",
    "Greta",
    "Tomas",
    "Nadia",
    "Ivo",
    "Sanna",
    "Emil",
    "Kaja",
]
LAST = [
    "Halas",
    "Marant",
    "Brekke",
    "Solvik",
    "Varga",
    "Amundsen",
    "Lind",
    "Lindqvist",
    "Erlund",
    "Starck",
    "Velmont",
    "Korva",
    "Tamsin",
    "Rask",
    "Holm",
    "Dahl",
    "Virta",
    "Sorel",
    "Kallas",
    "Brandt",
]
PLACES = [
    "Port Caldera",
    "Valdonia",
    "Ostrena",
    "Seva",
    "Kessmark",
    "Norvik",
    "Alder Bay",
    "Tolvaj",
    "Brenmoor",
    "Lusk",
]
ORGS = [
    "Valpress",
    "Seva Basin Authority",
    "Corvane Bank",
    "the Ostrenian Ministry of Water",
    "Harbor Ledger",
    "the Valdonian Senate",
    "Norvik Energy",
    "the Delta Farmers Union",
]
ROLES = [
    "President",
    "Prime Minister",
    "Defense Minister",
    "spokesman",
    "opposition leader",
    "ecologist",
    "Finance Minister",
    "Governor",
    "economist",
    "senator",
]
LOADED = [
    "hardline",
    "veteran",
    "embattled",
    "popular",
    "controversial",
    "reformist",
    "globalist",
    "firebrand",
]
TOPICS = [
    "water-sharing accord",
    "river commission",
    "fishing quota",
    "harbour toll",
    "rail link",
    "grain tariff",
    "power line",
    "dam repair",
    "salmon ladder",
    "border crossing",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
]
VERBS = [
    "signed",
    "rejected",
    "welcomed",
    "criticised",
    "delayed",
    "approved",
    "questioned",
    "defended",
]

TEMPLATES = [
    "{role} {person} {verb} the {topic} in {place} on {day}, {org} reported.",
    '"{quote_a} {quote_b}," {person} told reporters in {place}.',
    "{person}, the {loaded} {role_l} of {place}, said the {topic} would cost {n} million krona.",
    "According to {org}, {n} percent of the {topic} budget will go to {place} by {month} {year}.",
    "The {topic} was first proposed in {month} {year}, when {person} led a delegation of "
    "{n} officials to {place}.",
    "{loaded_c} {role} {person} accused {person2} of stalling the {topic} for {n} weeks.",
    "Critics in {place} said the {topic} would hand {n} percent of the summer flow to {place2}.",
    "{org} said on {day} that it had received {n} complaints about the {topic}.",
    "{person2}, a {role_l} who has opposed the {topic} since {year}, called it a mistake.",
    "Traders at {org} said the krona rose {n}.{m} percent after the {topic} was announced.",
    "The motorcade of {person} was delayed by {n} minutes as protesters gathered in {place}.",
    "{person} and {person2} met for {n} hours on {day} but did not discuss the {topic}.",
    "Officials said no agreement on the {topic} had been signed, denying a report by {org}.",
    "In {month} {year}, {place} and {place2} agreed to review the {topic} every {n} years.",
]
QUOTE_A = [
    "For thirty years this river has divided us.",
    "We will not be rushed.",
    "This is a fair bargain for both sides.",
    "Nobody in {place} asked for this.",
    "The numbers speak for themselves.",
]
QUOTE_B = [
    "From today it will feed both our nations.",
    "We expect the commission to meet within weeks.",
    "The farmers deserve better.",
    "We have done our part.",
    "History will judge this day.",
]


class Sampler:
    """Fills sentence templates with random fictional values."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def fill(self, template: str) -> str:
        r = self.rng
        place, place2 = r.sample(PLACES, 2)
        values = {
            "person": self.person(),
            "person2": self.person(),
            "role": r.choice(ROLES).title() if r.random() < 0.5 else r.choice(ROLES),
            "role_l": r.choice(ROLES).lower(),
            "loaded": r.choice(LOADED),
            "loaded_c": r.choice(LOADED).capitalize(),
            "verb": r.choice(VERBS),
            "topic": r.choice(TOPICS),
            "place": place,
            "place2": place2,
            "org": r.choice(ORGS),
            "day": r.choice(DAYS),
            "month": r.choice(MONTHS),
            "year": str(r.randint(1995, 2026)),
            "n": str(r.randint(2, 95)),
            "m": str(r.randint(1, 9)),
            "quote_a": r.choice(QUOTE_A).format(place=place),
            "quote_b": r.choice(QUOTE_B),
        }
        text = template.format(**values)
        return text[0].upper() + text[1:]


def generate_articles(
    n: int = N_ARTICLES, words: int = TARGET_WORDS, seed: int = 7
) -> list[Article]:
    """``n`` generated articles of about ``words`` words each, in paragraphs of 2-4 sentences."""
    sampler = Sampler(random.Random(seed))
    articles = []
    for i in range(n):
        paragraphs: list[str] = []
        count = 0
        while count < words:
            sentences = [
                sampler.fill(sampler.rng.choice(TEMPLATES))
                for _ in range(sampler.rng.randint(2, 4))
            ]
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        articles.append(
            Article(id=f"a_bench{i:04d}", outlet=f"Outlet {i % 4}", text="\n\n".join(paragraphs))
        )
    return articles


class PeakMemory:
    """Samples the RSS of this process and all its children in a background thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self.cpu = 0.0  # CPU seconds the sampler itself used (subtracted from the figures)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        root = psutil.Process(os.getpid())
        total = 0
        for proc in [root, *root.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _run(self) -> None:
        start = time.thread_time()
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)
        self.cpu = time.thread_time() - start

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


class Timing(NamedTuple):
    wall: float  # seconds
    cpu: float  # CPU seconds of this process and its (finished) children
    peak: int  # bytes


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(func: Callable[[], object]) -> Timing:
    with PeakMemory() as mem:
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        func()
        elapsed, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    return Timing(elapsed, cpu - mem.cpu, mem.peak)


def _report(label: str, n: int, words: int, timing: Timing, cores: int) -> None:
    """Wall-clock rate, and the rate ``cores`` dedicated cores give at the CPU cost measured."""
    dedicated = n / timing.cpu * cores
    print(
        f"   {label:<38} wall {n / timing.wall:6.1f} art/s {words / timing.wall:7.0f} words/s"
        f" | CPU {timing.cpu / n * 1000:5.0f} ms/article -> {dedicated:5.1f} art/s"
        f" {dedicated * words / n:7.0f} words/s on {cores} dedicated core(s)"
        f" | peak {timing.peak / 2**20:5.0f} MiB"
    )


def run() -> None:
    from threadpoolctl import threadpool_limits

    from storylens.analyse.pipeline import analyse
    from storylens.models.nlp import build_sm, get_nlp

    articles = generate_articles()
    n = len(articles)
    words = sum(len(a.text.split()) for a in articles)
    load = os.getloadavg()[0]
    print(
        f"   {n} generated articles, {words / n:.0f} words each; {os.cpu_count()} CPUs,"
        f" load average {load:.1f} before the run (wall figures suffer when the machine is busy)"
    )
    nlp = get_nlp()
    analyse(articles[:4], Settings())  # warm-up

    settings = Settings(n_process=2, batch_size=16)
    timing = _timed(lambda: analyse(articles, settings))
    _report("full analysis, 2 processes", n, words, timing, 2)

    threadpool_limits(limits=1, user_api="blas")
    sub = articles[: n // 4]
    sub_words = sum(len(a.text.split()) for a in sub)
    timing = _timed(lambda: analyse(sub, Settings(n_process=1, batch_size=16)))
    _report("full analysis, 1 process", len(sub), sub_words, timing, 1)
    texts = [a.text for a in sub]
    timing = _timed(lambda: list(nlp.pipe(texts, batch_size=16)))
    _report("spaCy only (sm.fast.v1), 1 process", len(sub), sub_words, timing, 1)
    shipped = build_sm()
    timing = _timed(lambda: list(shipped.pipe(texts, batch_size=16)))
    _report("spaCy only (model as shipped), 1 process", len(sub), sub_words, timing, 1)
    print(f"   target: >= 25 articles/s of ~{TARGET_WORDS} words on 2 cores, peak < 2 GiB")


if __name__ == "__main__":
    run()
