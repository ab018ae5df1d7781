"""The terms the search index holds: one spelling for every way a reader may type a word."""

from site_builder.search import search_terms
from site_builder.vietnamese.folding import fold, telex


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
        "thizz", "duazz", "khenzz", "thuongzz", "thizthiz", "duazdduaz", "khenzkhenz", "thuongzthuwowngrz",
        "jthiduazz", "jkhenthuongzz", "jthiduazthizdduaz", "jkhenthuongzkhenzthuwowngrz"]


def test_an_exact_term_sorts_right_before_its_folded_term_so_they_share_a_chunk():
    terms = search_terms("điển hình")
    others = search_terms("diễn hình điền hinh diện dieu diep diên hinhf")
    for exact, folded in [("dienzddieenrz", "dienzz"), ("jdienhinhzddieenrzhinhfz", "jdienhinhzz")]:
        assert folded in terms and exact in terms
        between = [term for term in others if exact < term < folded]
        assert between and all(term.startswith(folded[:-1]) for term in between)  # its other spellings only


def test_the_body_has_folded_terms_only():
    assert search_terms("Thi đua", exact=False) == ["thizz", "duazz", "jthiduazz"]


def test_terms_are_listed_once():
    assert search_terms("cán bộ. Cán bộ, cán bộ") == [
        "canzz", "bozz", "canzcansz", "bozboojz", "jcanbozz", "jcanbozcanszboojz"]


def test_the_body_is_folded_as_queries_are_word_by_word():
    text = "Người dân Đắk Lắk, GIỮ GÌN bản sắc; thuở ấy."
    assert search_terms(text, exact=False) == [term for term in search_terms(text) if term.endswith("zz")]


def test_pairs_never_cross_punctuation():
    assert "jthiduazz" in search_terms("thi đua") and "jthiduazz" not in search_terms("thi. Đua")


def test_no_term_begins_with_another_whole_term():
    # Pagefind also matches the words a searched term begins: "thu" must not find "thú".
    terms = search_terms("thu thú thủ thu thua thuần, a ă â à")
    assert not [(a, b) for a in terms for b in terms if a != b and b.startswith(a)]
