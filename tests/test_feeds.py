"""The column's RSS and Atom feeds, read by a real feed parser."""

import feedparser

from conftest import NOW


def _parse(site, name):
    feed = feedparser.parse(site.file("/" + name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_feeds_carry_the_newest_fifty_articles(column, build):
    for i in range(55):
        column.article(f"bai-{i:02d}", title=f"Bài {i:02d}", year="2024",
                       date=f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}T08:00:00+07:00")
    site = build(column)
    for name in ("feed.xml", "atom.xml"):
        feed = _parse(site, name)
        titles = [entry.title for entry in feed.entries]
        assert titles == [f"Bài {i:02d}" for i in reversed(range(5, 55))]


def test_feed_entries_have_absolute_links_dates_summaries_authors_sections(column, build):
    column.article("mot", title="Gương sáng ở Đà Nẵng", date="2024-03-05T09:15:00+07:00",
                   summary="Lời dẫn về gương sáng.", authors=["Minh Anh", "Quốc Bảo"],
                   categories=["guong-dien-hinh"])
    site = build(column)
    for name in ("feed.xml", "atom.xml"):
        feed = _parse(site, name)
        assert feed.feed.title == "Gương sáng quanh ta"
        entry = feed.entries[0]
        assert entry.link == "https://guongsang.example.vn/2024/03/mot/"
        assert entry.title == "Gương sáng ở Đà Nẵng"
        assert entry.summary == "Lời dẫn về gương sáng."
        assert entry.published_parsed[:5] == (2024, 3, 5, 2, 15)  # 09:15 in Vietnam is 02:15 UTC
        assert [a.name for a in entry.authors] == ["Minh Anh", "Quốc Bảo"]
        # RSS readers show the category text; Atom keeps the key as term and the name as label.
        shown = [tag.term if feed.version == "rss20" else tag.label for tag in entry.tags]
        assert shown == ["Gương điển hình"]


def test_feed_kinds_and_self_links(column, build):
    column.article("mot", title="Một", date="2024-03-05")
    site = build(column)
    rss, atom = _parse(site, "feed.xml"), _parse(site, "atom.xml")
    assert rss.version == "rss20" and atom.version == "atom10"
    self_links = {feed.version: [l.href for l in feed.feed.links if l.rel == "self"] for feed in (rss, atom)}
    assert self_links == {"rss20": ["https://guongsang.example.vn/feed.xml"],
                          "atom10": ["https://guongsang.example.vn/atom.xml"]}


def test_feeds_are_byte_identical_across_rebuilds(column, build, tmp_path):
    column.article("mot", title="Một", date="2024-03-05")
    first = build(column).file("/atom.xml").read_bytes()
    second = build(column, now=NOW.replace(year=2027)).file("/atom.xml").read_bytes()
    assert first == second
