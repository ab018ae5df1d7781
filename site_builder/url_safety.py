"""Which URLs an article body may use: judged as a browser reads them, against an allow-list.

A browser decodes HTML entities in an attribute (`&#106;avascript:`, `javascript&colon;`) and
ignores tabs and newlines inside a scheme (`java&#9;script:`), so the judgement is made on the
decoded text with every whitespace and control character removed. Only relative URLs and the
schemes below pass: a deny-list always misses an encoding or a scheme.
"""

import html
import unicodedata

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_END_OF_SCHEME = ":/?#"


def _ignored(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in ("Cc", "Cf")


def browser_form(url: str) -> str:
    """The URL as judged: entities decoded, whitespace and control characters removed."""
    if url.isascii() and url.isprintable() and " " not in url and "&" not in url:
        return url  # nothing to decode or remove: the usual case, made fast
    return "".join(c for c in html.unescape(url) if not _ignored(c))


def url_scheme(url: str) -> str:
    """The scheme a browser would see, lowercase; "" for a relative URL (`../a.md`, `#x`, `//host`).

    Whatever stands before a `:` that comes before any `/`, `?` or `#` counts as a scheme, even
    when a browser would not take it for one (`a&b:c`): judging more as a scheme is the safe side.
    """
    decoded = browser_form(url)
    for index, character in enumerate(decoded):
        if character in _END_OF_SCHEME:
            return decoded[:index].lower() if character == ":" else ""
    return ""


def is_allowed_url(url: str) -> bool:
    """True for a relative URL or an `http:`, `https:`, `mailto:` or `tel:` one."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in ALLOWED_SCHEMES
