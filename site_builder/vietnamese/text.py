"""Text as the column stores it: NFC, and without characters that no page or feed can carry."""

import re
import unicodedata

# Characters XML 1.0 (hence lxml and the feeds) refuses or that mean nothing on a page: C0
# controls but tab and newline, DEL and C1 controls, lone surrogates (only `"\ud800"` escapes
# make them) and the noncharacters (U+FDD0–U+FDEF and the last two code points of every plane).
_BMP_UNPRINTABLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_ASTRAL_NONCHARACTERS = "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                                for plane in range(1, 17))
# The whole class is ten times slower to search: it is used only for the rare texts with a
# character beyond the BMP (emoji).
_UNPRINTABLE_IN_BMP = re.compile(f"[{_BMP_UNPRINTABLE}]")
_UNPRINTABLE = re.compile(f"[{_BMP_UNPRINTABLE}{_ASTRAL_NONCHARACTERS}]")


def nfc(text: str) -> str:
    """Return `text` in NFC, so that the same word typed on two keyboards is one word."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def find_unprintable(text: str) -> re.Match | None:
    """The first character of `text` that a page or a feed cannot carry, if any."""
    return _unprintable_pattern(text).search(text)


def drop_unprintable(text: str) -> str:
    """`text` without the characters `find_unprintable` finds (invisible ones pasted from Word)."""
    return _unprintable_pattern(text).sub("", text)


def _unprintable_pattern(text: str) -> re.Pattern:
    # A text has a character beyond the BMP exactly when UTF-16 needs more than two bytes per
    # character: a check forty times cheaper than `max(text)`.
    return _UNPRINTABLE if len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text) else _UNPRINTABLE_IN_BMP


def code_point(char: str) -> str:
    """`U+0007`: how a message names an invisible character."""
    return f"U+{ord(char):04X}"
