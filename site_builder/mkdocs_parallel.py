"""Render part of the pages in a forked process, so that a build uses both cores.

Part of the MkDocs adapter. MkDocs reads and renders pages one by one; this hands a share of
the pages outside the navigation to a child process forked once the navigation exists, and
marks them excluded in the parent so that its own loop skips them. The child reads and
renders its share with MkDocs' own page functions and plugin events, writes the files, and
reports failure through a pipe.
"""

import signal
from collections.abc import Callable

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from site_builder.forked import Forked


class RenderWorker:
    """A child process that reads and renders `share`; the parent skips those pages."""

    def __init__(self, share: list[File], config: MkDocsConfig, files: Files, nav: Navigation,
                 in_child: Callable[[], None]):
        def work() -> None:
            in_child()
            _render(share, config, files, nav)

        self._child = Forked(work)
        for file in share:
            file.inclusion = InclusionLevel.EXCLUDED

    def join(self) -> None:
        """Wait for the child; raise BuildError with its traceback if it failed."""
        failure = self._child.wait()
        if failure is not None:
            raise BuildError(f"rendering in the second process failed:\n{failure}")

    def cancel(self) -> None:
        self._child.stop(signal.SIGKILL)


def _render(share: list[File], config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    for file in share:
        if file.page is None:
            Page(None, file, config)
        _populate_page(file.page, config, files)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    for file in share:
        _build_page(file.page, config, share, nav, env)
