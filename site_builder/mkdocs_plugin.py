"""The MkDocs adapter: the only module (with mkdocs_runner) that knows the rendering engine.

It hands the core's records to MkDocs as virtual pages kept out of the navigation, gives the
templates their context, and writes the core's feeds. Everything else lives in the core.
"""

import os
from datetime import datetime
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.config import base, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from site_builder import urls
from site_builder.build_cache import (BuildCache, RecordHashes, SiteUnchanged, code_version, files_fingerprint,
                                     file_identity, fingerprint)
from site_builder.column import Column, gather_column
from site_builder.content.model import Article
from site_builder.content.reader import ArticleReading
from site_builder.feeds import FeedFiles
from site_builder import images
from site_builder.images import PublishedImages, publish_images
from site_builder.listings import Directory, Listing, ListingKind, build_directories, build_listings
from site_builder.markdown_figures import BodyFigures
from site_builder.markdown_safety import EditorMarkdown
from site_builder.markdown_speed import FasterMarkdown
from site_builder.mkdocs_pages import ColumnPage
from site_builder.mkdocs_parallel import SharedRendering
from site_builder.mkdocs_partials import NavigationPartials, SharedMacros, SharedPartials, relative_url
from site_builder.progress import BuildProgress, SilentProgress
from site_builder.page_data import VIEW_NAMES, View, page_data, view_path
from site_builder.search import SearchPage, build_search_page
from site_builder.search_index import SearchIndexJob
from site_builder.sections import load_sections
from site_builder.settings import ColumnSettings
from site_builder.sitemap import build_sitemap, last_modified
from site_builder.vietnamese import VIETNAM_TZ, format_date, format_datetime

# An empty folder beside mkdocs.yml, given to MkDocs as its docs_dir (see on_config).
ENGINE_DOCS_DIR = ".cache/site-builder/engine-docs"
# Pages of the column hide Material's side navigation and table of contents: a news layout.
_HIDE = ["navigation", "toc"]
_TEMPLATES = {Article: "article.html", Listing: "listing.html", Directory: "directory.html",
              SearchPage: "search.html"}


class _Translations:
    """Material's translations (`lang.t(key)`), each key's text made once per build."""

    def __init__(self, module):
        self._module = module
        self._made: dict[str, Markup] = {}

    def t(self, key: str) -> Markup:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._module.t(key)
        return made


class ColumnPluginConfig(base.Config):
    per_page = config_options.Type(int, default=20)
    feed_size = config_options.Type(int, default=50)
    parallel = config_options.Type(bool, default=True)  # `build` renders on two cores


class ColumnPlugin(BasePlugin[ColumnPluginConfig]):
    """Events that call the core. The runner may set `now` (tests, scheduled articles) and
    `progress` (a bar on a terminal)."""

    def __init__(self):
        self.now: datetime | None = None
        self.progress: BuildProgress = SilentProgress()
        self.include_unpublished = False
        self.column: Column | None = None
        self.views: dict[str, View] = {}
        self.search_index: SearchIndexJob | None = None
        self.shared_rendering: SharedRendering | None = None
        # Whether rendering may fork a second process: the runner's builds run in a process of
        # their own; `mkdocs serve` builds beside its server's threads.
        self.may_fork = False
        self.content_dir = Path()
        # Which pages may be carried over: set by the runner; without it (`mkdocs build`), none.
        self.cache: BuildCache | None = None
        self.prepared: dict[str, dict] = {}  # page data computed for a fingerprint, kept for rendering
        self.record_hashes = RecordHashes()
        self.site_key = ""  # what every page is made from besides its own data (see _site_key)
        self.images = PublishedImages({})
        self.feeds: FeedFiles | None = None  # which feeds this build writes (see on_nav)
        self.reading: ArticleReading | None = None  # the articles' reading, begun by the runner

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `serve` previews drafts and scheduled articles; `build` publishes.
        self.include_unpublished = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path or config.docs_dir).parent
        if self.cache is None:
            self.cache = BuildCache.open(project, Path(config.site_dir), code_version(), clean=True)
        config.markdown_extensions += [EditorMarkdown(), BodyFigures(), FasterMarkdown()]
        config.theme.static_templates.discard("sitemap.xml")  # the core writes a complete one
        # The core reads the column; MkDocs walks its docs_dir following every link (a loop
        # never ends) and would publish every file: it gets an empty folder, and on_files the
        # media that published articles show.
        self.content_dir = Path(config.docs_dir)
        engine_docs = project / ENGINE_DOCS_DIR
        engine_docs.mkdir(parents=True, exist_ok=True)
        config.docs_dir = str(engine_docs)
        sections = load_sections(self.content_dir)
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
        reading, self.reading = self.reading, None
        self.column = gather_column(self.content_dir, settings, now, self.include_unpublished,
                                    self.cache.front_matter, processes=2 if self.may_fork else 1, started=reading)
        # The search index needs only the column: it is made while everything else is, from
        # now on, the site's fingerprint below included (0.3 s less of a cold build at 10,000
        # with one core idle; a build with nothing to do stops it, about 0.1 s lost).
        self.search_index = SearchIndexJob(self.column, Path(config.site_dir), self.cache)
        self.search_index.start(self.may_fork)
        # The whole site is made from the site-wide inputs and the visible articles, their states
        # and media: when all are as last published and the site is untouched, nothing to do.
        self.site_key = self._site_key(config)
        self.cache.site_fingerprint = self.record_hashes.of(
            self.site_key, self.column.articles, [self.column.state(article) for article in self.column.articles],
            [(path, file_identity(self.content_dir / path)) for path in sorted(self.column.media)])
        if self.cache.is_unchanged(self.cache.site_fingerprint):
            raise SiteUnchanged()
        self.images = publish_images(self.column.pictures, self.content_dir, self.cache.record_file.parent)
        generated = [article_file(config, article) for article in self.column.articles]
        generated += [_page_file(config, listing, listing.path, listing.page.number == 1
                                 and listing.kind in (ListingKind.HOME, ListingKind.SECTION))
                      for listing in build_listings(self.column)]
        generated += [_page_file(config, page, page.path, False)
                      for page in (*build_directories(self.column), build_search_page(self.column))]
        self.views = {file.src_uri: view for file, view in generated}
        pictures = {picture.path: picture for picture in self.column.pictures}
        for file, _ in generated:
            if not file.inclusion.is_in_nav():
                ColumnPage(None, file, config, pictures)
        media = [File(path, str(self.content_dir), config.site_dir, config.use_directory_urls)
                 for path in sorted(self.column.documents)]
        media += [File.generated(config, path, abs_src_path=str(source)) for path, source in self.images.files.items()]
        return Files(list(files) + media + [file for file, _ in generated])

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        server.watch(str(self.content_dir))
        return server

    def on_nav(self, nav, /, *, config: MkDocsConfig, files: Files):
        outside_nav = [file for file in files.documentation_pages() if file.inclusion is InclusionLevel.NOT_IN_NAV]
        outside_nav = [file for file in outside_nav if not self._carry_over(file, config)]
        self.feeds = FeedFiles(self.column, self.images, self.cache, Path(config.site_dir), self.record_hashes)
        # Every carry-over into the build folder is decided by now (the search job carries its
        # own into its work folder).
        self.cache.clear_unclaimed(Path(config.site_dir))
        self.feeds.start(Path(config.site_dir), self.may_fork)
        self._write_sitemap(Path(config.site_dir))
        if self.may_fork and self.config.parallel and (os.cpu_count() or 1) > 1:
            # List pages first: their article cards are then rendered once, here, before the
            # second process is forked, instead of again in it (at 10,000 articles it rendered
            # nearly every card a second time, about 0.5 s of CPU).
            outside_nav.sort(key=lambda file: isinstance(self.views.get(file.src_uri), Article))
            self.shared_rendering = SharedRendering(outside_nav, config, files, nav)
        return nav

    def _write_sitemap(self, site_dir: Path) -> None:
        """Written before the pages, while the search index is made on the other core (written
        last, it kept that core idle at the end of a build)."""
        column = self.column
        outputs = build_sitemap(column.settings.site_url, (
            (view_path(view), last_modified(view, column)) for view in self.views.values()))
        for path, data in outputs.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _site_key(self, config: MkDocsConfig) -> str:
        """What every page is made from besides its own data: the code, every theme file (a
        template may include any of them), the configuration (with what the runner or `serve`
        changed in it) and the column's sections."""
        theme = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        return fingerprint(self.cache.version, Path(config.config_file_path).read_bytes(), config.site_url,
                           config.use_directory_urls, sorted(self.config.items()), self.column.settings,
                           self.column.sections, self.include_unpublished, files_fingerprint(theme))

    def _carry_over(self, file: File, config: MkDocsConfig) -> bool:
        """Carry the page's published file over when its fingerprint did not change; else note
        the fingerprint its new file is made from, and keep the data to render it."""
        view = self.views[file.src_uri]
        data = page_data(view, self.column)
        links = self.column.link_targets(view) if isinstance(view, Article) else ()
        page_fingerprint = self.record_hashes.of(self.site_key, file.dest_uri, data, links)
        if self.cache.carry_over([file.dest_uri], page_fingerprint, Path(config.site_dir)):
            file.inclusion = InclusionLevel.EXCLUDED
            return True
        self.cache.record([file.dest_uri], page_fingerprint)
        self.prepared[file.src_uri] = data
        return False

    def _search_index_running(self) -> bool:
        return self.search_index is not None and self.search_index.running()

    def _become_worker(self) -> None:
        """In the child: render quietly, leave the search index, the feeds and the sitemap to
        the parent."""
        self.progress, self.search_index, self.shared_rendering, self.feeds = SilentProgress(), None, None, None

    @event_priority(-100)  # last: the shared pages are rendered here, with the environment complete
    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        shared = self.shared_rendering.pages if self.shared_rendering else []
        self.progress.start("Dựng trang", len(files.documentation_pages()) + len(shared))
        env.filters.update(
            vn_datetime=format_datetime,
            vn_date=format_date,
            article_path=urls.article_path,
            section_path=urls.section_path,
            section_feed_path=urls.section_feed_path,
            tag_path=urls.tag_path,
            author_path=urls.author_path,
            subject_path=urls.subject_path,
            locality_path=urls.locality_path,
        )
        env.filters.update(srcset=_srcset, variant_path=images.variant_path, height_at=images.height_at,
                           fallback_width=images.fallback_width)
        env.globals["image_sizes"] = images.SIZES
        # Material's translations (`lang.t`) depend on the configuration only: made once, not
        # imported again on every page as Material's base.html does (see themes/…/base.html),
        # and each key's text once, not looked up by a template macro on every page.
        env.globals["lang"] = _Translations(env.get_template("partials/language.html").make_module({"config": config}))
        # What many pages show alike, rendered once and shared (mkdocs_partials; new caches every build).
        env.globals.update(navigation_partial=NavigationPartials(), shared_partial=SharedPartials(),
                           shared_macro=SharedMacros("partials/column/cards.html"))
        env.filters["url"] = relative_url
        if self.shared_rendering is not None:
            for name in _TEMPLATES.values():  # compiled once, before the second process is forked
                env.get_template(name)
            self.shared_rendering.render(env, in_child=self._become_worker, on_taken=self.progress.advance,
                                         second_core_busy=self._search_index_running)
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files):
        view = self.views.get(page.file.src_uri)
        if view is None:
            return markdown
        page.meta.update(template=_TEMPLATES[type(view)], hide=_HIDE)
        title = view.title if isinstance(view, Article) else view.page_title
        if title:
            page.meta["title"] = str(escape(title))
        description = view.summary if isinstance(view, Article) else view.description
        if description:
            page.meta["description"] = str(escape(description))
        return markdown

    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav):
        context.update({name: None for name in VIEW_NAMES.values()}, sections_by_key=self.column.sections_by_key)
        view = self.views.get(page.file.src_uri)
        if view is not None:
            context.update(self.prepared.pop(page.file.src_uri, None) or page_data(view, self.column))
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not page.file.inclusion.is_excluded():  # the shared pages count as they are taken
            self.progress.advance()
        return output

    def on_build_error(self, *, error: Exception) -> None:
        self.progress.finish()
        if self.shared_rendering is not None:
            self.shared_rendering.cancel()
            self.shared_rendering = None
        if self.search_index is not None:
            self.search_index.cancel()
            self.search_index = None
        if self.feeds is not None:
            self.feeds.cancel()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.progress.finish()
        site_dir = Path(config.site_dir)
        if self.shared_rendering is not None:
            self.shared_rendering.join()
            self.shared_rendering = None
        try:
            self.feeds.finish()
        except RuntimeError as failure:
            raise BuildError(f"Không viết được nguồn tin (feeds): {failure}") from None
        try:
            self.search_index.finish(site_dir)
        except RuntimeError as failure:
            raise BuildError(f"Không tạo được chỉ mục tìm kiếm (search index): {failure}") from None
        finally:
            self.search_index = None


@pass_context
def _srcset(context, picture, kind: str) -> str:
    """The `srcset` of a picture's variants of one format, as addresses from the page."""
    return images.srcset(picture, kind, lambda path: relative_url(context, path))


def article_file(config: MkDocsConfig, article: Article) -> tuple[File, Article]:
    # Keeping the source path lets MkDocs resolve the body's relative links and images.
    file = File.generated(config, article.source_path, content=article.body,
                          inclusion=InclusionLevel.NOT_IN_NAV)
    file.dest_uri = urls.article_path(article) + "index.html"
    return file, article


def _page_file(config: MkDocsConfig, view: View, path: str, in_nav: bool) -> tuple[File, View]:
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, path + "index.md", content="", inclusion=inclusion), view
