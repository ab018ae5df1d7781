"""Progress of long work: a bar on a terminal, nothing in CI logs or when output is piped."""

import os
import sys
from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class BuildProgress(Protocol):
    def start(self, description: str, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def finish(self) -> None: ...


class SilentProgress:
    """For CI and pipes: a log should hold what went wrong, not a thousand progress lines."""

    def start(self, description: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class TerminalProgress:
    """A single bar redrawn in place on the terminal (stderr)."""

    def __init__(self):
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), transient=True)
        self._task = None

    def start(self, description: str, total: int) -> None:
        self._bar.start()
        self._task = self._bar.add_task(description, total=total)

    def advance(self, count: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, count)

    def finish(self) -> None:
        self._bar.stop()
        self._task = None


def progress_for_terminal() -> BuildProgress:
    """A bar when stderr is an interactive terminal outside CI; silence otherwise."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        return TerminalProgress()
    return SilentProgress()
