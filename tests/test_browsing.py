"""A reader goes from an article to everything about the same subject, person, place, topic or time."""

import json

import feedparser


def _titles(page, selector=".col-card__title"):
    return [element.get_text(strip=True) for element in page.select(selector)]


def _column_of_three(column):
    """Three articles sharing names in different ways; newest is `c`."""
    column.article("a", title="Bài A", date="2024-03-01T08:00:00+07:00", categories=["guong-dien-hinh"],
                   tags=["Chỉ thị 05", "Dân vận khéo"], authors=["Minh Anh"], locality="Đắk Lắk",
                   subjects=[{"name": "Sư đoàn Bộ binh 301", "kind": "tap-the"}])
    column.article("b", title="Bài B", date="2024-05-10T08:00:00+07:00", categories=["tin-hoat-dong"],
                   tags=["chỉ thị 05"], authors=["Minh Anh", "Thu Hà"], locality="Hà Nội",
                   subjects=[{"name": "Bà Nguyễn Thị Lan", "kind": "ca-nhan"}])
    column.article("c", title="Bài C", date="2025-01-02T08:00:00+07:00", categories=["guong-dien-hinh"],
                   tags=["Dân vận khéo"], authors=["Thu Hà"], locality="Đắk Lắk",
                   subjects=[{"name": "Sư đoàn Bộ binh 301", "kind": "tap-the"}], featured=True,
                   updated="2025-01-03T09:30:00+07:00")


def test_tag_page_lists_its_articles_newest_first_and_merges_spellings(column, build):
    _column_of_three(column)
    site = build(column)
    page = site.html("/the/chi-thi-05/")
    assert page.select_one("h1").get_text(strip=True) == "Chỉ thị 05"
    assert _titles(page) == ["Bài B", "Bài A"]


def test_all_tags_page_in_vietnamese_order_with_counts(column, build):
    for i, tag in enumerate(["Đoàn viên", "Dân vận", "Ê-kíp", "An sinh", "Ăn ở", "Zalo"]):
        column.article(f"bai-{i}", title=f"Bài {i}", date=f"2024-01-{i + 1:02d}", tags=[tag])
    site = build(column)
    entries = site.html("/the/").select(".col-directory__entries li")
    assert [li.a.get_text() for li in entries] == ["An sinh", "Ăn ở", "Dân vận", "Đoàn viên", "Ê-kíp", "Zalo"]
    assert entries[0].select_one(".col-count").get_text() == "(1)"
    assert site.follow("/the/", entries[3].a["href"]) == "/the/doan-vien/"


def test_subjects_page_groups_collectives_and_individuals(column, build):
    _column_of_three(column)
    site = build(column)
    groups = {section.h2.get_text(strip=True): [a.get_text() for a in section.select("li a")]
              for section in site.html("/dien-hinh/").select(".col-directory__group")}
    assert groups == {"Tập thể điển hình": ["Sư đoàn Bộ binh 301"], "Cá nhân điển hình": ["Bà Nguyễn Thị Lan"]}
    page = site.html("/dien-hinh/su-doan-bo-binh-301/")
    assert _titles(page) == ["Bài C", "Bài A"]


def test_author_and_locality_pages(column, build):
    _column_of_three(column)
    site = build(column)
    assert _titles(site.html("/tac-gia/minh-anh/")) == ["Bài B", "Bài A"]
    assert _titles(site.html("/tac-gia/thu-ha/")) == ["Bài C", "Bài B"]
    assert _titles(site.html("/dia-phuong/dak-lak/")) == ["Bài C", "Bài A"]
    names = [a.get_text() for a in site.html("/dia-phuong/").select(".col-directory__entries a")]
    assert names == ["Đắk Lắk", "Hà Nội"]


def test_archives_by_year_and_month(column, build):
    _column_of_three(column)
    site = build(column)
    assert _titles(site.html("/luu-tru/2024/")) == ["Bài B", "Bài A"]
    assert _titles(site.html("/luu-tru/2024/05/")) == ["Bài B"]
    assert _titles(site.html("/luu-tru/2025/01/")) == ["Bài C"]
    groups = {g.h2.get_text(strip=True): [a.get_text() for a in g.select("li a")]
              for g in site.html("/luu-tru/").select(".col-directory__group")}
    assert groups == {"Năm 2025": ["Tháng 1/2025"], "Năm 2024": ["Tháng 5/2024", "Tháng 3/2024"]}


def test_long_name_lists_paginate(column, build):
    for i in range(23):
        column.article(f"bai-{i:02d}", title=f"Bài {i:02d}", date=f"2024-02-{i + 1:02d}", tags=["Nêu gương"])
    site = build(column)
    assert len(_titles(site.html("/the/neu-guong/"))) == 20
    assert _titles(site.html("/the/neu-guong/trang/2/")) == ["Bài 02", "Bài 01", "Bài 00"]


def test_article_links_to_its_tags_subjects_locality_and_authors(column, build):
    _column_of_three(column)
    site = build(column)
    url = "/2024/03/a/"
    page = site.html(url)
    targets = {a.get_text(): site.follow(url, a["href"]) for a in page.select(".col-taxonomy a, .col-authors a")}
    assert targets == {"Sư đoàn Bộ binh 301": "/dien-hinh/su-doan-bo-binh-301/", "Đắk Lắk": "/dia-phuong/dak-lak/",
                       "Chỉ thị 05": "/the/chi-thi-05/", "Dân vận khéo": "/the/dan-van-kheo/",
                       "Minh Anh": "/tac-gia/minh-anh/"}
    assert all(site.exists(target) for target in targets.values())


def test_article_shows_updated_date_and_reading_time(column, build):
    column.article("dai", title="Bài dài", date="2020-09-23T09:00:00+07:00", updated="2020-09-24T10:15:00+07:00",
                   body=" ".join(["chữ"] * 700))
    page = build(column).html("/2020/09/dai/")
    assert page.select_one(".col-updated").get_text(" ", strip=True) == "Cập nhật: Thứ Năm, 24/09/2020 10:15"
    assert page.select_one(".col-reading").get_text() == "3 phút đọc"


def test_related_articles_rank_shared_subjects_above_shared_tags(column, build):
    column.article("goc", title="Bài gốc", date="2024-06-01", tags=["Nêu gương"],
                   subjects=[{"name": "Chi bộ 5", "kind": "tap-the"}])
    column.article("cung-the", title="Cùng thẻ", date="2024-06-02", tags=["Nêu gương"])
    column.article("cung-dien-hinh", title="Cùng điển hình", date="2024-01-01",
                   subjects=[{"name": "Chi bộ 5", "kind": "tap-the"}])
    column.article("khong-lien-quan", title="Không liên quan", date="2024-06-01T01:00:00", tags=["Khác"])
    page = build(column).html("/2024/06/goc/")
    assert _titles(page, ".col-related a") == ["Cùng điển hình", "Cùng thẻ"]


def test_related_and_other_articles_never_list_the_same_article(column, build):
    for i in range(8):
        column.article(f"s{i}", title=f"Mục {i}", date=f"2024-07-{i + 1:02d}", categories=["binh-luan"],
                       tags=["Nêu gương"] if i in (3, 4, 5) else None)
    column.article("xa", title="Xa hơn", date="2023-01-01", categories=["tin-hoat-dong"], tags=["Nêu gương"])
    page = build(column).html("/2024/07/s4/")
    assert _titles(page, ".col-related a") == ["Mục 3", "Mục 5", "Xa hơn"]
    # "Tin khác" still offers five of the section's nearest, skipping those already related.
    assert _titles(page, ".col-others a") == ["Mục 2", "Mục 1", "Mục 0", "Mục 6", "Mục 7"]


def test_other_articles_and_neighbours_stay_within_the_section(column, build):
    for i in range(8):
        column.article(f"s{i}", title=f"Mục {i}", date=f"2024-07-{i + 1:02d}", categories=["binh-luan"])
    column.article("khac-muc", title="Khác mục", date="2024-07-04T12:00:00", categories=["tin-hoat-dong"])
    site = build(column)
    page = site.html("/2024/07/s4/")
    assert _titles(page, ".col-others a") == ["Mục 3", "Mục 2", "Mục 1", "Mục 0", "Mục 5"]
    older = page.select_one(".col-neighbours__older")
    newer = page.select_one(".col-neighbours__newer")
    assert site.follow("/2024/07/s4/", older["href"]) == "/2024/07/s3/"
    assert site.follow("/2024/07/s4/", newer["href"]) == "/2024/07/s5/"


def test_home_shows_featured_first_then_a_block_per_section_with_no_article_twice(column, build):
    column.article("tieu-diem", title="Tiêu điểm", date="2024-01-01", categories=["guong-dien-hinh"], featured=True)
    for day in range(1, 23):
        column.article(f"tin-{day:02d}", title=f"Tin {day:02d}", date=f"2024-03-{day:02d}")
    column.article("guong-1", title="Gương 1", date="2023-05-01", categories=["guong-dien-hinh"])
    column.article("guong-2", title="Gương 2", date="2023-06-01", categories=["guong-dien-hinh", "binh-luan"])
    site = build(column)
    home = site.html("/")
    assert _titles(home.select_one(".col-featured")) == ["Tiêu điểm"]
    newest = _titles(home.select_one(".col-listing__main > .col-cards"))
    assert newest == [f"Tin {day:02d}" for day in range(22, 2, -1)]
    blocks = {b.h2.get_text(strip=True): (site.follow("/", b.h2.a["href"]), _titles(b, ".col-headlines a"))
              for b in home.select(".col-block")}
    assert blocks == {  # each section's newest that the page does not show above (or in another block)
        "Tin hoạt động": ("/chuyen-muc/tin-hoat-dong/", ["Tin 02", "Tin 01"]),
        "Gương điển hình": ("/chuyen-muc/guong-dien-hinh/", ["Gương 2", "Gương 1"]),
    }
    linked = [site.follow("/", a["href"]) for a in home.select(".col-card__title a, .col-headlines a")]
    assert len(linked) == len(set(linked)) == 1 + 20 + 4
    # The featured article is pinned on the first page, not listed again in "Tin mới nhất".
    assert _titles(site.html("/trang/2/"), ".col-card__title") == ["Tin 02", "Tin 01", "Gương 2", "Gương 1"]


def test_each_section_has_its_own_feed(column, build):
    _column_of_three(column)
    site = build(column)
    for key, titles in {"guong-dien-hinh": ["Bài C", "Bài A"], "tin-hoat-dong": ["Bài B"], "binh-luan": []}.items():
        for name in ("feed.xml", "atom.xml"):
            feed = feedparser.parse(site.file(f"/chuyen-muc/{key}/{name}").read_bytes())
            assert not feed.bozo, feed.get("bozo_exception")
            assert [entry.title for entry in feed.entries] == titles
    link = site.html("/chuyen-muc/binh-luan/").select_one(".col-listing__feed a")["href"]
    assert site.follow("/chuyen-muc/binh-luan/", link) == "/chuyen-muc/binh-luan/feed.xml"


def test_sitemap_lists_every_published_page_with_content_dates(column, build):
    from xml.etree import ElementTree

    _column_of_three(column)
    site = build(column)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(site.file("/sitemap.xml")).getroot()
    listed = {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
              for url in root.findall("s:url", namespace)}
    pages = {"https://guongsang.example.vn/" + str(p.parent.relative_to(site.root)).replace(".", "") + "/"
             for p in site.root.rglob("index.html")}
    assert set(listed) == {url.replace("vn//", "vn/") for url in pages}
    assert listed["https://guongsang.example.vn/2025/01/c/"] == "2025-01-03"
    assert listed["https://guongsang.example.vn/the/chi-thi-05/"] == "2024-05-10"


def test_article_metadata_for_social_networks_and_news_search(column, build):
    image = column.image("anh.jpg")
    column.article("meta", title="Tiêu đề", date="2024-04-05T06:07:00+07:00", updated="2024-04-06T00:00:00+07:00",
                   summary="Lời dẫn.", authors=["Minh Anh"], image=image, tags=["Nêu gương"],
                   categories=["guong-dien-hinh"])
    page = build(column).html("/2024/04/meta/")
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:title"] == "Tiêu đề" and og["og:description"] == "Lời dẫn."
    assert og["og:url"] == "https://guongsang.example.vn/2024/04/meta/"
    assert og["og:image"] == "https://guongsang.example.vn/media/anh-80.jpg"  # its JPEG copy, 80 px as it is
    assert og["og:type"] == "article"
    assert og["article:published_time"] == "2024-04-05T06:07:00+07:00"
    assert og["article:section"] == "Gương điển hình"
    twitter = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})
               if m["name"].startswith("twitter:")}
    assert twitter["twitter:card"] == "summary_large_image" and twitter["twitter:title"] == "Tiêu đề"
    assert page.find("link", rel="canonical")["href"] == "https://guongsang.example.vn/2024/04/meta/"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Tiêu đề"
    assert data["datePublished"] == "2024-04-05T06:07:00+07:00"
    assert data["dateModified"] == "2024-04-06T00:00:00+07:00"
    assert data["author"] == [{"@type": "Person", "name": "Minh Anh"}]
    assert data["image"] == ["https://guongsang.example.vn/media/anh-80.jpg"]
    assert data["publisher"]["name"] == "Gương sáng quanh ta"


def test_every_page_has_open_graph_and_canonical(column, build):
    _column_of_three(column)
    site = build(column)
    for url in ("/", "/chuyen-muc/guong-dien-hinh/", "/the/", "/the/chi-thi-05/", "/luu-tru/2024/05/"):
        page = site.html(url)
        assert page.find("meta", property="og:title")["content"]
        assert page.find("meta", property="og:url")["content"] == "https://guongsang.example.vn" + url
        assert page.find("link", rel="canonical")["href"] == "https://guongsang.example.vn" + url
