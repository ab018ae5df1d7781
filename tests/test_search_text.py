"""The sentences search reads of an article's body: plain text, one space between words."""

import sys
from datetime import datetime

from hypothesis import given, strategies as st

from site_builder.content.model import Article
from site_builder.search_text import body_sentences
from site_builder.vietnamese import VIETNAM_TZ


def _article(body: str) -> Article:
    return Article(source_path="articles/2025/bai.md", content_hash="", slug="bai", title="Bài",
                   date=datetime(2025, 1, 2, tzinfo=VIETNAM_TZ), categories=("tin-tuc",), summary="", body=body)


_EVERY_SPACE = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace())


@given(st.lists(st.text(st.sampled_from("Cán bộ.*_~`" + _EVERY_SPACE), max_size=12), max_size=6))
def test_each_sentence_has_single_spaces_between_its_words_whatever_the_editor_typed(paragraphs):
    sentences = body_sentences(_article("\n\n".join(paragraphs)))
    for sentence in sentences:
        assert sentence == " ".join(sentence.split()) != ""
    # Every letter the editor wrote stays, in order (emphasis marks aside).
    assert _letters("".join(sentences)) == _letters("".join(paragraphs))


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch not in "*_~`" and not ch.isspace())


def test_unusual_spaces_and_emphasis_are_read_as_a_reader_sees_them():
    body = "Anh **Nguyễn\u00a0Văn  A** đã\tgiúp _bà con_.\n\n  Chị ~~B~~ cũng\u2003vậy. "
    assert body_sentences(_article(body)) == ["Anh Nguyễn Văn A đã giúp bà con.", "Chị B cũng vậy."]
