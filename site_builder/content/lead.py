"""The lead (sapo): when an editor gives no `summary`, the first paragraph of the body is it."""

import re

import markdown
from markupsafe import Markup

from site_builder.markdown_safety import EditorMarkdown

_BLOCK_SEPARATOR = re.compile(r"\n[ \t]*\n")
# Blocks that are not a plain paragraph: headings, images, quotes, lists, tables, HTML, code.
_NOT_A_PARAGRAPH = re.compile(r"^\s*(#|!\[|>|[-*+]\s|\d+[.)]\s|\||<|```|~~~)")


def split_lead(body: str) -> tuple[str, str]:
    """Return (first paragraph, body without it); ("", body) when the body has no paragraph."""
    blocks = _BLOCK_SEPARATOR.split(body.strip())
    for index, block in enumerate(blocks):
        if block.strip() and not _NOT_A_PARAGRAPH.match(block):
            rest = blocks[:index] + blocks[index + 1 :]
            return block.strip(), "\n\n".join(rest)
    return "", body


def plain_text(markdown_text: str) -> str:
    """The text a reader sees in a Markdown paragraph, without markup (for feeds and metadata)."""
    html = markdown.markdown(markdown_text, extensions=[EditorMarkdown()])
    return " ".join(Markup(html).striptags().split())
