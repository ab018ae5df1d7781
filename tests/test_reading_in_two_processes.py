"""Reading the column in two processes gives exactly what one process gives, and the build
cache still learns every front matter (the second process hands back what it learned)."""

import os
from functools import partial

import pytest

from conftest import NOW, config_variant
from site_builder.build_cache import FrontMatterCache
from site_builder.content import read_articles
from site_builder.sections import DEFAULT_SECTIONS

KEYS = tuple(section.key for section in DEFAULT_SECTIONS)


def test_two_processes_read_what_one_reads_problems_and_duplicate_slugs_included(column, tmp_path):
    for number in range(240):
        column.article(f"bai-{number:03d}", title=f"Bài số {number}", date=f"2024-{number % 12 + 1:02d}-03",
                       tags=[f"Chủ đề {number % 7}"], body=f"Thân bài số {number}.")
    column.article("sai-ngay", title="Sai ngày", date="2024-02-30")  # a problem, in either share
    column.article("trung-1", title="Trùng một", date="2024-01-05", slug="trung")
    column.article("trung-2", title="Trùng hai", date="2024-01-06", slug="trung")
    one = read_articles(column.root, KEYS)
    two = read_articles(column.root, KEYS, processes=2)
    assert len(one[0]) == 241 and len(one[1]) == 2
    assert two == one


def test_the_front_matter_cache_learns_the_files_the_second_process_read(column, tmp_path):
    for number in range(220):
        column.article(f"bai-{number:03d}", title=f"Bài số {number}", date="2024-03-04")
    cache = FrontMatterCache(tmp_path / "front-matter.json", "v1")
    read_articles(column.root, KEYS, cache, processes=2)
    assert len(cache.learned()) == 220
    cache.save()
    again = FrontMatterCache(tmp_path / "front-matter.json", "v1")
    read_articles(column.root, KEYS, again, processes=2)
    assert again.learned() == cache.learned()


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not p.relative_to(folder).as_posix().startswith(("pagefind/", "tim-kiem/bai/"))}


def _readings(monkeypatch) -> list[str]:
    """What becomes of each reading of the articles: 'started', 'used' by a build, 'cancelled'."""
    from site_builder.content import reader

    seen: list[str] = []
    for name, said in (("__init__", "started"), ("results", "used"), ("cancel", "cancelled")):
        original = getattr(reader.ArticleReading, name)

        def noted(self, *args, _original=original, _said=said, **options):
            if _said != "cancelled" or self._child is not None:  # a cancel with nothing to stop is no news
                seen.append(_said)
            return _original(self, *args, **options)
        monkeypatch.setattr(reader.ArticleReading, name, noted)
    return seen


def test_the_build_command_reads_the_articles_while_the_engine_starts_and_publishes_the_same(
        column, tmp_path, monkeypatch):
    """`site-builder build` starts reading before it imports MkDocs; the build takes that reading
    (one reading, not two) and publishes what a build without it publishes."""
    from site_builder.cli import main
    from site_builder.mkdocs_runner import build_site

    for number in range(230):
        column.article(f"bai-{number:03d}", title=f"Bài số {number}", date=f"2024-{number % 12 + 1:02d}-03",
                       tags=[f"Chủ đề {number % 5}"])
    config = config_variant(tmp_path, docs_dir=str(column.root))
    build_site(str(config), site_dir=str(tmp_path / "without"), now=NOW)
    readings = _readings(monkeypatch)
    monkeypatch.setattr("site_builder.mkdocs_runner.build_site",
                        partial(build_site, now=NOW))  # the same clock as the build above
    assert main(["build", "-f", str(config), "--site-dir", str(tmp_path / "with")]) == 0
    assert readings == ["started", "used"]
    assert _files(tmp_path / "with") == _files(tmp_path / "without")


def test_a_reading_of_another_folder_is_stopped_and_the_build_reads_its_own(column, tmp_path, monkeypatch):
    """The command finds the content folder before MkDocs does: when MkDocs finds another one
    (here a config naming a folder that MkDocs resolves elsewhere), the build reads its own."""
    from site_builder.cli import main
    from site_builder.content.reader import ArticleReading

    for number in range(210):
        column.article(f"bai-{number:03d}", title=f"Bài số {number}", date="2024-03-04")
    config = config_variant(tmp_path, docs_dir=str(column.root))
    readings = _readings(monkeypatch)
    monkeypatch.setattr(ArticleReading, "reads", lambda self, *asked: False)
    assert main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    assert readings == ["started", "cancelled", "started", "used"]
    assert (tmp_path / "site/2024/03/bai-209/index.html").is_file()


def _reading_failing_in(column, monkeypatch, child: bool) -> None:
    """240 articles, the child reading files 190 to 239 and this process the others, one at a
    time; reading one of them fails: `bai-200.md` in the child (`child`), else `bai-100.md` here."""
    from site_builder.content import reader
    from site_builder.forked import SharedBatches

    for number in range(240):
        column.article(f"bai-{number:03d}", title=f"Bài số {number}", date="2024-03-04")
    parent, read, left = os.getpid(), reader.article_of, {}

    def failing(path, *args):
        if path.name == ("bai-200.md" if child else "bai-100.md"):
            raise OSError("đĩa hỏng")
        return read(path, *args)

    def take(self, from_back: bool = False) -> range:
        in_child = os.getpid() != parent
        mine = left.setdefault(os.getpid(), iter([i for i in range(self._count) if (i >= 190) == in_child]))
        index = next(mine, None)
        return range(0) if index is None else range(index, index + 1)
    monkeypatch.setattr(reader, "article_of", failing)
    monkeypatch.setattr(SharedBatches, "take", take)


def test_a_failure_in_the_reading_child_fails_the_reading_with_its_message(column, monkeypatch):
    _reading_failing_in(column, monkeypatch, child=True)
    with pytest.raises(RuntimeError, match="đĩa hỏng"):
        read_articles(column.root, KEYS, processes=2)


def test_a_failure_while_this_process_reads_stops_the_child(column, monkeypatch):
    _reading_failing_in(column, monkeypatch, child=False)
    with pytest.raises(OSError, match="đĩa hỏng"):
        read_articles(column.root, KEYS, processes=2)
    with pytest.raises(ChildProcessError):  # stopped and waited for: no child left
        os.waitpid(-1, os.WNOHANG)
