"""Python-Markdown's slowest searches, made cheaper: the same matches, found faster.

Python-Markdown searches every text of a page with each inline pattern in turn. Two of its
patterns begin with a look-behind, which keeps the engine from jumping to the characters a
match needs: it tries a match at every position of every paragraph. For 2,700 paragraphs of
the benchmark corpus one search each took 62 ms with the code-span pattern and 38 ms with the
three link patterns, against about 1 ms for the others. Each replacement below matches exactly
where the original does (the look-ahead only names the characters every match starts with;
the look-behind is moved behind the `[` it guards), and is used only where the converter still
has Python-Markdown's original.

Most text of a page holds none of the characters any inline pattern needs (a plain sentence
has no `*`, `[`, `<`, `&`…), yet each text is handed to every pattern in turn: such a text is
returned as it is at once, when the converter has only patterns whose every match holds one of
them (any other pattern, from another extension, turns this off). Converting 1,000 corpus
bodies: 0.58 s of CPU, 0.35 s with this.

Likewise it asks each block processor in turn whether it takes a block, and five of them ask a
regular expression (or, for tables, split the block's rows) that cannot match unless the block
holds a given character: a `>` for a quote, a `#` for a heading, and so on. Those five are
asked only when the block holds it. Converting 1,000 corpus bodies took 1.02 s of CPU, 0.76 s
with the patterns replaced, 0.60 s with the blocks' tests guarded too.

And two preprocessors search the whole text for what few bodies hold: fenced code (three
backticks or tildes) and the whitespace to normalise (a tab, a carriage return, a space ending
a line, Python-Markdown's placeholder characters). A text without any is returned as they
would return it, without the search: a tenth of the remaining time.
tests/test_markdown_speed.py converts tricky and random text both ways.
"""

import re
from collections.abc import Callable

from markdown import Markdown, blockprocessors, inlinepatterns, treeprocessors, util
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import BACKTICK_RE, NOIMG
from markdown.preprocessors import NormalizeWhitespace, Preprocessor

_LINK_START = NOIMG + r"\["  # a `[` that does not follow `!`
_FASTER = {
    "backtick": (BACKTICK_RE, r"(?=[\\`])" + BACKTICK_RE),
    "reference": (_LINK_START, r"\[(?<!!\[)"),
    "link": (_LINK_START, r"\[(?<!!\[)"),
    "short_reference": (_LINK_START, r"\[(?<!!\[)"),
}
# Python-Markdown's inline patterns (as compiled, its own or the faster ones above) and the
# text one of which every match holds.
_MATCHES_HOLD = {
    inlinepatterns.BACKTICK_RE: ("\\", "`"), _FASTER["backtick"][1]: ("\\", "`"),
    inlinepatterns.ESCAPE_RE: ("\\",),
    _LINK_START: ("[",), _FASTER["link"][1]: ("[",), inlinepatterns.IMAGE_LINK_RE: ("[",),
    inlinepatterns.AUTOLINK_RE: ("<",), inlinepatterns.AUTOMAIL_RE: ("<",), inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # em_strong: DelimiterProcessor("*")
}
# Block processors (by name, of Python-Markdown's own class) and what a block they take holds.
_NEEDED = {
    "quote": (blockprocessors.BlockQuoteProcessor, (">",)),
    "hashheader": (blockprocessors.HashHeaderProcessor, ("#",)),
    "setextheader": (blockprocessors.SetextHeaderProcessor, ("\n=", "\n-")),
    "hr": (blockprocessors.HRProcessor, ("*", "-", "_")),
    "table": (TableProcessor, ("|",)),
}
# Preprocessors (by name, of Python-Markdown's own class), what a text they change holds, and
# what they add to the end of a text they do not change.
_CHANGES = {
    "normalize_whitespace": (NormalizeWhitespace, (util.STX, util.ETX, "\r", "\t", " \n"), "\n\n"),
    "fenced_code_block": (FencedBlockPreprocessor, ("```", "~~~"), ""),
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
        for name, (kind, needed, ending) in _CHANGES.items():
            if name in md.preprocessors and type(md.preprocessors[name]) is kind:
                processor = md.preprocessors[name]
                processor.run = _run_only_with(needed, ending, processor.run)
        _skip_plain_text(md)


def _skip_plain_text(md: Markdown) -> None:
    if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is treeprocessors.InlineProcessor:
        md.preprocessors.register(_PlainTextSkip(md, md.treeprocessors["inline"]), "skip_plain_text", 1000)


class _PlainTextSkip(Preprocessor):
    """Decided at the start of each conversion, once every extension has registered its
    patterns: the inline processor returns at once a text none of them can match, if each is
    one of _MATCHES_HOLD's."""

    def __init__(self, md: Markdown, inline: treeprocessors.InlineProcessor):
        super().__init__(md)
        self._inline = inline
        self._handle_inline = inline._InlineProcessor__handleInline  # Python-Markdown's own

    def run(self, lines: list[str]) -> list[str]:
        patterns = [self.md.inlinePatterns[item.name].getCompiledRegExp().pattern
                    for item in self.md.inlinePatterns._priority]
        vars(self._inline).pop("_InlineProcessor__handleInline", None)
        if self.md.treeprocessors["inline"] is self._inline and all(p in _MATCHES_HOLD for p in patterns):
            # Looked for with `in`, one text at a time: a regular expression of them all tries
            # each place of the text, several times slower on Vietnamese text.
            needed = tuple(dict.fromkeys(text for p in patterns for text in _MATCHES_HOLD[p]))
            handle_inline = self._handle_inline

            def handle_inline_if_needed(data: str, patternIndex: int = 0) -> str:
                return handle_inline(data, patternIndex) if any(text in data for text in needed) else data

            self._inline._InlineProcessor__handleInline = handle_inline_if_needed
        return lines


def _asked_only_with(needed: tuple[str, ...], test: Callable[[object, str], bool]) -> Callable[[object, str], bool]:
    def test_if_needed(parent, block: str) -> bool:
        return any(text in block for text in needed) and test(parent, block)
    return test_if_needed


def _run_only_with(needed: tuple[str, ...], ending: str,
                   run: Callable[[list[str]], list[str]]) -> Callable[[list[str]], list[str]]:
    """`run`, or, for a text holding none of `needed`, what it returns for one: the text's
    lines, `ending` added."""
    def run_if_needed(lines: list[str]) -> list[str]:
        text = "\n".join(lines) + ending  # a space ending the text ends a line once the ending is added
        if any(piece in text for piece in needed):
            return run(lines)
        return text.split("\n")
    return run_if_needed
