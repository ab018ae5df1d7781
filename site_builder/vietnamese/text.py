"""Unicode normalisation: every text the column reads is compared and stored as NFC."""

import unicodedata


def nfc(text: str) -> str:
    """Return `text` in NFC, so that the same word typed on two keyboards is one word."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
