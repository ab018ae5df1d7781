"""Python-Markdown rules for editors' text: what they write is shown, never executed.

Raw HTML in an article is published as visible text, and no link, image or attribute can run
a script (`javascript:` URLs and `on…=` handlers are dropped).
"""

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite")
# Control characters and spaces browsers ignore inside a scheme (`java\tscript:`).
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def _is_unsafe_url(url: str) -> bool:
    return _IGNORED_IN_SCHEME.sub("", url).lower().startswith(_UNSAFE_SCHEMES)


class _DropScriptAttributes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered == "style":
                    del element.attrib[name]
                elif lowered in _URL_ATTRIBUTES and _is_unsafe_url(element.attrib[name]):
                    _disarm(element)
                    break


def _disarm(element: etree.Element) -> None:
    """A link or image with a script URL becomes plain text (engines expect links to have URLs)."""
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
