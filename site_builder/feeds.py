"""RSS 2.0 and Atom feeds, one feedgen model serialised twice, deterministic bytes.

Entries carry the whole article (RSS `content:encoded`, Atom `content`; site_builder.feed_content)
besides the lead, and the lead image's JPEG variant as `media:content` with its length, type
and size, and in RSS as an enclosure too (feedgen 1.0.0 writes an Atom entry's links without
their `rel`: an enclosure link there would read as a second alternate page). A feed's page (RSS `<link>`, Atom's alternate link) is the home page
or the section's page; the column is the Atom feed's author.

Like pages, each feed is carried over from the published site when nothing it shows changed:
its fingerprint covers every entry's article record (body, pictures and their sizes), the
addresses of the articles its bodies link to, the byte length of each enclosure, the feed's
own title, page and date, the column's settings and sections and the code (`FeedFiles`).
"""

import signal
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from feedgen.feed import FeedGenerator

from site_builder.build_cache import BuildCache, RecordHashes
from site_builder.column import Column
from site_builder.content.model import Article, Picture
from site_builder.feed_content import FeedContent
from site_builder.forked import Forked
from site_builder.images import JPEG, MEDIA_TYPES, PublishedImages, fallback_width, height_at, variant_path
from site_builder.urls import ATOM_FEED, RSS_FEED, absolute, article_path, section_feed_path, section_path

_NO_ARTICLE = datetime(1970, 1, 1, tzinfo=timezone.utc)  # the date of a feed with no article at all


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed, published twice (RSS and Atom): the articles it lists and the page it mirrors."""

    page: str
    title: str
    articles: tuple[Article, ...]
    rss: str
    atom: str

    @property
    def paths(self) -> tuple[str, str]:
        return (self.rss, self.atom)


def column_feeds(column: Column) -> list[Feed]:
    """The column's feed and one per section, each of the newest `feed_size` articles."""
    size, name = column.settings.feed_size, column.settings.site_name
    return [Feed("", name, column.articles[:size], RSS_FEED, ATOM_FEED)] + [
        Feed(section_path(section.key), f"{section.name} – {name}", column.indexes.by_section[section.key][:size],
             section_feed_path(section.key), section_feed_path(section.key, ATOM_FEED))
        for section in column.sections]


def _newest(column: Column, articles: tuple[Article, ...]) -> datetime:
    """The feed's date: from the content, never the clock (the same column, the same bytes)."""
    return max((a.updated or a.date for a in articles or column.articles), default=_NO_ARTICLE)


def feed_inputs(feed: Feed, column: Column, images: PublishedImages) -> tuple:
    """What the feed's files show besides the column's settings and sections: its articles
    (whole records), the addresses their bodies link to, its date and its enclosures' lengths."""
    lengths = [images.length(_lead_variant(article.image.picture)) for article in feed.articles if article.image]
    return (feed, [column.link_targets(article) for article in feed.articles], _newest(column, feed.articles),
            lengths)


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
    newest = _newest(column, articles)
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
            "fileSize": str(images.length(_lead_variant(picture))),
            "width": str(width), "height": str(height_at(picture, width))}


def _lead_variant(picture: Picture) -> str:
    return variant_path(picture, fallback_width(picture), JPEG)


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


def build_feeds(column: Column, images: PublishedImages, feeds: list[Feed] | None = None) -> dict[str, bytes]:
    """The files of `feeds` (all the column's by default), as {site-relative path: bytes};
    `images` are the published variants (the enclosures' lengths)."""
    site_url = column.settings.site_url
    content = FeedContent(column)
    files: dict[str, bytes] = {}
    for feed in column_feeds(column) if feeds is None else feeds:
        generator = _feed(column, feed.articles, feed.title, feed.page, content, images)
        _set_links(generator, site_url, feed.page, feed.atom)
        files[feed.atom] = generator.atom_str(pretty=True)
        _set_links(generator, site_url, feed.page, feed.rss)
        _add_enclosures(generator, feed.articles, content, images)
        files[feed.rss] = generator.rss_str(pretty=True)
    return files


class FeedFiles:
    """The feeds of one build: each carried over from the published site when its fingerprint
    is the recorded one, the others written by `start` (once the build folder is cleared)."""

    def __init__(self, column: Column, images: PublishedImages, cache: BuildCache, build_dir: Path,
                 hashes: RecordHashes):
        self._column, self._images = column, images
        self._to_write: list[Feed] = []
        self._writing: Forked | None = None
        site_wide = (cache.version, column.settings, column.sections)
        for feed in column_feeds(column):
            feed_fingerprint = hashes.of(site_wide, feed_inputs(feed, column, images))
            if not cache.carry_over(feed.paths, feed_fingerprint, build_dir):
                cache.record(feed.paths, feed_fingerprint)
                self._to_write.append(feed)

    def start(self, build_dir: Path, may_fork: bool) -> None:
        """Write the feeds into `build_dir`: in a forked process when `may_fork` (they need only
        the column: they are written while the pages render, not after), else at once."""
        if may_fork and self._to_write:
            self._writing = Forked(lambda: self._write(build_dir))
        else:
            self._write(build_dir)

    def finish(self) -> None:
        """Wait for the feeds; raise RuntimeError with the failure if writing them failed."""
        if self._writing is not None:
            failure, self._writing = self._writing.wait(), None
            if failure is not None:
                raise RuntimeError(failure)

    def cancel(self) -> None:
        if self._writing is not None:
            self._writing.stop(signal.SIGKILL)
            self._writing = None

    def _write(self, build_dir: Path) -> None:
        if not self._to_write:
            return
        for path, data in build_feeds(self._column, self._images, self._to_write).items():
            target = build_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
