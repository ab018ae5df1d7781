"""The URL scheme of PRODUCT.md, as site-relative directory paths (`2020/06/slug/`, `` for home)."""

from datetime import datetime
from functools import lru_cache

from site_builder.content.model import Article
from site_builder.vietnamese import VIETNAM_TZ, slugify_vi

RSS_FEED = "feed.xml"
ATOM_FEED = "atom.xml"
SECTIONS = "chuyen-muc"
TAGS = "the/"
AUTHORS = "tac-gia/"
SUBJECTS = "dien-hinh/"
LOCALITIES = "dia-phuong/"
ARCHIVE = "luu-tru/"
_PAGE = "trang"


def article_path(article: Article) -> str:
    """`<yyyy>/<mm>/<slug>/`, year and month as in Vietnam."""
    return _dated_path(article.date, article.slug)


@lru_cache(maxsize=65536)  # every list and page that links an article asks for its path
def _dated_path(moment: datetime, slug: str) -> str:
    local = moment.astimezone(VIETNAM_TZ)
    return f"{local.year:04d}/{local.month:02d}/{slug}/"


def paginated(first_page_path: str, number: int) -> str:
    """Page 1 of a list lives at its own path, page n at `<path>trang/<n>/`."""
    return first_page_path if number == 1 else f"{first_page_path}{_PAGE}/{number}/"


def section_path(key: str) -> str:
    return f"{SECTIONS}/{key}/"


def section_feed_path(key: str, feed: str = RSS_FEED) -> str:
    return section_path(key) + feed


def tag_path(name: str) -> str:
    return f"{TAGS}{slugify_vi(name)}/"


def author_path(name: str) -> str:
    return f"{AUTHORS}{slugify_vi(name)}/"


def subject_path(name: str) -> str:
    return f"{SUBJECTS}{slugify_vi(name)}/"


def locality_path(name: str) -> str:
    return f"{LOCALITIES}{slugify_vi(name)}/"


def year_path(year: int) -> str:
    return f"{ARCHIVE}{year:04d}/"


def month_path(year: int, month: int) -> str:
    return f"{ARCHIVE}{year:04d}/{month:02d}/"


def absolute(site_url: str, path: str) -> str:
    """An absolute URL for feeds and metadata; `site_url` ends with `/`."""
    return site_url + path
