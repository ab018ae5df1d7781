"""Search as a reader uses it, in Debian's Chromium: with or without diacritics, d for đ,
either tone placement, anywhere in an article, the sentence where the words stand, quoted
phrases, filters, newest first, more than ten results, a click to the article; drafts never
found."""

from datetime import timedelta

import pytest

from browser import chromium, serve_folder
from conftest import NOW, Column, _builder, config_variant
from test_escaping import HOSTILE

from site_builder.vietnamese.folding import fold

ARTICLES = {
    "guong-dak-lak": dict(title="Gương điển hình ở Đắk Lắk", date="2024-03-01", categories=["guong-dien-hinh"],
                          summary="Tập thể tiêu biểu của tỉnh được tuyên dương."),
    "thi-dua": dict(title="Phát động thi đua yêu nước", date="2025-02-01", categories=["tin-hoat-dong"],
                    summary="Các đơn vị hưởng ứng phong trào."),
    "dien-dan": dict(title="Diễn đàn thanh niên khởi nghiệp", date="2025-06-01", categories=["binh-luan"],
                     summary="Thanh niên trao đổi kinh nghiệm."),
    "hoa-binh": dict(title="Hòa Bình nhân rộng mô hình hay", date="2023-05-01", categories=["mo-hinh-hay"],
                     summary="Chị Thuý kể về cách làm mới ở xã."),
    "hoa-thuan": dict(title="Phường Hoà Thuận làm theo gương Bác", date="2025-09-01", categories=["mo-hinh-hay"],
                      summary="Gương người tốt việc tốt ở khu phố."),
    "dien-hinh-xa": dict(title="Điển hình tiên tiến ở xã vùng cao", date="2022-04-01",
                         categories=["guong-dien-hinh"], summary="Những người làm việc thầm lặng."),
    "doc-hai": dict(title=HOSTILE, date="2021-01-01", summary=HOSTILE, categories=["binh-luan"]),
    "nhap": dict(title="Bài nháp xuanquynh chưa duyệt", date="2024-01-01", draft=True),
}


# Words that only the body holds: the last paragraph of a long article, a table cell, a caption.
LONG_BODY = "\n\n".join([
    "Ông Hải đã gắn bó với xã từ những năm tám mươi.",
    "## Những ngày đầu",
    "Mỗi buổi sáng ông dậy sớm ra đồng, chăm từng luống rau.",
    "> Làm việc gì cũng phải đến nơi đến chốn, ông nói.",
    "- Trồng rau sạch\n- Nuôi cá ruộng",
    "| Năm | Việc làm |\n|---|---|\n| 2019 | Lập tổ hợp tác Bình Minh |",
    "![Ruộng rau](../../media/luongraubimat.jpg \"Cánh đồng mẫu lớn ven sông\")",
    "Xem thêm [bài trước](https://example.org/lienketbimat) của chúng tôi.",
    "Cuối cùng, ông Đoàn Văn Đức kể chuyện nuôi lợn nhựa tiết kiệm cho cả xóm cùng nghe.",
])
# All the pairs of "lợn nhựa tiết kiệm", never side by side in one run.
SCATTERED = "Con lợn nhựa xanh. Nhựa tiết ra từ thân cây. Tiết kiệm nước là việc nên làm."
# The body holds a phrase whose article is found, and markup that must stay text.
HOSTILE_BODY = ('Đoạn đầu.\n\nVườn cam sành <img src=x onerror="window.hacked=1"> '
                '<script>window.hacked=2</script> nằm ven đồi.')


def _write(column: Column) -> None:
    for name, fields in ARTICLES.items():
        column.article(name, **fields)
    column.image("luongraubimat.jpg")
    column.article("ong-hai", title="Người nông dân giỏi ở Yên Bái", date="2024-07-01", categories=["guong-dien-hinh"],
                   summary="Ông làm giàu từ ruộng.", body=LONG_BODY, tags=["Hải đảo xanh"])
    column.article("lon-nhua", title="Chuyện trong xóm nhỏ", date="2024-08-01", summary="Mỗi nhà một cách.",
                   body=SCATTERED)
    column.article("mang-tre-bai", title="Một ngày ở bản Lìn", date="2020-03-01", summary="Bản vùng cao.",
                   body="Đoạn đầu.\n\nNgười dân bán măng tre ở chợ phiên.")
    column.article("mang-tre", title="Măng tre xuất khẩu", date="2025-03-01", summary="Làm giàu từ rừng.")
    column.article("vuon-cam", title="Nông trại trên đồi", date="2023-03-01", summary="Quả ngọt.", body=HOSTILE_BODY)
    for number in range(1, 13):
        column.article(f"hoi-cho-{number}", title=f"Bản tin hội chợ số {number}", date=f"2019-01-{number:02d}",
                       summary="Tin ngắn.", body=f"Đoạn đầu.\n\nHội chợ nông sản lần thứ {number} mở cửa.")
    later = NOW + timedelta(days=2)
    column.article("hen-gio", title="Bài hẹn giờ thuyenrong", date=later.isoformat(), year=str(later.year))


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    column = Column.empty(root / "content")
    _write(column)
    site = _builder(root / "site", preview=False)(column)
    with serve_folder(site.root) as base_url, chromium() as browser:
        yield base_url, browser


def _search(search_site, query: str, params: str = ""):
    """Open /tim-kiem/?q=… and return (status text, result titles, the page)."""
    base_url, browser = search_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/tim-kiem/?q={query}{params}")
    page.wait_for_function("/^(Tìm thấy|Không tìm thấy)/.test(document.getElementById('col-search-status').textContent)")
    return page.inner_text("#col-search-status"), page.locator(".col-card__title").all_inner_texts(), page


def _titles(search_site, query: str, params: str = "") -> list[str]:
    _, titles, page = _search(search_site, query, params)
    page.close()
    return titles


@pytest.mark.parametrize("query", ["gương điển hình", "guong dien hinh", "GUONG DIEN HINH"])
def test_query_finds_marked_words_whatever_the_marks_whole_phrase_first(search_site, query):
    assert _titles(search_site, query) == ["Gương điển hình ở Đắk Lắk", "Điển hình tiên tiến ở xã vùng cao"]


@pytest.mark.parametrize("query", ["Đắk Lắk", "dak lak", "DAK LAK"])
def test_d_for_đ_in_a_place_name(search_site, query):
    assert _titles(search_site, query) == ["Gương điển hình ở Đắk Lắk"]


@pytest.mark.parametrize("query", ["thi đua", "thi dua", "phat dong"])
def test_d_for_đ_and_no_marks(search_site, query):
    assert _titles(search_site, query) == ["Phát động thi đua yêu nước"]


def test_both_tone_placements_find_the_same_articles(search_site):
    expected = {"Hòa Bình nhân rộng mô hình hay", "Phường Hoà Thuận làm theo gương Bác"}
    assert set(_titles(search_site, "hoà")) == set(_titles(search_site, "hòa")) == expected
    assert _titles(search_site, "thúy") == _titles(search_site, "thuý") == ["Hòa Bình nhân rộng mô hình hay"]


def test_exact_diacritics_rank_above_folded_matches(search_site):
    exact, folded = _titles(search_site, "điển")[:2], _titles(search_site, "điển")[2:]
    assert set(exact) == {"Gương điển hình ở Đắk Lắk", "Điển hình tiên tiến ở xã vùng cao"}
    assert folded == ["Diễn đàn thanh niên khởi nghiệp"]
    assert _titles(search_site, "diễn")[0] == "Diễn đàn thanh niên khởi nghiệp"
    assert len(_titles(search_site, "diễn")) == 3


def test_results_show_title_date_section_and_highlighted_lead(search_site):
    status, titles, page = _search(search_site, "tuyen duong")
    assert status == "Tìm thấy 1 bài cho «tuyen duong»."
    card = page.locator(".col-search__results .col-card").first
    assert card.locator(".col-meta").inner_text() == "Gương điển hình · 01/03/2024"
    assert card.locator(".col-card__summary mark").all_inner_texts() == ["tuyên", "dương"]
    page.close()


def test_filters_by_section_and_year_and_newest_first(search_site):
    both = {"Phường Hoà Thuận làm theo gương Bác", "Gương điển hình ở Đắk Lắk"}
    assert set(_titles(search_site, "guong")) == both
    assert _titles(search_site, "guong", "&muc=guong-dien-hinh") == ["Gương điển hình ở Đắk Lắk"]
    assert _titles(search_site, "guong", "&nam=2025") == ["Phường Hoà Thuận làm theo gương Bác"]
    assert _titles(search_site, "mo hinh", "&xep=moi") == ["Hòa Bình nhân rộng mô hình hay"]
    assert _titles(search_site, "thanh nien", "&xep=moi") == ["Diễn đàn thanh niên khởi nghiệp"]
    newest = _titles(search_site, "guong", "&xep=moi")
    assert newest == ["Phường Hoà Thuận làm theo gương Bác", "Gương điển hình ở Đắk Lắk"]


def test_reader_uses_the_form_and_filter_then_clicks_a_result(search_site):
    base_url, browser = search_site
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(base_url + "/tim-kiem/")
    page.fill("#col-search-q", "guong")
    page.press("#col-search-q", "Enter")
    page.wait_for_function("document.querySelectorAll('.col-search__results li').length == 2")
    page.select_option("#col-search-section", "mo-hinh-hay")
    page.wait_for_function("document.querySelectorAll('.col-search__results li').length == 1")
    assert "muc=mo-hinh-hay" in page.url and "q=guong" in page.url
    page.click(".col-search__results a")
    page.wait_for_url("**/2025/09/hoa-thuan/")
    assert page.locator("h1.col-title").inner_text() == "Phường Hoà Thuận làm theo gương Bác"
    page.close()


def test_header_search_box_leads_to_results(search_site):
    base_url, browser = search_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "/")
    page.fill("#col-search-box", "thi dua")
    page.press("#col-search-box", "Enter")
    page.wait_for_url("**/tim-kiem/?q=thi+dua")
    page.wait_for_selector(".col-search__results li")
    assert page.locator(".col-card__title").all_inner_texts() == ["Phát động thi đua yêu nước"]
    page.close()


@pytest.mark.parametrize("query", ["xuanquynh", "thuyenrong"])
def test_drafts_and_scheduled_articles_are_never_found(search_site, query):
    status, titles, page = _search(search_site, query)
    page.close()
    assert titles == [] and status.startswith("Không tìm thấy")


def test_search_works_when_the_site_lives_under_a_sub_path(search_site, tmp_path):
    column = Column.empty(tmp_path / "content")
    _write(column)
    config = config_variant(tmp_path, site_url="https://example.org/chuyen-trang/", docs_dir=str(column.root))
    host = tmp_path / "host"
    _builder(host / "chuyen-trang", preview=False)(column, config=config)
    _, browser = search_site
    with serve_folder(host) as base_url:
        page = browser.new_page()
        page.goto(base_url + "/chuyen-trang/tim-kiem/?q=thi+dua")
        page.wait_for_selector(".col-search__results a")
        page.click(".col-search__results a")
        page.wait_for_url(base_url + "/chuyen-trang/2025/02/thi-dua/")
        page.close()


def test_words_that_are_not_side_by_side_still_find_the_article(search_site):
    # "Đắk Lắk" is in the title and "tuyên dương" in the lead: no article has "lắk tuyên".
    assert _titles(search_site, "dak lak tuyen duong") == ["Gương điển hình ở Đắk Lắk"]
    assert _titles(search_site, "đắk lắk tuyên dương") == ["Gương điển hình ở Đắk Lắk"]


def test_hostile_text_in_results_stays_text(search_site):
    status, titles, page = _search(search_site, "trich dan")
    assert titles == [HOSTILE]
    assert page.locator(".col-search__results img, .col-search__results script").count() == 0
    assert page.locator(".col-search__results mark").all_inner_texts() == ["trích", "dẫn"] * 2
    page.close()


def test_a_column_without_published_articles_says_so_on_the_search_page(column, build):
    column.article("nhap", title="Chỉ có bản nháp", date="2024-01-01", draft=True)
    site = build(column)
    page = site.html("/tim-kiem/")
    assert "Chuyên trang chưa có bài viết nào." in page.get_text()
    assert not site.exists("/pagefind/pagefind.js")


@pytest.mark.parametrize("query", ["nuôi lợn nhựa tiết kiệm", "nuoi lon nhua tiet kiem", "đoàn văn đức",
                                   "doan van duc", "Đoàn Văn Đức", "DOAN VAN DUC"])
def test_words_of_the_last_paragraph_are_found_and_shown_highlighted(search_site, query):
    status, titles, page = _search(search_site, query)
    assert titles[0] == "Người nông dân giỏi ở Yên Bái"  # before the article that has the words apart
    snippet = page.locator(".col-search__results .col-card__summary").first
    assert snippet.inner_text() == "Cuối cùng, ông Đoàn Văn Đức kể chuyện nuôi lợn nhựa tiết kiệm cho cả xóm cùng nghe."
    typed = query.split()
    marked = snippet.locator("mark").all_inner_texts()
    assert [word.lower() for word in marked] == [word for word in snippet.inner_text().lower().replace(",", "").split()
                                                 if fold(word) in {fold(w) for w in typed}]
    assert len(marked) == len(typed)
    page.close()


@pytest.mark.parametrize(("query", "title"), [
    ("Những ngày đầu", "Người nông dân giỏi ở Yên Bái"),  # a heading
    ("đến nơi đến chốn", "Người nông dân giỏi ở Yên Bái"),  # a quotation
    ("nuoi ca ruong", "Người nông dân giỏi ở Yên Bái"),  # a list item
    ("tổ hợp tác Bình Minh", "Người nông dân giỏi ở Yên Bái"),  # a table cell
    ("canh dong mau lon", "Người nông dân giỏi ở Yên Bái"),  # an image's caption
    ("hai dao xanh", "Người nông dân giỏi ở Yên Bái"),  # a tag
])
def test_every_part_of_an_article_is_searchable(search_site, query, title):
    assert _titles(search_site, query) == [title]


@pytest.mark.parametrize("query", ["lienketbimat", "luongraubimat"])
def test_link_targets_and_image_file_names_are_not_searched(search_site, query):
    status, titles, page = _search(search_site, query)
    page.close()
    assert titles == [] and status.startswith("Không tìm thấy")


def test_a_quoted_phrase_finds_its_words_side_by_side_and_in_order(search_site):
    scattered = {"Người nông dân giỏi ở Yên Bái", "Chuyện trong xóm nhỏ"}
    assert set(_titles(search_site, "lợn nhựa tiết kiệm")) == scattered
    status, titles, page = _search(search_site, '"lợn nhựa tiết kiệm"')
    assert titles == ["Người nông dân giỏi ở Yên Bái"] and status == "Tìm thấy 1 bài cho «\"lợn nhựa tiết kiệm\"»."
    page.close()
    assert _titles(search_site, '"kiệm tiết"') == []


@pytest.mark.parametrize("query", ["lợn nhựa tiết kiệm", "lon nhua tiet kiem"])
def test_words_side_by_side_in_a_body_come_before_the_same_words_apart(search_site, query):
    # Both articles hold the four words in their bodies only; the newer one holds them apart.
    assert _titles(search_site, query) == ["Người nông dân giỏi ở Yên Bái", "Chuyện trong xóm nhỏ"]


def test_a_title_match_comes_before_a_body_match(search_site):
    # The body match is older and its page sorts first: only the weight of the title puts it after.
    assert _titles(search_site, "măng tre") == ["Măng tre xuất khẩu", "Một ngày ở bản Lìn"]
    assert _titles(search_site, "mang tre") == ["Măng tre xuất khẩu", "Một ngày ở bản Lìn"]
    status, titles, page = _search(search_site, "mang tre")
    shown = page.locator(".col-search__results .col-card__summary").all_inner_texts()
    assert shown == ["Làm giàu từ rừng.", "Người dân bán măng tre ở chợ phiên."]  # the lead for a title match
    page.close()


def test_more_than_ten_results_are_shown_ten_at_a_time_from_the_keyboard(search_site):
    status, titles, page = _search(search_site, "hoi cho")
    assert status == "Tìm thấy 12 bài cho «hoi cho»." and len(titles) == 10
    more = page.locator("#col-search-more")
    assert more.is_visible() and more.inner_text() == "Xem thêm (còn 2 bài)"
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.col-search__results li').length == 12")
    assert more.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == page.locator(".col-card__title a").nth(10).inner_text()
    assert len(set(page.locator(".col-card__title").all_inner_texts())) == 12
    page.close()


def test_hostile_text_in_a_body_stays_text(search_site):
    status, titles, page = _search(search_site, "vườn cam sành")
    assert titles == ["Nông trại trên đồi"]
    snippet = page.locator(".col-search__snippet")
    assert snippet.inner_text().startswith('Vườn cam sành <img src=x onerror="window.hacked=1"> <script>')
    assert page.locator(".col-search__results img, .col-search__results script").count() == 0
    assert page.evaluate("window.hacked") is None
    page.close()


def test_the_index_is_searched_in_a_web_worker_not_on_the_page(search_site):
    # A phone's main thread stays free while the index loads and thousands of matches are
    # tallied: Pagefind and the ranking run in the search page's worker, which fetches the index.
    base_url, browser = search_site
    page = browser.new_page()
    with page.expect_worker() as worker:
        page.goto(f"{base_url}/tim-kiem/?q=mang%20tre")
    page.wait_for_function("/^Tìm thấy/.test(document.getElementById('col-search-status').textContent)")
    assert worker.value.url == f"{base_url}/assets/search-worker.js"
    fetched = "performance.getEntriesByType('resource').map(entry => new URL(entry.name).pathname)"
    by_worker = worker.value.evaluate(fetched)
    assert any(path.endswith(".pf_meta") for path in by_worker) and any(path.endswith(".pf_index") for path in by_worker)
    index_files = (".pf_meta", ".pf_index", ".pagefind")  # metadata, chunks, WebAssembly
    assert not [path for path in page.evaluate(fetched) if path.endswith(index_files)]
    page.close()
