"""Publishing never loses a file and never publishes one from outside the column.

Each case runs the real command line on a real project folder (mkdocs.yml beside content/),
and looks at the exit status, the message, and the files before and after.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import config_variant

GOOD = 'title: "Bài viết"\ndate: 2024-05-06\ncategories: [tin-hoat-dong]\n'


def _run(project: Path, *args, cwd: Path | None = None, timeout: int = 120):
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd or project,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


@pytest.fixture
def project(tmp_path, column):
    """A column's repository: mkdocs.yml beside content/ with one article."""
    config_variant(tmp_path)
    column.article("mot", title="Một bài", date="2024-01-02")
    return tmp_path


@pytest.mark.parametrize("site_dir", ["content", "content/site", "content/articles", ".", ".."])
def test_a_site_dir_over_the_column_or_the_project_is_refused_before_anything_is_touched(project, site_dir):
    before = _tree(project)
    result = _run(project, "build", "--site-dir", site_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Không xuất bản: thư mục xuất bản" in result.stderr
    assert "xóa mất tệp" in result.stderr
    assert _tree(project) == before


def test_a_folder_that_is_not_a_site_is_never_replaced(project, tmp_path):
    papers = tmp_path / "tai-lieu"
    papers.mkdir()
    (papers / "bao-cao.docx").write_bytes(b"quan trong")
    result = _run(project, "build", "--site-dir", str(papers))
    assert result.returncode == 1
    assert "không phải là trang do site-builder xuất bản" in result.stderr
    assert (papers / "bao-cao.docx").read_bytes() == b"quan trong"


def test_a_site_dir_that_cannot_be_written_is_a_message_not_a_traceback(project):
    (project / "mot-tep").write_text("x")
    result = _run(project, "build", "--site-dir", "mot-tep/site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Không xuất bản: không ghi được")


def test_only_the_media_that_published_articles_show_are_published(project, column):
    image = column.image("dung.jpg")
    column.image("khong-dung.jpg")
    column.article("co-anh", title="Có ảnh", date="2024-02-03", image=image)
    column.article("nhap", title="Nháp", date="2024-02-04", image=column.image("nhap.jpg"), draft=True)
    (column.root / "media" / "mat-khau.jpg").symlink_to("/etc/passwd")
    (column.root / "media" / "ngoai").symlink_to(project.parent, target_is_directory=True)
    (column.root / "ghi-chu.txt").write_text("ghi chú nội bộ")
    result = _run(project, "build")
    assert result.returncode == 0, result.stderr
    media = sorted(path.name for path in (project / "site" / "media").iterdir())
    assert media == ["dung-80.jpg", "dung-80.webp"]  # the copies made from the used image, never the file
    assert not (project / "site" / "ghi-chu.txt").exists()
    assert not (project / "site" / "sections.yml").exists()


MISPLACED = ["2024/x.md", "article/2024/x.md", "ghi-chu.md", "media/nhap.md", "articles/x.md",
             "articles/2024/thang-5/x.md", "articles/ban-nhap/x.md"]


@pytest.mark.parametrize("where", MISPLACED)
def test_markdown_outside_the_articles_folder_is_an_error_naming_where_articles_belong(project, column, where):
    column.write(where, "---\n" + GOOD + "draft: true\n---\nBí mật chưa đăng.\n")
    check = _run(project, "check")
    assert check.returncode == 1
    assert f"content/{where}:1: Tệp Markdown nằm ngoài chỗ dành cho bài viết" in check.stdout
    assert "content/articles/<năm>/<tên-bài>.md" in check.stdout
    build = _run(project, "build")
    assert build.returncode == 1
    assert not (project / "site").exists()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


BAD_FILES = {
    "outside": (lambda path: path.symlink_to("/etc/hostname"), "nằm ngoài thư mục content"),
    "broken": (lambda path: path.symlink_to("khong-co.md"), "liên kết (symlink) hỏng hoặc vòng lặp"),
    "loop": (_loop, "liên kết (symlink) hỏng hoặc vòng lặp"),
    "fifo": (_fifo, "không phải là một tệp văn bản thường"),
    "folder": (lambda path: path.mkdir(), "không phải là một tệp văn bản thường"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_article_files_that_are_not_plain_files_of_the_column_are_refused_without_hanging(project, column, case):
    make, message = BAD_FILES[case]
    path = column.root / "articles" / "2024" / "la.md"
    make(path)
    for command in ("check", "build"):
        result = _run(project, command, timeout=60)
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert "content/articles/2024/la.md:1: " in result.stdout
        assert message in result.stdout


def test_a_symlinked_year_folder_is_refused(project, column, tmp_path):
    elsewhere = tmp_path / "ngoai" / "2023"
    elsewhere.mkdir(parents=True)
    (elsewhere / "bi-mat.md").write_text("---\n" + GOOD + "---\nBí mật.\n", encoding="utf-8")
    (column.root / "articles" / "2023").symlink_to(elsewhere, target_is_directory=True)
    result = _run(project, "check")
    assert result.returncode == 1
    assert "content/articles/2023: Thư mục là liên kết (symlink)" in result.stdout


@pytest.mark.parametrize("name", ["a#b?c%", "...", "bai viet", "Trung", "trưng", "Tru\u0301ng", "-a-", "a--b"])
def test_file_names_that_cannot_be_addresses_are_refused_with_a_suggestion(project, column, name):
    column.write(f"articles/2024/{name}.md", "---\n" + GOOD + "---\nThân bài.\n")
    result = _run(project, "check")
    assert result.returncode == 1
    assert "không dùng được làm địa chỉ bài viết." in result.stdout
    assert "hoặc thêm trường `slug`" in result.stdout


def test_a_file_name_is_free_when_the_slug_field_gives_the_address(project, column):
    column.write("articles/2024/Bài Viết.md", "---\n" + GOOD + "slug: bai-viet\n---\nThân bài.\n")
    result = _run(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "2024" / "05" / "bai-viet" / "index.html").is_file()


def test_new_inside_the_content_folder_writes_into_the_column(project, column):
    result = _run(project, "new", "Bài mới từ thư mục con", "--category", "binh-luan",
                  cwd=column.root / "articles")
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.resolve().parent.parent == (column.root / "articles").resolve()
    assert not (column.root / "content").exists()
    assert not (column.root / "articles" / "content").exists()


def test_commands_outside_any_column_say_where_they_looked(tmp_path):
    result = _run(tmp_path, "check")
    assert result.returncode == 1
    assert f"Không tìm thấy mkdocs.yml trong {tmp_path} hay thư mục cha nào." in result.stderr
