"""The command line as whoever runs the build uses it: `site-builder` and `python -m site_builder`."""

import subprocess
import sys
from pathlib import Path

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
    assert "Traceback" not in result.stderr


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
    assert [p.name for p in site.root.parent.iterdir() if p.name.startswith(".site")] == []
