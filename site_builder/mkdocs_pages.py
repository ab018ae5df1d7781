"""The column's pages for MkDocs, converted by one reused Markdown instance per process.

Part of the MkDocs adapter. MkDocs' `Page.render` builds a new `markdown.Markdown` (every
extension set up again) for every page: about a millisecond each, 15,000 times for 10,000
articles, although list pages have no Markdown at all. `ColumnPage` takes MkDocs' own steps
(mkdocs 1.6.1, `Page.render`) but resets one converter instead of building one, and gives an
empty source an empty page without converting it. Its body images become the image
pipeline's `<picture>` (site_builder.markdown_pictures). Its source is the body as the editor
wrote it, nothing read out of it as metadata (see `read_source`).
"""

from collections.abc import Mapping

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                    _RawHTMLPreprocessor, _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

from site_builder.content.model import Picture
from site_builder.markdown_pictures import BodyPictures


class ColumnPage(Page):
    """A page outside the navigation (articles and lists), rendered as MkDocs would."""

    _converter: tuple[int, markdown.Markdown] | None = None  # for one configuration at a time

    def __init__(self, title, file, config: MkDocsConfig, pictures: Mapping[str, Picture] | None = None):
        super().__init__(title, file, config)
        self.pictures = pictures or {}  # the column's images, by their file in the content folder

    def read_source(self, config: MkDocsConfig) -> None:
        """MkDocs' own reading takes a page's leading `Word: text` lines (MultiMarkdown metadata)
        or leading `---` block out of it as metadata: an article whose body began with
        `Video: …` was published without that paragraph. An article's fields are its front
        matter, read by the core; the body is all content."""
        source = config.plugins.on_page_read_source(page=self, config=config)
        self.markdown, self.meta = (self.file.content_string if source is None else source), {}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if not self.markdown:
            self.content, self.toc, self._title_from_render = "", get_toc([]), None
            self.present_anchor_ids, self.links_to_anchors = set(), {}
            return
        md = _converter(config)
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative_paths = _RelativePathTreeprocessor(self.file, files, config)
        relative_paths._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        BodyPictures(self.file.src_uri, self.pictures).register(md)
        self.content = md.reset().convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        self.links_to_anchors = relative_paths.links_to_anchors


def _converter(config: MkDocsConfig) -> markdown.Markdown:
    """This process's converter for `config` (the processors above replace theirs by name)."""
    if ColumnPage._converter is None or ColumnPage._converter[0] != id(config):
        md = markdown.Markdown(extensions=config["markdown_extensions"],
                               extension_configs=config["mdx_configs"] or {})
        ColumnPage._converter = (id(config), md)
    return ColumnPage._converter[1]
