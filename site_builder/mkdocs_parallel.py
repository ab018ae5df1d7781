"""Render the pages outside the navigation in two processes that share them as they go, so that
a build uses both cores and neither process waits for the other at the end.

Part of the MkDocs adapter. MkDocs reads and renders pages one by one; the pages outside the
navigation are marked excluded so that MkDocs' own loops skip them, and once the templates'
environment exists this process renders them, taking the next few pages from the front of the
list; a child process, forked once the second core is free (the search index is made in a
process of its own first), takes from the back until none is left. Pages near each other in the
list (articles of the same weeks) show the same headlines: each is then rendered in one process,
not in both. Each page is read and rendered with MkDocs' own page functions and plugin events.
Handing pages out as they go, rather than half each up front, keeps both busy to the end
whatever else runs beside them. A third process running beside two others made the build
slower, not faster: at 10,000 articles the three took a quarter more CPU time together (50 s
against 40 s) for the same wall time, each slowed by the others on this 2-core machine.
"""

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import mkdocs.utils
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from site_builder.forked import Forked, SharedBatches

_BATCH = 64  # pages taken at a time: few enough to end together (a batch takes about 0.06 s)


@contextmanager
def _writing_deferred() -> Iterator[None]:
    """MkDocs' `write_file`, with which `_build_page` writes each page, holding the pages it is
    given until the block ends without an error, then writing them."""
    pending: list[tuple[bytes, str]] = []
    write_file = mkdocs.utils.write_file
    mkdocs.utils.write_file = lambda content, path: pending.append((content, path))
    try:
        yield
    finally:
        mkdocs.utils.write_file = write_file
    for content, path in pending:
        write_file(content, path)


class SharedRendering:
    """`pages` rendered by this process and a forked child, each taking the next batch."""

    def __init__(self, pages: list[File], config: MkDocsConfig, files: Files, nav: Navigation):
        self._pages, self._config, self._files, self._nav = pages, config, files, nav
        self._batches = SharedBatches(len(pages), _BATCH)
        self._child: Forked | None = None
        for file in pages:
            file.inclusion = InclusionLevel.EXCLUDED

    @property
    def pages(self) -> list[File]:
        return self._pages

    def render(self, env, in_child: Callable[[], None], on_taken: Callable[[int], None],
               second_core_busy: Callable[[], bool]) -> None:
        """Render a first batch, then render here until every page is taken, forking the child
        (`in_child` first) once `second_core_busy()` is false; `on_taken(n)`: n more pages were
        taken by either process. The first batch compiles the templates once, for both processes."""
        self._render_batch(self._take(), env)

        def work() -> None:
            in_child()
            while batch := self._take(from_back=True):
                self._render_batch(batch, env)

        reported = 0
        while True:
            taken = self._batches.taken
            on_taken(taken - reported)
            reported = taken
            if not (batch := self._take()):
                break
            if self._child is None and not second_core_busy():
                self._child = Forked(work)
            self._render_batch(batch, env)

    def _render_batch(self, batch: list[File], env) -> None:
        """The batch's Markdown, then its templates, then its files: done page after page, each
        step evicted the others' code and data from the processor's caches. Rendering the
        12,300 pages of the 10,000-article corpus in one process took 12.1 s of CPU; 11.2 s with
        the Markdown first (as MkDocs' own loops do), 10.3 s with the files written last
        (medians of six and of eight runs)."""
        for file in batch:
            if file.page is None:
                Page(None, file, self._config)
            _populate_page(file.page, self._config, self._files)
        with _writing_deferred():
            for file in batch:
                _build_page(file.page, self._config, self._pages, self._nav, env)

    def _take(self, from_back: bool = False) -> list[File]:
        batch = self._batches.take(from_back)
        return self._pages[batch.start:batch.stop]

    def join(self) -> None:
        """Wait for the child; raise BuildError with its traceback if it failed."""
        if self._child is not None:
            failure = self._child.wait()
            self._child = None
            if failure is not None:
                raise BuildError(f"Không dựng được trang ở tiến trình thứ hai (second process):\n{failure}")

    def cancel(self) -> None:
        if self._child is not None:
            self._child.stop(signal.SIGKILL)
            self._child = None
