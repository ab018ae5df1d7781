"""Whatever an editor types is shown as typed and never becomes markup, script or broken XML."""

import json

import feedparser
import yaml

HOSTILE = '<script>alert("x")</script> & "trích dẫn" \'nháy\' onerror=alert(1) </title><b>đậm</b>'


def _build_hostile(column, build):
    column.write("sections.yml", yaml.safe_dump({"doc-hai": HOSTILE}, allow_unicode=True))
    column.article(
        "doc-hai", title=HOSTILE, date="2024-02-03T10:00:00+07:00", categories=["doc-hai"],
        summary=HOSTILE, authors=[HOSTILE], source=HOSTILE, locality=HOSTILE, tags=[HOSTILE],
        image=column.image("x.jpg"), image_caption=HOSTILE, image_alt=HOSTILE,
        subjects=[{"name": HOSTILE, "kind": "ca-nhan"}],
        # Script links are refused by `check` and `build`: tests/test_body_safety.py.
        body=f"{HOSTILE}\n\n<img src=x onerror=alert(2)>\n\n![ảnh](../../media/x.jpg \"onerror=alert(5)\")",
    )
    return build(column)


def _injected(page) -> list[str]:
    """Scripts and handlers that are not Material's own."""
    found = [s.get_text() for s in page.find_all("script")
             if "alert" in s.get_text() and s.get("type") != "application/ld+json"]
    found += [f"{tag.name}[{name}]" for tag in page.find_all(True) for name in tag.attrs
              if name.lower().startswith("on")]
    found += [tag["href"] for tag in page.find_all(href=True) if "script:" in tag["href"].lower()]
    return found


def test_article_page_shows_hostile_text_as_text(column, build):
    site = _build_hostile(column, build)
    page = site.html("/2024/02/doc-hai/")
    assert _injected(page) == []
    assert page.title.get_text() == f"{HOSTILE} - Gương sáng quanh ta"
    assert page.select_one("h1.col-title").get_text() == HOSTILE
    assert page.select_one(".col-lead").get_text() == HOSTILE
    assert page.find("meta", attrs={"name": "description"})["content"] == HOSTILE
    assert page.select_one("figure img")["alt"] == HOSTILE
    assert page.select_one("figcaption").get_text() == HOSTILE
    assert page.select_one(".col-authors").get_text() == HOSTILE
    assert page.select_one(".col-source").get_text() == f"Nguồn: {HOSTILE}"
    assert page.select_one(".col-kicker a").get_text() == HOSTILE
    json_ld = json.loads(page.find("script", type="application/ld+json").string)
    assert json_ld["headline"] == HOSTILE and json_ld["author"][0]["name"] == HOSTILE
    assert page.find("meta", property="og:title")["content"] == HOSTILE
    assert page.select_one(".col-tags a").get_text() == HOSTILE
    assert page.select_one(".col-subjects a").get_text() == HOSTILE
    assert page.select_one(".col-locality a").get_text() == HOSTILE
    body = page.select_one(".col-body")
    assert HOSTILE in body.get_text()
    assert "<img src=x onerror=alert(2)>" in body.get_text()
    assert [a.get_text() for a in body.find_all("a") if a.get("href")] == []


def test_lists_and_menu_show_hostile_text_as_text(column, build):
    site = _build_hostile(column, build)
    for url in ("/", "/chuyen-muc/doc-hai/"):
        page = site.html(url)
        assert _injected(page) == []
        assert page.select_one(".col-card__title a").get_text() == HOSTILE
        assert page.select_one(".col-card__summary").get_text() == HOSTILE
    menu = [a.get_text(strip=True) for a in site.html("/").select(".md-tabs__link")]
    assert HOSTILE.strip() in menu
    assert site.html("/chuyen-muc/doc-hai/").title.get_text() == f"{HOSTILE} - Gương sáng quanh ta"


def test_feeds_stay_well_formed_and_carry_the_text(column, build):
    site = _build_hostile(column, build)
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse(site.file(f"/{name}").read_bytes(), sanitize_html=False)
        assert not feed.bozo, feed.get("bozo_exception")
        entry = feed.entries[0]
        assert entry.title == HOSTILE
        assert entry.summary == HOSTILE
        assert [author.name for author in entry.authors] == [HOSTILE]


def test_name_pages_and_directories_show_hostile_names_as_text(column, build):
    site = _build_hostile(column, build)
    for directory in ("/the/", "/tac-gia/", "/dien-hinh/", "/dia-phuong/"):
        page = site.html(directory)
        assert _injected(page) == []
        link = page.select_one(".col-directory__entries a")
        assert link.get_text() == HOSTILE
        target = site.follow(directory, link["href"])
        name_page = site.html(target)
        assert _injected(name_page) == []
        assert name_page.select_one("h1").get_text() == HOSTILE
        assert name_page.find("meta", property="og:title")["content"] == HOSTILE
