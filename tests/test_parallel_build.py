"""Rendering on two cores publishes exactly what rendering on one does."""

import os

import pytest

from conftest import Site, _builder, config_variant


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    """Batches of 8 pages: the columns here have tens of articles, fewer than one batch of a
    real build, and both processes must take some."""
    from site_builder import mkdocs_parallel
    monkeypatch.setattr(mkdocs_parallel, "_BATCH", 8)


def _files(site):
    """Every published file, the search index too."""
    return {str(p.relative_to(site.root)): p.read_bytes() for p in site.root.rglob("*") if p.is_file()}


def test_parallel_and_serial_builds_are_byte_identical(column, tmp_path):
    for i in range(30):
        column.article(f"bai-{i:02d}", title=f"Bài số {i}", date=f"2024-{1 + i % 12:02d}-{1 + i:02d}",
                       tags=["Nêu gương", f"Thẻ {i % 4}"], authors=[f"Tác giả {i % 3}"], locality="Huế",
                       subjects=[{"name": f"Chi bộ {i % 5}", "kind": "tap-the"}], featured=i == 3)
    serial_config = config_variant(tmp_path, plugins=[{"site-builder": {"parallel": False}}])
    parallel = _builder(tmp_path / "parallel", preview=False)(column)
    serial = _builder(tmp_path / "serial", preview=False)(column, config=serial_config)
    parallel_files, serial_files = _files(parallel), _files(serial)
    assert sorted(parallel_files) == sorted(serial_files)
    assert [name for name in parallel_files if parallel_files[name] != serial_files[name]] == []


def _column_of(column, count: int) -> None:
    for i in range(count):
        column.article(f"bai-{i:02d}", title=f"Bài số {i}", date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                       tags=[f"Thẻ {i % 4}"])


def _rendering_processes(column, build, monkeypatch, tmp_path, search_running: bool) -> set[str]:
    """The processes that rendered the pages of a build while the search index was (or was
    not) still being made; each page rendered once."""
    from site_builder import mkdocs_parallel
    from site_builder.search_index import SearchIndexJob

    rendered = tmp_path / "rendered.log"
    render = mkdocs_parallel._build_page

    def noted(page, *args):
        with rendered.open("a", encoding="utf-8") as log:  # one short append per page, from either process
            log.write(f"{os.getpid()} {page.file.dest_uri}\n")
        render(page, *args)
    monkeypatch.setattr(mkdocs_parallel, "_build_page", noted)
    monkeypatch.setattr(SearchIndexJob, "running", lambda job: search_running)
    _column_of(column, 60)
    site = build(column)
    lines = [line.split() for line in rendered.read_text(encoding="utf-8").splitlines()]
    pages = [page for _, page in lines]
    assert len(pages) == len(set(pages)) > 60
    assert all((site.root / page).is_file() for page in pages)
    return {pid for pid, _ in lines}


def test_both_processes_take_pages_and_each_page_is_rendered_once(column, build, monkeypatch, tmp_path):
    assert len(_rendering_processes(column, build, monkeypatch, tmp_path, search_running=False)) == 2


def test_no_second_renderer_while_the_search_index_is_made_beside(column, build, monkeypatch, tmp_path):
    """Three processes on two cores took a quarter more CPU time than two, for nothing."""
    assert len(_rendering_processes(column, build, monkeypatch, tmp_path, search_running=True)) == 1


def test_a_failure_in_the_second_process_fails_the_build_and_keeps_the_site(column, tmp_path, monkeypatch, caplog):
    from site_builder import mkdocs_parallel
    from site_builder.mkdocs_runner import BuildFailed, build_site
    from site_builder.search_index import SearchIndexJob

    monkeypatch.setattr(SearchIndexJob, "running", lambda job: False)  # the second process starts at once

    def build():  # cold builds: every page rendered, so the second process surely takes some
        build_site(str(config_variant(tmp_path)), str(column.root), str(tmp_path / "site"), clean=True)
        return Site(tmp_path / "site")

    _column_of(column, 30)
    site = build()
    before = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    parent, render = os.getpid(), mkdocs_parallel._build_page

    def broken_in_child(page, *args):
        if os.getpid() != parent:
            raise OSError("đĩa đầy")
        render(page, *args)
    monkeypatch.setattr(mkdocs_parallel, "_build_page", broken_in_child)
    with pytest.raises(BuildFailed):
        build()
    assert "Không dựng được trang ở tiến trình thứ hai" in caplog.text and "đĩa đầy" in caplog.text
    assert {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()} == before


def test_a_build_leaves_no_object_frozen_out_of_the_garbage_collector(column, build):
    """Forks freeze the parent's objects; `serve` builds again and again in one process, and
    what a build leaves must be collectable once it is garbage."""
    import gc

    _column_of(column, 60)
    build(column)
    assert gc.get_freeze_count() == 0


def test_each_article_card_is_rendered_in_one_process_only(column, build, monkeypatch, tmp_path):
    """List pages come first and the second process takes pages from the other end: the cards
    they share are rendered once, before it is forked, not again in it."""
    from site_builder.mkdocs_partials import SharedMacros
    from site_builder.search_index import SearchIndexJob

    rendered = tmp_path / "cards.log"
    render = SharedMacros._render

    def noted(self, context, macro_name, arguments, options):
        with rendered.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\t{macro_name}\t{arguments[0].title}\n")
        return render(self, context, macro_name, arguments, options)
    monkeypatch.setattr(SharedMacros, "_render", noted)
    monkeypatch.setattr(SearchIndexJob, "running", lambda job: False)  # the second process starts at once
    _column_of(column, 60)
    build(column)
    cards = [line.split("\t") for line in rendered.read_text(encoding="utf-8").splitlines()]
    card_titles = [title for _, name, title in cards if name == "card"]
    assert len(card_titles) == len(set(card_titles)) == 60
    assert len({pid for pid, _, _ in cards}) == 2  # the second process did render (headlines)
