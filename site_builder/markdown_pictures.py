"""Images in article bodies published as the image pipeline's variants (site_builder.images):
`<picture>` with WebP candidates, a JPEG fallback, their true size and lazy loading.

Two steps around the engine's rewriting of relative addresses (which turns an `<img src>`
written from the article's file into an address from its page, and knows no `srcset`):
before it, an image of the column gets the fallback variant's path written from the article's
file; after it, its candidates are written in the folder the rewritten `src` names, and the
`<img>` is wrapped in its `<picture>`.
"""

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from site_builder.content.model import Picture
from site_builder.images import JPEG, MEDIA_TYPES, SIZES, WEBP, fallback_width, height_at, variant_path, widths

_MARK = "data-column-picture"  # which picture an <img> is, between the two steps


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
        for image in root.iter("img"):
            parts = urlsplit(image.get("src", ""))
            if parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path))
            picture = self.owner.pictures.get(target)
            if picture is None:
                continue
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
            return ", ".join(f"{posixpath.join(folder, posixpath.basename(variant_path(picture, width, kind)))} {width}w"
                             for width in widths(picture))

        element = etree.Element("picture")
        element.tail, image.tail = image.tail, None
        etree.SubElement(element, "source", {"type": MEDIA_TYPES[WEBP], "srcset": candidates(WEBP),
                                             "sizes": SIZES["wide"]})
        image.set("srcset", candidates(JPEG))
        image.set("sizes", SIZES["wide"])
        element.append(image)
        return element
