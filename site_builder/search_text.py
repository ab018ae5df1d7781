"""The text of an article that search knows, as the reader sees it, sentence by sentence.

Search indexes the whole article and shows the sentence where the reader's words stand, so it
needs the body as plain text: every paragraph, heading, list item, table cell, quotation, image
description and caption, and the fields shown around the body (image caption, tags, subjects,
locality, authors, source). Link targets and image file names are not text a reader sees, so
they are left out. Read from the Markdown source with a few rules rather than by rendering it:
the index's fingerprint and documents are made for every article on each rebuild, and a
Markdown conversion of 10,000 bodies takes seconds.
"""

import html
import re

from site_builder.content.model import Article

# ![description](file "caption") and [text](target "title"): keep what a reader reads.
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?[^\s)>]*>?(?:\s+[\"']([^\"']*)[\"'])?\s*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?[^\s)>]*>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REFERENCE = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]*:[^\s>]*|[^\s@>]+@[^\s>]+)>", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~).*$", re.MULTILINE)
_QUOTE_MARKER = re.compile(r"^\s*(?:>\s*)*")
_BLOCK_START = re.compile(r"#{1,6}\s+|[-*+]\s+|\d+[.)]\s+")
_RULE_OR_TABLE_LINE = re.compile(r"^\s*\|?[\s:|-]*-{3,}[\s:|-]*\|?\s*$|^\s*([-*_])(\s*\1){2,}\s*$")
_TRAILING_HASHES = re.compile(r"\s+#+\s*$")
_EMPHASIS_MARKS = "*~`_"
# The lookahead first: at the many places with none of these characters, one quick test.
_EMPHASIS = re.compile(rf"(?=[{re.escape(_EMPHASIS_MARKS)}])(?:\*+|~~|`+|(?<![^\W_])_+|_+(?![^\W_]))")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")
# What `str.split()` splits at besides the space and the line break (none is above U+3000).
_OTHER_SPACES = tuple(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in " \n")


def _inline_text(text: str) -> str:
    text = _IMAGE.sub(lambda m: ". ".join(part for part in m.groups() if part), text)
    text = _LINK.sub(r"\1", text)
    if "][" in text:  # a rule with no fixed first character is slow to look for everywhere
        text = _REFERENCE.sub(r"\1", text)
    text = _AUTOLINK.sub(" ", text)
    # Python's `in` finds a character far faster than a rule is tried at each place of the text.
    if any(mark in text for mark in _EMPHASIS_MARKS):
        text = _EMPHASIS.sub("", text)
    return html.unescape(_ESCAPE.sub(r"\1", text))


def _blocks(markdown: str) -> list[str]:
    """Paragraphs, headings, list items, quoted lines and table cells, as plain text."""
    # Looked for only where they may be: a rule anchored at each line's start is slow.
    if "]:" in markdown:
        markdown = _REFERENCE_DEFINITION.sub("", markdown)
    if "```" in markdown or "~~~" in markdown:
        markdown = _FENCE.sub("", markdown)
    blocks: list[str] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()

    for line in markdown.splitlines():
        if not line.strip() or _RULE_OR_TABLE_LINE.match(line):
            close()
            continue
        content = line[_QUOTE_MARKER.match(line).end():]
        start = _BLOCK_START.match(content)
        if content.startswith("|") or content.count("|") >= 2:
            close()
            blocks.extend(content.strip().strip("|").split("|"))
        elif start:  # a heading (one line) or a list item
            close()
            paragraph.append(_TRAILING_HASHES.sub("", content[start.end():]))
            if content.startswith("#"):
                close()
        else:
            paragraph.append(content)
    close()
    # The inline rules run once over all blocks, one a line: far faster than block by block.
    return _single_spaced(_inline_text("\n".join(blocks)))


def _single_spaced(text: str) -> list[str]:
    """The lines of `text` holding more than whitespace, each with its runs of whitespace made
    one space, trimmed. Most bodies have none to change: that is checked first, a character at
    a time, for splitting Vietnamese text into words and joining them took two fifths of the
    time of reading an article's sentences."""
    lines = text.split("\n")
    if ("  " in text or " \n" in text or "\n " in text or text.startswith(" ") or text.endswith(" ")
            or any(space in text for space in _OTHER_SPACES)):
        return [" ".join(line.split()) for line in lines if line.strip()]
    return [line for line in lines if line]


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def body_sentences(article: Article) -> list[str]:
    """Every sentence of the body and the fields shown around it, in the editor's spelling."""
    around = [article.image.caption if article.image else "", *article.tags,
              *(subject.name for subject in article.subjects), article.locality, *article.authors, article.source]
    found = [sentence for block in _blocks(article.body) for sentence in sentences(block)]
    return found + [field for field in around if field]
