"""Work done in a forked process, its result or its failure sent back to the parent through a
pipe.

A fork shares the parent's memory as it is (the column read, the pages prepared): nothing is
sent to the child; what its work returns (pickled) or a failure's text comes back. Every object
the parent has made is frozen out of the garbage collector before a fork, as Python's `gc.freeze`
advises: neither process walks them again (at 10,000 articles each full collection walked
millions), nor does the child copy their pages by touching them; the build unfreezes them at its
end (`thaw_after_build`), so that a long `serve` still collects them once they are garbage.
"""

import gc
import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable

_RESULT, _FAILURE = b"R", b"F"


def _traceback(failure: BaseException) -> str:
    return traceback.format_exc()


def thaw_after_build() -> None:
    """Give the objects frozen before forks back to the garbage collector."""
    gc.unfreeze()


class Forked:
    """`work()` running in a child process; `describe` says what a failure becomes. Once
    waited for, `result` is what `work` returned."""

    def __init__(self, work: Callable[[], object], describe: Callable[[BaseException], str] = _traceback):
        read, write = os.pipe()
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child never returns into the caller
            os.close(read)
            try:
                message, status = _RESULT + pickle.dumps(work(), pickle.HIGHEST_PROTOCOL), 0
            except BaseException as failure:
                message, status = _FAILURE + describe(failure).encode("utf-8", "replace"), 1
            try:
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(message)
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._pipe = pid, read
        self.result: object = None

    def wait(self) -> str | None:
        """Wait for the child: None when the work was done, else what it failed with."""
        with os.fdopen(self._pipe, "rb") as pipe:
            message = pipe.read()
        self._pipe = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status == 0 and message.startswith(_RESULT):
            self.result = pickle.loads(message[len(_RESULT):])
            return None
        failure = message.removeprefix(_FAILURE).decode("utf-8", "replace").strip()
        return failure or f"the process stopped (status {status})"

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


class SharedBatches:
    """The indexes `0…count-1` handed out in consecutive batches to a process and the child it
    forks, each taking the next batch when done with its last: both end together, however
    fast each goes. The counter lives in shared memory, made before the fork."""

    def __init__(self, count: int, size: int):
        self._count, self._size = count, size
        self._taken = multiprocessing.Value("q", 0)

    @property
    def taken(self) -> int:
        """How many indexes either process has taken so far."""
        return min(self._taken.value, self._count)

    def take(self) -> range:
        """The next batch; empty once every index is taken."""
        with self._taken.get_lock():
            start = self._taken.value
            self._taken.value = start + self._size
        return range(min(start, self._count), min(start + self._size, self._count))
