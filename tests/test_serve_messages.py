"""What `site-builder serve` says to an editor, in Vietnamese: its log while previewing, a port
already in use (before any build), the forms `-a` accepts and the ones it refuses."""

import signal
import socket
import subprocess
import sys

import pytest

from conftest import config_variant
from test_command_line import ENGLISH
from test_preview import GOOD, _free_port, _until, start_serve


def _stop(server) -> str:
    server.send_signal(signal.SIGINT)
    try:
        return server.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        server.kill()
        return server.communicate()[1]


def test_the_preview_log_is_in_vietnamese(tmp_path, column):
    config_variant(tmp_path)
    column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Tiêu đề đầu") + "---\n\nThân bài.\n")
    port = _free_port()
    server = start_serve(tmp_path, "-a", f"localhost:{port}")  # a host name is accepted
    try:
        base = f"http://localhost:{port}"
        _until(f"{base}/2024/05/bai/", lambda status, text: "Tiêu đề đầu" in text)
        _until(f"{base}/khong-co/", lambda status, text: status == 404)
        column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Tiêu đề mới") + "---\n\nThân bài.\n")
        _until(f"{base}/2024/05/bai/", lambda status, text: "Tiêu đề mới" in text)
    finally:
        log = _stop(server)
    assert f"Xem trước tại http://localhost:{port}/ (Ctrl+C để dừng)" in log
    assert "Không có trang /khong-co/ (lỗi 404)." in log
    assert "Có tệp thay đổi: đang dựng lại bản xem trước…" in log
    assert log.count("Đã cập nhật ") >= 2  # the first build, then the edit
    assert not [word for word in ENGLISH if word.lower() in log.lower()], log


def test_a_port_in_use_is_said_before_any_build(tmp_path, column):
    config_variant(tmp_path)
    column.write("articles/2024/bai.md", "---\n" + GOOD.format(title="Bài") + "---\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "site_builder", "serve", "-a", str(port)], cwd=tmp_path,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == (f"Không xem trước được: Cổng {port} đang được một chương trình khác dùng (có thể là "
                             f"một `serve` khác còn chạy). Dừng chương trình đó, hoặc chọn cổng khác: "
                             f"`-a 127.0.0.1:{port + 1}`.\n")
    assert not (tmp_path / ".cache" / "site-builder" / "preview").exists()


@pytest.mark.parametrize("address, said", [
    ("localhost:99999", "Cổng `99999` không hợp lệ: cổng là một số từ 1 đến 65535."),
    ("127.0.0.1:tám", "Cổng `tám` không hợp lệ"),
    (":8000", "Địa chỉ `:8000` không hợp lệ."),
    ("may-khong-co.test:8001", "Không tìm thấy máy `may-khong-co.test`."),
])
def test_an_address_that_cannot_be_used_is_explained(tmp_path, column, address, said):
    config_variant(tmp_path)
    result = subprocess.run([sys.executable, "-m", "site_builder", "serve", "-a", address], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Không xem trước được: {said}"), result.stderr
    assert not [word for word in ENGLISH if word.lower() in result.stderr.lower()], result.stderr


def test_the_forms_of_an_address():
    from site_builder.preview_address import parse_address

    assert parse_address("localhost") == ("localhost", 8000)
    assert parse_address("8001") == ("127.0.0.1", 8001)
    assert parse_address("0.0.0.0:8080") == ("0.0.0.0", 8080)
    assert parse_address("[::1]:8000") == ("::1", 8000)


@pytest.mark.parametrize("config, said", [
    ("site_name: X\ndocs_dir: khong-co\n", "Cấu hình mkdocs.yml không dùng được: mục `docs_dir`: không có thư mục "),
    ("site_name: X: Y\n", "mkdocs.yml:1: Phần khai báo YAML có dấu hai chấm không đúng chỗ."),
    ("site_name: X\nplugins:\n  - khong-co\n",
     "Cấu hình mkdocs.yml không dùng được: mục `plugins`: chưa cài phần bổ sung (plugin) `khong-co`."),
])
def test_a_configuration_mistake_is_said_in_vietnamese(tmp_path, config, said):
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    for command in ("build", "serve") + (("check",) if "YAML" in said else ()):
        result = subprocess.run([sys.executable, "-m", "site_builder", command, "-f", "mkdocs.yml"], cwd=tmp_path,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1
        assert said in result.stderr, result.stderr
        assert not [word for word in ENGLISH if word.lower() in result.stderr.lower()], result.stderr


def test_check_of_a_missing_content_folder_is_an_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ndocs_dir: khong-co\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "site_builder", "check"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert (result.returncode, result.stderr) == (1, f"Không tìm thấy thư mục nội dung {tmp_path}/khong-co.\n")
