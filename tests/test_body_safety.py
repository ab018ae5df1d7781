"""Links and images in article bodies: no script URL in any spelling, nothing broken, nothing
from outside the column or from another host; each problem on the line the editor wrote it."""

import os

import markdown
import pytest

from browser import chromium, serve_folder
from site_builder.content import read_articles
from site_builder.errors import ContentErrors
from site_builder.markdown_safety import EditorMarkdown
from site_builder.sections import DEFAULT_SECTIONS

KEYS = tuple(section.key for section in DEFAULT_SECTIONS)
FRONT = '---\ntitle: "Bài"\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n---\n'
BODY_LINE = 6  # the first body line of a file written by `_article`
LINK_HINT = ("Chỉ dùng địa chỉ trang web (`https://…`), `mailto:`, `tel:` hoặc đường dẫn tới tệp .md "
             "của bài khác, ví dụ `../2025/ten-bai.md`.")
IMAGE_HINT = "Đặt ảnh trong `content/media/` và ghi đường dẫn như `../../media/anh.jpg`."
OUTSIDE_HINT = "Chép tệp vào `content/media/` và ghi đường dẫn như `../../media/anh.jpg`."
REMOTE_HINT = ("Tải ảnh về `content/media/` và ghi đường dẫn như `../../media/anh.jpg`: "
               "trang không tải gì từ máy chủ khác.")

# Script URLs as an attacker spells them; a browser decodes entities and drops tabs and newlines.
HOSTILE_URLS = [
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(2)",
    "java&#9;script:alert(3)",
    "&#x6a;avascript:alert(4)",
    "&#X6A;avascript:alert(5)",
    "&#0000106;avascript:alert(6)",
    "&#106avascript:alert(7)",
    "JAVASCRIPT:alert(8)",
    "JaVa&Tab;ScRiPt:alert(9)",
    "java&NewLine;script:alert(10)",
    "jav&#x0D;ascript:alert(11)",
    "javascript&#58;alert(12)",
    "&#x200B;javascript:alert(13)",
    "vbscript:msgbox(14)",
    "VBScript&colon;msgbox(15)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxNik8L3NjcmlwdD4=",
    "&#100;ata:image/svg+xml,%3Csvg%20onload=alert(17)%3E",
    "file:///etc/passwd",
    "ftp://example.com/x",
    "livescript:alert(18)",
]


def _article(column, body: str, name: str = "bai"):
    return column.write(f"articles/2024/{name}.md", FRONT + body + "\n")


def _problems(column) -> list[str]:
    articles, errors = read_articles(column.root, KEYS)
    return [str(error) for error in errors]


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=[EditorMarkdown()])


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_link_is_refused_on_its_line(column, url):
    path = _article(column, f"Đoạn đầu.\n\nXem [ở đây]({url}) nhé.")
    assert _problems(column) == [
        f"{path}:{BODY_LINE + 2}: Liên kết `{url}` có địa chỉ không được phép. {LINK_HINT}"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_image_is_refused_on_its_line(column, url):
    path = _article(column, f"Đoạn đầu.\n\n\n![ảnh]({url})")
    assert _problems(column) == [
        f"{path}:{BODY_LINE + 3}: Ảnh `{url}` có địa chỉ không được phép. {IMAGE_HINT}"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_reference_definition_is_refused_on_its_line(column, url):
    path = _article(column, f"Xem [ở đây][x] và ![ảnh][y].\n\n[x]: {url}\n[y]: {url}")
    assert _problems(column) == [
        f"{path}:{BODY_LINE + 2}: Liên kết `{url}` có địa chỉ không được phép. {LINK_HINT}",
        f"{path}:{BODY_LINE + 3}: Ảnh `{url}` có địa chỉ không được phép. {IMAGE_HINT}"]


def test_hostile_urls_with_spaces_angle_brackets_and_autolinks_are_refused(column):
    path = _article(column, "Một <javascript:alert(1)>\n\n[hai](<java script:alert(2)>)\n"
                            "[ba](\n  vbscript:x) [bốn](java script:alert(4) \"tựa đề\")\n"
                            "[năm](JaVa\tScRiPt:alert(5))\n\n[sáu]: <javascript:alert(6)>")
    assert _problems(column) == [
        f"{path}:{BODY_LINE + line}: Liên kết `{url}` có địa chỉ không được phép. {LINK_HINT}"
        for line, url in ((0, "javascript:alert(1)"), (2, "java script:alert(2)"), (4, "vbscript:x"),
                          (4, "java script:alert(4)"), (5, "JaVa\\tScRiPt:alert(5)"), (7, "javascript:alert(6)"))]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_markdown_turns_hostile_links_and_images_into_text(url):
    assert _html(f"[bấm]({url})") == "<p><span>bấm</span></p>"
    assert _html(f"![ảnh]({url})") == "<p><span>ảnh</span></p>"
    assert _html(f"[bấm][x]\n\n[x]: {url}") == "<p><span>bấm</span></p>"


@pytest.mark.parametrize("text", ["[a](java script:alert(1))", "[a](JaVa\tScRiPt:alert(1) 'tựa')",
                                  "[a](java\nscript:alert(1))", "[a](java`x`script:alert(1))"])
def test_markdown_turns_script_urls_with_spaces_or_code_into_text(text):
    assert _html(text) == "<p><span>a</span></p>"


@pytest.mark.parametrize("text, html", [
    ("[web](https://vnexpress.net/a?b=1&c=2)", '<p><a href="https://vnexpress.net/a?b=1&amp;c=2">web</a></p>'),
    ("[thư](mailto:toa-soan@example.vn)", '<p><a href="mailto:toa-soan@example.vn">thư</a></p>'),
    ("[gọi](tel:+84241234567)", '<p><a href="tel:+84241234567">gọi</a></p>'),
    ("[bài](../2025/bai-khac.md#doan-2)", '<p><a href="../2025/bai-khac.md#doan-2">bài</a></p>'),
    ("![ảnh](../../media/a.jpg)", '<p><img alt="ảnh" src="../../media/a.jpg" /></p>'),
    ("<https://example.vn/>", '<p><a href="https://example.vn/">https://example.vn/</a></p>'),
    ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),  # not a link in this Markdown
])
def test_markdown_keeps_allowed_links_exactly(text, html):
    assert _html(text) == html


def test_encoded_email_autolink_stays_a_mailto_link():
    assert _html("<toa-soan@example.vn>").startswith('<p><a href="&#109;&#97;&#105;&#108;')


def test_no_disarmed_link_runs_script_when_clicked_in_chromium(tmp_path):
    body = "\n\n".join(f"[bấm {index}]({url}) ![ảnh {index}]({url})" for index, url in enumerate(HOSTILE_URLS))
    control = "<a id=control href=\"javascript:alert('control')\">control</a>"
    (tmp_path / "index.html").write_text(
        f"<!doctype html><html lang=vi><meta charset=utf-8><title>x</title>{_html(body)}{control}",
        encoding="utf-8")
    dialogs = []
    with serve_folder(tmp_path) as base_url, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base_url + "/", wait_until="networkidle")
        for index in range(page.locator("p > *").count()):
            page.goto(base_url + "/")  # a click may have left the page
            page.locator("p > *").nth(index).click()
            page.wait_for_timeout(50)
        assert dialogs == []
        assert page.locator("a[href], img[src]").count() == 1  # the control only
        page.goto(base_url + "/")
        page.click("#control")  # the same browser does run a script link: the test can see one
        page.wait_for_timeout(200)
        page.close()
    assert dialogs == ["control"]


def test_link_to_a_missing_article_names_its_line(column):
    path = _article(column, "Đoạn đầu.\n\nXem thêm [bài cũ](../2025/khong-co.md).")
    assert _problems(column) == [
        f"{path}:{BODY_LINE + 2}: Liên kết tới bài `../2025/khong-co.md` nhưng không có tệp bài viết này. "
        "Kiểm tra tên tệp; liên kết tới bài khác là đường dẫn tới tệp .md của bài, ví dụ `../2025/ten-bai.md`."]


def test_missing_image_and_missing_linked_file_name_their_lines(column):
    path = _article(column, "![ảnh](../../media/khong-co.jpg)\n\n"
                            "- Văn bản\n  [tải về](../../media/van-ban.pdf)")
    assert _problems(column) == [
        f"{path}:{BODY_LINE}: Không tìm thấy tệp ảnh `../../media/khong-co.jpg`. {IMAGE_HINT}",
        f"{path}:{BODY_LINE + 3}: Liên kết tới tệp `../../media/van-ban.pdf` nhưng không tìm thấy tệp này. "
        "Đặt tệp trong `content/media/` và kiểm tra đường dẫn."]


def test_image_outside_content_through_dots_or_a_symlink(column, tmp_path):
    outside = tmp_path / "bi-mat.jpg"
    outside.write_bytes(b"not for publishing")
    os.symlink(outside, column.root / "media" / "lien-ket.jpg")
    os.symlink(tmp_path, column.root / "media" / "thu-muc")
    path = _article(column, "![a](../../../bi-mat.jpg)\n\n![b](../../media/lien-ket.jpg)\n\n"
                            "![c](/media/thu-muc/bi-mat.jpg)")
    assert _problems(column) == [
        f"{path}:{BODY_LINE + line}: Ảnh `{url}` trỏ ra ngoài thư mục content. {OUTSIDE_HINT}"
        for line, url in ((0, "../../../bi-mat.jpg"), (2, "../../media/lien-ket.jpg"),
                          (4, "/media/thu-muc/bi-mat.jpg"))]


@pytest.mark.parametrize("url", ["https://example.com/a.jpg", "//example.com/a.jpg", "http:&#47;&#47;x/a.jpg",
                                 "/\\example.com/a.jpg"])
def test_image_from_another_host_is_refused(column, url):
    path = _article(column, f"Chữ.\n![ảnh]({url})")
    assert _problems(column) == [
        f"{path}:{BODY_LINE + 1}: Ảnh `{url}` phải là tệp trong thư mục content, không phải địa chỉ "
        f"trên mạng. {REMOTE_HINT}"]


def test_valid_links_and_images_pass_and_list_the_media_used(column):
    column.image("anh.jpg")
    column.write("media/van-ban.pdf", "%PDF")
    column.write("articles/2025/bai-khac.md", FRONT)
    _article(column, "[bài khác](../2025/bai-khac.md) ![ảnh](../../media/anh.jpg \"Chú thích\")\n\n"
                     "[web](https://vnexpress.net) [thư](mailto:a@b.vn) [gọi](tel:0241) [lên đầu](#dau)\n"
                     "[chủ đề](/the/) [tệp](/media/van-ban.pdf) ![lại](/media/anh.jpg) <https://example.vn>\n\n"
                     "`[mã](javascript:alert(1))` và \\[không phải](liên kết)\n\n"
                     "    ![mã](https://example.com/x.jpg)\n")
    articles, errors = read_articles(column.root, KEYS)
    assert errors == ()
    assert [article.body_media for article in articles if article.slug == "bai"] == [
        ("media/anh.jpg", "media/van-ban.pdf")]


def test_build_refuses_a_hostile_body_and_links_valid_ones(column, build):
    column.image("anh.jpg")
    column.article("dich", title="Bài đích", date="2024-03-01")
    column.article("nguon", title="Bài nguồn", date="2024-03-02",
                   body="Đoạn đầu.\n\n[Bài đích](dich.md) và ![ảnh](../../media/anh.jpg)")
    site = build(column)
    body = site.html("/2024/03/nguon/").select_one(".col-body")
    assert site.follow("/2024/03/nguon/", body.a["href"]) == "/2024/03/dich/"
    assert site.exists(site.follow("/2024/03/nguon/", body.img["src"]))
    hostile = "[a](&#106;avascript:alert(1))"
    path = column.article("doc", title="Bài độc", date="2024-03-03", body=hostile)
    with pytest.raises(ContentErrors) as failure:
        build(column)
    line = path.read_text(encoding="utf-8").split("\n").index(hostile) + 1
    assert [(error.path, error.line) for error in failure.value.errors] == [(str(path), line)]


def test_impossible_paths_are_errors_not_tracebacks(column):
    os.symlink("vong.jpg", column.root / "media" / "vong.jpg")  # a symlink loop
    path = _article(column, "![a](../../media/vong.jpg) ![b](../../media/%00.jpg)\n"
                            f"![c](../../media/{'x' * 5000}.jpg) [d](../../media/{'y' * 300}.pdf)")
    assert [(error.line, error.message.split(" `")[0]) for error in read_articles(column.root, KEYS)[1]] == [
        (BODY_LINE, "Không tìm thấy tệp ảnh"), (BODY_LINE, "Không tìm thấy tệp ảnh"),
        (BODY_LINE + 1, "Không tìm thấy tệp ảnh"), (BODY_LINE + 1, "Liên kết tới tệp")]
    assert all(error.path == str(path) and len(error.message) < 200 for error in read_articles(column.root, KEYS)[1])
