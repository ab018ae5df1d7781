"""Pages as a reader's browser gets them: nothing from another host, readable on a phone."""

from urllib.parse import urlsplit

import pytest

from browser import chromium, serve_folder

PAGES = ["/", "/chuyen-muc/guong-dien-hinh/",
         "/2025/01/dak-lak-thanh-nien-dua-ca-phe-buon-lang-len-san/"]


@pytest.fixture(scope="module")
def served(sample_site):
    with serve_folder(sample_site.root) as base_url, chromium() as browser:
        yield base_url, browser


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_another_host(served, path):
    base_url, browser = served
    page = browser.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(base_url + path, wait_until="networkidle")
    page.close()
    assert hosts == {urlsplit(base_url).netloc}


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_360_px_phone_without_sideways_scrolling(served, path):
    base_url, browser = served
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(base_url + path, wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    title_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    page.close()
    assert width <= 360
    assert title_size >= 18


def test_reader_goes_from_home_to_an_article_through_a_section(served):
    base_url, browser = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "/")
    page.get_by_role("link", name="Gương điển hình", exact=True).first.click()
    page.wait_for_url("**/chuyen-muc/guong-dien-hinh/")
    first = page.locator(".col-card__title a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1.col-title").inner_text() == title
    assert "/chuyen-muc/" not in page.url
    page.close()
