"""Drafts and scheduled articles: never published before their time, previewed and marked."""

from datetime import timedelta

import feedparser

from conftest import NOW


def _everywhere(site, slug_path: str, title: str) -> dict[str, bool]:
    """Where a published article can appear, and whether it does."""
    feeds = [feedparser.parse(site.file(f"/{name}").read_bytes()) for name in ("feed.xml", "atom.xml")]
    return {
        "page": site.exists(slug_path),
        "home": title in site.html("/").get_text(),
        "section": title in site.html("/chuyen-muc/tin-hoat-dong/").get_text(),
        "feeds": any(entry.title == title for feed in feeds for entry in feed.entries),
        "sitemap": slug_path in site.file("/sitemap.xml").read_text(encoding="utf-8"),
    }


def test_draft_appears_nowhere_in_a_build(column, build):
    column.article("da-xong", title="Bài đã xong", date="2024-01-01")
    column.article("nhap", title="Bài nháp", date="2024-01-02", draft=True)
    site = build(column)
    assert _everywhere(site, "/2024/01/nhap/", "Bài nháp") == dict.fromkeys(
        ["page", "home", "section", "feeds", "sitemap"], False)
    assert _everywhere(site, "/2024/01/da-xong/", "Bài đã xong") == dict.fromkeys(
        ["page", "home", "section", "feeds", "sitemap"], True)


def test_scheduled_article_appears_in_the_first_build_after_its_time(column, build):
    when = NOW + timedelta(hours=2)
    column.article("hen-gio", title="Bài hẹn giờ", date=when.isoformat(), year=str(when.year))
    path = f"/{when:%Y/%m}/hen-gio/"
    before = build(column, now=when - timedelta(seconds=1))
    assert not any(_everywhere(before, path, "Bài hẹn giờ").values())
    after = build(column, now=when)
    assert all(_everywhere(after, path, "Bài hẹn giờ").values())


def test_preview_shows_drafts_and_scheduled_articles_marked(column, build_preview):
    column.article("nhap", title="Bài nháp", date="2024-01-02", draft=True)
    later = NOW + timedelta(days=3)
    column.article("sap-dang", title="Sắp đăng", date=later.isoformat(), year=str(later.year))
    site = build_preview(column)
    assert "Bản nháp" in site.html("/2024/01/nhap/").select_one(".col-badge").get_text()
    badge = site.html(f"/{later:%Y/%m}/sap-dang/").select_one(".col-badge").get_text()
    assert badge.startswith("Hẹn giờ đăng: ") and badge.endswith(f"{later:%d/%m/%Y %H:%M}")
    home = site.html("/").get_text()
    assert "Bài nháp" in home and "Sắp đăng" in home
