"""story_text: what is embedded, within the token budget."""

from __future__ import annotations

import random
import re

import pytest

from embeddings.text import CHARS_PER_TOKEN_CAP, WhitespaceTokenizer, count_tokens, load_tokenizer, story_text
from embeddings.loader import resolve_model_path
from stream.settings import Embeddings

WS = WhitespaceTokenizer()


class PieceTokenizer(WhitespaceTokenizer):
    """Words split into 3-character pieces: a hard cut can fall inside a word."""

    def encode(self, text, add_special_tokens=True):
        enc = super().encode(text, add_special_tokens)
        enc.offsets = [(s + i, min(s + i + 3, e)) for s, e in enc.offsets for i in range(0, e - s, 3)]
        return enc


class TransformersStyle:
    """The transformers fast-tokenizer interface: encode() gives ids, __call__ offsets."""

    def encode(self, text, add_special_tokens=True):
        return WS.encode(text).ids

    def __call__(self, text, add_special_tokens=True, return_offsets_mapping=False):
        return {"offset_mapping": WS.encode(text).offsets}


class Counting(WhitespaceTokenizer):
    def __init__(self):
        self.chars = 0

    def encode(self, text, add_special_tokens=True):
        self.chars += len(text)
        return super().encode(text, add_special_tokens)


def test_everything_when_it_fits():
    assert story_text("Head line", ["One para.", "Two para."], WS, 50) == "Head line\nOne para.\nTwo para."


def test_whole_paragraphs_preferred():
    paragraphs = ["First paragraph has five words.", "Second one is longer than budget allows here."]
    assert story_text("Headline", paragraphs, WS, 10) == "Headline\nFirst paragraph has five words."


def test_whole_sentences_preferred():
    lead = "Rebels took the town. Thousands fled north overnight. Aid groups warned of shortages."
    assert story_text("Town falls", [lead], WS, 12) == "Town falls\nRebels took the town. Thousands fled north overnight."


def test_hard_cut_when_sentences_would_waste_the_budget():
    long_sentence = " ".join(f"w{i}" for i in range(40)) + "."
    out = story_text("Short head", [long_sentence], WS, 20)
    assert count_tokens(WS, out) == 20  # filled to the budget, not stopped after the headline
    assert out.startswith("Short head\nw0 w1")


def test_headline_alone_over_budget_is_cut():
    assert story_text("one two three four five", ["body"], WS, 3) == "one two three"


def test_empty_and_blank_parts_are_dropped():
    assert story_text("", [], WS, 10) == ""
    assert story_text("  ", ["", "  ", "Body  text\twith   spaces."], WS, 10) == "Body text with spaces."


def test_hard_cut_inside_a_word_backs_off_to_the_word_start():
    out = story_text("Supercalifragilistic expialidocious", [], PieceTokenizer(), 8)
    assert out == "Supercalifragilistic"  # 7 pieces; the 8th would start a half word
    assert count_tokens(PieceTokenizer(), out) <= 8


def test_transformers_style_tokenizer_works():
    assert story_text("one two three four", [], TransformersStyle(), 2) == "one two"


def test_long_bodies_are_not_tokenised_whole():
    tok = Counting()
    story_text("Head", ["word " * 100_000], tok, 32)
    assert tok.chars < 3 * 32 * CHARS_PER_TOKEN_CAP


def test_bad_budget():
    with pytest.raises(ValueError):
        story_text("a", [], WS, 0)


@pytest.mark.parametrize("tokenizer", [WS, PieceTokenizer()], ids=["words", "pieces"])
def test_budget_respected_on_random_stories(tokenizer):
    rng = random.Random(7)
    words = "the a Minister said on Tuesday. bank rates! U.S. 4.5 pct Reuters (AP) quote\" end? x".split()
    for _ in range(300):
        headline = " ".join(rng.choices(words, k=rng.randint(0, 15)))
        paragraphs = [" ".join(rng.choices(words, k=rng.randint(0, 60))) for _ in range(rng.randint(0, 6))]
        budget = rng.randint(1, 80)
        out = story_text(headline, paragraphs, tokenizer, budget)
        assert count_tokens(tokenizer, out) <= budget
        full = "\n".join(p for p in (" ".join(x.split()) for x in (headline, *paragraphs)) if p)
        assert full.startswith(out)  # a prefix of the story, nothing invented or reordered
        if count_tokens(tokenizer, full) <= budget:
            assert out == full


# The real tokenizer (no model weights are loaded for these).


@pytest.fixture(scope="module")
def minilm_tokenizer():
    return load_tokenizer(resolve_model_path(Embeddings()))


def test_real_tokenizer_counts_past_the_shipped_truncation(minilm_tokenizer):
    # tokenizer.json ships truncating at 128; counting must see every token
    assert count_tokens(minilm_tokenizer, "word " * 300) == 300


def test_real_tokenizer_budget_respected(minilm_tokenizer):
    rng = random.Random(3)
    vocab = ("Bundesbank Präsident Rotterdam-based shipowners' 1,250,000 tonnes U.S. Treasury's "
             "unprecedented quarter-point rate-cut 'wait-and-see' Kuala Lumpur mln dlrs vs.").split()
    for budget in (8, 16, 31, 64, 128, 256):
        for _ in range(30):
            paragraphs = [" ".join(rng.choices(vocab, k=rng.randint(5, 80))) + "." for _ in range(4)]
            out = story_text("MARKETS RALLY AS " + rng.choice(vocab), paragraphs, minilm_tokenizer, budget)
            n = count_tokens(minilm_tokenizer, out)
            assert n <= budget
            assert n >= budget // 2  # enough text was offered to fill at least half of it


def test_real_tokenizer_on_reuters(minilm_tokenizer, shared_data):
    import gzip
    import json

    with gzip.open(shared_data / "reuters21578.jsonl.gz", "rt") as lines:
        items = [json.loads(next(lines)) for _ in range(300)]
    for item in items:
        paragraphs = re.split(r"\n\n", item.get("body_text") or "")
        out = story_text(item.get("headline") or "", paragraphs, minilm_tokenizer, 64)
        assert count_tokens(minilm_tokenizer, out) <= 64
