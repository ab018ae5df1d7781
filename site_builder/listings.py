"""The list pages of the column: what each shows and links to.

Every kind of list (home, section, tag, author, subject, locality, year, month) is a Listing
paginated the same way; the pages that list names (all tags, all subjects…) are Directories.
"""

from dataclasses import dataclass
from enum import Enum
from itertools import islice

from site_builder import urls
from site_builder.column import Column
from site_builder.content.model import Article, SubjectKind
from site_builder.indexes import NamedGroup
from site_builder.pagination import Page, paginate
from site_builder.sections import Section

HOME_TITLE = "Tin mới nhất"
FEATURED = 3  # articles pinned at the top of the home page ("Tiêu điểm")
PER_SECTION = 4  # headlines in each section's block on the home page
_SUBJECT_KIND_TITLES = {SubjectKind.COLLECTIVE: "Tập thể điển hình", SubjectKind.INDIVIDUAL: "Cá nhân điển hình"}


class ListingKind(Enum):
    """Each kind with the label shown above its title."""

    HOME = ""
    SECTION = "Chuyên mục"
    TAG = "Chủ đề"
    AUTHOR = "Tác giả"
    SUBJECT = "Gương điển hình"
    LOCALITY = "Địa phương"
    YEAR = "Lưu trữ"
    MONTH = "Lưu trữ"


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a list: its path, its slice of articles and the paths of its sibling pages."""

    kind: ListingKind
    title: str
    first_path: str
    page: Page[Article]
    section: Section | None = None

    @property
    def page_title(self) -> str | None:
        """The browser title; None on the front page, which carries the column's own name."""
        if self.page.number > 1:
            return f"{self.title} – Trang {self.page.number}"
        return None if self.kind is ListingKind.HOME else self.title

    @property
    def description(self) -> str:
        if self.kind is ListingKind.HOME:
            return ""
        return f"{self.kind.value}: {self.title}"

    @property
    def path(self) -> str:
        return urls.paginated(self.first_path, self.page.number)

    @property
    def previous_path(self) -> str | None:
        return urls.paginated(self.first_path, self.page.number - 1) if self.page.has_previous else None

    @property
    def next_path(self) -> str | None:
        return urls.paginated(self.first_path, self.page.number + 1) if self.page.has_next else None


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    name: str
    path: str
    count: int


@dataclass(frozen=True, slots=True)
class DirectoryGroup:
    title: str
    entries: tuple[DirectoryEntry, ...]


@dataclass(frozen=True, slots=True)
class Directory:
    """A page listing names (all tags, all subjects by kind, the archive by year) with counts."""

    title: str
    path: str
    groups: tuple[DirectoryGroup, ...]

    @property
    def page_title(self) -> str:
        return self.title

    @property
    def description(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True)
class FrontPage:
    """What the home page shows besides its list: pinned articles above it, section blocks below."""

    featured: tuple[Article, ...]
    blocks: tuple[tuple[Section, tuple[Article, ...]], ...]


def _paginated(kind, title, first_path, articles, per_page, section=None) -> list[Listing]:
    return [Listing(kind, title, first_path, page, section) for page in paginate(articles, per_page)]


def _named(kind: ListingKind, groups: dict[str, NamedGroup], prefix: str, per_page: int) -> list[Listing]:
    listings = []
    for group in groups.values():
        listings += _paginated(kind, group.name, f"{prefix}{group.slug}/", group.articles, per_page)
    return listings


def build_listings(column: Column) -> tuple[Listing, ...]:
    """Every page of every list; an empty section still gets its (empty) first page."""
    per_page, indexes = column.settings.per_page, column.indexes
    pinned = {article.source_path for article in featured_articles(column)}
    newest = tuple(article for article in column.articles if article.source_path not in pinned)
    listings = _paginated(ListingKind.HOME, HOME_TITLE, "", newest, per_page)
    for section in column.sections:
        listings += _paginated(ListingKind.SECTION, section.name, urls.section_path(section.key),
                               indexes.by_section[section.key], per_page, section)
    listings += _named(ListingKind.TAG, indexes.tags, urls.TAGS, per_page)
    listings += _named(ListingKind.AUTHOR, indexes.authors, urls.AUTHORS, per_page)
    listings += _named(ListingKind.SUBJECT, indexes.subjects, urls.SUBJECTS, per_page)
    listings += _named(ListingKind.LOCALITY, indexes.localities, urls.LOCALITIES, per_page)
    for year, articles in indexes.years.items():
        listings += _paginated(ListingKind.YEAR, f"Năm {year}", urls.year_path(year), articles, per_page)
    for (year, month), articles in indexes.months.items():
        listings += _paginated(ListingKind.MONTH, f"Tháng {month}/{year}", urls.month_path(year, month),
                               articles, per_page)
    return tuple(listings)


def _entries(groups: dict[str, NamedGroup], prefix: str, kind: SubjectKind | None = None):
    return tuple(DirectoryEntry(group.name, f"{prefix}{group.slug}/", len(group.articles))
                 for group in groups.values() if kind is None or group.kind is kind)


def build_directories(column: Column) -> tuple[Directory, ...]:
    """`/the/`, `/tac-gia/`, `/dien-hinh/` (by kind), `/dia-phuong/` and `/luu-tru/` (by year)."""
    indexes = column.indexes
    subjects = tuple(DirectoryGroup(title, _entries(indexes.subjects, urls.SUBJECTS, kind))
                     for kind, title in _SUBJECT_KIND_TITLES.items())
    archive = tuple(
        DirectoryGroup(f"Năm {year}", tuple(
            DirectoryEntry(f"Tháng {month}/{year}", urls.month_path(year, month), len(articles))
            for (entry_year, month), articles in indexes.months.items() if entry_year == year))
        for year in indexes.years)
    return (
        Directory("Chủ đề", urls.TAGS, (DirectoryGroup("", _entries(indexes.tags, urls.TAGS)),)),
        Directory("Tác giả", urls.AUTHORS, (DirectoryGroup("", _entries(indexes.authors, urls.AUTHORS)),)),
        Directory("Gương điển hình", urls.SUBJECTS, subjects),
        Directory("Địa phương", urls.LOCALITIES,
                  (DirectoryGroup("", _entries(indexes.localities, urls.LOCALITIES)),)),
        Directory("Lưu trữ", urls.ARCHIVE, archive),
    )


def featured_articles(column: Column) -> tuple[Article, ...]:
    """The newest featured articles, pinned above the home page's list (and left out of it)."""
    return tuple(islice((article for article in column.articles if article.featured), FEATURED))


def build_front_page(column: Column, listed: tuple[Article, ...]) -> FrontPage:
    """The pinned articles and, per section, its newest articles that the page does not show yet
    (`listed`: the first page of the home list), so that no article appears twice."""
    featured = featured_articles(column)
    shown = {article.source_path for article in featured + listed}
    blocks = []
    for section in column.sections:
        fresh = tuple(islice((article for article in column.indexes.by_section[section.key]
                              if article.source_path not in shown), PER_SECTION))
        shown.update(article.source_path for article in fresh)
        if fresh:
            blocks.append((section, fresh))
    return FrontPage(featured=featured, blocks=tuple(blocks))
