"""Vietnamese alphabetical order of names: letters, then tones, then case; whatever the spelling."""

import random
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from site_builder.vietnamese.collation import sort_vietnamese, vietnamese_sort_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def shuffled(names: list[str], seed: int = 7) -> list[str]:
    names = list(names)
    random.Random(seed).shuffle(names)
    return names


PROVINCES = ["An Giang", "Ăn", "Âu Cơ", "Bà Rịa", "Bắc Ninh", "Cà Mau", "Đà Nẵng", "Điện Biên",
             "Ê Đê", "Hà Nội", "Zeta"]


def test_provinces_follow_the_vietnamese_alphabet_not_code_points():
    names = ["Đà Nẵng", "Điện Biên", "Cà Mau", "Hà Nội", "Zeta", "Ăn", "An Giang", "Bắc Ninh",
             "Bà Rịa", "Âu Cơ", "Ê Đê"]
    assert sort_vietnamese(names) == PROVINCES
    # The bug this module prevents: by code point, Đ (U+0110) lands after Z.
    assert sorted(names).index("Đà Nẵng") > sorted(names).index("Zeta")


def test_d_names_then_dj_names_then_e_names():
    names = ["Eakar", "Đà Nẵng", "Dz", "Dương Minh Châu", "Dầu Tiếng", "Đắk Lắk", "Đà Lạt"]
    assert sort_vietnamese(names) == [
        "Dầu Tiếng", "Dương Minh Châu", "Dz", "Đà Lạt", "Đà Nẵng", "Đắk Lắk", "Eakar"]


def test_d_and_dj_are_two_letters():
    # đ is the letter after d, so every "d…" word comes first, even "dz"; "Đ" alone is a prefix of "đa".
    assert sort_vietnamese(["đa", "dz", "da", "Đ"]) == ["da", "dz", "Đ", "đa"]


def test_the_six_tones_in_traditional_order():
    assert sort_vietnamese(shuffled(["ma", "mà", "mả", "mã", "má", "mạ"])) == [
        "ma", "mà", "mả", "mã", "má", "mạ"]


def test_vowel_marks_make_letters_tones_come_later():
    assert sort_vietnamese(["ă", "à", "â", "a"]) == ["a", "à", "ă", "â"]
    assert sort_vietnamese(["bà", "ân", "ăn", "an"]) == ["an", "ăn", "ân", "bà"]
    assert sort_vietnamese(["ợ", "ở", "ô", "ồ", "o", "ó", "ơ"]) == ["o", "ó", "ô", "ồ", "ơ", "ở", "ợ"]
    assert sort_vietnamese(["ừ", "ủ", "ư", "u", "ụ"]) == ["u", "ủ", "ụ", "ư", "ừ"]


def test_letters_of_the_whole_name_are_compared_before_any_tone():
    # "Trân", "Trần" and "Trấn" share their letters, so their tones decide; "Trần Thị Bình"
    # has more letters, so it comes after all three even though huyền < sắc.
    names = ["Trần Thị Bình", "Trương Văn An", "Trấn", "Tràm", "Trần", "Trân"]
    assert sort_vietnamese(names) == [
        "Tràm", "Trân", "Trần", "Trấn", "Trần Thị Bình", "Trương Văn An"]


def test_people():
    names = ["Nguyễn Văn Bình", "Nguyễn Thị Ánh", "Ngô Bảo Châu", "Nghiêm Xuân Yêm", "Ngọc",
             "Nguyễn", "Nguyên"]
    assert sort_vietnamese(names) == [
        "Nghiêm Xuân Yêm", "Ngọc", "Ngô Bảo Châu", "Nguyên", "Nguyễn", "Nguyễn Thị Ánh",
        "Nguyễn Văn Bình"]


def test_word_by_word_a_shorter_word_comes_first():
    # Without tones: "ha" < "ha noi" < "hai" < "ham"; the end of a word sorts before any letter.
    assert sort_vietnamese(["Hàm", "Hải", "Hà Nội", "Hà"]) == ["Hà", "Hà Nội", "Hải", "Hàm"]


def test_foreign_letters_f_j_w_z_take_their_latin_place():
    names = ["Zalo", "Yên", "Wiki", "Vân", "Xuân", "Jun", "Ích", "Kim", "Phở", "Fanpage", "Giang",
             "Ê-đê", "Em"]
    assert sort_vietnamese(names) == [
        "Em", "Ê-đê", "Fanpage", "Giang", "Ích", "Jun", "Kim", "Phở", "Vân", "Wiki", "Xuân",
        "Yên", "Zalo"]


def test_case_only_breaks_ties_lowercase_first():
    assert sort_vietnamese(["bình", "Bình", "BÌNH", "an"]) == ["an", "bình", "Bình", "BÌNH"]
    assert sort_vietnamese(["BÌNH", "Bình", "bình"]) == ["bình", "Bình", "BÌNH"]
    # Tones weigh more than case.
    assert sort_vietnamese(["Má", "mà", "MA"]) == ["MA", "mà", "Má"]
    assert sort_vietnamese(["đà", "Đà", "Da"]) == ["Da", "đà", "Đà"]


def test_nfd_and_nfc_spellings_sort_and_key_alike():
    mixed = [nfd(name) if index % 2 else name for index, name in enumerate(shuffled(PROVINCES))]
    assert [nfc(name) for name in sort_vietnamese(mixed)] == PROVINCES
    for name in PROVINCES + ["Nguyễn Thị Ánh", "Trường Sa", "Quảng Ngãi"]:
        assert vietnamese_sort_key(nfd(name)) == vietnamese_sort_key(name)


def test_digit_runs_in_natural_order():
    names = ["Chi bộ khu phố 10", "Chi bộ khu phố 2", "Chi bộ khu phố 1"]
    assert sort_vietnamese(names) == ["Chi bộ khu phố 1", "Chi bộ khu phố 2", "Chi bộ khu phố 10"]
    assert sort_vietnamese(["Phường 12", "Phường 9", "Phường 1A", "Phường 1"]) == [
        "Phường 1", "Phường 1A", "Phường 9", "Phường 12"]


def test_leading_zeros_only_break_ties():
    assert sort_vietnamese(["Tổ 010", "Tổ 9", "Tổ 10", "Tổ 0", "Tổ 00"]) == [
        "Tổ 0", "Tổ 00", "Tổ 9", "Tổ 010", "Tổ 10"]


def test_very_long_numbers():
    huge, bigger = "9" * 5000, "1" + "0" * 5000
    assert sort_vietnamese([f"Số {bigger}", f"Số {huge}", "Số 2"]) == [
        "Số 2", f"Số {huge}", f"Số {bigger}"]


def test_spaces_and_punctuation_then_digits_then_letters_then_the_rest():
    assert sort_vietnamese(["Tổ★", "Tổ A", "Tổ 3", "Tổ", "Tổ (cũ)"]) == [
        "Tổ", "Tổ (cũ)", "Tổ 3", "Tổ A", "Tổ★"]


def test_unknown_characters_come_after_letters_in_code_point_order():
    assert sort_vietnamese(["東京", "Zeta", "An", "★", "Αθήνα", "Ω"]) == [
        "An", "Zeta", "Αθήνα", "Ω", "★", "東京"]


def test_foreign_accents_sort_with_their_base_letter():
    assert sort_vietnamese(["Müller", "Muller", "Mueller", "Mülheim"]) == [
        "Mueller", "Mülheim", "Muller", "Müller"]


def test_sort_vietnamese_takes_any_iterable_and_leaves_it_alone():
    names = ["Bà Rịa", "An Giang"]
    assert sort_vietnamese(name for name in names) == ["An Giang", "Bà Rịa"]
    assert names == ["Bà Rịa", "An Giang"]
    assert sort_vietnamese([]) == []
    assert sort_vietnamese([""]) == [""]
    assert sort_vietnamese(["a", ""]) == ["", "a"]


# Characters that stress the key: tones, vowel marks, đ, digit runs, separators, a symbol and
# stray combining marks.
TRICKY = "aAàÀăĂẫẪdDđĐuUưƯü 0017-★\u0300\u0302\u0306\u0323\u031b"
any_text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(TRICKY)))


@given(st.lists(any_text))
def test_sorting_is_the_same_in_nfc_and_nfd(names):
    in_nfc = [nfc(name) for name in sort_vietnamese(nfc(name) for name in names)]
    in_nfd = [nfc(name) for name in sort_vietnamese(nfd(name) for name in names)]
    assert in_nfc == in_nfd


@given(any_text)
def test_key_never_raises_and_ignores_normalisation(text):
    key = vietnamese_sort_key(text)
    assert vietnamese_sort_key(nfd(text)) == key == vietnamese_sort_key(nfc(text))


# Spellings that agree on the first levels of the key; names built from them tie a lot.
LOOKALIKES = [["a", "A", "à", "À", "a\u0300", "ă", "ả"], ["u", "U", "ü", "ư", "u\u031b", "ú"],
              ["d", "D", "đ", "Đ"], ["1", "01", "001"], [" ", "\t", "\u00a0", "-"], ["★", "☆"]]


@st.composite
def lookalike_pairs(draw):
    groups = draw(st.lists(st.sampled_from(LOOKALIKES), max_size=5))
    return tuple("".join(draw(st.sampled_from(group)) for group in groups) for _ in range(2))


@given(lookalike_pairs())
def test_order_is_total(pair):
    a, b = pair
    key_a, key_b = vietnamese_sort_key(a), vietnamese_sort_key(b)
    assert (key_a < key_b) + (key_a == key_b) + (key_a > key_b) == 1
    assert (key_a == key_b) == (nfc(a) == nfc(b))


@given(st.text(alphabet=TRICKY, max_size=4), st.text(alphabet=TRICKY, max_size=4))
def test_keys_of_any_two_names_compare(a, b):
    key_a, key_b = vietnamese_sort_key(a), vietnamese_sort_key(b)
    assert (key_a < key_b) + (key_a == key_b) + (key_a > key_b) == 1
    assert (key_a == key_b) == (nfc(a) == nfc(b))
