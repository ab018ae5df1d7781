"""RSS 2.0 and Atom feeds, one feedgen model serialised twice, deterministic bytes."""

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.urls import ATOM_FEED, RSS_FEED, absolute, article_path, section_feed_path, section_path

_NO_ARTICLE = datetime(1970, 1, 1, tzinfo=timezone.utc)  # the date of a feed with no article at all


def _feed(column: Column, articles: tuple[Article, ...], title: str, page: str) -> FeedGenerator:
    settings = column.settings
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.id(absolute(settings.site_url, page))
    feed.title(title)
    feed.subtitle(settings.description or title)
    feed.language("vi")
    # From the content, never the clock: the same column gives the same bytes.
    newest = max((a.updated or a.date for a in articles or column.articles), default=_NO_ARTICLE)
    feed.updated(newest)
    feed.lastBuildDate(newest)
    for article in articles:
        url = absolute(settings.site_url, article_path(article))
        entry = feed.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(article.title)
        entry.link(href=url)
        entry.published(article.date)
        entry.updated(article.updated or article.date)
        entry.summary(article.summary)
        for author in article.authors:
            entry.author(name=author)
            entry.dc.dc_creator(author)
        for key in article.categories:
            entry.category(term=key, label=column.sections_by_key[key].name)
    return feed


def _set_links(feed: FeedGenerator, site_url: str, page: str, self_path: str) -> None:
    """The page the feed mirrors and the feed's own address (which differs for RSS and Atom)."""
    feed.link(
        [
            {"href": absolute(site_url, page), "rel": "alternate"},
            {"href": absolute(site_url, self_path), "rel": "self"},
        ],
        replace=True,
    )


def build_feeds(column: Column) -> dict[str, bytes]:
    """The column's feeds and one per section, as {site-relative path: bytes}.

    Each carries the newest `feed_size` articles.
    """
    size, site_url = column.settings.feed_size, column.settings.site_url
    feeds = _serialise(_feed(column, column.articles[:size], column.settings.site_name, ""),
                       site_url, "", RSS_FEED, ATOM_FEED)
    for section in column.sections:
        articles = column.indexes.by_section[section.key][:size]
        title = f"{section.name} – {column.settings.site_name}"
        feeds.update(_serialise(_feed(column, articles, title, section_path(section.key)), site_url,
                                section_path(section.key), section_feed_path(section.key),
                                section_feed_path(section.key, ATOM_FEED)))
    return feeds


def _serialise(feed: FeedGenerator, site_url: str, page: str, rss: str, atom: str) -> dict[str, bytes]:
    _set_links(feed, site_url, page, atom)
    atom_bytes = feed.atom_str(pretty=True)
    _set_links(feed, site_url, page, rss)
    return {rss: feed.rss_str(pretty=True), atom: atom_bytes}
