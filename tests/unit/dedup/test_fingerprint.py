"""Signatures: equal to datasketch's MinHash, deterministic across processes, accurate enough."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from stream.dedup import fingerprint as fp
from tests.helpers.dedup import QUAKE, RAQQA, RAQQA_WRITETHRU, norm

from tests.helpers.paths import ROOT
TEXT = norm(" ".join(RAQQA))


def test_signature_equals_datasketch_affine64_minhash_of_the_same_shingle_hashes():
    hashes = fp.shingle_hashes(TEXT, 3)
    reference = MinHash(num_perm=128, seed=fp.SEED, scheme="affine64", hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(fp.signature(TEXT, 128, 3), reference.hashvalues)
    a, b = reference.permutations
    assert np.array_equal(fp.permutations(128)[0], a) and np.array_equal(fp.permutations(128)[1], b)


def test_one_hash_per_shingle_and_equal_shingles_hash_equal():
    hashes = fp.shingle_hashes(TEXT, 3)
    shingles = fp.shingles(TEXT, 3)
    assert len(hashes) == len(shingles)
    by_text: dict[str, int] = {}
    for s, h in zip(shingles, hashes.tolist()):
        assert by_text.setdefault(s, h) == h
    assert len(set(hashes.tolist())) == len(set(shingles))  # no collisions in this text


def test_unicode_text():
    text = "die türkische armee rückt in den nordirak vor, meldet die nachrichtenagentur dpa."
    assert len(fp.shingle_hashes(text, 3)) == len(fp.shingles(text, 3)) == 10
    twice = fp.shingle_hashes("über straße über straße über", 2)  # multi-byte spans at offsets
    assert twice[0] == twice[2] and twice[1] == twice[3] and twice[0] != twice[1]
    assert fp.jaccard(fp.signature(text), fp.signature(text.replace("ü", "u"))) < 1.0


def test_short_and_empty_texts():
    assert len(fp.shingle_hashes("urgent raqqa", 3)) == 1
    assert len(fp.shingle_hashes(" -- ", 3)) == 0
    assert fp.is_empty(fp.signature(" -- "))
    assert not fp.is_empty(fp.signature("urgent"))


def test_long_text_is_processed_in_chunks_with_the_same_result():
    rng = np.random.default_rng(7)
    hashes = rng.integers(0, 2**63, size=10_000, dtype=np.uint64)
    a, b = fp.permutations(64)
    whole = (np.multiply.outer(fp._fmix64(hashes), a) + b).min(axis=0)
    assert np.array_equal(fp.minhash(hashes, 64), whole)


@pytest.mark.parametrize(
    "left, right",
    [
        (RAQQA, RAQQA[:3] + [RAQQA[3].replace("capital", "stronghold")] + RAQQA[4:]),
        (RAQQA, RAQQA_WRITETHRU),
        (RAQQA, QUAKE),
    ],
)
def test_jaccard_estimate_is_close_to_the_true_jaccard(left, right):
    a, b = norm(" ".join(left)), norm(" ".join(right))
    sa, sb = set(fp.shingles(a)), set(fp.shingles(b))
    truth = len(sa & sb) / len(sa | sb)
    assert fp.jaccard(fp.signature(a, 256), fp.signature(b, 256)) == pytest.approx(truth, abs=0.1)


def test_bytes_round_trip():
    sig = fp.signature(TEXT)
    data = fp.to_bytes(sig)
    assert len(data) == 8 * 128
    back = fp.from_bytes(data)
    assert back.dtype == np.uint64 and np.array_equal(back, sig) and back.flags.writeable


def test_signature_is_the_same_in_another_process():
    code = (
        "from stream.dedup import fingerprint as fp; import sys;"
        "sys.stdout.write(fp.to_bytes(fp.signature(sys.stdin.read())).hex() + fp.exact_hash('x').hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}  # a different str hash() than this process
    out = subprocess.run(
        [sys.executable, "-c", code], input=TEXT, env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out == fp.to_bytes(fp.signature(TEXT)).hex() + fp.exact_hash("x").hex()


def test_sentence_hashes_are_salted_by_agency_and_skip_short_sentences():
    paras = [norm(RAQQA[0]), "more follows. terms were not disclosed."]
    ap, words = fp.sentence_hashes(paras, "AP")
    assert len(ap) == 1 and words.tolist() == [25]
    assert not set(ap.tolist()) & set(fp.sentence_hashes(paras, "AFP")[0].tolist())


@pytest.mark.parametrize(
    "text",
    ["", "a", "'", "a'", "'a", "a'b", "a''b", "a.b.c", "x,y, z", "über,straße", "1.5.", ".5", "a_b-c",
     "don't stop at 155,221 bags, 5.93 mln - u.s. officials said", TEXT],
)
def test_byte_tokeniser_agrees_with_the_word_rule(text):
    data = text.encode("utf-8")
    starts, ends = fp.word_spans(np.frombuffer(data, dtype=np.uint8))
    assert [data[s:e].decode() for s, e in zip(starts, ends)] == fp.words(text)


def test_punctuation_between_words_does_not_change_shingles():
    assert np.array_equal(fp.shingle_hashes("he said, the army left"), fp.shingle_hashes("he said the army - left"))


def test_batch_signatures_equal_one_by_one():
    rng = np.random.default_rng(3)
    vocab = ["raqqa", "syrian", "forces", "don't", "155,221", "über", "a", "the", "said", ",", "--"]
    texts = [" ".join(rng.choice(vocab, size=int(n))) for n in rng.integers(0, 40, size=300)]
    texts += ["", "...", "flash", "two words", TEXT, TEXT * 40]  # empty, short, long (own path)
    for size in (1, 3, 5):
        batch = fp.signatures(texts, 32, size)
        assert all(np.array_equal(batch[i], fp.signature(t, 32, size)) for i, t in enumerate(texts)), size
