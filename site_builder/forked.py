"""Work done in a forked process, its result or its failure sent back to the parent through a
pipe.

A fork shares the parent's memory as it is (the column read, the pages prepared): nothing is
sent to the child; what its work returns (pickled) or a failure's text comes back. Every object
the parent has made is frozen out of the garbage collector before a fork, as Python's `gc.freeze`
advises: neither process walks them again (at 10,000 articles each full collection walked
millions), nor does the child copy their pages by touching them; the build unfreezes them at its
end (`thaw_after_build`), so that a long `serve` still collects them once they are garbage.

While they are frozen, full collections wait: once the long-lived objects are frozen, the
collector's rule that a full collection waits until the survivors grow by a quarter of them
compares with nearly nothing, so every tenth collection of the middle generation walked every
object made since (25 full collections, 3.4 s of CPU over the processes of a build of 10,000
articles, each finding about a thousand objects of garbage; the young collections find the
pages' garbage). Peak memory stays the same (405 MB).
"""

import gc
import multiprocessing
import os
import pickle
import select
import traceback
from collections.abc import Callable

_RESULT, _FAILURE = b"R", b"F"
_DEFAULT_FULL_COLLECTION = gc.get_threshold()[2]
_FULL_COLLECTION_AFTER = 1000  # collections of the middle generation, while frozen (Python's: 10)


def _traceback(failure: BaseException) -> str:
    return traceback.format_exc()


def _freeze() -> None:
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, _FULL_COLLECTION_AFTER)
    gc.freeze()


def thaw_after_build() -> None:
    """Give the objects frozen before forks back to the garbage collector, and its usual pace."""
    gc.unfreeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, _DEFAULT_FULL_COLLECTION)


class Forked:
    """`work()` running in a child process; `describe` says what a failure becomes. Once
    waited for, `result` is what `work` returned."""

    def __init__(self, work: Callable[[], object], describe: Callable[[BaseException], str] = _traceback):
        read, write = os.pipe()
        _freeze()
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

    def ended(self) -> bool:
        """Whether the work is over (its result or failure waits in the pipe): `wait` will not block."""
        return self._pipe is None or bool(select.select([self._pipe], [], [], 0)[0])

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
    fast each goes. One may take from the back (`from_back`): each process then works through
    a region of its own, and what neighbouring items share is made in one process, not in both.
    The two ends live in shared memory, made before the fork."""

    def __init__(self, count: int, size: int):
        self._count, self._size = count, size
        self._ends = multiprocessing.Array("q", [0, count])  # [first untaken, end of the untaken]

    @property
    def taken(self) -> int:
        """How many indexes either process has taken so far."""
        with self._ends.get_lock():
            front, back = self._ends.get_obj()
            return front + self._count - back

    def take(self, from_back: bool = False) -> range:
        """The next batch from the front (or the back); empty once every index is taken."""
        with self._ends.get_lock():
            ends = self._ends.get_obj()
            front, back = ends
            if from_back:
                ends[1] = start = max(front, back - self._size)
                return range(start, back)
            ends[0] = stop = min(back, front + self._size)
            return range(front, stop)
