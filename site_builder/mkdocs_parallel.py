"""Render part of the pages in a forked process, so that a build uses both cores.

Part of the MkDocs adapter. MkDocs reads and renders pages one by one; this hands a share of
the pages outside the navigation to a child process forked once the navigation exists, and
marks them excluded in the parent so that its own loop skips them. The child reads and
renders its share with MkDocs' own page functions and plugin events, writes the files, and
reports failure through a pipe.
"""

import os
import signal
import traceback
from collections.abc import Callable

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


class RenderWorker:
    """A child process that reads and renders `share`; the parent skips those pages."""

    def __init__(self, share: list[File], config: MkDocsConfig, files: Files, nav: Navigation,
                 in_child: Callable[[], None]):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into the parent's build
            os.close(read)
            status = 0
            try:
                in_child()
                _render(share, config, files, nav)
            except BaseException:
                os.write(write, traceback.format_exc().encode("utf-8", "replace"))
                status = 1
            os._exit(status)
        os.close(write)
        self._pid, self._pipe = pid, read
        for file in share:
            file.inclusion = InclusionLevel.EXCLUDED

    def join(self) -> None:
        """Wait for the child; raise BuildError with its traceback if it failed."""
        with os.fdopen(self._pipe, "rb") as pipe:
            failure = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self._pid, 0)
        if status != 0:
            raise BuildError(f"rendering in the second process failed:\n{failure}")

    def cancel(self) -> None:
        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self._pipe)


def _render(share: list[File], config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    for file in share:
        if file.page is None:
            Page(None, file, config)
        _populate_page(file.page, config, files)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    for file in share:
        _build_page(file.page, config, share, nav, env)
