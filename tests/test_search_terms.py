"""The terms the search index holds: one spelling for every way a reader may type a word."""

import re

from hypothesis import given, strategies as st

from site_builder.search import search_terms
from site_builder.vietnamese.folding import fold, folded_words, telex


def test_fold_drops_tones_vowel_marks_and_the_stroke_of_đ():
    assert fold("Gương ĐIỂN hình") == "guong dien hinh"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("thuý") == fold("thúy") == "thuy"


def test_telex_keeps_every_mark_with_the_tone_last():
    assert telex("điển") == "ddieenr"
    assert telex("hoà") == telex("hòa") == "hoaf"
    assert telex("Được") == "dduwowcj"
    assert len({telex(word) for word in ["ma", "mà", "mả", "mã", "má", "mạ", "mă", "mâ"]}) == 8


def test_terms_of_a_title():
    assert search_terms("Thi đua, khen thưởng") == [
        "thizz", "duazz", "khenzz", "thuongzz", "thizthiz", "duazdduaz", "thizjduazz", "khenzkhenz",
        "thuongzthuwowngrz", "khenzjthuongzz"]


def test_the_exact_and_pair_terms_of_a_syllable_sort_right_before_its_folded_term_so_they_share_a_chunk():
    # Pagefind closes a chunk after the term that fills it: the folded term, whose list of pages
    # is the long one, comes last of its syllable's terms, so a query downloads a chunk per word.
    terms = search_terms("điển hình")
    others = search_terms("diễn hình điền hinh diện dieu diep diên hinhf dienh")
    for near, folded in [("dienzddieenrz", "dienzz"), ("dienzjhinhzz", "dienzz")]:
        assert folded in terms and near in terms
        between = [term for term in others if near < term < folded]
        assert all(term.startswith(folded[:-1]) for term in between)  # terms of the same syllable only


def test_the_body_has_folded_syllables_only():
    assert search_terms("Thi đua, khen thưởng", heading=False) == ["thizz", "duazz", "khenzz", "thuongzz"]


def test_terms_are_listed_once():
    assert search_terms("cán bộ. Cán bộ, cán bộ") == ["canzz", "bozz", "canzcansz", "bozboojz", "canzjbozz"]


def test_the_body_is_folded_as_queries_are_word_by_word():
    text = "Người dân Đắk Lắk, GIỮ GÌN bản sắc; thuở ấy."
    assert search_terms(text, heading=False) == [term for term in search_terms(text)
                                                  if term.endswith("zz") and "zj" not in term]


# Vietnamese letters, marks that may stand alone, letters whose lowercase or marks are odd (İ, Σ,
# ǅ, ﬁ), other scripts, digits, the ASCII punctuation the body is cut at and Unicode punctuation.
_TRICKY = st.text(st.sampled_from("aăâeêioôơuưyđĐÁàẢãẠấỀểễỆƯỚờởỡợ\u0300\u0301\u0303\u0309\u0323\u0345"
                                  "İΣσΟǅﬁ²日本٣09_-.,;:'\"()[]!?/ \n\t“”…—\u200b"), max_size=60)


@given(st.lists(_TRICKY, max_size=8))
def test_the_body_s_words_are_its_folded_text_s_words_each_once_in_order(pieces):
    text = " ".join(pieces)
    assert folded_words(text) == list(dict.fromkeys(re.findall(r"[^\W_]+", fold(text))))


def test_pairs_never_cross_punctuation():
    assert "thizjduazz" in search_terms("thi đua") and "thizjduazz" not in search_terms("thi. Đua")


def test_no_term_begins_with_another_whole_term():
    # Pagefind also matches the words a searched term begins: "thu" must not find "thú".
    terms = search_terms("thu thú thủ thu thua thuần, a ă â à, thu bao thua")
    assert not [(a, b) for a in terms for b in terms if a != b and b.startswith(a)]
