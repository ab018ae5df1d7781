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
        "thi", "dua", "wthi", "wddua", "jthidua", "zthiddua",
        "khen", "thuong", "wkhen", "wthuwowngr", "jkhenthuong", "zkhenthuwowngr"]


def test_terms_are_listed_once():
    assert search_terms("cán bộ. Cán bộ, cán bộ") == ["can", "bo", "wcans", "wbooj", "jcanbo", "zcansbooj"]


def test_pairs_never_cross_punctuation():
    assert "jthidua" in search_terms("thi đua") and "jthidua" not in search_terms("thi. Đua")
