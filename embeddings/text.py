"""What is embedded: the headline and the lead, cut to the model's token budget.

A story is recognised by its top: headline and first paragraphs. Later paragraphs are
background that many stories share, and the model would truncate them anyway. Tokens are
counted with the model's own tokenizer, so the budget is the one the encoder really reads.

>>> tok = WhitespaceTokenizer()
>>> story_text("Quake hits city", ["A strong quake hit the city. Many fled.", "More later."], tok, 9)
'Quake hits city\\nA strong quake hit the city.'
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a space and
# something that can start a sentence. Abbreviations ("Mr. Smith") give false ends; that
# only moves the cut a little earlier, it never breaks the budget.
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])")
# Bodies can run to 200 000 characters; only the first few hundred tokens can matter, so
# don't tokenise the rest. 16 characters per token is far above real text (~4-6).
CHARS_PER_TOKEN_CAP = 16
# When the last whole sentence that fits leaves more than half the budget unused (one very
# long lead sentence), cut inside the sentence instead: the words are worth more than the tidy end.
MIN_FILL = 0.5
# A hard cut moves back to the start of a word if that costs at most this many tokens (and
# at most a quarter of the budget): "Rotterdam-" is noise, but so is losing a long word.
WORD_BACKOFF_TOKENS = 16


def story_text(headline: str, paragraphs: Sequence[str], tokenizer: Any, max_tokens: int) -> str:
    """Headline and lead paragraphs (joined by newlines), at most ``max_tokens`` tokens.

    Whole paragraphs, then whole sentences are preferred; a hard cut at the budget is used
    when whole sentences would fill less than half of it. Special tokens ([CLS], [SEP]) are
    not counted. ``tokenizer`` is a ``tokenizers.Tokenizer`` (or a fast transformers tokenizer).

    >>> tok = WhitespaceTokenizer()
    >>> story_text("One two three four five six", [], tok, 4)
    'One two three four'
    >>> story_text("  ", ["", "Only body."], tok, 10)
    'Only body.'
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be >= 1, got {max_tokens}")
    parts = [" ".join(p.split()) for p in (headline, *paragraphs)]
    text = _head("\n".join(p for p in parts if p), max_tokens * CHARS_PER_TOKEN_CAP)
    offsets = token_offsets(tokenizer, text)
    if len(offsets) <= max_tokens:
        return text
    limit = offsets[max_tokens][0]  # start of the first token over budget: text[:limit] fits
    ends = [m.end() for m in SENTENCE_END.finditer(text) if m.end() <= limit]
    ends += [m.start() for m in re.finditer("\n", text[:limit])]  # paragraph ends
    best = max(ends, default=0)
    if sum(1 for _, end in offsets if end <= best) >= MIN_FILL * max_tokens:
        cut = best
    else:
        backoff = min(WORD_BACKOFF_TOKENS, max_tokens // 4)
        cut = _word_start(text, limit, offsets[max_tokens - backoff][0])
    # Tokenizers that do not split on whitespace may count a prefix differently from the
    # same stretch of the whole text: re-count and step back a token until it fits.
    k = max_tokens
    while cut > 0 and len(token_offsets(tokenizer, text[:cut].rstrip())) > max_tokens:
        k -= 1
        cut = min(cut - 1, offsets[k][0]) if k > 0 else 0
    return text[:cut].rstrip()


def count_tokens(tokenizer: Any, text: str) -> int:
    """Tokens in ``text``, special tokens not counted.

    >>> count_tokens(WhitespaceTokenizer(), "three little words")
    3
    """
    return len(token_offsets(tokenizer, text))


def token_offsets(tokenizer: Any, text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the tokens of ``text``, without special tokens."""
    encoding = tokenizer.encode(text, add_special_tokens=False)
    if hasattr(encoding, "offsets"):  # tokenizers.Tokenizer
        return [(s, e) for s, e in encoding.offsets]
    # transformers fast tokenizer: encode() returned plain ids
    mapping = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    return [(s, e) for s, e in mapping]


def transformer_dir(model_dir: Path) -> Path:
    """Where a sentence-transformers model keeps its transformer and tokenizer files: the
    directory itself, or the Transformer module's subdirectory ("0_Transformer" in older models).
    """
    model_dir = Path(model_dir)
    modules = model_dir / "modules.json"
    if modules.is_file():
        for module in json.loads(modules.read_text(encoding="utf-8")):
            if module.get("type", "").rsplit(".", 1)[-1] == "Transformer":
                return model_dir / module.get("path", "")
    return model_dir


def load_tokenizer(model_dir: Path):
    """The model's fast tokenizer, with padding and truncation off (so counts are true).

    ``tokenizer.json`` of all-MiniLM-L6-v2 ships with truncation at 128 and padding to a
    fixed 128: used as is, every count would stop at 128 and every batch would be padded.
    """
    from tokenizers import Tokenizer

    model_dir = transformer_dir(model_dir)
    path = model_dir / "tokenizer.json"
    if path.is_file():
        tokenizer = Tokenizer.from_file(str(path))
    else:  # only vocab files: let transformers build the fast tokenizer from them
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True).backend_tokenizer
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def pad_token(tokenizer, model_dir: Path) -> tuple[int, str]:
    """(id, token) used for padding: from tokenizer.json, else special_tokens_map.json."""
    model_dir = transformer_dir(model_dir)
    from_file = {}
    path = Path(model_dir) / "tokenizer.json"
    if path.is_file():
        from_file = json.loads(path.read_text(encoding="utf-8")).get("padding") or {}
    if "pad_token" in from_file:
        return int(from_file.get("pad_id", 0)), from_file["pad_token"]
    special = Path(model_dir) / "special_tokens_map.json"
    token = "[PAD]"
    if special.is_file():
        value = json.loads(special.read_text(encoding="utf-8")).get("pad_token", token)
        token = value["content"] if isinstance(value, dict) else value
    pad_id = tokenizer.token_to_id(token)
    return (0 if pad_id is None else pad_id), token


def _head(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[:max_chars]


def _word_start(text: str, cut: int, floor: int) -> int:
    """``cut`` moved back to the start of the word it falls in, but not below ``floor``."""
    if cut <= 0 or cut >= len(text) or text[cut - 1].isspace() or text[cut].isspace():
        return cut
    space = max(text.rfind(" ", 0, cut), text.rfind("\n", 0, cut))
    return space if space > floor else cut


@dataclass
class _Encoding:
    ids: list[int]
    offsets: list[tuple[int, int]]


class WhitespaceTokenizer:
    """A stand-in with the ``tokenizers.Tokenizer`` interface: one token per word.

    For doctests and unit tests that must not load a model.

    >>> WhitespaceTokenizer().encode("a bb  c", add_special_tokens=False).offsets
    [(0, 1), (2, 4), (6, 7)]
    """

    def encode(self, text: str, add_special_tokens: bool = True) -> _Encoding:
        offsets = [m.span() for m in re.finditer(r"\S+", text)]
        return _Encoding(ids=list(range(len(offsets))), offsets=offsets)
