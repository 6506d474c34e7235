"""``storylens compare`` through the real CLI.

The acceptance checks read the two real sample reports (../shared/samples) and the
project's example story (examples/summit) at run time and look for the planted
agreements, omissions, provenance and the one discrepancy. Fast checks cover
argument errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Report = dict[str, Any]
Group = dict[str, Any]


def _compare(cli: Callable[..., Any], inputs: list[Path], out: Path, *extra: str) -> Report:
    result = cli("compare", *map(str, inputs), "--json", str(out), *extra)
    assert result.returncode == 0, result.stderr
    data: Report = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def samples_report(
    cli: Callable[..., Any], sample_files: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Report:
    out = tmp_path_factory.mktemp("samples") / "report.json"
    return _compare(cli, sample_files, out, "--quiet")


@pytest.fixture(scope="module")
def summit_report(
    cli: Callable[..., Any], examples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Report:
    out = tmp_path_factory.mktemp("summit") / "report.json"
    return _compare(cli, [examples_dir / "summit"], out, "--quiet")


def outlet_of_file(report: Report, stem: str) -> str:
    hits = [a["outlet"] for a in report["articles"] if Path(a.get("source") or "").stem == stem]
    assert len(hits) == 1, hits
    return str(hits[0])


def group_text(report: Report, group: Group) -> str:
    by_id = {c["id"]: c for c in report["claims"]}
    return " ".join(by_id[c]["text"] for c in group["claims"])


def groups_with(report: Report, pattern: str) -> list[Group]:
    rx = re.compile(pattern, re.IGNORECASE)
    return [g for g in report["claim_groups"] if rx.search(group_text(report, g))]


# --- the two sample reports ----------------------------------------------------------------

BREITBART = "000_0adaa06352f50c6c"
AFP = "002_6236c8b530a34b72"


@pytest.mark.slow
def test_cli_compare_samples_contract(samples_report: Report) -> None:
    for key in (
        "schema_version",
        "articles",
        "entities",
        "quotes",
        "claims",
        "claim_groups",
        "framing",
        "summary",
        "duplicates",
    ):
        assert key in samples_report
    assert len(samples_report["articles"]) == 2
    assert samples_report["duplicates"] == []


@pytest.mark.slow
def test_cli_compare_samples_drones_relayed_from_tass(samples_report: Report) -> None:
    both = {outlet_of_file(samples_report, BREITBART), outlet_of_file(samples_report, AFP)}
    groups = [
        g for g in groups_with(samples_report, r"Geran-25|kamikaze") if set(g["outlets"]) == both
    ]
    assert groups, "no drone group carried by both outlets"
    assert any("TASS" in g["primary_sources"] and g["independent_sources"] == 1 for g in groups), [
        (g["primary_sources"], g["independent_sources"]) for g in groups
    ]


@pytest.mark.slow
def test_cli_compare_samples_departure_agreed_and_leads_the_summary(samples_report: Report) -> None:
    # both reports tell Kim's departure on Sunday ("left Russia on Sunday", "departed from
    # far-east Russia on Sunday" in a sentence that also says he "had not left his country"
    # since the pandemic): an agreed fact, the summary's first sentence, cited to both
    both = {outlet_of_file(samples_report, BREITBART), outlet_of_file(samples_report, AFP)}
    groups = [
        g for g in groups_with(samples_report, r"left Russia on Sunday") if g["status"] == "agreed"
    ]
    assert any(set(g["shared"]["outlets"]) == both for g in groups), groups
    lead = samples_report["summary"][0]
    assert lead["kind"] == "agreed" and "left Russia on Sunday" in lead["text"], lead


@pytest.mark.slow
def test_cli_compare_samples_vest_and_clothing_grouped(samples_report: Report) -> None:
    # one group holds both reports of the gifts; it is "partial": the Moscow Times states
    # them only inside "TASS said the governor of the Primorye region ... also 'offered Kim
    # ...'", a wording the other report does not state, and the clause alone has no subject
    both = {outlet_of_file(samples_report, BREITBART), outlet_of_file(samples_report, AFP)}
    groups = groups_with(samples_report, r"thermal cameras")
    assert any(
        g["status"] in ("agreed", "partial") and set(g["outlets"]) == both for g in groups
    ), groups


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pattern", "stem"),
    [
        (r"hypersonic", AFP),
        (r"Knevichi", BREITBART),
        (r"Security Council sanctions", BREITBART),
    ],
)
def test_cli_compare_samples_unique_claims(samples_report: Report, pattern: str, stem: str) -> None:
    outlet = outlet_of_file(samples_report, stem)
    groups = groups_with(samples_report, pattern)
    assert groups, pattern
    for group in groups:
        assert group["status"] == "unique", (pattern, group_text(samples_report, group))
        assert group["outlets"] == [outlet]
        other = {a["outlet"] for a in samples_report["articles"]} - {outlet}
        assert set(group["missing_from"]) == other


@pytest.mark.slow
def test_cli_compare_samples_gift_giver_conflict(samples_report: Report) -> None:
    found = []
    for group in samples_report["claim_groups"]:
        for diff in group["differences"]:
            if diff["argument"] == "agent":
                texts = " | ".join(v["text"] for v in diff["values"])
                found.append(texts)
                if re.search(r"Putin", texts) and re.search(r"governor", texts):
                    assert group["status"] == "conflicting"
                    assert len(set(diff["claims"])) == 2
                    return
    pytest.fail(f"no Putin-government vs regional-governor difference; agent diffs: {found}")


@pytest.mark.slow
def test_cli_compare_samples_six_day_visit_not_conflicting(samples_report: Report) -> None:
    for group in samples_report["claim_groups"]:
        for diff in group["differences"]:
            units = {str(diff.get("unit"))}
            assert "day" not in units, group_text(samples_report, group)


# --- the example story ----------------------------------------------------------------------

LEDGER, PATRIOT, COASTAL, MERIDIAN = (
    "harbor-ledger",
    "patriot-daily",
    "coastal-voice",
    "meridian-times",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pattern", "stems"),
    [
        (r"\bsign", {LEDGER, COASTAL, MERIDIAN, PATRIOT}),
        (r"joint commission", {LEDGER, COASTAL, MERIDIAN}),
        (r"hand-carved oars", {LEDGER, PATRIOT}),
        (r"300 protesters", {LEDGER, COASTAL}),
        (r"this river has divided us", {LEDGER, MERIDIAN, PATRIOT}),
        (r"fair bargain", {LEDGER, COASTAL}),
        (r"surrender dressed up", {LEDGER, COASTAL, PATRIOT}),
    ],
)
def test_cli_compare_summit_agreements(
    summit_report: Report, pattern: str, stems: set[str]
) -> None:
    wanted = {outlet_of_file(summit_report, s) for s in stems}
    groups = groups_with(summit_report, pattern)
    covered = set().union(*(set(g["outlets"]) for g in groups if len(g["outlets"]) > 1))
    assert wanted <= covered, (pattern, [(g["outlets"], g["status"]) for g in groups])
    assert all(g["status"] != "unique" for g in groups if len(g["outlets"]) > 1)


@pytest.mark.slow
def test_cli_compare_summit_gifts_one_source(summit_report: Report) -> None:
    groups = [g for g in groups_with(summit_report, r"hand-carved oars") if len(g["outlets"]) > 1]
    assert groups
    for group in groups:
        assert group["primary_sources"] == ["Valpress"]
        assert group["independent_sources"] == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pattern", "stem"),
    [
        (r"1 June", LEDGER),
        (r"motorcade", PATRIOT),
        (r"salmon", COASTAL),
        (r"krona", MERIDIAN),
        (r"compensation", LEDGER),
    ],
)
def test_cli_compare_summit_unique_facts(summit_report: Report, pattern: str, stem: str) -> None:
    # a fact one outlet alone reports is a unique row, or that outlet's own detail
    # (``extra``) beside a fact it shares with others; never part of a shared wording
    outlet = outlet_of_file(summit_report, stem)
    rx = re.compile(pattern, re.IGNORECASE)
    alone = []
    for group in groups_with(summit_report, pattern):
        if group["status"] == "unique":
            assert group["outlets"] == [outlet]
            assert len(group["missing_from"]) == 3
            alone.append(group_text(summit_report, group))
        else:
            assert not rx.search(group["shared"]["text"]), group["shared"]
            details = [e for e in group["extra"] if rx.search(e["text"])]
            assert details, group_text(summit_report, group)
            assert {e["outlet"] for e in details} == {outlet}
            alone.extend(e["text"] for e in details)
    assert alone, pattern


@pytest.mark.slow
def test_cli_compare_summit_only_the_planted_conflict(summit_report: Report) -> None:
    conflicting = [g for g in summit_report["claim_groups"] if g["status"] == "conflicting"]
    assert conflicting, "the 40 vs 60 percent discrepancy was not found"
    for group in conflicting:
        text = group_text(summit_report, group)
        assert group["differences"], text
        for diff in group["differences"]:
            assert diff["argument"] == "quantity" and diff["unit"] == "percent", (text, diff)
            assert {v["value"] for v in diff["values"]} == {40.0, 60.0}, (text, diff)
    sides = {v["outlet"] for g in conflicting for d in g["differences"] for v in d["values"]}
    assert outlet_of_file(summit_report, PATRIOT) in sides
    assert sides & {outlet_of_file(summit_report, LEDGER), outlet_of_file(summit_report, MERIDIAN)}


@pytest.mark.slow
def test_cli_compare_writes_html_and_markdown(
    cli: Callable[..., Any], examples_dir: Path, tmp_path: Path
) -> None:
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    result = cli("compare", str(examples_dir / "summit"), "--html", str(html), "--md", str(md))
    assert result.returncode == 0, result.stderr
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert "Patriot Daily" in md.read_text(encoding="utf-8")
    assert "Patriot Daily" in result.stdout  # the terminal report


# --- argument errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give input files"),
        (("nowhere/none.txt",), "none.txt"),
        (("a.txt", "--story", "s1"), "not both"),
    ],
)
def test_cli_compare_errors(cli: Callable[..., Any], args: tuple[str, ...], message: str) -> None:
    result = cli("compare", *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_compare_stored_story(
    cli: Callable[..., Any], summit_report: Report, tmp_path: Path
) -> None:
    from storylens.store import Store

    db = tmp_path / "store.db"
    store = Store.open(str(db))
    try:
        story_id = store.save_report(summit_report)
    finally:
        store.close()
    out = tmp_path / "again.json"
    again = _compare(cli, [], out, "--story", story_id, "--db", str(db), "--quiet")
    assert {a["id"] for a in again["articles"]} == {a["id"] for a in summit_report["articles"]}
    statuses = sorted(g["status"] for g in again["claim_groups"])
    assert statuses == sorted(g["status"] for g in summit_report["claim_groups"])


def test_cli_compare_unknown_story(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("compare", "--story", "s_nope", "--db", str(tmp_path / "empty.db"))
    assert result.returncode != 0
    assert "s_nope" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_compare_bad_input_is_reported_and_skipped(
    cli: Callable[..., Any], examples_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "photo.bin"
    bad.write_bytes(b"\x00\x01\x02 not an article")
    out = tmp_path / "r.json"
    summit = examples_dir / "summit"
    data = _compare(
        cli, [summit / "coastal-voice.txt", summit / "harbor-ledger.html", bad], out, "-q"
    )
    assert len(data["articles"]) == 2
    assert [e["source"] for e in data["errors"]] == [str(bad)]
    agreed = [g for g in data["claim_groups"] if g["status"] == "agreed"]
    assert agreed  # the two readable articles are still compared


@pytest.mark.slow
def test_cli_compare_wire_copy_counts_once(
    cli: Callable[..., Any], examples_dir: Path, tmp_path: Path
) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for path in (examples_dir / "summit").iterdir():
        (story / path.name).write_bytes(path.read_bytes())
    original = (examples_dir / "summit" / "coastal-voice.txt").read_text(encoding="utf-8")
    (story / "coastal-wire.txt").write_text(
        original + "\nShared under licence from Coastal Voice.\n", encoding="utf-8"
    )
    (story / "coastal-wire.meta.json").write_text('{"outlet": "Coastal Wire"}', encoding="utf-8")
    data = _compare(cli, [story], tmp_path / "r.json", "-q")
    assert len(data["duplicates"]) == 1
    dup = data["duplicates"][0]
    assert set(dup["outlets"]) == {"Coastal Voice", "Coastal Wire"}
    assert dup["similarity"] >= 0.8
    salmon = groups_with(data, r"salmon stocks")
    assert salmon
    for group in salmon:
        assert set(group["outlets"]) == {"Coastal Voice", "Coastal Wire"}
        assert group["status"] == "unique"  # one source, however many copies
        assert group["independent_sources"] == 1
    # a copy states what the article it copies states: where one of the two states a row's
    # wording, both do (neither shown as stating only part of it)
    copies = {"Coastal Voice", "Coastal Wire"}
    stated = [set(g.get("shared", {}).get("outlets") or []) for g in data["claim_groups"]]
    either = [s for s in stated if s & copies]
    assert either and all(copies <= s for s in either), either


@pytest.mark.slow
def test_cli_compare_save_to_store(
    cli: Callable[..., Any], examples_dir: Path, tmp_path: Path
) -> None:
    from storylens.store import Store

    db = tmp_path / "store.db"
    out = tmp_path / "r.json"
    result = cli(
        "compare", str(examples_dir / "summit"), "--json", str(out), "-q", "--save", "--db", str(db)
    )
    assert result.returncode == 0, result.stderr
    match = re.search(r"saved as story (\S+)", result.stderr)
    assert match, result.stderr
    store = Store.open(str(db))
    try:
        saved = store.get_report(match.group(1))
        articles = store.story_articles(match.group(1))
    finally:
        store.close()
    written = json.loads(out.read_text(encoding="utf-8"))
    assert saved is not None
    assert saved["claim_groups"] == written["claim_groups"]
    assert {a.id for a in articles} == {a["id"] for a in written["articles"]}


@pytest.mark.parametrize(
    ("args", "fast"),
    [
        (["compare", "a.html", "--json", "out.json"], True),
        (["-v", "analyse", "a.html"], True),
        (["compare", "a.html", "--save"], False),  # writes to the store: normal shutdown
        (["corpus", "crawl/", "--out", "o"], False),
        (["ingest", "a.html", "--db", "x.db"], False),
        ([], False),
    ],
)
def test_only_read_only_commands_leave_without_interpreter_teardown(
    args: list[str], fast: bool
) -> None:
    from storylens.cli import _fast_exit

    assert _fast_exit(args) is fast


@pytest.mark.parametrize(
    ("args", "early"),
    [
        (["compare", "a.html", "b.html", "--json", "out.json"], True),
        (["-v", "compare", "a.html"], True),
        (["compare", "--help"], False),  # analyses nothing
        (["compare", "a.html", "--config", "one-process.toml"], False),  # may ask for one
        (["analyse", "a.html"], False),
        (["corpus", "crawl/", "--out", "o"], False),
        ([], False),
    ],
)
def test_compare_starts_loading_the_workers_model_before_reading_its_arguments(
    args: list[str], early: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens import _main
    from storylens.analyse import parallel

    started: list[object] = []
    monkeypatch.setattr(parallel, "start", started.append)
    _main._start_workers(args)
    assert [type(s).__name__ for s in started] == (["Settings"] if early else [])
