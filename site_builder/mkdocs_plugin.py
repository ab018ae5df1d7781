"""The MkDocs adapter: the only module (with mkdocs_runner) that knows the rendering engine.

It hands the core's records to MkDocs as virtual pages kept out of the navigation, gives the
templates their context, and writes the core's feeds. Everything else lives in the core.
"""

from datetime import datetime
from pathlib import Path

from markupsafe import escape
from mkdocs.config import base, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from site_builder import urls
from site_builder.column import Column, gather_column
from site_builder.content.model import Article
from site_builder.content.reader import ARTICLES_DIR
from site_builder.feeds import build_feeds
from site_builder.listings import Listing, build_listings
from site_builder.markdown_safety import EditorMarkdown
from site_builder.sections import SECTIONS_FILE, load_sections
from site_builder.settings import ColumnSettings
from site_builder.vietnamese import VIETNAM_TZ, format_date, format_datetime

# Pages of the column hide Material's side navigation and table of contents: a news layout.
_HIDE = ["navigation", "toc"]


class ColumnPluginConfig(base.Config):
    per_page = config_options.Type(int, default=20)
    feed_size = config_options.Type(int, default=50)


class ColumnPlugin(BasePlugin[ColumnPluginConfig]):
    """Events that call the core. `now` may be set by the runner (tests, scheduled articles)."""

    def __init__(self):
        self.now: datetime | None = None
        self.include_unpublished = False
        self.column: Column | None = None
        self.views: dict[str, Article | Listing] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `serve` previews drafts and scheduled articles; `build` publishes.
        self.include_unpublished = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.markdown_extensions.append(EditorMarkdown())
        sections = load_sections(Path(config.docs_dir))
        config.nav = [{"Trang chủ": "index.md"}] + [
            {str(escape(section.name)): urls.section_path(section.key) + "index.md"}
            for section in sections
        ]
        return config

    @event_priority(100)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        settings = ColumnSettings(
            site_name=config.site_name,
            site_url=config.site_url or "http://127.0.0.1:8000/",
            description=config.site_description or "",
            per_page=self.config.per_page,
            feed_size=self.config.feed_size,
        )
        now = self.now or datetime.now(VIETNAM_TZ)
        self.column = gather_column(Path(config.docs_dir), settings, now, self.include_unpublished)
        kept = [file for file in files if not _is_column_source(file)]
        generated = [_article_file(config, article) for article in self.column.articles]
        generated += [_listing_file(config, listing) for listing in build_listings(self.column)]
        self.views = {file.src_uri: view for file, view in generated}
        return Files(kept + [file for file, _ in generated])

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        env.filters.update(
            vn_datetime=format_datetime,
            vn_date=format_date,
            article_path=urls.article_path,
            section_path=urls.section_path,
        )
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files):
        view = self.views.get(page.file.src_uri)
        if isinstance(view, Article):
            page.meta.update(title=str(escape(view.title)), description=str(escape(view.summary)),
                             template="article.html", hide=_HIDE)
        elif isinstance(view, Listing):
            page.meta.update(template="listing.html", hide=_HIDE)
            if view.page_title:
                page.meta["title"] = str(escape(view.page_title))
        return markdown

    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav):
        view = self.views.get(page.file.src_uri)
        context["column"] = self.column
        context["article"] = view if isinstance(view, Article) else None
        context["listing"] = view if isinstance(view, Listing) else None
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        for path, data in build_feeds(self.column).items():
            (site_dir / path).write_bytes(data)


def _is_column_source(file: File) -> bool:
    """Article files and registries are read by the core, not published as they are."""
    return file.src_uri.startswith(ARTICLES_DIR + "/") or file.src_uri == SECTIONS_FILE


def _article_file(config: MkDocsConfig, article: Article) -> tuple[File, Article]:
    # Keeping the source path lets MkDocs resolve the body's relative links and images.
    file = File.generated(config, article.source_path, content=article.body,
                          inclusion=InclusionLevel.NOT_IN_NAV)
    file.dest_uri = urls.article_path(article) + "index.html"
    return file, article


def _listing_file(config: MkDocsConfig, listing: Listing) -> tuple[File, Listing]:
    in_nav = listing.page.number == 1
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, listing.path + "index.md", content="", inclusion=inclusion), listing
