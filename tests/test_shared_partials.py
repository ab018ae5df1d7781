"""The header and footers every page shows are rendered once per place of the pages
(site_builder.mkdocs_partials); on every page their links still lead where they say, relative
to that page, and the header still names that page."""

from types import SimpleNamespace

from hypothesis import given, strategies as st
from mkdocs.utils import normalize_url

from site_builder.mkdocs_partials import relative_link

FOOTER_LINKS = ["/dien-hinh/", "/the/", "/tac-gia/", "/dia-phuong/", "/luu-tru/", "/feed.xml", "/atom.xml"]


def _page_urls(site) -> list[str]:
    urls = []
    for path in sorted(site.root.rglob("*.html")):
        relative = path.relative_to(site.root).as_posix()
        urls.append("/" + (relative[:-len("index.html")] if relative.endswith("index.html") else relative))
    return urls


def test_every_pages_header_and_footer_links_lead_where_they_say(sample_site):
    hrefs_seen = set()
    urls = _page_urls(sample_site)
    for url in urls:
        page = sample_site.html(url)
        logo = page.select_one(".md-header a.md-logo")["href"]
        search = page.select_one("form.col-search-box")["action"]
        footer = [link["href"] for link in page.select(".col-footer a")]
        assert sample_site.follow(url, logo) == "/", url
        assert sample_site.follow(url, search) == "/tim-kiem/", url
        assert [sample_site.follow(url, href) for href in footer] == FOOTER_LINKS, url
        hrefs_seen.update(footer)
    # Pages at one depth that share a folder with a link's target get a shorter link: the
    # shared rendering tells those places apart (an author page's "Tác giả" is "../").
    assert len(urls) > 50 and "/tac-gia/" in urls and any(url.startswith("/tac-gia/") and url != "/tac-gia/"
                                                          for url in urls)
    assert "../" in hrefs_seen and "../../tac-gia/" in hrefs_seen


def test_the_header_names_each_page(sample_site):
    titles = {}
    for url in _page_urls(sample_site):
        page = sample_site.html(url)
        topic = page.select_one('[data-md-component="header-topic"]').get_text(strip=True)
        titles[url] = topic
        if page.select_one("h1.col-title"):  # an article: the header repeats its title
            assert topic == page.select_one("h1.col-title").get_text(strip=True), url
    assert len(set(titles.values())) > len(titles) / 2


def test_every_card_and_headline_leads_to_the_article_it_names(sample_site):
    """Cards and headlines are rendered once per article and shown on every page that lists it,
    their links made relative to each of those pages."""
    titles = {url: sample_site.html(url).select_one("h1.col-title") for url in _page_urls(sample_site)}
    titles = {url: heading.get_text(strip=True) for url, heading in titles.items() if heading}
    links_checked, hrefs = 0, set()
    for url in _page_urls(sample_site):
        page = sample_site.html(url)
        for link in page.select(".col-card__title a, .col-headlines li a"):
            target = sample_site.follow(url, link["href"])
            assert titles.get(target) == link.get_text(strip=True), (url, link["href"])
            links_checked += 1
            hrefs.add(link["href"])
        for card in page.select(".col-card"):
            for section in card.select(".col-kicker a"):
                listing = sample_site.html(sample_site.follow(url, section["href"]))
                assert listing.select_one(".col-listing__title").get_text(strip=True) == section.get_text(strip=True)
    # The same article is linked from pages at several places, each with its own relative link.
    assert links_checked > 200 and len(titles) > 10
    assert any(href.startswith("../") for href in hrefs) and any(not href.startswith("../") for href in hrefs)


_PATH_PART = st.sampled_from(["2024", "03", "bai-mot", "the", "..", ".", "", "anh.jpg", "a.b", "trang", "2"])
_PATHS = st.lists(_PATH_PART, max_size=5).map("/".join)
_TARGETS = st.one_of(_PATHS, _PATHS.map(lambda path: path + "/"), _PATHS.map(lambda path: "/" + path),
                     st.sampled_from(["", "#muc", "https://vi.wikipedia.org/", "mailto:a@b.vn", "?q=1", "a\\b/"]))


@given(_TARGETS, _PATHS.map(lambda path: path + "/" if path else path) | _PATHS)
def test_links_are_made_relative_to_a_page_as_mkdocs_makes_them(target, page_url):
    # The templates' links are made by the adapter (each page's and target's folders read once),
    # not by MkDocs' own filter: they must be the same.
    assert relative_link(target, page_url) == normalize_url(target, page=SimpleNamespace(url=page_url))
