"""The command line as whoever runs the build uses it: `site-builder` and `python -m site_builder`."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def _run(*args, cwd=REPO):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_console_script_builds_into_the_given_folder(column, tmp_path):
    column.article("mot", title="Một bài", date="2024-01-02")
    site_dir = tmp_path / "xuat-ban"
    script = Path(sys.executable).with_name("site-builder")
    result = _run(str(script), "build", "-f", str(REPO / "mkdocs.yml"),
                  "--content", str(column.root), "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stderr
    assert (site_dir / "2024/01/mot/index.html").is_file()
    assert result.stderr == f"Đã xuất bản vào {site_dir}\n"  # no progress bar in a pipe


def test_python_dash_m_reports_content_errors_without_traceback(column, tmp_path):
    column.write("articles/2024/hong.md", "---\ntitle: \"Thiếu ngày\"\ncategories: [tin-hoat-dong]\n---\nThân bài.\n")
    result = _run(sys.executable, "-m", "site_builder", "build", "-f", str(REPO / "mkdocs.yml"),
                  "--content", str(column.root), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "hong.md:1: Thiếu trường bắt buộc `date`." in result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_failed_build_leaves_the_published_site_untouched(column, build, tmp_path):
    column.article("mot", title="Một bài", date="2024-01-02")
    site = build(column)
    before = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    column.article("hai", title="Bài hỏng", date="không phải ngày")
    result = _run(sys.executable, "-m", "site_builder", "build", "-f", str(REPO / "mkdocs.yml"),
                  "--content", str(column.root), "--site-dir", str(site.root))
    assert result.returncode == 1
    after = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in site.root.parent.iterdir() if p.name.startswith(".site")] == [".site.lock"]


def _site_builder(*args, cwd=REPO):
    return _run(sys.executable, "-m", "site_builder", *args, cwd=cwd)


def test_check_prints_every_problem_one_per_line_and_exits_1(column):
    column.article("tot", title="Bài tốt", date="2024-01-02")
    column.write("articles/2024/a.md", "---\ntitle: \"A\"\ndate: sai\ncategories: [khong-co]\n---\n")
    column.write("articles/2024/b.md", "---\ntitle: \"B\"\n")
    result = _site_builder("check", "--content", str(column.root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{column.root}/articles/2024/a.md:3", f"{column.root}/articles/2024/a.md:4",
        f"{column.root}/articles/2024/b.md:1"]
    assert "3 lỗi" in result.stderr and "Traceback" not in result.stderr


def test_check_passes_a_clean_column_with_exit_0(column):
    column.article("tot", title="Bài tốt", date="2024-01-02")
    result = _site_builder("check", "--content", str(column.root))
    assert (result.returncode, result.stdout) == (0, "")
    assert "không có lỗi" in result.stderr


def test_check_finds_the_content_folder_from_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ndocs_dir: noi-dung\n", encoding="utf-8")
    (tmp_path / "noi-dung/articles/2024").mkdir(parents=True)
    (tmp_path / "noi-dung/articles/2024/x.md").write_text("không có front matter\n", encoding="utf-8")
    result = _site_builder("check", "-f", str(tmp_path / "mkdocs.yml"))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path}/noi-dung/articles/2024/x.md:1: ")


def test_new_writes_an_article_that_passes_check(column):
    result = _site_builder("new", "Đắk Lắk: Thanh niên tình nguyện \"xanh\"", "--category",
                           "guong-dien-hinh", "--content", str(column.root))
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent.parent == column.root / "articles"
    assert path.name == "dak-lak-thanh-nien-tinh-nguyen-xanh.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Đắk Lắk: Thanh niên tình nguyện \\"xanh\\""' in text
    date_line = next(line for line in text.splitlines() if line.startswith("date: "))
    assert date_line.endswith("+07:00")
    assert "categories: [guong-dien-hinh]" in text
    assert _site_builder("check", "--content", str(column.root)).returncode == 0

    from site_builder.content import read_articles
    (article,), _ = read_articles(column.root, ("guong-dien-hinh",))
    assert article.title == 'Đắk Lắk: Thanh niên tình nguyện "xanh"'
    assert article.draft is True


def test_new_refuses_to_overwrite_an_existing_file(column):
    args = ("new", "Bài trùng tên", "--category", "binh-luan", "--content", str(column.root))
    first = _site_builder(*args)
    path = Path(first.stdout.strip())
    path.write_text("đã sửa", encoding="utf-8")
    second = _site_builder(*args)
    assert second.returncode == 1
    assert "đã có, không ghi đè" in second.stderr
    assert path.read_text(encoding="utf-8") == "đã sửa"


def test_new_lists_the_valid_sections_for_an_unknown_one(column):
    result = _site_builder("new", "Bài", "--category", "tin-tuc", "--content", str(column.root))
    assert result.returncode == 1
    assert "Không có chuyên mục `tin-tuc`. Các khóa hợp lệ: tin-hoat-dong, guong-dien-hinh" in result.stderr
    assert not list((column.root / "articles").rglob("*.md"))


def _build_on_a_terminal(column, tmp_path, env):
    """Run a build with stderr on a pseudo-terminal; return what the terminal showed."""
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "build", "-f", str(REPO / "mkdocs.yml"),
         "--content", str(column.root), "--site-dir", str(tmp_path / "site")],
        cwd=REPO, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=300)
    os.close(leader)
    return process.returncode, shown.decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_and_not_in_ci(column, tmp_path):
    import os

    column.article("mot", title="Một bài", date="2024-01-02")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    code, shown = _build_on_a_terminal(column, tmp_path, env)
    assert code == 0 and "Dựng trang" in shown
    code, shown = _build_on_a_terminal(column, tmp_path, {**env, "CI": "true"})
    assert code == 0 and "Dựng trang" not in shown and "Đã xuất bản" in shown


def test_a_failing_search_indexer_fails_the_build_and_keeps_the_site(column, build, monkeypatch):
    import pytest

    from site_builder import pagefind_index
    from site_builder.mkdocs_runner import BuildFailed

    column.article("mot", title="Một bài", date="2024-01-02")
    site = build(column)
    before = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    monkeypatch.setattr(pagefind_index, "get_executable", lambda: Path("/bin/false"))
    column.article("hai", title="Bài thứ hai", date="2024-01-03")  # the index must be made again
    with pytest.raises(BuildFailed):
        build(column)
    assert {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()} == before


def test_a_failing_feed_writer_fails_the_build_and_keeps_the_site(column, build, monkeypatch):
    import pytest

    from site_builder import feeds
    from site_builder.mkdocs_runner import BuildFailed

    column.article("mot", title="Một bài", date="2024-01-02")
    site = build(column)
    before = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}

    def broken(*args):
        raise OSError("đĩa đầy")
    monkeypatch.setattr(feeds, "build_feeds", broken)  # feeds are written in a forked process
    column.article("hai", title="Bài thứ hai", date="2024-01-03")  # the feeds must be written again
    with pytest.raises(BuildFailed):
        build(column)
    assert {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()} == before


def test_check_remembers_front_matter_yet_sees_every_edit(column, tmp_path):
    from conftest import config_variant

    config_variant(tmp_path)
    path = column.article("mot", title="Một bài", date="2024-01-02")
    assert _site_builder("check", cwd=tmp_path).returncode == 0
    assert (tmp_path / ".cache" / "site-builder" / "front-matter.json").is_file()
    path.write_text(path.read_text(encoding="utf-8").replace("2024-01-02", "2024-02-30"), encoding="utf-8")
    result = _site_builder("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "`date` `2024-02-30` không phải là ngày giờ hợp lệ." in result.stdout


# Words argparse and MkDocs would show in English; none may reach an editor.
ENGLISH = ("usage", "options", "positional", "arguments", "error:", "required", "show this help", "invalid",
           "choose from", "unrecognized", "expected", "Traceback", "Config value", "Building", "Serving",
           "Cleaning", "Detected", "Address already in use")


@pytest.mark.parametrize("args", [
    ("--help",), ("build", "--help"), ("serve", "--help"), ("check", "--help"), ("new", "--help")])
def test_help_is_in_vietnamese(args):
    result = _site_builder(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("Cách dùng: site-builder")
    assert not [word for word in ENGLISH if word.lower() in result.stdout.lower()], result.stdout


@pytest.mark.parametrize("args, said", [
    ((), "thiếu đối số bắt buộc: LỆNH"),
    (("bulid",), "đối số LỆNH: không có lựa chọn 'bulid'; chọn một trong:"),
    (("new",), "thiếu đối số bắt buộc: TIÊU_ĐỀ, --category"),
    (("new", "Bài", "--category"), "đối số --category: cần một giá trị sau tùy chọn này"),
    (("check", "--format", "html"), "đối số --format: không có lựa chọn 'html'; chọn một trong:"),
    (("build", "--chua-co"), "không hiểu đối số: --chua-co"),
    (("build", "--c"), "tùy chọn --c chưa rõ, có thể là: --config-file, --content, --clean"),
])
def test_argument_errors_are_in_vietnamese(args, said):
    result = _site_builder(*args)
    assert result.returncode == 2
    usage, error = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert usage.startswith("Cách dùng: site-builder")
    assert error.startswith("site-builder") and f": lỗi: {said}" in error, result.stderr
    assert not [word for word in ENGLISH if word.lower() in result.stderr.lower()], result.stderr


def test_a_missing_configuration_is_said_in_vietnamese(tmp_path):
    result = _site_builder("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (f"Không tìm thấy mkdocs.yml trong {tmp_path} hay thư mục cha nào. Chạy lệnh trong "
                             "thư mục của chuyên trang, hoặc chỉ rõ bằng `-f đường/dẫn/mkdocs.yml`.\n")
    named = _site_builder("build", "-f", str(tmp_path / "khong-co.yml"), cwd=tmp_path)
    assert (named.returncode, named.stderr) == (1, f"Không tìm thấy tệp cấu hình {tmp_path}/khong-co.yml.\n")


def test_new_and_check_typed_in_a_subfolder_act_on_the_column(tmp_path):
    from conftest import config_variant

    config_variant(tmp_path, docs_dir="content")
    inside = tmp_path / "content" / "articles"
    inside.mkdir(parents=True)
    made = _site_builder("new", "Bài viết từ thư mục con", "--category", "binh-luan", cwd=inside)
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    if not path.is_absolute():
        path = inside / path
    assert path.resolve().parent.parent == inside.resolve()  # not content/articles/content/articles/…
    assert not (inside / "content").exists()
    path.write_text(path.read_text(encoding="utf-8").replace("date: ", "date: x"), encoding="utf-8")
    checked = _site_builder("check", cwd=inside / path.parent.name)
    assert checked.returncode == 1
    assert checked.stdout.startswith(f"{path.name}:3: `date` ")  # named from where it was typed


def test_scripts_build_installs_a_site_builder_command_that_works_as_typed(tmp_path):
    """After `scripts/build`, `site-builder …` (the README's lines) runs this column's command
    in any of its folders; a folder off PATH only gets a hint; someone else's command is kept."""
    import os

    bin_dir = tmp_path / "bin"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_BIN_HOME": str(bin_dir), "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    built = subprocess.run([str(REPO / "scripts/build"), "--help"], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    typed = subprocess.run(["site-builder", "check"], cwd=REPO / "content" / "articles", env=env,
                           capture_output=True, text=True, timeout=300)
    assert typed.returncode == 0, typed.stderr
    assert "không có lỗi" in typed.stderr

    (bin_dir / "site-builder").write_text("#!/bin/sh\necho của người khác\n", encoding="utf-8")
    subprocess.run([str(REPO / "scripts/build"), "--help"], env=env, capture_output=True, timeout=600, check=True)
    assert (bin_dir / "site-builder").read_text(encoding="utf-8") == "#!/bin/sh\necho của người khác\n"


def test_ctrl_c_during_a_build_says_so_and_keeps_the_site(column, tmp_path):
    import os
    import signal
    import time

    for number in range(40):
        column.article(f"bai-{number}", title=f"Bài số {number}", date="2024-01-02", body="Thân bài. " * 200)
    command = [sys.executable, "-m", "site_builder", "build", "-f", str(REPO / "mkdocs.yml"),
               "--content", str(column.root), "--site-dir", str(tmp_path / "site")]
    assert subprocess.run(command, cwd=REPO, capture_output=True).returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    column.article("moi", title="Bài mới", date="2024-01-03")
    # In a process group of its own, as on a terminal, where Ctrl+C signals the whole group.
    process = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".site.spare.search-*/runtime-site/*")):  # the index is being made: mid-build
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)
    _, said = process.communicate(timeout=60)
    assert process.returncode == 130, said
    assert "Đã dừng (Ctrl+C), không xuất bản. Trang đã xuất bản trước đó được giữ nguyên." in said
    assert "Traceback" not in said
    assert {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == before
    while time.monotonic() < deadline:  # the search process and Pagefind stopped too
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("a process of the interrupted build is still running")
