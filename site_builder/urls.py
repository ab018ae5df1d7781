"""The URL scheme of PRODUCT.md, as site-relative directory paths (`2020/06/slug/`, `` for home)."""

from site_builder.content.model import Article
from site_builder.vietnamese import VIETNAM_TZ

RSS_FEED = "feed.xml"
ATOM_FEED = "atom.xml"
_PAGE = "trang"
SECTIONS = "chuyen-muc"


def article_path(article: Article) -> str:
    """`<yyyy>/<mm>/<slug>/`, year and month as in Vietnam."""
    local = article.date.astimezone(VIETNAM_TZ)
    return f"{local.year:04d}/{local.month:02d}/{article.slug}/"


def paginated(first_page_path: str, number: int) -> str:
    """Page 1 of a list lives at its own path, page n at `<path>trang/<n>/`."""
    return first_page_path if number == 1 else f"{first_page_path}{_PAGE}/{number}/"


def section_path(key: str) -> str:
    return f"{SECTIONS}/{key}/"


def absolute(site_url: str, path: str) -> str:
    """An absolute URL for feeds and metadata; `site_url` ends with `/`."""
    return site_url + path
