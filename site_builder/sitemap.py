"""`/sitemap.xml`: every published page, with the date its content last changed.

Dates come from the articles, never from the build, so that rebuilding the same content gives
the same bytes (and search engines are not told that every page changed every day).
"""

import gzip
from collections.abc import Iterable
from datetime import datetime
from xml.sax.saxutils import escape

from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.listings import Listing
from site_builder.vietnamese import VIETNAM_TZ


def last_modified(view, column: Column) -> datetime | None:
    """An article's own date; a list's newest article on the page; other pages the column's."""
    if isinstance(view, Article):
        return view.updated or view.date
    articles = view.page.items if isinstance(view, Listing) else column.articles
    return max((article.updated or article.date for article in articles), default=None)


def build_sitemap(site_url: str, pages: Iterable[tuple[str, datetime | None]]) -> dict[str, bytes]:
    """`sitemap.xml` and its gzipped copy from (site-relative path, last change) pairs."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, changed in pages:
        lastmod = f"<lastmod>{changed.astimezone(VIETNAM_TZ):%Y-%m-%d}</lastmod>" if changed else ""
        lines.append(f"  <url><loc>{escape(site_url + path)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    data = "\n".join(lines).encode("utf-8")
    return {"sitemap.xml": data, "sitemap.xml.gz": gzip.compress(data, mtime=0)}
