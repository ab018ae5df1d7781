"""Python-Markdown rules for editors' text: what they write is shown, never executed.

Raw HTML in an article is published as visible text, and no link, image or attribute can run
a script: `on…=` handlers are dropped, and a link or image whose URL is not on the allow-list
(`site_builder.url_safety`) becomes text.
"""

import xml.etree.ElementTree as etree

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from site_builder.url_safety import is_allowed_url

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite")


class _DropScriptAttributes(Treeprocessor):
    def _as_published(self, value: str) -> str:
        """The value as it will be written: this runs before Markdown restores backslash escapes
        (`\\.`) and the `&` of encoded e-mail links, which would otherwise hide part of the URL."""
        return self.md.treeprocessors["unescape"].unescape(value).replace(util.AMP_SUBSTITUTE, "&")

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered == "style":
                    del element.attrib[name]
                elif lowered in _URL_ATTRIBUTES and not is_allowed_url(self._as_published(element.attrib[name])):
                    _disarm(element)
                    break


def _disarm(element: etree.Element) -> None:
    """A link or image with a URL that is not allowed becomes text (engines expect links to have URLs)."""
    if element.tag == "img":
        element.text = element.get("alt", "")
    element.tag = "span"
    element.attrib.clear()


class EditorMarkdown(Extension):
    """Added to every Markdown conversion of an article, by the engine adapter and the core."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropScriptAttributes(md), "drop_script_attributes", 1)
