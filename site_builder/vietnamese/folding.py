"""Folding for search: how a reader types Vietnamese on a phone, without any diacritics.

`Gương điển hình` and `guong dien hinh` fold to the same text, and so do `hoà` and `hòa`
(tone placement) and `Đ` and `d`. The search page folds queries the same way (search.js).
"""

import unicodedata

_COMBINING = "Mn"
_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lowercase text without tones, vowel marks or the stroke of đ."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_WITH_STROKE))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != _COMBINING).lower()
