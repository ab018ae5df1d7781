"""Folding for search: how a reader types Vietnamese on a phone.

`fold` drops every mark (`Gương điển hình` -> `guong dien hinh`, `hoà`/`hòa` -> `hoa`, đ -> d);
`telex` keeps every mark but writes it in ASCII with the tone last, so that the two accepted
tone placements (`hoà`, `hòa`) are one spelling (`hoaf`). The search page applies the same two
rules to queries (themes/chuyen-trang/assets/search.js): keep them identical.
"""

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from itertools import chain

from site_builder.memo import Memo

_MARKS = re.compile("[\u0300-\u036f]")
WORD = re.compile(r"[^\W_]+")  # a word: letters and digits, as search.js splits a query
# ASCII spaces and punctuation, which folding leaves as they are and which no word holds.
_ASCII_BREAKS = bytes(code if chr(code).isalnum() or code > 127 else ord(" ") for code in range(256))
_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_CIRCUMFLEX = "\u0302"  # â ê ô: the vowel doubled (aa ee oo)
_BREVE_OR_HORN = ("\u0306", "\u031b")  # ă ơ ư: a w after the vowel (aw ow uw)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, đ -> d, without tones or vowel marks. Cached: it is called word by word."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return _MARKS.sub("", decomposed)


# A piece's folded words, by its UTF-8 bytes.
PIECE_WORDS = Memo(lambda piece: tuple(WORD.findall(fold.__wrapped__(piece.decode("utf-8", "surrogatepass")))))


def folded_words(text: str, words_of: Mapping[bytes, tuple] = PIECE_WORDS) -> list:
    """The words of `text` folded, each once, in the order they first appear: what
    `WORD.findall(fold(text))` finds, without its repeats. Made from the pieces of the text
    between ASCII spaces and punctuation, each distinct piece folded once (`PIECE_WORDS`): an
    article's body repeats a few hundred pieces thousands of times, and folding and searching
    it whole took most of the time of indexing it. `words_of` may give, for each piece, what
    is made of its folded words instead (search's terms), each also once."""
    pieces = dict.fromkeys(text.lower().encode("utf-8", "surrogatepass").translate(_ASCII_BREAKS).split())
    return list(dict.fromkeys(chain.from_iterable(map(words_of.__getitem__, pieces))))


@lru_cache(maxsize=65536)
def telex(syllable: str) -> str:
    """A lossless ASCII spelling of one syllable, tone last: `điển` -> `ddieenr`.

    Cached: a column's vocabulary is small and every article repeats it.
    """
    spelled, tone, previous = [], "", ""
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch == _CIRCUMFLEX:
            spelled.append(previous)
        elif ch in _BREVE_OR_HORN:
            spelled.append("w")
        elif _MARKS.match(ch):
            continue
        elif ch == "đ":
            spelled.append("dd")
            previous = "d"
        else:
            spelled.append(ch)
            previous = ch
    return "".join(spelled) + tone
