"""Images with captions in article bodies, the way editors write them in Markdown.

An image alone in its paragraph, `![Mô tả ảnh](../../media/anh.jpg "Chú thích ảnh")`, becomes a
figure whose caption is the image's title: the caption readers expect under a news photo.
"""

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class _ImageParagraphsToFigures(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for paragraph in root.iter("p"):
            children = list(paragraph)
            if len(children) != 1 or children[0].tag != "img":
                continue
            image = children[0]
            if (paragraph.text or "").strip() or (image.tail or "").strip():
                continue
            paragraph.tag = "figure"
            paragraph.set("class", "col-body-figure")
            caption = image.attrib.pop("title", "")
            if caption:
                etree.SubElement(paragraph, "figcaption").text = caption


class BodyFigures(Extension):
    """Added to every Markdown conversion of an article body by the engine adapter."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (priority 20) have made the <img> elements.
        md.treeprocessors.register(_ImageParagraphsToFigures(md), "body_figures", 5)
