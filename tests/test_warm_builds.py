"""A warm build publishes exactly what a cold build publishes, after every kind of change.

Each case builds a column, changes one thing the way an editor or a maintainer would, builds
again with the cache (warm) and without it (`clean`, cold), and compares both sites file for
file, the search index too.
"""

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from conftest import NOW, REPO, Column, config_variant
from site_builder.build_cache import code_version
from site_builder.mkdocs_runner import build_site

INDEX_DIR = "pagefind"


def _tree(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _inodes(site: Path) -> dict[str, int]:
    return {str(path.relative_to(site)): path.stat().st_ino for path in site.rglob("*") if path.is_file()}


class Project:
    """A column's repository with its own copy of the theme, so templates and CSS can change."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO / "themes", root / "themes")
        self.config = config_variant(root)
        self._set_config(theme={**self._config()["theme"], "custom_dir": str(root / "themes" / "chuyen-trang")})
        self.column = Column.empty(root / "content")
        self.now = NOW

    def _config(self) -> dict:
        return yaml.safe_load(self.config.read_text(encoding="utf-8"))

    def _set_config(self, **changes) -> None:
        self.config.write_text(yaml.safe_dump({**self._config(), **changes}, allow_unicode=True), encoding="utf-8")

    def build(self, site: str = "site", clean: bool = False) -> Path:
        if clean:  # cold indeed: the images encoded again, not taken from the cache
            shutil.rmtree(self.root / ".cache" / "site-builder" / "images", ignore_errors=True)
        return build_site(str(self.config), None, str(self.root / site), now=self.now, clean=clean)

    def article_text(self, name: str) -> str:
        return (self.column.root / "articles" / "2024" / f"{name}.md").read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.column.root / "articles" / "2024" / f"{name}.md"
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, text)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Project:
    project = Project(tmp_path)
    column = project.column
    image = column.image("anh.jpg")
    column.image("anh-khac.jpg")
    for number in range(1, 13):
        column.article(
            f"bai-{number}", title=f"Bài số {number}", date=f"2024-{number:02d}-10T08:00:00+07:00",
            categories=["tin-hoat-dong" if number % 2 else "guong-dien-hinh"],
            tags=[f"Chủ đề {number % 3}", "Thi đua"], authors=[f"Tác giả {number % 2}"],
            subjects=[{"name": f"Đơn vị {number % 4}", "kind": "tap-the"}],
            locality="Hà Nội" if number % 2 else "Huế", image=image if number % 3 == 0 else None,
            body=f"Đoạn mở đầu của bài {number}.\n\nĐoạn thứ hai nói về thi đua.\n\n"
                 + ("Xem thêm [bài 1](bai-1.md).\n" if number == 5 else "")
                 + ("![Ảnh trong bài](../../media/anh.jpg \"Chú thích\")\n" if number == 7 else ""))
    column.write("articles/2024/lien-ket.md", '---\ntitle: "Bài chỉ dẫn"\ndate: 2024-12-30\n'
                 'categories: [binh-luan]\n---\n\nLời dẫn.\n\nĐọc [bài đầu tiên](bai-1.md) và [bài hai](bai-2.md#doan).\n')
    column.write("articles/2024/hen-gio.md", '---\ntitle: "Bài hẹn giờ"\ndate: 2026-11-26T08:00:00+07:00\n'
                 'categories: [binh-luan]\ntags: ["Thi đua"]\n---\n\nBài đăng sau.\n')
    project.build()
    return project


def _edit_title(p):
    p.edit("bai-4", "Bài số 4", "Bài số bốn, đã sửa")


def _edit_body(p):
    p.edit("bai-4", "Đoạn thứ hai nói về thi đua.", "Đoạn thứ hai đã được viết lại hoàn toàn.")


def _edit_lead(p):
    p.edit("bai-4", "Đoạn mở đầu của bài 4.", "Lời dẫn mới của bài 4.")


def _edit_date(p):
    p.edit("bai-4", "2024-04-10T08:00:00+07:00", "2024-09-01T08:00:00+07:00")


def _edit_slug(p):
    p.edit("bai-1", "title:", "slug: bai-mot\ntitle:")


def _edit_tags(p):
    p.edit("bai-4", "- Chủ đề 1", "- Chủ đề mới")


def _edit_authors(p):
    p.edit("bai-4", "- Tác giả 0", "- Tác giả mới")


def _edit_subjects(p):
    p.edit("bai-4", "Đơn vị 0", "Đơn vị mới")


def _edit_image(p):
    p.edit("bai-3", "../../media/anh.jpg", "../../media/anh-khac.jpg")


def _add_article(p):
    p.column.article("bai-moi", title="Bài mới", date="2024-06-15", tags=["Thi đua"], body="Nội dung mới.")


def _delete_article(p):
    (p.column.root / "articles" / "2024" / "bai-7.md").unlink()


def _linked_article_becomes_draft(p):
    p.edit("bai-1", "title:", "draft: true\ntitle:")


def _rename_article(p):
    folder = p.column.root / "articles" / "2024"
    (folder / "bai-8.md").rename(folder / "bai-tam.md")


def _edit_sections(p):
    p.column.write("sections.yml", 'tin-hoat-dong: "Tin tức hoạt động"\nphong-su: "Phóng sự"\n')


def _edit_template(p):
    path = p.root / "themes" / "chuyen-trang" / "partials" / "column" / "cards.html"
    path.write_text(path.read_text(encoding="utf-8").replace('class="col-card__title"', 'class="col-card__title tieu-de"'),
                    encoding="utf-8")


def _edit_css(p):
    path = p.root / "themes" / "chuyen-trang" / "assets" / "column.css"
    path.write_text(path.read_text(encoding="utf-8") + "\n.col-title { letter-spacing: 0; }\n", encoding="utf-8")


def _edit_config(p):
    p._set_config(site_name="Gương sáng mới")


def _replace_image_file(p):
    from PIL import Image

    Image.new("RGB", (80, 45), (20, 120, 30)).save(p.column.root / "media" / "anh.jpg", quality=60)


def _replace_image_with_a_busier_one(p):
    """The same size, other pixels: only the copies' bytes (the feeds' enclosure lengths) change."""
    from PIL import Image

    Image.effect_noise((80, 45), 90).convert("RGB").save(p.column.root / "media" / "anh.jpg", quality=95)


def _replace_image_with_a_phone_photo(p):
    from test_images import phone_photo

    phone_photo(p.column.root / "media" / "anh.jpg", size=(1800, 1200))  # another shape, turned by EXIF


def _scheduled_time_comes(p):
    p.now = NOW + timedelta(days=2)


def _nothing(p):
    pass


CHANGES = [_edit_title, _edit_body, _edit_lead, _edit_date, _edit_slug, _edit_tags, _edit_authors,
           _edit_subjects, _edit_image, _add_article, _delete_article, _linked_article_becomes_draft,
           _rename_article, _edit_sections, _edit_template, _edit_css, _edit_config,
           _replace_image_file, _replace_image_with_a_busier_one, _replace_image_with_a_phone_photo, _scheduled_time_comes, _nothing]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__.strip("_") for change in CHANGES])
def test_a_warm_build_publishes_what_a_cold_build_publishes(project, change):
    before = _inodes(project.root / "site")
    change(project)
    warm = project.build()
    cold = project.build("cold", clean=True)
    assert _tree(warm) == _tree(cold)
    after = _inodes(warm)
    carried = {path for path, inode in after.items() if before.get(path) == inode}
    if change not in (_edit_template, _edit_css, _edit_config, _edit_sections):  # every page redone
        assert any(path.startswith("2024/") for path in carried)  # untouched pages are carried over


def test_nothing_changed_carries_every_article_page_and_the_search_index_over(project):
    before = _inodes(project.root / "site")
    after = _inodes(project.build())
    articles = [path for path in after if path.startswith("2024/") and path.endswith("index.html")]
    assert articles and all(after[path] == before[path] for path in articles)
    index = [path for path in after if path.startswith(INDEX_DIR + "/")]
    assert index and all(after[path] == before[path] for path in index)


FEEDS = ("feed.xml", "atom.xml")
SECTION_FEEDS = {key: tuple(f"chuyen-muc/{key}/{name}" for name in FEEDS) for key in ("tin-hoat-dong", "guong-dien-hinh")}


@pytest.mark.parametrize("change, feeds", [
    (_edit_body, (*FEEDS, *SECTION_FEEDS["guong-dien-hinh"])),  # bai-4's feeds
    (_add_article, FEEDS),
    (_replace_image_with_a_busier_one, (*FEEDS, *SECTION_FEEDS["guong-dien-hinh"])),  # lead of bai-3, 6, 9, 12
], ids=["body", "new article", "image replaced"])
def test_a_change_a_feed_shows_writes_that_feed_again_as_a_cold_build_would(project, change, feeds):
    site = project.root / "site"
    before = {path: (site / path).read_bytes() for path in feeds}
    change(project)
    warm = _tree(project.build())
    cold = _tree(project.build("cold", clean=True))
    for path in feeds:
        assert warm[path] != before[path]
        assert warm[path] == cold[path]


def test_feeds_that_show_nothing_changed_are_carried_over(project):
    before = _inodes(project.root / "site")
    _edit_body(project)  # bai-4: the column's feeds and its section's, not the other section's
    after_body = _inodes(project.build())
    for path in (*FEEDS, *SECTION_FEEDS["guong-dien-hinh"]):
        assert after_body[path] != before[path]
    for path in SECTION_FEEDS["tin-hoat-dong"]:
        assert after_body[path] == before[path]
    _edit_css(project)  # no feed shows the look of the pages
    after_css = _inodes(project.build())
    feeds = [path for path in after_css if path.endswith(FEEDS)]
    assert len(feeds) > 4 and all(after_css[path] == after_body[path] for path in feeds)


def test_an_edit_of_what_search_knows_rebuilds_the_index_and_a_look_or_image_change_does_not(project):
    before = _inodes(project.root / "site")
    _edit_css(project)
    _edit_image(project)
    after_look = _inodes(project.build())
    assert after_look[f"{INDEX_DIR}/pagefind.js"] == before[f"{INDEX_DIR}/pagefind.js"]
    cards = [path for path in after_look if path.startswith("tim-kiem/bai/")]
    assert cards and all(after_look[path] == before[path] for path in cards)
    _edit_tags(project)  # the whole article is searched, its tags too
    after_tags = _inodes(project.build())
    assert after_tags[f"{INDEX_DIR}/pagefind.js"] != after_look[f"{INDEX_DIR}/pagefind.js"]


def _cards(site: Path) -> dict[str, str]:
    """The search result cards, by the address of the article each shows."""
    return {json.loads(path.read_bytes())["url"]: str(path.relative_to(site))
            for path in (site / "tim-kiem" / "bai").iterdir()}


def test_a_body_edit_makes_that_article_s_search_card_again_and_carries_the_others_over(project):
    site = project.root / "site"
    before, cards = _inodes(site), _cards(site)
    project.edit("bai-4", "Đoạn thứ hai nói về thi đua.", "Đoạn thứ hai nói về khen thưởng.")
    after, new_cards = _inodes(project.build()), _cards(site)
    assert new_cards.keys() == cards.keys()
    edited = "2024/04/bai-4/"
    assert new_cards[edited] not in before  # a new document: a new Pagefind id, a new card
    assert "khen thưởng" in (site / new_cards[edited]).read_text(encoding="utf-8")
    assert all(new_cards[url] == card and after[card] == before[card] for url, card in cards.items() if url != edited)


def test_a_hand_edited_published_file_is_made_again(project):
    page = project.root / "site" / "2024" / "02" / "bai-2" / "index.html"
    original = page.read_bytes()
    page.write_bytes(b"sua tay")
    project.build()
    assert page.read_bytes() == original


def test_nothing_changed_publishes_nothing_new_but_a_tampered_site_is_made_whole_again(project):
    site = project.root / "site"
    before = _inodes(site)
    assert _inodes(project.build()) == before  # the published site is already what a build gives
    (site / "tam.html").write_text("thêm tay", encoding="utf-8")
    (site / "the" / "index.html").unlink()
    project.build()
    assert not (site / "tam.html").exists()
    assert _tree(site) == _tree(project.build("cold", clean=True))


def test_what_an_earlier_version_kept_in_the_cache_is_removed(project):
    # Before search-records.json, each article's search record was a file of its own.
    old_records = project.root / ".cache" / "site-builder" / "search"
    old_records.mkdir()
    (old_records / "0123abcd.json").write_text("{}", encoding="utf-8")
    site = project.build()
    assert not old_records.exists()
    assert (project.root / ".cache" / "site-builder" / "search-records.json").is_file()
    assert _tree(site) == _tree(project.build("cold", clean=True))


def test_a_corrupt_or_foreign_cache_is_ignored(project):
    cache = project.root / ".cache" / "site-builder"
    [record] = cache.glob("published-*.json")
    for garbage in ("{not json", '{"format": 1}', "[]", '{"format": 1, "version": "x", "site_dir": "/", "outputs": {}}'):
        record.write_text(garbage, encoding="utf-8")
        site = project.build()
        assert _tree(site) == _tree(project.build("cold", clean=True))
    # What reading and search keep of each article, by fingerprint (a body edit makes the build
    # need them): a file in another format or of another version, and every value unreadable.
    kept = [cache / "front-matter.json", cache / "search-records.json"]
    corruptions = [lambda text: "{not j", lambda text: "[]", lambda text: text.replace(code_version(), "x"),
                   lambda text: "".join(line.split("\t")[0] + "\t{hong\n" if "\t" in line else line + "\n"
                                        for line in text.splitlines())]
    for corrupt in corruptions:
        project.edit("bai-3", "Đoạn thứ hai", "Đoạn thứ hai.")
        project.build()
        for file in kept:
            file.write_text(corrupt(file.read_text(encoding="utf-8")), encoding="utf-8")
        project.edit("bai-3", "Đoạn thứ hai.", "Đoạn thứ hai")
        site = project.build()
        assert _tree(site) == _tree(project.build("cold", clean=True))
