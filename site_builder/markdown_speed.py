"""Python-Markdown's slowest searches, made cheaper: the same matches, found faster.

Python-Markdown searches every text of a page with each inline pattern in turn. Two of its
patterns begin with a look-behind, which keeps the engine from jumping to the characters a
match needs: it tries a match at every position of every paragraph. For 2,700 paragraphs of
the benchmark corpus one search each took 62 ms with the code-span pattern and 38 ms with the
three link patterns, against about 1 ms for the others. Each replacement below matches exactly
where the original does (the look-ahead only names the characters every match starts with;
the look-behind is moved behind the `[` it guards), and is used only where the converter still
has Python-Markdown's original.

Likewise it asks each block processor in turn whether it takes a block, and five of them ask a
regular expression (or, for tables, split the block's rows) that cannot match unless the block
holds a given character: a `>` for a quote, a `#` for a heading, and so on. Those five are
asked only when the block holds it. Converting 1,000 corpus bodies took 1.02 s of CPU, 0.76 s
with the patterns replaced, 0.60 s with the blocks' tests guarded too.
tests/test_markdown_speed.py converts tricky and random text both ways.
"""

import re
from collections.abc import Callable

from markdown import Markdown, blockprocessors
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import BACKTICK_RE, NOIMG

_LINK_START = NOIMG + r"\["  # a `[` that does not follow `!`
_FASTER = {
    "backtick": (BACKTICK_RE, r"(?=[\\`])" + BACKTICK_RE),
    "reference": (_LINK_START, r"\[(?<!!\[)"),
    "link": (_LINK_START, r"\[(?<!!\[)"),
    "short_reference": (_LINK_START, r"\[(?<!!\[)"),
}
# Block processors (by name, of Python-Markdown's own class) and what a block they take holds.
_NEEDED = {
    "quote": (blockprocessors.BlockQuoteProcessor, (">",)),
    "hashheader": (blockprocessors.HashHeaderProcessor, ("#",)),
    "setextheader": (blockprocessors.SetextHeaderProcessor, ("\n=", "\n-")),
    "hr": (blockprocessors.HRProcessor, ("*", "-", "_")),
    "table": (TableProcessor, ("|",)),
}


class FasterMarkdown(Extension):
    """Replace the patterns and guard the block tests above in a converter, where they are
    Python-Markdown's own."""

    def extendMarkdown(self, md: Markdown) -> None:
        for name, (original, faster) in _FASTER.items():
            if name not in md.inlinePatterns:
                continue
            pattern = md.inlinePatterns[name]
            if getattr(pattern, "compiled_re", None) is not None and pattern.compiled_re.pattern == original:
                pattern.compiled_re = re.compile(faster, pattern.compiled_re.flags)
        for name, (kind, needed) in _NEEDED.items():
            if name in md.parser.blockprocessors and type(md.parser.blockprocessors[name]) is kind:
                processor = md.parser.blockprocessors[name]
                processor.test = _asked_only_with(needed, processor.test)


def _asked_only_with(needed: tuple[str, ...], test: Callable[[object, str], bool]) -> Callable[[object, str], bool]:
    def test_if_needed(parent, block: str) -> bool:
        return any(text in block for text in needed) and test(parent, block)
    return test_if_needed
