"""Paginated lists of articles (home, sections): what each list page shows and links to."""

from dataclasses import dataclass
from enum import Enum

from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.pagination import Page, paginate
from site_builder.sections import Section
from site_builder.urls import paginated, section_path


HOME_TITLE = "Tin mới nhất"


class ListingKind(Enum):
    HOME = "home"
    SECTION = "section"


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
    def path(self) -> str:
        return paginated(self.first_path, self.page.number)

    @property
    def previous_path(self) -> str | None:
        return paginated(self.first_path, self.page.number - 1) if self.page.has_previous else None

    @property
    def next_path(self) -> str | None:
        return paginated(self.first_path, self.page.number + 1) if self.page.has_next else None

    def page_path(self, number: int) -> str:
        return paginated(self.first_path, number)


def _listings(kind, title, first_path, articles, per_page, section=None):
    return [Listing(kind, title, first_path, page, section) for page in paginate(articles, per_page)]


def build_listings(column: Column) -> tuple[Listing, ...]:
    """The home pages, then every page of every section (empty sections get one empty page)."""
    per_page = column.settings.per_page
    listings = _listings(ListingKind.HOME, HOME_TITLE, "", column.articles, per_page)
    for section in column.sections:
        listings += _listings(
            ListingKind.SECTION, section.name, section_path(section.key),
            column.by_section[section.key], per_page, section,
        )
    return tuple(listings)
