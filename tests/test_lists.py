"""Home and section pages: the right articles, newest first, with pagination links that work."""

from pathlib import Path

SECTIONS = ["tin-hoat-dong", "guong-dien-hinh", "mo-hinh-hay", "van-ban-chi-dao",
            "sinh-hoat-chuyen-de", "binh-luan"]


def _write_many(column, count, section_of=lambda i: SECTIONS[i % len(SECTIONS)]):
    """`count` articles one day apart in 2024; article k is newer than article k-1."""
    for i in range(count):
        column.article(f"bai-{i:03d}", title=f"Bài số {i:03d}", year="2024",
                       date=f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}T08:00:00+07:00",
                       categories=[section_of(i)])


def _titles_through_pagination(site, first_url):
    """Follow the `next` links from a list's first page; return titles and the pages visited."""
    titles, visited, url = [], [], first_url
    while url:
        page = site.html(url)
        visited.append(url)
        titles += [h.get_text(strip=True) for h in page.select(".col-card__title")]
        link = page.select_one("a[rel=next]")
        url = site.follow(url, link["href"]) if link else None
    return titles, visited


def test_home_lists_every_article_newest_first_over_pages(column, build):
    _write_many(column, 45)
    site = build(column)
    titles, visited = _titles_through_pagination(site, "/")
    assert titles == [f"Bài số {i:03d}" for i in reversed(range(45))]
    assert visited == ["/", "/trang/2/", "/trang/3/"]


def test_previous_links_lead_back_to_the_first_page(column, build):
    _write_many(column, 45)
    site = build(column)
    page = site.html("/trang/3/")
    back = site.follow("/trang/3/", page.select_one("a[rel=prev]")["href"])
    assert back == "/trang/2/"
    back = site.follow(back, site.html(back).select_one("a[rel=prev]")["href"])
    assert back == "/"
    assert site.html("/").select_one("a[rel=prev]") is None


def test_section_page_lists_only_its_articles_in_date_order(column, build):
    _write_many(column, 30)
    site = build(column)
    titles, _ = _titles_through_pagination(site, "/chuyen-muc/guong-dien-hinh/")
    expected = [f"Bài số {i:03d}" for i in reversed(range(30)) if SECTIONS[i % 6] == "guong-dien-hinh"]
    assert titles == expected


def test_section_pages_paginate_at_their_own_urls(column, build):
    _write_many(column, 25, section_of=lambda i: "binh-luan")
    site = build(column)
    titles, visited = _titles_through_pagination(site, "/chuyen-muc/binh-luan/")
    assert visited == ["/chuyen-muc/binh-luan/", "/chuyen-muc/binh-luan/trang/2/"]
    assert len(titles) == 25


def test_article_in_two_sections_is_listed_in_both(column, build):
    column.article("hai-muc", title="Bài hai mục", date="2024-05-05",
                   categories=["binh-luan", "mo-hinh-hay"])
    site = build(column)
    for key in ("binh-luan", "mo-hinh-hay"):
        titles = [h.get_text(strip=True) for h in site.html(f"/chuyen-muc/{key}/").select(".col-card__title")]
        assert titles == ["Bài hai mục"]


def test_every_section_has_a_page_even_when_empty(column, build):
    column.article("mot-bai", title="Một bài", date="2024-05-05", categories=["binh-luan"])
    site = build(column)
    for key in SECTIONS:
        assert site.exists(f"/chuyen-muc/{key}/")
    assert "Chưa có bài viết" in site.html("/chuyen-muc/van-ban-chi-dao/").get_text()


def test_section_menu_links_every_section(column, build):
    column.article("mot-bai", title="Một bài", date="2024-05-05")
    site = build(column)
    menu = {a.get_text(strip=True): site.follow("/", a["href"]) for a in site.html("/").select(".md-tabs__link")}
    assert menu["Gương điển hình"] == "/chuyen-muc/guong-dien-hinh/"
    assert menu["Mô hình hay, cách làm sáng tạo"] == "/chuyen-muc/mo-hinh-hay/"
    assert len(menu) == 7  # home and six sections


def test_card_links_lead_to_the_article(column, build):
    column.article("lien-ket", title="Liên kết", date="2024-07-08")
    site = build(column)
    link = site.html("/").select_one(".col-card__title a")["href"]
    assert site.follow("/", link) == "/2024/07/lien-ket/"


def test_column_can_add_a_section(column, build):
    column.write("sections.yml", 'phong-su: "Phóng sự"\n')
    column.article("phong-su-1", title="Phóng sự đầu tiên", date="2024-07-08", categories=["phong-su"])
    site = build(column)
    page = site.html("/chuyen-muc/phong-su/")
    assert page.select_one("h1").get_text(strip=True) == "Phóng sự"
    assert [h.get_text(strip=True) for h in page.select(".col-card__title")] == ["Phóng sự đầu tiên"]
    assert not site.exists("/sections.yml")


def test_article_sources_are_not_published_raw(column, build):
    column.article("nguon", title="Nguồn", date="2024-07-08")
    site = build(column)
    assert not list(Path(site.root).rglob("*.md"))
