"""Work done in a forked process, its failure reported back to the parent through a pipe.

A fork shares the parent's memory as it is (the column read, the pages prepared): nothing is
sent to the child, and only a failure's text comes back.
"""

import os
import traceback
from collections.abc import Callable


def _traceback(failure: BaseException) -> str:
    return traceback.format_exc()


class Forked:
    """`work()` running in a child process; `describe` says what a failure becomes."""

    def __init__(self, work: Callable[[], None], describe: Callable[[BaseException], str] = _traceback):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into the caller
            os.close(read)
            status = 0
            try:
                work()
            except BaseException as failure:
                os.write(write, describe(failure).encode("utf-8", "replace"))
                status = 1
            os._exit(status)
        os.close(write)
        self._pid, self._pipe = pid, read

    def wait(self) -> str | None:
        """Wait for the child: None when the work was done, else what it failed with."""
        with os.fdopen(self._pipe, "rb") as pipe:
            failure = pipe.read().decode("utf-8", "replace").strip()
        self._pipe = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return None if status == 0 else failure or f"the process stopped (status {status})"

    def stop(self, signal_number: int) -> None:
        """Send the child `signal_number` and wait for it, unless it was waited for already."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal_number)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = None
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
