"""`site-builder serve` as an editor uses it: each save shows in the browser, a broken file
shows its problem on the page while the last good preview stays, fixing it brings it back."""

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import BytesIO
from urllib.parse import urljoin

import pytest
from PIL import Image

from conftest import config_variant

UNUSED_PHOTOS = ("anh-moi-1.jpg", "anh-moi-2.jpg", "anh-moi-3.jpg")  # in media/, shown by no article yet
GOOD = 'title: "{title}"\ndate: 2024-05-06T08:00:00+07:00\ncategories: [tin-hoat-dong]\n'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def _until(url: str, wanted, seconds: float = 60) -> str:
    """Poll `url` until `wanted(status, text)`; the page's text (fails after `seconds`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, text = _page(url)
        if wanted(status, text):
            return text
        time.sleep(0.2)
    pytest.fail(f"{url} never showed what was expected (last status {status})")


@pytest.fixture
def preview(tmp_path, column):
    yield from _serving(tmp_path, column)


@pytest.fixture
def preview_with_photos(tmp_path, column):
    """`serve` of a column whose media/ holds photos no article shows yet."""
    for number, name in enumerate(UNUSED_PHOTOS):
        Image.new("RGB", (1000, 600), (40 * number, 90, 160)).save(column.root / "media" / name, quality=80)
    yield from _serving(tmp_path, column)


def start_serve(folder, *args) -> subprocess.Popen:
    """`site-builder serve` in `folder`, stopped by Ctrl+C (SIGINT) even when the suite runs as
    a background job, whose children start with SIGINT ignored."""
    return subprocess.Popen([sys.executable, "-m", "site_builder", "serve", *args], cwd=folder,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _serving(tmp_path, column):
    config_variant(tmp_path)
    column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Tiêu đề đầu") + "---\n\nThân bài.\n")
    port = _free_port()
    server = start_serve(tmp_path, "-a", f"127.0.0.1:{port}")
    yield f"http://127.0.0.1:{port}", column, server
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def _without_reload_script(html: str) -> str:
    return re.sub(r"<script>[^<]*livereload[^<]*</script>", "", html)


def _terminal(server: subprocess.Popen) -> str:
    """What `serve` printed, once stopped."""
    server.send_signal(signal.SIGINT)
    return server.communicate(timeout=20)[1]


def test_a_save_shows_in_the_preview_and_a_broken_file_shows_its_problem(preview):
    base, column, server = preview
    page = f"{base}/2024/05/bai/"
    _until(page, lambda status, text: status == 200 and "Tiêu đề đầu" in text)

    column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Tiêu đề đã sửa") + "---\n\nThân bài.\n")
    first = _until(page, lambda status, text: "Tiêu đề đã sửa" in text)  # the page rendered alone
    _until(f"{base}/", lambda status, text: "Tiêu đề đã sửa" in text)  # the full build follows
    time.sleep(1)
    # The page rendered alone is the page the full build makes (the reload script aside).
    assert _without_reload_script(first) == _without_reload_script(_page(page)[1])

    column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Hỏng").replace("2024-05-06T08:00:00+07:00", "hôm qua")
                 + "---\n\nThân bài.\n")
    broken = _until(page, lambda status, text: "Bản xem trước chưa cập nhật" in text)
    assert "articles/2024/bai.md:3: `date` `hôm qua` không phải là ngày giờ hợp lệ." in broken
    assert "Tiêu đề đã sửa" in broken  # the last good preview is still served

    column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Đã sửa lỗi") + "---\n\nThân bài.\n")
    fixed = _until(page, lambda status, text: "Đã sửa lỗi" in text)
    assert "Bản xem trước chưa cập nhật" not in fixed
    _until(f"{base}/", lambda status, text: "Đã sửa lỗi" in text)
    # Each edit of an existing article re-rendered its page first, alone.
    assert _terminal(server).count("Đã cập nhật bai.md") == 2


def _bytes(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_an_image_new_to_the_column_shows_on_the_quick_page_before_the_full_build(preview_with_photos):
    """The quick page names the new photo's copies and they are served already: fetched while
    the home page still shows the article's old title (the full build has not finished)."""
    base, column, _ = preview_with_photos
    page = f"{base}/2024/05/bai/"
    _until(page, lambda status, text: status == 200 and "Tiêu đề đầu" in text)
    for attempt, name in enumerate(UNUSED_PHOTOS):
        title = f"Bài có ảnh mới {attempt}"
        column.write("articles/2024/bai.md", "---\n" + GOOD.format(title=title)
                     + f'image: "../../media/{name}"\nimage_alt: "Ảnh đầu bài"\n'  # the lead and
                     + f"---\n\nThân bài.\n\n![Ảnh mới {attempt}](../../media/{name})\n")  # the body
        html = _until(page, lambda status, text: title in text)
        stem = name.removesuffix(".jpg")
        addresses = {urljoin(page, found) for found in re.findall(rf'[^"\s,]*media/{stem}-\d+\.(?:webp|jpg)', html)}
        copies = {address: _bytes(address) for address in addresses}
        if title in _page(f"{base}/")[1]:
            continue  # the full build was already done: the copies prove nothing, try another photo
        assert len(addresses) == 8  # 320, 480, 800 and 1000 px, WebP and JPEG
        assert html.count(f"{stem}-800.jpg") >= 4  # the lead's and the body's src and srcset
        for address, (status, data) in copies.items():
            assert status == 200, address
            with Image.open(BytesIO(data)) as image:
                assert f"-{image.width}." in address
        return
    pytest.fail("the full build always finished before the quick page could be looked at")


def test_added_and_deleted_articles_are_followed(preview):
    base, column, _ = preview
    _until(f"{base}/2024/05/bai/", lambda status, text: status == 200)
    column.write("articles/2024/bai-moi.md", "---\n" + GOOD.format(title="Bài mới thêm") + "draft: true\n---\n\nThân.\n")
    added = _until(f"{base}/2024/05/bai-moi/", lambda status, text: status == 200)
    assert "Bản nháp" in added
    (column.root / "articles" / "2024" / "bai-moi.md").unlink()
    _until(f"{base}/2024/05/bai-moi/", lambda status, text: status == 404)
