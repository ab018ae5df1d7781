"""The whole article as feed readers show it: HTML whose every address is absolute.

A feed entry is read far from the site: a relative `src` or `href` leads nowhere there. The
body is converted with the pages' own Markdown rules (raw HTML shown as text, forbidden
addresses refused, images alone in a paragraph as figures), then each address is made
absolute: an image of the column becomes its JPEG variant with its true size, a link to
another article its published address (text when that article is not published), a linked
photo its largest copy, a linked document its published file.
"""

import posixpath
import xml.etree.ElementTree as etree
from urllib.parse import quote

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape

from site_builder.column import Column
from site_builder.content.model import Article, Picture
from site_builder.images import JPEG, fallback_width, height_at, variant_path, widths
from site_builder.markdown_figures import BodyFigures
from site_builder.markdown_pictures import content_target
from site_builder.markdown_safety import EditorMarkdown
from site_builder.markdown_speed import FasterMarkdown
from site_builder.urls import absolute, article_path


class FeedContent:
    """Converts articles of one column for its feeds (one Markdown converter reused)."""

    def __init__(self, column: Column):
        self.column = column
        self._pictures = {picture.path: picture for picture in column.pictures}
        self._addresses = _AbsoluteAddresses(self)
        self._md = markdown.Markdown(extensions=[EditorMarkdown(), BodyFigures(), FasterMarkdown()])
        self._md.treeprocessors.register(self._addresses, "feed_addresses", 0)
        self._article: Article | None = None
        self._known: dict[str, str] = {}

    def html(self, article: Article) -> str:
        """The lead, the lead image with its caption, and the body (once per article)."""
        if article.source_path not in self._known:
            self._article = article
            parts = [f"<p><strong>{escape(article.summary)}</strong></p>"] if article.summary else []
            if article.image:
                image = self.image_tag(article.image.picture, article.image.alt)
                caption = f"<figcaption>{escape(article.image.caption)}</figcaption>" if article.image.caption else ""
                parts.append(f"<figure>{image}{caption}</figure>")
            parts.append(self._md.reset().convert(article.body))
            self._known[article.source_path] = "\n".join(parts)
        return self._known[article.source_path]

    def image_url(self, picture: Picture) -> str:
        """The absolute address of the picture's fallback JPEG variant."""
        return absolute(self.column.settings.site_url, quote(variant_path(picture, fallback_width(picture), JPEG)))

    def image_tag(self, picture: Picture, alt: str) -> str:
        width = fallback_width(picture)
        return (f'<img src="{escape(self.image_url(picture))}" width="{width}" '
                f'height="{height_at(picture, width)}" alt="{escape(alt)}">')


class _AbsoluteAddresses(Treeprocessor):
    def __init__(self, owner: FeedContent):
        super().__init__()
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                self._image(element)
            elif element.tag == "a" and element.get("href") is not None:
                self._link(element)

    def _target(self, url: str) -> tuple[str, str] | None:
        return content_target(url, posixpath.dirname(self.owner._article.source_path))

    def _image(self, element: etree.Element) -> None:
        target = self._target(element.get("src", ""))
        picture = self.owner._pictures.get(target[0]) if target else None
        if picture is None:
            return
        width = fallback_width(picture)
        element.set("src", self.owner.image_url(picture))
        element.set("width", str(width))
        element.set("height", str(height_at(picture, width)))

    def _link(self, element: etree.Element) -> None:
        href = element.get("href")
        column, site_url = self.owner.column, self.owner.column.settings.site_url
        page = absolute(site_url, article_path(self.owner._article))
        if href.startswith("#"):
            element.set("href", page + href)
            return
        target = self._target(href)
        if target is None:
            return
        path, fragment = target
        picture = self.owner._pictures.get(path)
        if picture is not None:  # a link to a photo: its largest copy, as on the page
            element.set("href", absolute(site_url, quote(variant_path(picture, widths(picture)[-1], JPEG))))
        elif path.endswith(".md"):
            address = column.addresses.get(path)
            if address is None:  # an article not published: its words stay, as on the page
                element.tag, element.attrib = "span", {}
            else:
                element.set("href", absolute(site_url, address) + fragment)
        else:
            element.set("href", absolute(site_url, quote(path)) + fragment)
