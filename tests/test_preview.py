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

import pytest

from conftest import config_variant

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
    config_variant(tmp_path)
    column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Tiêu đề đầu") + "---\n\nThân bài.\n")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "site_builder", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
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


def test_added_and_deleted_articles_are_followed(preview):
    base, column, _ = preview
    _until(f"{base}/2024/05/bai/", lambda status, text: status == 200)
    column.write("articles/2024/bai-moi.md", "---\n" + GOOD.format(title="Bài mới thêm") + "draft: true\n---\n\nThân.\n")
    added = _until(f"{base}/2024/05/bai-moi/", lambda status, text: status == 200)
    assert "Bản nháp" in added
    (column.root / "articles" / "2024" / "bai-moi.md").unlink()
    _until(f"{base}/2024/05/bai-moi/", lambda status, text: status == 404)
