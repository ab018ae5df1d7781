"""How pages sit on a phone (360 px), a wide screen (1280 px) and paper, in Debian's Chromium;
and what a page load downloads."""

from urllib.parse import urlsplit

import pytest

from browser import chromium, serve_folder
from conftest import NOW, Column, config_variant
from site_builder.mkdocs_runner import build_site
from site_builder.search import CARDS_DIR

HOME, SECTION, TAGS, SEARCH = "/", "/chuyen-muc/guong-dien-hinh/", "/the/", "/tim-kiem/?q=guong"
ARTICLE = "/2025/03/da-nang-mot-cua-khong-giay-to-khong-hen-lai/"
PAGES = [HOME, SECTION, ARTICLE, TAGS, SEARCH]


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def served(sample_site, browser):
    with serve_folder(sample_site.root) as base_url:
        yield base_url, browser


def _open(served, path, width, media=None):
    base_url, browser = served
    page = browser.new_page(viewport={"width": width, "height": 900})
    if media:
        page.emulate_media(media=media)
    page.goto(base_url + path, wait_until="networkidle")
    return page


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("path", PAGES + ["/404.html"])
def test_a_page_load_downloads_nothing_that_grows_with_the_archive(served, path):
    """Material's bundle fetched /sitemap.xml (1.5 MB at 10,000 articles) on every page view."""
    base_url, browser = served
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(base_url + path, wait_until="networkidle")
    page.close()
    fixed_size = ("/assets/", "/media/", "/pagefind/") if path == SEARCH else ("/assets/", "/media/")
    assert urlsplit(path).path in requested
    # A search fetches the cards of the results it shows: ten at most, however large the archive.
    cards = [url for url in requested if url.startswith("/" + CARDS_DIR)]
    assert len(cards) <= (10 if path == SEARCH else 0)
    others = [url for url in requested if url != urlsplit(path).path and not url.startswith(fixed_size)
              and url not in cards]
    assert others == []
    assert not any(url.endswith((".xml", ".xml.gz")) for url in requested)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", [HOME, SECTION, ARTICLE, TAGS, "/404.html"])
def test_content_starts_right_under_the_header(served, path, width):
    page = _open(served, path, width)
    chrome = page.evaluate("Math.max(...[...document.querySelectorAll('.md-header, .md-tabs')]"
                           ".map(e => e.getBoundingClientRect().bottom))")
    first_text = page.evaluate("""(() => {
        const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            const box = range.getBoundingClientRect();
            if (walker.currentNode.textContent.trim() && box.height > 1) return box.top;
        }
    })()""")
    page.close()
    assert 0 < first_text - chrome <= 40


def test_404_page_content_lines_up_with_the_other_pages(served):
    lefts = {}
    for path in ["/404.html", SECTION]:
        page = _open(served, path, 1280)
        lefts[path] = (_box(page, "h1")["x"], _box(page, ".md-header .md-logo")["x"])
        page.close()
    assert lefts["/404.html"] == lefts[SECTION]
    assert abs(lefts["/404.html"][0] - lefts["/404.html"][1]) < 20


def test_wide_screen_article_puts_related_and_other_articles_in_the_right_column(served):
    page = _open(served, ARTICLE, 1280)
    main, aside = _box(page, ".col-article__main"), _box(page, ".col-aside")
    title, related = _box(page, "h1.col-title"), _box(page, ".col-related")
    page.close()
    assert aside["x"] >= main["x"] + main["width"]
    assert aside["x"] + aside["width"] > 0.9 * 1280
    assert related["y"] < title["y"] + title["height"] + 100  # beside the title, not below the article


@pytest.mark.parametrize("path", [HOME, SECTION, TAGS])
def test_wide_screen_lists_use_the_whole_width(served, path):
    page = _open(served, path, 1280)
    content = _box(page, ".col-listing")
    page.close()
    assert content["x"] + content["width"] > 0.9 * 1280


def test_phone_article_keeps_related_and_other_articles_under_the_text(served):
    page = _open(served, ARTICLE, 360)
    body, aside = _box(page, ".col-body"), _box(page, ".col-aside")
    page.close()
    assert aside["y"] > body["y"] + body["height"]
    assert aside["width"] > 300


def test_printed_article_shows_the_article_and_its_address_without_navigation(served, sample_site):
    page = _open(served, ARTICLE, 800, media="print")
    hidden = [".md-header", ".md-tabs", ".col-search-box", ".md-sidebar", ".col-footer", ".md-footer",
              ".col-neighbours", ".col-taxonomy", ".col-aside"]
    shown = ["h1.col-title", ".col-meta time", ".col-lead", ".col-figure img", ".col-body p",
             ".col-authors", ".col-source", ".col-print-address"]
    visibility = {selector: page.locator(selector).first.is_visible() for selector in hidden + shown}
    address = page.locator(".col-print-address").inner_text()
    page.close()
    assert [selector for selector in hidden if visibility[selector]] == []
    assert [selector for selector in shown if not visibility[selector]] == []
    canonical = sample_site.html(ARTICLE).select_one("link[rel=canonical]")["href"]
    assert canonical.startswith("https://") and address.endswith(canonical)


def test_the_address_line_is_for_paper_only(served):
    page = _open(served, ARTICLE, 1280)
    assert page.locator(".col-print-address").count() == 1
    assert not page.locator(".col-print-address").is_visible()
    page.close()


def test_footer_speaks_vietnamese_only(sample_site):
    for path in [HOME, ARTICLE, "/404.html"]:
        footer = sample_site.html(path).select_one(".md-footer").get_text(" ", strip=True)
        assert footer == "© Gương sáng quanh ta"


@pytest.fixture(scope="module")
def paginated(tmp_path_factory, browser):
    """A column of 45 articles, two per page: the home list has 23 pages."""
    root = tmp_path_factory.mktemp("paginated")
    column = Column.empty(root / "content")
    for i in range(45):
        column.article(f"bai-{i:03d}", title=f"Bài số {i:03d}", date=f"2024-02-{1 + i % 28:02d}T{i % 24:02d}:00:00")
    config = config_variant(root, plugins=[{"site-builder": {"per_page": 2}}])
    build_site(str(config), str(column.root), str(root / "site"), now=NOW)
    with serve_folder(root / "site") as base_url:
        yield base_url, browser


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_pagination_label_stays_on_one_line(paginated, width):
    page = _open(paginated, "/trang/12/", width)
    label = page.locator(".col-pagination__where")
    lines = label.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e);"
                           " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }")
    text = label.inner_text()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert text == "Trang 12 / 23"
    assert lines == 1
    assert scroll_width <= width
