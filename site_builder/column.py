"""Gather the whole column before anything is written: articles, sections and indexes."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from site_builder.content import Article, PublicationState, read_articles
from site_builder.content.model import Picture
from site_builder.content.frontmatter import FrontMatterReader
from site_builder.content.reader import ArticleReading
from site_builder.errors import ContentErrors
from site_builder.indexes import Indexes, build_indexes
from site_builder.sections import Section, load_sections
from site_builder.settings import ColumnSettings
from site_builder.urls import article_path


@dataclass(frozen=True)
class Column:
    """The published state of the column at `now`: what every page, feed and index is made of."""

    settings: ColumnSettings
    sections_by_key: dict[str, Section]
    articles: tuple[Article, ...]
    now: datetime
    indexes: Indexes = field(repr=False)
    addresses: dict[str, str] = field(repr=False, default_factory=dict)  # article file -> its path

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(self.sections_by_key.values())

    @property
    def media(self) -> frozenset[str]:
        """The files the visible articles show or link to (relative to the content folder)."""
        lead_images = {article.image.path for article in self.articles if article.image}
        return frozenset(lead_images.union(*(article.body_media for article in self.articles)))

    @property
    def pictures(self) -> tuple[Picture, ...]:
        """The images the visible articles show, in path order: published as resized copies
        made from their pixels (site_builder.images), never as they are."""
        found = {picture.path: picture for article in self.articles for picture in article.pictures}
        return tuple(found[path] for path in sorted(found))

    @property
    def documents(self) -> frozenset[str]:
        """The other files the visible articles link to: the only files published as they are."""
        return self.media.difference(picture.path for picture in self.pictures)

    def link_targets(self, article: Article) -> tuple[tuple[str, str | None], ...]:
        """Each article the body links to (its file) with the address it is published at, if
        it is: the body's links are made from them."""
        return tuple((source, self.addresses.get(source)) for source in article.body_articles)

    def state(self, article: Article) -> PublicationState:
        return article.state(self.now)


def select_visible(
    articles: tuple[Article, ...], now: datetime, include_unpublished: bool
) -> tuple[Article, ...]:
    """Published articles, newest first; drafts and scheduled ones too in a preview."""
    visible = (a for a in articles if include_unpublished or a.state(now).is_published)
    return tuple(sorted(visible, key=lambda article: article.newest_first_key))


def gather_column(
    content_dir: Path, settings: ColumnSettings, now: datetime, include_unpublished: bool = False,
    front_matter: FrontMatterReader = FrontMatterReader(), processes: int = 1,
    started: ArticleReading | None = None,
) -> Column:
    """Read and index the column, or raise ContentErrors listing every problem. `front_matter`
    reads an article's text into front matter and body (the build cache remembers its
    results); `processes`: 2 reads the files in two processes; `started`: a reading begun
    before (read_articles)."""
    sections = load_sections(content_dir)
    articles, problems = read_articles(content_dir, tuple(section.key for section in sections), front_matter,
                                       processes, started)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        raise ContentErrors(errors)
    return assemble_column(articles, sections, settings, now, include_unpublished)


def assemble_column(
    articles: tuple[Article, ...], sections: tuple[Section, ...], settings: ColumnSettings, now: datetime,
    include_unpublished: bool = False,
) -> Column:
    """The column made of articles already read (the preview replaces the edited ones)."""
    visible = select_visible(articles, now, include_unpublished)
    return Column(
        settings=settings,
        sections_by_key={section.key: section for section in sections},
        articles=visible,
        now=now,
        indexes=build_indexes(visible, sections),
        addresses={article.source_path: article_path(article) for article in visible},
    )
