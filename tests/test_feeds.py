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


def test_entries_carry_the_whole_article_with_absolute_addresses_and_the_lead_image(column, build):
    from test_images import phone_photo

    phone_photo(column.root / "media" / "dien-thoai.jpg")
    column.image("than-bai.jpg")
    column.article("truoc", title="Bài trước", date="2024-03-01", categories=["guong-dien-hinh"])
    column.article("mot", title="Một", date="2024-03-05", categories=["guong-dien-hinh"],
                   summary="Lời dẫn.", image="../../media/dien-thoai.jpg", image_alt="Ảnh dọc",
                   image_caption="Chú thích <b>ảnh</b>",
                   body="Đoạn đầu, xem [bài trước](truoc.md) và [mục](#muc).\n\n"
                        "![Ảnh thân bài](../../media/than-bai.jpg \"Chú thích thân bài\")\n\n"
                        "Đoạn cuối, [ảnh gốc](../../media/dien-thoai.jpg).")
    site = build(column)
    base = "https://guongsang.example.vn/"
    jpeg = site.root / "media" / "dien-thoai-800.jpg"
    for name in ("feed.xml", "atom.xml", "chuyen-muc/guong-dien-hinh/feed.xml", "chuyen-muc/guong-dien-hinh/atom.xml"):
        feed = _parse(site, name)
        entry = next(entry for entry in feed.entries if entry.title == "Một")
        assert entry.summary == "Lời dẫn."
        html = entry.content[0].value
        for words in ("Lời dẫn.", "Đoạn đầu", "Đoạn cuối,", "Chú thích &lt;b&gt;ảnh&lt;/b&gt;", "Chú thích thân bài",
                      f'href="{base}2024/03/truoc/"', f'href="{base}2024/03/mot/#muc"',
                      f'src="{base}media/dien-thoai-800.jpg"', f'src="{base}media/than-bai-80.jpg"',
                      f'href="{base}media/dien-thoai-1500.jpg"'):
            assert words in html, (name, words)
        assert 'src="../' not in html and 'href="../' not in html
        [media] = entry.media_content
        assert (media["url"], media["type"], int(media["filesize"]), media["width"], media["height"]) == \
            (f"{base}media/dien-thoai-800.jpg", "image/jpeg", jpeg.stat().st_size, "800", "1067")
        if feed.version == "rss20":
            [enclosure] = entry.enclosures
            assert (enclosure.href, enclosure.type, int(enclosure.length)) == \
                (f"{base}media/dien-thoai-800.jpg", "image/jpeg", jpeg.stat().st_size)


def test_a_feed_names_its_page_and_an_atom_feed_its_author(column, build):
    column.article("mot", title="Một", date="2024-03-05", categories=["guong-dien-hinh"])
    site = build(column)
    base = "https://guongsang.example.vn/"
    for name, page in (("feed.xml", base), ("atom.xml", base), ("chuyen-muc/guong-dien-hinh/feed.xml",
                       f"{base}chuyen-muc/guong-dien-hinh/"), ("chuyen-muc/guong-dien-hinh/atom.xml",
                                                               f"{base}chuyen-muc/guong-dien-hinh/")):
        feed = _parse(site, name)
        assert feed.feed.link == page, name  # RSS <channel><link>, Atom's alternate link
        if feed.version == "atom10":
            assert feed.feed.author_detail.name == "Gương sáng quanh ta"
    head = site.html("/chuyen-muc/guong-dien-hinh/").select('head link[rel="alternate"]')
    advertised = {(link["type"], site.follow("/chuyen-muc/guong-dien-hinh/", link["href"])) for link in head}
    assert {("application/rss+xml", "/chuyen-muc/guong-dien-hinh/feed.xml"),
            ("application/atom+xml", "/chuyen-muc/guong-dien-hinh/atom.xml")} <= advertised
