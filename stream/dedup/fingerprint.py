"""Fingerprints of a piece of copy: MinHash signature, exact-text hash, paragraph and sentence hashes.

The MinHash signature is computed with numpy over all word shingles of an item at once, with no
Python loop over words or shingles:

1. the UTF-8 bytes of the text are classified with a lookup table (word byte or not), so words
   are runs of word bytes (``WORD`` is the same rule as a regular expression);
2. every word is hashed with a 64-bit polynomial hash taken from prefix sums (one ``cumsum``
   over the bytes), then mixed with MurmurHash3's ``fmix64``;
3. a shingle of ``k`` words hashes to ``sum(word_hash[i + j] * M[j])`` with fixed odd ``M[j]``,
   so equal word sequences hash equal wherever they occur and punctuation between words does
   not matter ("said, the" and "said the" are one shingle);
4. the shingle hashes go through datasketch's "affine64" scheme (``fmix64`` then
   ``a * h + b mod 2**64`` per permutation, ``a`` odd) and the column minimum is the signature.

Everything is derived from fixed constants and ``SEED``, never from Python's randomised
``hash()``, so a signature is the same in every process, on every machine, after every restart.
The permutation parameters are generated exactly as datasketch 2.0 does for
``MinHash(num_perm, seed=SEED, scheme="affine64")``, so a signature equals that MinHash fed with
the same shingle hashes (tests/unit/dedup/test_fingerprint.py checks it), but they are generated here
so that a future datasketch release cannot silently change stored signatures.

>>> sig = signature("Syrian forces enter Raqqa province, monitor says", num_perm=64)
>>> sig.dtype, sig.shape
(dtype('uint64'), (64,))
>>> bool((from_bytes(to_bytes(sig)) == sig).all())
True
>>> jaccard(sig, signature("Syrian forces enter Raqqa province, monitor says", num_perm=64))
1.0
>>> 0 < jaccard(sig, signature("Syrian forces enter Raqqa province, activists say", num_perm=64)) < 1
True

The text is taken as given: normalising case, quotes and dashes is the parser's job
(``Item.text`` is already normalised).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

if TYPE_CHECKING:  # only for annotations: this module must not need the settings at import
    from stream.settings import Dedup
    from stream.wire.item import Item

#: Seed of the permutation parameters (datasketch's default seed). Changing it, the hash
#: constants below or the word rule invalidates every stored signature: bump ``VERSION`` then.
SEED = 1
VERSION = 1

# Words: runs of ASCII letters, digits, "_" and any non-ASCII character (letters of every
# script; normalised text has no curly quotes or long dashes left), with a single ' . or ,
# between two such runs kept inside the word ("don't", "155,221", "5.93", "u.s") so that a
# changed figure changes one token, not two. The byte-level tokeniser below is the same rule.
_WORD_CHARS = "0-9A-Za-z_\u0080-\U0010FFFF"
WORD = re.compile(f"[{_WORD_CHARS}]+(?:['.,][{_WORD_CHARS}]+)*")
_IS_WORD = np.zeros(256, dtype=bool)
_IS_WORD[[ord(c) for c in "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"]] = True
_IS_WORD[0x80:] = True  # every byte of a multi-byte UTF-8 character
_IS_JOIN = np.zeros(256, dtype=bool)
_IS_JOIN[[ord(c) for c in "'.,"]] = True

# Sentence ends inside a paragraph (a full stop, ?, ! followed by a space).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: Sentences shorter than this many words ("Reuters", "More follows.", "Terms were not
#: disclosed.") say nothing about which story they belong to: not used as version evidence.
MIN_SENTENCE_WORDS = 6

_U64 = np.uint64
_POLY = _U64(0x9E3779B97F4A7C15)  # odd, so it has an inverse mod 2**64
_POLY_INV = _U64(pow(int(_POLY), -1, 1 << 64))
_LENGTH_SALT = _U64(0xC2B2AE3D27D4EB4F)  # mixes the word length into its hash
_FMIX = (_U64(33), _U64(0xFF51AFD7ED558CCD), _U64(0xC4CEB9FE1A85EC53))
_EMPTY = np.iinfo(np.uint64).max  # the value of a permutation that saw no shingle
_CHUNK = 4096  # shingles per block: bounds the (shingles x num_perm) temporary to 4 MB
# Characters of text per numpy pass in signatures(): about 5,000 shingles, a (num_perm x
# shingles) temporary of 5 MB at num_perm=128. Measured on Reuters-21578: 2k chars 31 us/item,
# 16k 18 us, 32k 12 us, 128k 19 us (out of cache).
_BATCH_CHARS = 32_000


def words(text: str) -> list[str]:
    """The words of ``text`` as the fingerprints see them (the reference for the tokeniser).

    >>> words("arrivals of 155,221 bags -- don't panic, said müller.")
    ['arrivals', 'of', '155,221', 'bags', "don't", 'panic', 'said', 'müller']
    """
    return WORD.findall(text)


def shingles(text: str, size: int = 3) -> list[str]:
    """The word shingles as strings (what the naive path would feed to MinHash.update).

    A text shorter than ``size`` words is one shingle; a text without words has none.

    >>> shingles("kerry meets lavrov in geneva", 3)
    ['kerry meets lavrov', 'meets lavrov in', 'lavrov in geneva']
    >>> shingles("flash", 3)
    ['flash']
    """
    toks = words(text)
    if not toks:
        return []
    n = max(len(toks) - size + 1, 1)
    return [" ".join(toks[i : i + size]) for i in range(n)]


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (a bijection that spreads every input bit)."""
    shift, m1, m2 = _FMIX
    h = h ^ (h >> shift)
    h = h * m1
    h = h ^ (h >> shift)
    h = h * m2
    return h ^ (h >> shift)


@lru_cache(maxsize=8)
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """POLY**i and POLY**-i mod 2**64 for i < n (cached; n is rounded up to a power of two)."""
    pw = np.full(n, _POLY, dtype=_U64)
    pw[0] = 1
    inv = np.full(n, _POLY_INV, dtype=_U64)
    inv[0] = 1
    # cumprod on uint64 wraps around, which is exactly the arithmetic mod 2**64 wanted here
    pw, inv = np.cumprod(pw), np.cumprod(inv)
    pw.flags.writeable = inv.flags.writeable = False  # cached and shared
    return pw, inv


@lru_cache(maxsize=16)
def _position_multipliers(size: int) -> np.ndarray:
    """Odd multipliers that make a shingle hash depend on word order."""
    gen = np.random.RandomState(SEED + 1000 + size)
    return gen.randint(0, 1 << 63, size, dtype=_U64) * _U64(2) + _U64(1)


def word_spans(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end byte offsets of the words in UTF-8 ``data`` (uint8), per ``WORD``.

    >>> starts, ends = word_spans(np.frombuffer("don't stop, 5.93 x".encode(), np.uint8))
    >>> starts.tolist(), ends.tolist()
    ([0, 6, 12, 17], [5, 10, 16, 18])
    """
    word = np.zeros(len(data) + 2, dtype=bool)  # padded with a non-word byte at each end
    word[1:-1] = _IS_WORD[data]
    join = _IS_JOIN[data[1:-1]]  # a single joiner between two word bytes belongs to the word
    join &= word[1:-3]
    join &= word[3:-1]
    word[2:-2] |= join
    edges = np.flatnonzero(word[1:] != word[:-1])
    return edges[0::2], edges[1::2]


def _word_hashes(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """fmix64 of each word's polynomial hash, from one prefix sum over all the bytes."""
    pw, inv = _powers(max(4096, 1 << int(len(data)).bit_length()))
    prefix = np.zeros(len(data) + 1, dtype=_U64)
    np.cumsum((data.astype(_U64) + _U64(1)) * pw[: len(data)], out=prefix[1:])
    lengths = (ends - starts).astype(_U64)
    # shift every word to position 0, so equal words hash equal wherever they are
    return _fmix64((prefix[ends] - prefix[starts]) * inv[starts] + lengths * _LENGTH_SALT)


def shingle_hashes(text: str, size: int = 3) -> np.ndarray:
    """64-bit hashes of the word shingles of ``text``, one per shingle, in text order.

    A word hashes to ``fmix64(sum((byte + 1) * POLY**j) + length * SALT)`` over its bytes, from
    prefix sums; a shingle to ``sum(word_hash[i + j] * M[j])``. Equal shingles get equal hashes
    wherever they occur.

    >>> h = shingle_hashes("a b c a b, c", 3)
    >>> len(h), bool(h[0] == h[3]), bool(h[0] == h[1])
    (4, True, False)
    """
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    starts, ends = word_spans(data)
    n = len(starts)
    if n == 0:
        return np.empty(0, dtype=_U64)
    word = _word_hashes(data, starts, ends)
    k = min(size, n)
    mult = _position_multipliers(size)
    count = n - k + 1
    out = word[:count] * mult[0]
    for j in range(1, k):  # k is the shingle size (3): a loop over positions, not over shingles
        out += word[j : j + count] * mult[j]
    return out


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutation parameters ``(a, b)``, as datasketch 2.0 draws them for "affine64".

    >>> a, b = permutations(4)
    >>> a.dtype, bool((a % 2 == 1).all())
    (dtype('uint64'), True)
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 63, num_perm, dtype=_U64) * _U64(2) + _U64(1)
    b = gen.randint(0, 1 << 64, num_perm, dtype=_U64)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def minhash(hashes: np.ndarray, num_perm: int = 128) -> np.ndarray:
    """MinHash signature (``uint64``, shape ``(num_perm,)``) of a set of 64-bit hashes.

    An empty set gives the all-``2**64-1`` signature (datasketch's empty value).

    >>> sig = minhash(np.array([1, 2, 3], dtype=np.uint64), 8)
    >>> bool((sig == minhash(np.array([3, 2, 1, 1], dtype=np.uint64), 8)).all())
    True
    """
    a, b = permutations(num_perm)
    sig = np.full(num_perm, _EMPTY, dtype=_U64)
    mixed = _fmix64(np.asarray(hashes, dtype=_U64))
    for lo in range(0, len(mixed), _CHUNK):
        block = np.multiply.outer(mixed[lo : lo + _CHUNK], a)
        block += b
        np.minimum(sig, block.min(axis=0), out=sig)
    return sig


def signature(text: str, num_perm: int = 128, shingle_size: int = 3) -> np.ndarray:
    """MinHash signature of the word shingles of ``text``."""
    return minhash(shingle_hashes(text, shingle_size), num_perm)


def item_signature(item: Item, cfg: Dedup) -> np.ndarray:
    """Signature of an item's normalised headline and paragraphs with the configured sizes."""
    return signature(item.text, cfg.num_perm, cfg.shingle_size)


def item_signatures(items: Sequence[Item], cfg: Dedup) -> np.ndarray:
    """:func:`signatures` of a batch of items, shape ``(len(items), num_perm)``."""
    return signatures([item.text for item in items], cfg.num_perm, cfg.shingle_size)


def signatures(texts: Sequence[str], num_perm: int = 128, shingle_size: int = 3) -> np.ndarray:
    """Signatures of many texts at once: row ``i`` equals ``signature(texts[i])``.

    The numpy work is done once per group of short texts instead of once per text, which saves
    the per-call overhead on a micro-batch (the stream's, a replay's, a recovery's).

    >>> texts = ["kerry meets lavrov", "", "kerry meets lavrov in geneva on friday"]
    >>> sigs = signatures(texts, 16)
    >>> sigs.shape, all((sigs[i] == signature(t, 16)).all() for i, t in enumerate(texts))
    ((3, 16), True)
    """
    out = np.full((len(texts), num_perm), _EMPTY, dtype=_U64)
    group: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        if len(text) >= _BATCH_CHARS:  # a long text alone: the per-text path works in chunks
            out[i] = signature(text, num_perm, shingle_size)
            continue
        group.append(i)
        size += len(text)
        if size >= _BATCH_CHARS:
            out[group] = _batch_signatures([texts[j] for j in group], num_perm, shingle_size)
            group, size = [], 0
    if group:
        out[group] = _batch_signatures([texts[j] for j in group], num_perm, shingle_size)
    return out


def _batch_signatures(texts: list[str], num_perm: int, size: int) -> np.ndarray:
    """One numpy pass over the concatenated texts (a newline, a non-word byte, between them)."""
    parts = [t.encode("utf-8") for t in texts]
    first_byte = np.cumsum([0] + [len(p) + 1 for p in parts[:-1]])
    data = np.frombuffer(b"\n".join(parts), dtype=np.uint8)
    out = np.full((len(texts), num_perm), _EMPTY, dtype=_U64)
    starts, ends = word_spans(data)
    if not len(starts):
        return out
    word = _word_hashes(data, starts, ends)
    owner = np.searchsorted(first_byte, starts, side="right") - 1  # text of each word
    n_words = np.bincount(owner, minlength=len(texts))
    first_word = np.cumsum(n_words) - n_words
    # shingles per text: n - size + 1, or one shingle of all words when shorter than size
    n_shingles = np.where(n_words >= size, n_words - size + 1, np.minimum(n_words, 1))
    text_of = np.repeat(np.arange(len(texts)), n_shingles)
    first_shingle = np.cumsum(n_shingles) - n_shingles
    start_word = first_word[text_of] + np.arange(len(text_of)) - first_shingle[text_of]
    width = np.minimum(n_words[text_of], size)
    padded = np.concatenate((word, np.zeros(size, dtype=_U64)))
    mult = _position_multipliers(size)
    hashes = padded[start_word] * mult[0]
    for j in range(1, size):  # positions in a shingle, not shingles
        hashes += np.where(j < width, padded[start_word + j] * mult[j], _U64(0))
    a, b = permutations(num_perm)
    # (num_perm x shingles): each text's shingles are a contiguous run of every row, which
    # reduceat walks twice as fast as runs of rows in the (shingles x num_perm) layout
    block = np.multiply.outer(a, _fmix64(hashes))
    block += b[:, None]
    has = n_shingles > 0
    out[has] = np.minimum.reduceat(block, first_shingle[has], axis=1).T
    return out


def is_empty(sig: np.ndarray) -> bool:
    """True for the signature of a text without a single word.

    >>> is_empty(signature("...", 16)), is_empty(signature("Kill", 16))
    (True, False)
    """
    return bool((sig == _EMPTY).all())


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard estimate: the share of permutations whose minimum agrees."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    """Compact storage form: little-endian uint64, 8 bytes per permutation."""
    return sig.astype("<u8", copy=False).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """Inverse of :func:`to_bytes` (a fresh, writable, native-order array)."""
    return np.frombuffer(data, dtype="<u8").astype(_U64)


def exact_hash(text: str) -> bytes:
    """128-bit BLAKE2b of the normalised text: equal only for identical copy.

    >>> exact_hash("a b").hex()[:8] == exact_hash("a b").hex()[:8] != exact_hash("a  b").hex()[:8]
    True
    """
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def text_hash(text: str, salt: str = "") -> int:
    """64-bit BLAKE2b of one paragraph or sentence (``salt`` keeps agencies apart)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8, person=salt.encode()[:16])
    return int.from_bytes(digest.digest(), "little")


def sentences(paragraphs: Iterable[str]) -> list[list[str]]:
    """The words of each sentence of normalised paragraphs long enough to be evidence.

    >>> sentences(["the army said on sunday it took the town. more follows.", "reuters"])
    [['the', 'army', 'said', 'on', 'sunday', 'it', 'took', 'the', 'town']]
    """
    out = []
    for para in paragraphs:
        for sent in _SENTENCE_END.split(para.strip()):
            toks = WORD.findall(sent)
            if len(toks) >= MIN_SENTENCE_WORDS:
                out.append(toks)
    return out


def sentence_hashes(paragraphs: Iterable[str], salt: str = "") -> tuple[np.ndarray, np.ndarray]:
    """Distinct hashes of :func:`sentences`, sorted, and the word count of each.

    >>> hashes, counts = sentence_hashes(["the army said on sunday it took the town."])
    >>> len(hashes), counts.tolist()
    (1, [9])
    """
    table = {text_hash(" ".join(toks), salt): len(toks) for toks in sentences(paragraphs)}
    keys = sorted(table)
    return np.array(keys, dtype=_U64), np.array([table[k] for k in keys], dtype=np.int32)


def paragraph_hashes(paragraphs: Iterable[str]) -> tuple[int, ...]:
    """One hash per paragraph, in order (what the revision diff compares)."""
    return tuple(text_hash(p) for p in paragraphs)
