"""Fusing the MiniLM export's attention blocks and GELUs (storylens.models.fuse)."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storylens.models import embed as embed_module

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from storylens.models import fuse as fuse_module  # noqa: E402  (needs onnx)

TEXTS = [
    "The ferry to Orsk stayed in port all week.",
    "Nine fishing boats were seized off the Ostrena coast on Sunday, the navy said.",
    "Grain prices fell.",
]


@pytest.fixture(scope="module")
def folded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped model with its int8 weights folded to float (as prepare_model starts)."""
    path = tmp_path_factory.mktemp("fuse") / "folded.onnx"
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(path)
    shipped = str(embed_module._model_path())
    ort.InferenceSession(shipped, options, providers=["CPUExecutionProvider"])
    return path


def _hidden(path: Path, texts: list[str]) -> list[Any]:
    """Mean-pooled vectors of ``texts`` run as one padded batch (mask 0 on the padding)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(embed_module._tokenizer_path()))
    tokenizer.no_padding()
    ids = [tokenizer.encode(t).ids for t in texts]
    width = max(map(len, ids))
    batch = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros_like(batch)
    for row, seq in enumerate(ids):
        batch[row, : len(seq)] = seq
        mask[row, : len(seq)] = 1
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feeds = {"input_ids": batch, "attention_mask": mask, "token_type_ids": np.zeros_like(batch)}
    hidden = session.run(None, feeds)[0]
    out = []
    for row, seq in enumerate(ids):
        pooled = hidden[row, : len(seq)].mean(axis=0)
        out.append(pooled / np.linalg.norm(pooled))
    return out


@pytest.mark.slow
def test_fused_graph_computes_what_the_export_computes(folded: Path, tmp_path: Path) -> None:
    model = onnx.load(str(folded))
    assert fuse_module.fuse(model) == (6, 6)
    ops = Counter(n.op_type for n in model.graph.node)
    assert ops["MultiHeadAttention"] == 6 and ops["Gelu"] == 6
    assert not ops["Softmax"] and not ops["Erf"] and not ops["Transpose"]
    assert len(model.graph.node) < 150  # from ~450
    fused = tmp_path / "fused.onnx"
    onnx.save(model, str(fused))
    # a padded batch: the padding must stay masked out of every text's attention
    for plain, joined in zip(_hidden(folded, TEXTS), _hidden(fused, TEXTS), strict=True):
        assert float(plain @ joined) > 0.99999
    alone = _hidden(fused, TEXTS[2:])[0]
    assert float(alone @ _hidden(fused, TEXTS)[2]) > 0.99999


def _tiny(nodes: list[Any]) -> Any:
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
    return helper.make_model(helper.make_graph(nodes, "tiny", [x], [y]))


def test_a_graph_with_nothing_to_fuse_is_left_alone() -> None:
    from onnx import helper

    model = _tiny([helper.make_node("Relu", ["x"], ["y"])])
    before = model.SerializeToString()
    assert fuse_module.fuse(model) == (0, 0)
    assert model.SerializeToString() == before


def test_an_unfamiliar_attention_spelling_is_refused_unchanged() -> None:
    from onnx import helper

    # a softmax over something that is not masked scores
    model = _tiny([helper.make_node("Softmax", ["x"], ["y"], axis=-1)])
    before = model.SerializeToString()
    with pytest.raises(fuse_module.FusionError, match="not made by Add"):
        fuse_module.fuse(model)
    assert model.SerializeToString() == before


@pytest.mark.slow
def test_a_fusion_that_drifts_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # with the wrong number of heads the fused graph computes something else: the check
    # against the unfused graph must catch it, and the model is built unfused
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(fuse_module, "NUM_HEADS", 6)
    with caplog.at_level(logging.WARNING, logger="storylens.models.embed"):
        built = embed_module.prepare_model()
    assert "left unfused: fused graph drifts" in caplog.text
    assert built.parent == tmp_path / "models"
    ops = Counter(n.op_type for n in onnx.load(str(built)).graph.node)
    assert ops["Softmax"] == 6 and not ops["MultiHeadAttention"]
