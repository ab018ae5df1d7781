"""RSS 2.0 and Atom feeds, one feedgen model serialised twice, deterministic bytes.

Entries carry the whole article (RSS `content:encoded`, Atom `content`; site_builder.feed_content)
besides the lead, and the lead image's JPEG variant as `media:content` with its length, type
and size, and in RSS as an enclosure too (feedgen 1.0.0 writes an Atom entry's links without
their `rel`: an enclosure link there would read as a second alternate page). A feed's page (RSS `<link>`, Atom's alternate link) is the home page
or the section's page; the column is the Atom feed's author.
"""

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.feed_content import FeedContent
from site_builder.images import JPEG, MEDIA_TYPES, PublishedImages, fallback_width, height_at, variant_path
from site_builder.urls import ATOM_FEED, RSS_FEED, absolute, article_path, section_feed_path, section_path

_NO_ARTICLE = datetime(1970, 1, 1, tzinfo=timezone.utc)  # the date of a feed with no article at all


def _feed(column: Column, articles: tuple[Article, ...], title: str, page: str, content: FeedContent,
          images: PublishedImages) -> FeedGenerator:
    settings = column.settings
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.load_extension("media")
    feed.id(absolute(settings.site_url, page))
    feed.title(title)
    feed.author(name=settings.site_name, uri=settings.site_url)  # RFC 4287 4.1.1: entries may have none
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
        entry.content(content.html(article), type="html")
        for author in article.authors:
            entry.author(name=author)
            entry.dc.dc_creator(author)
        for key in article.categories:
            entry.category(term=key, label=column.sections_by_key[key].name)
        if article.image:
            entry.media.content(**_lead_image(article, content, images), medium="image")
    return feed


def _lead_image(article: Article, content: FeedContent, images: PublishedImages) -> dict[str, str]:
    """The lead image's JPEG variant: address, type, length and size."""
    picture = article.image.picture
    width = fallback_width(picture)
    return {"url": content.image_url(picture), "type": MEDIA_TYPES[JPEG],
            "fileSize": str(images.length(variant_path(picture, width, JPEG))),
            "width": str(width), "height": str(height_at(picture, width))}


def _add_enclosures(feed: FeedGenerator, articles: tuple[Article, ...], content: FeedContent,
                    images: PublishedImages) -> None:
    """RSS's enclosures (added once Atom is written): the lead images' JPEG variants."""
    for entry, article in zip(feed.entry(), articles):
        if article.image:
            image = _lead_image(article, content, images)
            entry.enclosure(image["url"], image["fileSize"], image["type"])


def _set_links(feed: FeedGenerator, site_url: str, page: str, self_path: str) -> None:
    """The feed's own address (which differs for RSS and Atom) and the page it mirrors, last:
    feedgen makes the last link RSS's `<channel><link>`."""
    feed.link(
        [
            {"href": absolute(site_url, self_path), "rel": "self"},
            {"href": absolute(site_url, page), "rel": "alternate"},
        ],
        replace=True,
    )


def build_feeds(column: Column, images: PublishedImages) -> dict[str, bytes]:
    """The column's feeds and one per section, as {site-relative path: bytes}.

    Each carries the newest `feed_size` articles; `images` are the published variants (the
    enclosures' lengths).
    """
    size, site_url = column.settings.feed_size, column.settings.site_url
    content = FeedContent(column)
    feeds: dict[str, bytes] = {}
    everything = ("", column.settings.site_name, column.articles[:size], RSS_FEED, ATOM_FEED)
    for page, title, articles, rss, atom in (everything, *(
            (section_path(section.key), f"{section.name} – {column.settings.site_name}",
             column.indexes.by_section[section.key][:size], section_feed_path(section.key),
             section_feed_path(section.key, ATOM_FEED)) for section in column.sections)):
        feed = _feed(column, articles, title, page, content, images)
        _set_links(feed, site_url, page, atom)
        feeds[atom] = feed.atom_str(pretty=True)
        _set_links(feed, site_url, page, rss)
        _add_enclosures(feed, articles, content, images)
        feeds[rss] = feed.rss_str(pretty=True)
    return feeds
