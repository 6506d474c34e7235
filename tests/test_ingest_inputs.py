"""Input dispatch through the library: directories, sidecars, JSON Lines, bad inputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storylens.errors import BadRecord, BinaryInput, EmptyInput, InputError, TooLarge
from storylens.ingestion import ingest
from storylens.settings import Settings

STORY = (
    "Ferry Strike Ends\n\nBy Mio Farrell\n\nMay 9, 2025\n\n"
    "Ferry crews in Lantern City ended a four-day strike on Friday after a pay deal.\n\n"
    "The union said its members would get a 6 percent raise over two years.\n"
)
SPANISH = (
    "El ayuntamiento de Lantern City aprobó el viernes una nueva línea de tranvía que unirá el "
    "puerto con la universidad, según informaron fuentes municipales."
)


def test_ingest_inputs_directory_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ferry.txt").write_text(STORY)
    (tmp_path / "sub" / "ferry.meta.json").write_text(
        json.dumps({"url": "https://www.lanternpost.example/ferry", "byline": "Orla Benn"})
    )
    (tmp_path / ".hidden.txt").write_text(STORY)
    result = ingest([str(tmp_path)], Settings())
    assert result.errors == []
    [art] = result.articles
    assert art.url == "https://www.lanternpost.example/ferry"
    assert art.byline == "Orla Benn"  # the sidecar wins over the text's byline
    assert art.outlet == "lanternpost.example"
    assert art.published == "2025-05-09"
    assert art.title == "Ferry Strike Ends"


def test_ingest_inputs_sidecar_with_bad_date_is_reported(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(STORY)
    (tmp_path / "ferry.meta.json").write_text(json.dumps({"published": "last Tuesday"}))
    result = ingest([str(tmp_path / "ferry.txt")], Settings())
    [err] = result.errors
    assert isinstance(err, BadRecord) and "published" in err.reason


def test_ingest_inputs_jsonl_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": STORY, "outlet": "Lantern Post"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": SPANISH, "published": "2025-05-09T10:00:00Z"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    result = ingest([str(path)], Settings())
    assert [a.outlet for a in result.articles] == ["Lantern Post", "batch"]
    assert result.articles[1].published == "2025-05-09"
    assert [(type(e), e.source) for e in result.errors] == [
        (BadRecord, f"{path}:2"),
        (BadRecord, f"{path}:3"),
        (BadRecord, f"{path}:4"),
    ]


def test_ingest_inputs_non_english_is_kept_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "tranvia.txt"
    path.write_text(SPANISH)
    [art] = ingest([str(path)], Settings()).articles
    assert art.language == "es"


def test_ingest_inputs_json_array_round_trip(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(STORY)
    first = ingest([str(tmp_path / "ferry.txt")], Settings()).articles
    dump = tmp_path / "articles.json"
    dump.write_text(json.dumps([a.to_dict() for a in first]))
    again = ingest([str(dump)], Settings()).articles
    assert [a.text for a in again] == [a.text for a in first]
    assert [a.id for a in again] == [a.id for a in first]
    assert again[0].removed == first[0].removed


def test_ingest_inputs_gzip_file(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    [art] = ingest([str(tmp_path / "ferry.txt.gz")], Settings()).articles
    assert art.title == "Ferry Strike Ends"


@pytest.mark.parametrize(
    ("name", "data", "error", "reason"),
    [
        ("empty.txt", b"", EmptyInput, "empty"),
        ("image.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", BinaryInput, "JPEG"),
        ("nul.md", b"abc\x00def", BinaryInput, "NUL"),
        ("big.txt", b"word " * 400, TooLarge, "size cap"),
        ("nav.html", b"<html><body><nav>Home</nav></body></html>", InputError, "no article"),
    ],
)
def test_ingest_inputs_bad_files_do_not_stop_others(
    tmp_path: Path, name: str, data: bytes, error: type[InputError], reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Canal Reopens\n\nThe canal reopened on Monday.")
    result = ingest([str(bad), str(good), str(tmp_path / "missing.txt")], Settings(max_bytes=1500))
    assert len(result.articles) == 1
    assert isinstance(result.errors[0], error)
    assert result.errors[0].source == str(bad)
    assert reason in result.errors[0].reason
    assert result.errors[1].source.endswith("missing.txt")


def test_ingest_inputs_cp1251_file_decodes_and_is_marked_russian(tmp_path: Path) -> None:
    text = (
        "Мэр Лантерн-Сити открыл новый мост через канал в субботу.\n\n"
        "Строительство моста обошлось городу в сорок миллионов крон, сообщили в мэрии."
    )
    path = tmp_path / "most.txt"
    path.write_bytes(text.encode("cp1251"))
    [art] = ingest([str(path)], Settings()).articles
    assert art.language == "ru"
    assert "Строительство моста обошлось городу" in art.text


@pytest.mark.parametrize("item", ["ftp://example.org/story.txt", "file:///etc/passwd"])
def test_ingest_inputs_other_url_schemes_refused(item: str) -> None:
    [err] = ingest([item], Settings()).errors
    assert err.source == item and "unsupported URL scheme" in err.reason
