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

import fcntl
import gc
import multiprocessing
import os
import pickle
import select
import traceback
from collections.abc import Callable

_RESULT, _FAILURE = b"R", b"F"
_PIPE_BYTES = 1 << 20  # a message pipe's buffer: a few batches wait there for a parent busy elsewhere
_SIZE_BYTES = 8  # the length that precedes each message
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


class MessagePipe:
    """Values a forked child sends as it makes them (`send`), received by the parent whenever
    it has a moment (`received`): what the child made is handed over, and unpickled, while both
    still work, rather than all at once when the child is done (10,000 articles read in two
    processes: 23 MB of pickles, 0.25 s of one core at the end of reading). Made before the
    fork; then `in_child` and `in_parent` keep each end where it is used."""

    def __init__(self):
        self._read, self._write = os.pipe()
        try:
            fcntl.fcntl(self._write, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        except (AttributeError, OSError):  # not Linux, or a lower limit: the default buffer
            pass
        self._pending = bytearray()
        self.ended = False  # the child's end is closed and every message received

    def in_child(self) -> None:
        os.close(self._read)
        self._read = None

    def in_parent(self) -> None:
        os.close(self._write)
        self._write = None

    def send(self, value: object) -> None:
        """In the child: send `value` (pickled); waits while the pipe is full."""
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with memoryview(len(data).to_bytes(_SIZE_BYTES, "little") + data) as unsent:
            while unsent:
                unsent = unsent[os.write(self._write, unsent):]

    def end(self) -> None:
        """In the child: nothing more to send."""
        os.close(self._write)
        self._write = None

    def received(self, wait: bool = False) -> list:
        """In the parent: the values arrived since the last call; with `wait`, every value
        until the child's end is closed (it ended, or stopped)."""
        while not self.ended and select.select([self._read], [], [], None if wait else 0)[0]:
            chunk = os.read(self._read, _PIPE_BYTES)
            if not chunk:
                self.ended = True
            self._pending += chunk
        values, start = [], 0
        with memoryview(self._pending) as pending:
            while len(pending) - start >= _SIZE_BYTES:
                size = int.from_bytes(pending[start:start + _SIZE_BYTES], "little")
                if len(pending) - start - _SIZE_BYTES < size:
                    break
                start += _SIZE_BYTES
                values.append(pickle.loads(pending[start:start + size]))
                start += size
        del self._pending[:start]
        return values

    def close(self) -> None:
        for end in (self._read, self._write):
            if end is not None:
                os.close(end)
        self._read = self._write = None
