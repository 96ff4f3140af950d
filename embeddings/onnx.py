"""The fast backend: the model's transformer exported to ONNX, int8-quantised, on ONNX Runtime.

Only the transformer runs in ONNX; pooling and normalising are a few numpy lines here, so
the export stays a plain BERT-style graph. The export is made once per model (about 6 s for
all-MiniLM-L6-v2 on 2 cores) and cached under ``embeddings.onnx_cache_dir``::

    <onnx_cache_dir>/<model name>-<key>/model.int8.onnx   (+ meta.json)

``<key>`` hashes the model directory's path and its files' sizes and mtimes, and the export
recipe and tool versions, so a different or updated model gets its own export and a
restart reuses the file.

>>> slug("all-MiniLM-L6-v2 (copy)")
'all-MiniLM-L6-v2-copy'
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
import tempfile
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from embeddings.base import BatchedEncoder
from embeddings.text import load_tokenizer, pad_token, transformer_dir

# Bump when the export or quantisation recipe changes: old cache entries are then ignored.
EXPORT_RECIPE = "v1:torchscript-opset17:dynamic-int8-per-channel"
MODEL_FILE = "model.int8.onnx"
META_FILE = "meta.json"
OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export_onnx(cfg) -> Path:
    """Export and quantise the configured model unless cached; return the int8 model's path.

    Idempotent: a second call (any process) finds the file and returns at once. Setup can
    call it so the first worker does not pay for the export.
    """
    from embeddings.loader import offline, resolve_model_path

    model_dir = resolve_model_path(cfg)
    target = export_path(cfg, model_dir)
    if target.is_file():
        return target
    offline()
    _export(model_dir, target)
    return target


def export_path(cfg, model_dir: Path) -> Path:
    """Where the int8 export of ``model_dir`` lives (whether or not it exists yet)."""
    from embeddings.loader import model_name

    key = cache_key(model_dir)
    return Path(cfg.onnx_cache_dir) / f"{slug(model_name(model_dir))}-{key}" / MODEL_FILE


def cache_key(model_dir: Path) -> str:
    """16 hex digits over path, file sizes and mtimes, recipe and tool versions.

    Stat, not content: a content hash would read all the weights (~90 MB) on every start,
    and a replaced or updated file gets a new mtime anyway.
    """
    model_dir = Path(model_dir).resolve()
    h = hashlib.sha256()
    for part in (EXPORT_RECIPE, str(model_dir), _version("onnxruntime"), _version("torch"), _version("transformers")):
        h.update(part.encode() + b"\0")
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        st = path.stat()
        h.update(f"{path.relative_to(model_dir)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # an onnx-only install can run a cached export without torch
        return "-"


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "model"


def layout(model_dir: Path) -> dict:
    """Where the transformer is and how it is pooled, from the sentence-transformers files.

    Only Transformer + Pooling (mean or cls) + Normalize pipelines are supported here; a
    model with e.g. a Dense head must use the torch backend.
    """
    model_dir = Path(model_dir)
    modules_file = model_dir / "modules.json"
    modules = json.loads(modules_file.read_text()) if modules_file.is_file() else []
    transformer, pooling = transformer_dir(model_dir), "mean"
    for module in modules:
        kind = module["type"].rsplit(".", 1)[-1]
        path = model_dir / module.get("path", "")
        if kind == "Pooling":
            pooling = _pooling_mode(path / "config.json")
        elif kind not in ("Transformer", "Normalize"):
            raise NotImplementedError(
                f"embeddings: the onnx backend cannot run the {kind} module of {model_dir}; "
                "use embeddings.backend = \"torch\""
            )
    config = json.loads((transformer / "config.json").read_text())
    limit = config.get("max_position_embeddings", 512)
    st_config = transformer / "sentence_bert_config.json"
    if st_config.is_file():
        limit = json.loads(st_config.read_text()).get("max_seq_length") or limit
    return {"transformer": transformer, "pooling": pooling, "dim": config["hidden_size"], "max_seq_length": limit}


def _pooling_mode(config_file: Path) -> str:
    config = json.loads(config_file.read_text()) if config_file.is_file() else {}
    if "pooling_mode" in config:  # newer sentence-transformers write the mode by name
        mode = config["pooling_mode"]
    else:
        on = [k.removeprefix("pooling_mode_").removesuffix("_token").removesuffix("_tokens")
              for k, v in config.items() if k.startswith("pooling_mode_") and v is True]
        mode = on[0] if len(on) == 1 else "+".join(on) or "mean"
    if mode not in ("mean", "cls"):
        raise NotImplementedError(f"embeddings: the onnx backend pools by mean or cls, not {mode!r}")
    return mode


def _export(model_dir: Path, target: Path) -> None:
    """Export fp32 to a temporary directory, quantise, then move the result into place.

    The final rename is atomic, so a worker starting meanwhile sees no file or a whole one;
    two exporting at once both succeed (the last rename wins, the files are equivalent).
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    info = layout(model_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Eager attention: plain MatMul/Softmax nodes, the same on every torch version (the
    # fused sdpa kernel is exported differently from release to release).
    model = AutoModel.from_pretrained(str(info["transformer"]), attn_implementation="eager", local_files_only=True)
    model.eval()
    names = [n for n in INPUTS if n in inspect.signature(model.forward).parameters]

    class LastHidden(torch.nn.Module):  # a tensor out, not a ModelOutput, for the exporter
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *tensors):
            return self.inner(**dict(zip(names, tensors))).last_hidden_state

    dummy = tuple(torch.zeros(2, 8, dtype=torch.long) if n == "token_type_ids" else torch.ones(2, 8, dtype=torch.long)
                  for n in names)
    axes = {n: {0: "batch", 1: "sequence"} for n in (*names, "last_hidden_state")}
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".export-") as tmp:
        fp32, int8 = Path(tmp) / "model.fp32.onnx", Path(tmp) / MODEL_FILE
        with torch.no_grad(), warnings.catch_warnings():
            # dynamo=False: the torch.export-based exporter needs onnxscript, which is not a
            # dependency; the TorchScript exporter handles BERT-style encoders well. Its
            # warnings are about the legacy path and about the attention mask's padding
            # branch being traced as a constant, which holds: mask and ids always share a
            # length (tests compare padded batches against torch).
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHidden(model), dummy, str(fp32), dynamo=False, opset_version=OPSET,
                input_names=names, output_names=["last_hidden_state"], dynamic_axes=axes,
            )
        quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8)
        meta = {
            "model_dir": str(model_dir), "recipe": EXPORT_RECIPE, "inputs": names,
            "pooling": info["pooling"], "dim": info["dim"], "max_seq_length": info["max_seq_length"],
            "onnxruntime": _version("onnxruntime"), "torch": _version("torch"),
        }
        (target.parent / META_FILE).write_text(json.dumps(meta, indent=2))
        os.replace(int8, target)


class OnnxEncoder(BatchedEncoder):
    backend = "onnx-int8"

    def __init__(self, onnx_file: Path, model_dir: Path, *, name: str, max_tokens: int, batch_size: int, threads: int):
        import onnxruntime as ort

        info = layout(model_dir)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]
        self.pooling = info["pooling"]
        self.tokenizer = load_tokenizer(model_dir)  # for counting: no padding, no truncation
        specials = len(self.tokenizer.encode("", add_special_tokens=True).ids)
        self.max_tokens = min(max_tokens, info["max_seq_length"] - specials)
        self.batcher = load_tokenizer(model_dir)  # for batches: pad to the longest, truncate like torch
        pad_id, pad = pad_token(self.batcher, model_dir)
        self.batcher.enable_padding(pad_id=pad_id, pad_token=pad)
        self.batcher.enable_truncation(self.max_tokens + specials)
        self.dim = int(info["dim"])
        # One text per run, whatever batch_size says: dynamic int8 quantisation scales the
        # activations per run, so in a batch a vector depends on its neighbours. Alone, it is
        # reproducible (replay equals the stream) and, without padding, as fast on CPU.
        self.batch_size = 1
        self.name = f"{name}/{self.backend}"
        self.onnx_file = Path(onnx_file)

    @classmethod
    def from_config(cls, cfg, model_dir: Path) -> OnnxEncoder:
        from embeddings.loader import model_name

        return cls(
            export_onnx(cfg), model_dir, name=model_name(model_dir),
            max_tokens=cfg.max_tokens, batch_size=cfg.batch_size, threads=cfg.threads,
        )

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.batcher.encode_batch(texts)
        arrays = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        hidden = self.session.run(None, {n: arrays[n] for n in self.input_names})[0]
        if self.pooling == "cls":
            return hidden[:, 0]
        mask = arrays["attention_mask"][..., None].astype(np.float32)
        return (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
