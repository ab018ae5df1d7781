"""Vietnamese alphabetical order for lists of names (tags, people, units, provinces).

Python compares strings by code point, which puts "Đà Nẵng" after "Zeta" and scatters the
tones of one syllable ("má" before "mà" before "mạ"); the system locale cannot be relied on and
PyICU is not available. This module orders names as Vietnamese readers expect, in four levels:

1. letters with their vowel marks, word by word, in the alphabet
   a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z);
   spaces and punctuation come before digits, digit runs compare by numeric value, digits come
   before letters, and any other character (other scripts, symbols) comes after the letters;
2. tones, left to right: ngang < huyền < hỏi < ngã < sắc < nặng;
3. case, lowercase first;
4. the NFC text itself, so that different names never tie.

NFC and NFD spellings of one name get the same key.
"""

import re
import sys
import unicodedata
from collections.abc import Iterable
from itertools import chain

from site_builder.vietnamese.text import nfc

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# Tone marks in traditional order; "no tone" (ngang) is 0.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a different letter: breve (ă), circumflex (â ê ô), horn (ơ ư).
_VOWEL_MARKS = frozenset("\u0306\u0302\u031b")

# Primary weights, in increasing bands: space, punctuation, number, letters, unknown.
_SPACE = 0
_PUNCTUATION = 1
_NUMBER = _PUNCTUATION + sys.maxunicode + 1
_LETTER = _NUMBER + 1
_UNKNOWN = _LETTER + len(ALPHABET)
_LETTER_INDEX = {letter: index for index, letter in enumerate(ALPHABET)}

_DIGIT_RUN = re.compile(r"([0-9]+)")


def vietnamese_sort_key(text: str) -> tuple:
    """Sort key of `text` in Vietnamese order: (letters, tones, case, NFC text)."""
    text = nfc(text)
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for position, chunk in enumerate(_DIGIT_RUN.split(text)):
        if position % 2:  # split() puts the captured digit runs at odd positions
            primary += _number_weights(chunk)
            tones.append(0)
            cases.append(0)
            continue
        for char in chunk:
            weight, tone, case = _CHARACTERS.get(char) or _character_weights(char)
            primary.append(weight)
            tones.append(tone)
            cases.append(case)
    return tuple(primary), tuple(tones), tuple(cases), text


def sort_vietnamese(names: Iterable[str]) -> list[str]:
    """`names` in Vietnamese alphabetical order."""
    return sorted(names, key=vietnamese_sort_key)


def _number_weights(digits: str) -> tuple[int, ...]:
    """Primary weights of a run of ASCII digits: by numeric value, leading zeros ignored.

    The run's length comes before its digits, so 2 < 10 without converting to int
    (which refuses very long runs).
    """
    significant = digits.lstrip("0") or "0"
    return (_NUMBER, len(significant), *map(int, significant))


def _character_weights(char: str) -> tuple[int, int, int]:
    """(primary weight, tone, case) of one NFC character that is not an ASCII digit."""
    if char.isspace():
        return _SPACE, 0, 0
    if unicodedata.category(char).startswith("P"):
        return _PUNCTUATION + ord(char), 0, 0
    letter, tone = _letter_and_tone(char)
    if letter is None:
        return _UNKNOWN + ord(char), 0, 0
    return _LETTER + _LETTER_INDEX[letter], tone, int(char.isupper())


def _letter_and_tone(char: str) -> tuple[str | None, int]:
    """The alphabet letter `char` spells and its tone; (None, 0) if it is not a Latin letter.

    Marks foreign to Vietnamese are ignored here (ü sorts as u, ĉ as c); the last level of
    the key still tells such letters apart.
    """
    base, *marks = unicodedata.normalize("NFD", char)
    letter = base.lower()
    if letter not in _LETTER_INDEX:
        return None, 0
    marked = unicodedata.normalize("NFC", letter + "".join(m for m in marks if m in _VOWEL_MARKS))
    if marked in _LETTER_INDEX:
        letter = marked
    tone = next((_TONES[mark] for mark in marks if mark in _TONES), 0)
    return letter, tone


# Precomputed weights of the characters names are made of: ASCII except the digits, the Latin
# blocks (every Vietnamese letter, with or without tone) and general punctuation (dashes, quotes).
_CHARACTERS = {
    char: _character_weights(char)
    for char in map(chr, chain(range(0x00, 0x30), range(0x3A, 0x250),
                               range(0x1E00, 0x1F00), range(0x2000, 0x2070)))
}
