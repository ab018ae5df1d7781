"""Python-Markdown's slowest inline patterns, written so that Python's regex engine can skip
ahead: the same matches, found faster.

Python-Markdown searches every text of a page with each inline pattern in turn. Two of its
patterns begin with a look-behind, which keeps the engine from jumping to the characters a
match needs: it tries a match at every position of every paragraph. For 2,700 paragraphs of
the benchmark corpus one search each took 62 ms with the code-span pattern and 38 ms with the
three link patterns, against about 1 ms for the others. Each replacement below matches exactly
where the original does (the look-ahead only names the characters every match starts with;
the look-behind is moved behind the `[` it guards), and is used only where the converter still
has Python-Markdown's original (tests/test_markdown_speed.py converts hostile text both ways).
"""

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import BACKTICK_RE, NOIMG

_LINK_START = NOIMG + r"\["  # a `[` that does not follow `!`
_FASTER = {
    "backtick": (BACKTICK_RE, r"(?=[\\`])" + BACKTICK_RE),
    "reference": (_LINK_START, r"\[(?<!!\[)"),
    "link": (_LINK_START, r"\[(?<!!\[)"),
    "short_reference": (_LINK_START, r"\[(?<!!\[)"),
}


class FasterInlineSearch(Extension):
    """Replace the patterns above in a converter, where they are Python-Markdown's own."""

    def extendMarkdown(self, md: Markdown) -> None:
        for name, (original, faster) in _FASTER.items():
            if name not in md.inlinePatterns:
                continue
            pattern = md.inlinePatterns[name]
            if getattr(pattern, "compiled_re", None) is not None and pattern.compiled_re.pattern == original:
                pattern.compiled_re = re.compile(faster, pattern.compiled_re.flags)
