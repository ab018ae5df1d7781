"""Images in article bodies published as the image pipeline's variants (site_builder.images):
`<picture>` with WebP candidates, a JPEG fallback, their true size and lazy loading; a link to
a photo leads to its largest JPEG copy (the file itself is never published).

Two steps around the engine's rewriting of relative addresses (which turns an `<img src>`
written from the article's file into an address from its page, and knows no `srcset`):
before it, an image of the column gets the fallback variant's path written from the article's
file; after it, its candidates are written in the folder the rewritten `src` names, and the
`<img>` is wrapped in its `<picture>`.
"""

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from urllib.parse import quote, unquote, urlsplit

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from site_builder.content.model import Picture
from site_builder.images import JPEG, MEDIA_TYPES, SIZES, WEBP, fallback_width, height_at, variant_path, widths

_MARK = "data-column-picture"  # which picture an <img> is, between the two steps


def content_target(url: str, folder: str) -> tuple[str, str] | None:
    """(path in the content folder, `#fragment`) of a body address written in an article file
    of `folder` (`articles/2024`), or None for an address on the web; a trailing `/` (a page of
    the site) is kept."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path))
    target += "/" if path.endswith("/") and target != "." else ""
    return target, f"#{parts.fragment}" if parts.fragment else ""


class BodyPictures:
    """The two steps for one article page: `source_uri` is its file in the content folder."""

    def __init__(self, source_uri: str, pictures: Mapping[str, Picture]):
        self.source_uri, self.pictures = source_uri, pictures

    def register(self, md: Markdown) -> None:
        # After the figures (5), before the engine's rewriting (0); then after it.
        md.treeprocessors.register(_Prepare(self), "column_pictures", 3)
        md.treeprocessors.register(_Wrap(self), "column_pictures_wrap", -10)


class _Prepare(Treeprocessor):
    def __init__(self, owner: BodyPictures):
        super().__init__()
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        folder = posixpath.dirname(self.owner.source_uri)
        for element in root.iter():
            if element.tag == "a" and element.get("href"):
                picture = self._picture(element.get("href"), folder)
                if picture is not None:  # a link to a photo: its largest copy
                    largest = variant_path(picture, widths(picture)[-1], JPEG)
                    element.set("href", posixpath.relpath(largest, folder or "."))
            elif element.tag == "img":
                self._image(element, folder)

    def _picture(self, url: str, folder: str) -> Picture | None:
        target = content_target(url, folder)
        return self.owner.pictures.get(target[0]) if target else None

    def _image(self, image: etree.Element, folder: str) -> None:
        picture = self._picture(image.get("src", ""), folder)
        if picture is None:
            return
        width = fallback_width(picture)
        image.set("src", posixpath.relpath(variant_path(picture, width, JPEG), folder or "."))
        image.set("width", str(width))
        image.set("height", str(height_at(picture, width)))
        image.set("loading", "lazy")
        image.set("decoding", "async")
        image.set(_MARK, picture.path)


class _Wrap(Treeprocessor):
    def __init__(self, owner: BodyPictures):
        super().__init__()
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, image in enumerate(list(parent)):
                if image.tag == "img" and _MARK in image.attrib:
                    parent[index] = self._picture(image)

    def _picture(self, image: etree.Element) -> etree.Element:
        picture = self.owner.pictures[image.attrib.pop(_MARK)]
        folder = posixpath.dirname(image.get("src"))

        def candidates(kind: str) -> str:
            return ", ".join(f"{posixpath.join(folder, quote(posixpath.basename(variant_path(picture, width, kind))))} "
                             f"{width}w" for width in widths(picture))

        element = etree.Element("picture")
        element.tail, image.tail = image.tail, None
        etree.SubElement(element, "source", {"type": MEDIA_TYPES[WEBP], "srcset": candidates(WEBP),
                                             "sizes": SIZES["wide"]})
        image.set("srcset", candidates(JPEG))
        image.set("sizes", SIZES["wide"])
        element.append(image)
        return element
